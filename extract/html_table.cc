// The HTML table model for one table: each origin cell kept once at its grid position with
// its spans; header rows marked. Spans, grid width and cell count are bounded by Limits.
#include "extract/internal/html_table.h"

#include <algorithm>

#include "normalize/normalize.h"

namespace nianbao::extract::html {
namespace {

constexpr unsigned char kThead = 1, kAllTh = 2, kAnyCell = 4;
constexpr int kToGroupEnd = INT_MAX / 2;  // rowspan="0": cut at the end of the row group

bool has_digit(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') return true;
    // Full-width digits ０-９ are EF BC 90-99.
    if (static_cast<unsigned char>(s[i]) == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99)
      return true;
  }
  return false;
}

bool is_numeric_cell(const std::string& text) {
  return has_digit(text) && normalize::parse_cell_number(text).kind == normalize::CellNumber::number;
}

}  // namespace

int parse_span(std::string_view value) {
  std::size_t i = 0;
  while (i < value.size() && (value[i] == ' ' || value[i] == '\t' || value[i] == '\n' || value[i] == '\r' ||
                              value[i] == '\f'))
    ++i;
  if (i < value.size() && value[i] == '+') ++i;
  if (i >= value.size() || value[i] < '0' || value[i] > '9') return -1;
  long long n = 0;
  for (; i < value.size() && value[i] >= '0' && value[i] <= '9'; ++i) n = std::min(n * 10 + (value[i] - '0'), 1LL << 30);
  return static_cast<int>(n);
}

TableGrid::TableGrid(const Limits& limits, std::vector<Diagnostic>& diagnostics, SourcePos pos)
    : limits_(limits), diagnostics_(diagnostics), pos_(pos) {
  table_.source = TableSource::html;
}

void TableGrid::warn(const char* code, std::string message, bool& once) {
  if (once) return;
  once = true;
  diagnostics_.push_back({Severity::warning, code, std::move(message), pos_});
}

void TableGrid::start_row(bool in_thead, SourcePos at) {
  if (full_) return;
  table_.rows.emplace_back().pos = at;
  row_flags_.push_back(static_cast<unsigned char>((in_thead ? kThead : 0) | kAllTh));
  next_col_ = 0;
}

void TableGrid::add_cell(std::string text, int rowspan, int colspan, bool th) {
  if (full_) return;
  if (table_.rows.empty()) start_row(false);
  if (cells_ >= limits_.max_table_cells) {
    full_ = true;
    warn("limit.table-cells",
         "table has more than " + std::to_string(limits_.max_table_cells) + " cells; the rest is left out",
         warned_cells_);
    return;
  }
  const int max_span = std::max(limits_.max_span, 1);
  // HTML: colspan 0 or junk is 1; rowspan 0 spans to the end of the row group.
  if (colspan < 1) colspan = 1;
  if (rowspan < 0) rowspan = 1;
  if (colspan > max_span || rowspan > max_span) {
    warn("limit.span",
         "rowspan/colspan larger than " + std::to_string(max_span) + " clamped (--max-span)", warned_span_);
    colspan = std::min(colspan, max_span);
    rowspan = std::min(rowspan, max_span);
  }
  const int row = static_cast<int>(table_.rows.size()) - 1;
  int col = next_col_;
  while (col < static_cast<int>(busy_until_.size()) && busy_until_[col] > row) ++col;
  // The grid is no wider than the largest span: a row of huge spans cannot blow it up.
  if (col >= max_span) {
    warn("limit.span", "table wider than " + std::to_string(max_span) + " columns cut (--max-span)", warned_span_);
    return;
  }
  if (col + colspan > max_span) {
    warn("limit.span", "table wider than " + std::to_string(max_span) + " columns cut (--max-span)", warned_span_);
    colspan = max_span - col;
  }
  const int rows = rowspan == 0 ? kToGroupEnd : rowspan;
  if (static_cast<int>(busy_until_.size()) < col + colspan) busy_until_.resize(col + colspan, 0);
  for (int c = col; c < col + colspan; ++c) busy_until_[c] = rows == kToGroupEnd ? kToGroupEnd : row + rows;
  TableRow& r = table_.rows.back();
  if (rows > 1) spanning_.emplace_back(row, static_cast<int>(r.cells.size()));
  r.cells.push_back({std::move(text), row, col, rows, colspan});
  unsigned char& flags = row_flags_.back();
  flags |= kAnyCell;
  if (!th) flags &= static_cast<unsigned char>(~kAllTh);
  next_col_ = col + colspan;
  table_.columns = std::max(table_.columns, col + colspan);
  ++cells_;
}

void TableGrid::end_group() {
  const int height = static_cast<int>(table_.rows.size());
  for (const auto& [row, index] : spanning_) {
    TableCell& c = table_.rows[row].cells[index];
    c.rows = std::min(c.rows, height - row);
  }
  spanning_.clear();
  for (int& b : busy_until_) b = std::min(b, height);
}

Table TableGrid::finish() {
  end_group();
  std::size_t first_numeric = table_.rows.size();
  for (std::size_t r = 0; r < table_.rows.size() && first_numeric == table_.rows.size(); ++r)
    for (const TableCell& c : table_.rows[r].cells)
      if (is_numeric_cell(c.text)) {
        first_numeric = r;
        break;
      }
  for (std::size_t r = 0; r < table_.rows.size(); ++r) {
    const unsigned char f = row_flags_[r];
    table_.rows[r].header =
        (f & kThead) || ((f & kAnyCell) && (f & kAllTh)) || (r < first_numeric && first_numeric < table_.rows.size());
  }
  return std::move(table_);
}

}  // namespace nianbao::extract::html
