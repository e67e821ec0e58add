// Internal to schema/: where each template table stands in a report. The heading of its
// section names it (exactly or within the template's edits) and its content agrees — a region
// that prints another table's texts, or nothing while the table's own stand elsewhere, is not
// it; else a block that names it (title or header) followed by its own headers and labels; else
// its content alone. A table's text is its own: a region ends with its level-1 section and
// before the next table's region.
#pragma once

#include <string>
#include <vector>

#include "model/report.h"
#include "normalize/key_search.h"
#include "schema/internal/report_text.h"
#include "schema/template.h"

namespace nianbao::schema {

struct Range {
  std::size_t first = 0, end = 0;  // blocks [first, end)
  bool found = false;
  std::size_t first_offset = 0;  // the table starts at this byte of block `first`'s text
  std::size_t end_offset = 0;    // > 0: block `end` up to this byte belongs to the range too
  std::string note;  // how it was found when not by an exact heading (said in the values' note)
};

// One range per table of `tables` (the first table of each group the mapper reads together).
std::vector<Range> table_ranges(const Report& report, const Template& t, const std::vector<const TableDef*>& tables);
std::vector<Range> table_ranges(const ReportText& text, const Template& t, const std::vector<const TableDef*>& tables);

namespace regions_detail {
// Whether blocks [first, end), their keys run together, print at least `needed` distinct keys
// of `keys`; exposed for tests.
bool has_content(const ReportText& text, const normalize::KeySearch& keys, std::size_t first, std::size_t end,
                 std::size_t needed);
}  // namespace regions_detail

}  // namespace nianbao::schema
