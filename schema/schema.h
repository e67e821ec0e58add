// schema: report templates (formats as data) applied to an extracted document: the canonical
// cells and the consistency checks. Knows nothing of HTML, charsets or output formats: it reads
// the report model (blocks, tables, sections) that extract/ filled.
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

}  // namespace nianbao::schema
