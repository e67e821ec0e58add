// schema: report templates applied to an extracted document, the consistency checks, and the
// XML writer with its RELAX NG schema. Knows nothing of HTML or charsets: it reads the report
// model (blocks, tables, sections) that extract/ filled.
#pragma once

#include <string>
#include <string_view>

#include "extract/extract.h"
#include "model/limits.h"
#include "model/report.h"

namespace nianbao::schema {

// What the template data knows about headings: the section headings of every format and the
// variants of headings.xml (known), table row labels that look like headings (not_headings),
// and the words a run-in heading ends with.
const extract::HeadingHints& heading_hints();

// Decide the format (report.template_id), map the tables to canonical cells (report.values)
// and run the consistency rules (report.checks). Diagnostics say what could not be mapped.
void apply_template(Report& report, const Limits& limits = {});

// The report as XML (see nianbao.rng). Always well-formed, whatever the input was.
std::string to_xml(const Report& report);

// The RELAX NG schema of to_xml's output.
std::string_view relax_ng();

// The report's title, agency and reporting year from its first blocks (title, 统计期限).
void find_metadata(Report& report, std::string_view document_title);

}  // namespace nianbao::schema
