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

// The same with the format given (a template read by load_template_file): no detection.
struct Template;
void apply_template(Report& report, const Template& format, const Limits& limits = {});

// Recompute report.checks from report.values under report.template_id (after a value was
// corrected): the same rules, a group the values hold as one row counted as printed so.
void recheck(Report& report);

}  // namespace nianbao::schema
