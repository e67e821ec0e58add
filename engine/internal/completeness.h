// Internal to engine/: how complete a report's reading is, as a few named classes that the
// viewer's facet and the search filter share (over `reports r`).
#pragma once

namespace nianbao::engine {

// complete: every canonical cell of its format read (number, blank or dash); partial: at least
// half of them (a report that skips a table or prints the older rows of 表三); sparse: less
// than half (a table lost, or a report in another format); none: no format recognised.
inline constexpr const char* completeness_sql =
    "(CASE WHEN r.cells_expected = 0 THEN 'none' WHEN r.cells_read >= r.cells_expected THEN 'complete' "
    "WHEN r.cells_read * 2 >= r.cells_expected THEN 'partial' ELSE 'sparse' END)";

}  // namespace nianbao::engine
