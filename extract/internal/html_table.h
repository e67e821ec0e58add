// Internal to extract/: the grid of one HTML <table> as the HTML table model places its cells
// (rowspan/colspan push later cells right and down), within the bounds of Limits.
#pragma once

#include <algorithm>
#include <climits>
#include <string>
#include <string_view>
#include <vector>

#include "model/limits.h"
#include "model/report.h"

namespace nianbao::extract::html {

// A rowspan/colspan attribute value by the HTML rules for non-negative integers (leading
// spaces, then digits; the rest ignored): -1 when absent or not a number. Saturates.
int parse_span(std::string_view value);

class TableGrid {
 public:
  TableGrid(const Limits& limits, std::vector<Diagnostic>& diagnostics, SourcePos pos);

  void start_row(bool in_thead, SourcePos at = {});  // a <tr>, where it stands
  // A <td>/<th> of the current row; spans as parsed (-1 = absent, rowspan 0 = to the end of
  // the row group). Clamped here, with a warning.
  void add_cell(std::string text, int rowspan, int colspan, bool th);
  // The next cell of the row starts at grid column `col` or further right (a DOCX row that
  // starts late: w:gridBefore).
  void skip_to(int col) { next_col_ = std::max(next_col_, col); }
  void end_group();  // </thead>, </tbody>, </tfoot>: row spans stop at the group's last row
  Table finish();    // header rows marked, spans cut at the last row

 private:
  void warn(const char* code, std::string message, bool& once);

  const Limits& limits_;
  std::vector<Diagnostic>& diagnostics_;
  SourcePos pos_;
  Table table_;
  std::vector<unsigned char> row_flags_;  // kThead | kAllTh | kAnyCell per row
  std::vector<int> busy_until_;           // per grid column: first row not covered by a rowspan
  std::vector<std::pair<int, int>> spanning_;  // (row, index) of cells with rows > 1 in this group
  int next_col_ = 0;
  std::size_t cells_ = 0;
  bool full_ = false;
  bool warned_span_ = false;
  bool warned_cells_ = false;
};

}  // namespace nianbao::extract::html
