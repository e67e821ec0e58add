// Text tables: runs the four detectors (box-drawn, markdown pipe, tab-separated, space-aligned)
// over the cleaned lines, each on the lines the earlier ones left, and the helpers they share:
// the cell-limited grid builder, label-row marking, heading tests, wrapped-cell joining.
#include <algorithm>
#include <cctype>

#include "extract/internal/first_char.h"
#include "extract/internal/text_tables.h"
#include "normalize/normalize.h"

namespace nianbao::extract {

namespace text_tables {

namespace nz = nianbao::normalize;

GridBuilder::GridBuilder(TableSource source, const Limits& limits, std::vector<Diagnostic>& diagnostics)
    : limits_(limits), diagnostics_(diagnostics), budget_(limits.max_table_cells) {
  table_.source = source;
}

void GridBuilder::warn_cells(const Line& at) {
  if (warned_cells_) return;
  warned_cells_ = true;
  diagnostics_.push_back({Severity::warning, "limit.table-cells",
                          "table has more than " + std::to_string(limits_.max_table_cells) +
                              " cells; the rest of its rows were dropped",
                          {at.number, at.offset}});
}

void GridBuilder::add_row(std::vector<TableCell> cells, const Line& at, std::optional<bool> has_value) {
  if (budget_ == 0) {
    warn_cells(at);
    return;
  }
  if (cells.size() > budget_) {
    cells.resize(budget_);
    warn_cells(at);
    has_value.reset();  // the cell that held a value may be gone
  }
  has_value_.resize(table_.rows.size(), -1);
  has_value_.push_back(has_value ? static_cast<std::int8_t>(*has_value) : std::int8_t{-1});
  budget_ -= cells.size();
  const int row = static_cast<int>(table_.rows.size());
  TableRow& r = table_.rows.emplace_back();
  r.pos = {at.number, at.offset};
  r.cells = std::move(cells);
  for (TableCell& c : r.cells) c.row = row;
}

void GridBuilder::add_empty_row() {
  if (budget_ == 0) return;
  table_.rows.emplace_back();
}

void GridBuilder::clamp_span(TableCell& cell, const Line& at) {
  const int max = std::max(1, limits_.max_span);
  if (cell.rows <= max && cell.cols <= max) return;
  cell.rows = std::min(cell.rows, max);
  cell.cols = std::min(cell.cols, max);
  if (warned_span_) return;
  warned_span_ = true;
  diagnostics_.push_back({Severity::warning, "limit.span",
                          "a cell spans more than " + std::to_string(max) + " rows or columns; the span was cut",
                          {at.number, at.offset}});
}

void GridBuilder::note_dropped(const Line& at) { warn_cells(at); }

Table GridBuilder::finish() {
  int width = 0;
  const int rows = static_cast<int>(table_.rows.size());
  has_value_.resize(table_.rows.size(), -1);  // empty rows: not known
  for (std::size_t r = 0; r < table_.rows.size(); ++r) {
    TableRow& row = table_.rows[r];
    const bool known = has_value_[r] >= 0;
    row.header = !known || has_value_[r] == 0;
    for (TableCell& c : row.cells) {
      c.rows = std::min(c.rows, rows - c.row);  // rows dropped at the cell limit take their share of a span
      width = std::max(width, c.col + c.cols);
      if (!known && row.header && is_value_text(c.text)) row.header = false;
    }
  }
  table_.columns = width;
  return std::move(table_);
}

std::string_view after_blanks(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  return text.substr(i);
}

namespace {

// The first code point after leading spaces (0 when none).
char32_t first_code_point(std::string_view text) {
  const std::string_view rest = after_blanks(text);
  std::size_t i = 0;
  return rest.empty() ? 0 : nz::next_code_point(rest, i);
}

// Cheap tests that spare the NFKC fold for most words of running text: whether `text`, after
// its leading spaces, starts as a number, a dash or a word meaning none may.
bool may_start_value(std::string_view text) {
  const std::string_view rest = after_blanks(text);
  if (rest.empty()) return false;
  std::size_t i = 0;
  const char32_t c = nz::next_code_point(rest, i);
  return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == '/' || c == '\\' ||
         (c >= 0xFF10 && c <= 0xFF19) || c == 0xFF0B || c == 0xFF0D || c == 0xFF0F || (c >= 0x2010 && c <= 0x2015) ||
         c == 0x2212 || c == 0x2500 || c == 0x30FC || nz::may_start_none_word(rest);
}

bool may_start_number(char32_t c) {
  return c == '(' || c == U'（' || (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) ||
         (c >= 0x2460 && c <= 0x24FF) || (c >= 0x3200 && c <= 0x32FF);
}

}  // namespace

bool is_value_text(std::string_view text) {
  if (text.empty() || text.size() > max_value_text_bytes) return false;
  // A plain integer (most cells of a table): a number, as parse_cell_number's first test finds,
  // without building one.
  if (!nz::plain_integer(text).empty()) return true;
  if (!may_start_value(text)) return false;
  const nz::CellNumber n = nz::parse_cell_number(text);
  return n.kind == nz::CellNumber::number || n.kind == nz::CellNumber::dash;
}

std::string clean_field(std::string_view piece) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  std::size_t from = 0, to = piece.size();
  while (from < to && blank(piece[from])) ++from;
  while (to > from && blank(piece[to - 1])) --to;
  std::string out;
  out.reserve(to - from);
  for (std::size_t i = from; i < to;) {
    std::size_t j = i;
    while (j < to && !blank(piece[j])) ++j;
    out.append(piece.data() + i, j - i);
    if (j == to) break;
    out += ' ';
    while (blank(piece[j])) ++j;  // the piece ends with no blank: j stays before `to`
    i = j;
  }
  return out;
}

bool is_level1_heading(std::string_view text) {
  if (text.size() > 400) return false;
  // A Chinese numeral first, or no level-1 number (most lines: spares the fold).
  if (const char32_t c = plain_first_char(text); c != 0 && !is_chinese_numeral_char(c)) return false;
  const std::string f = nz::fold(text);
  const nz::ListNumber n = nz::parse_list_number(f);
  if (n.style != nz::ListNumber::chinese || n.separator != U'、' || n.length == f.size()) return false;
  return !is_value_text(text);
}

bool is_sub_numbered(std::string_view text) {
  if (!may_start_number(first_code_point(text))) return false;
  const std::string f = fold_prefix(text, 32);
  const nz::ListNumber n = nz::parse_list_number(f);
  if (n.style == nz::ListNumber::chinese_paren || n.style == nz::ListNumber::arabic_paren) return true;
  return n.style == nz::ListNumber::arabic && (n.separator == U'、' || (n.separator == '.' && n.length < f.size()));
}


}  // namespace text_tables

std::vector<TextTable> find_text_tables(const Lines& lines, const Limits& limits,
                                        std::vector<Diagnostic>& diagnostics) {
  namespace tt = text_tables;
  std::vector<TextTable> out;
  tt::Claims claims(lines.size(), 0);
  // Drawn borders and pipes are explicit; tabs next; aligned columns are guessed last, on
  // whatever the explicit forms left.
  tt::find_box_tables(lines, limits, diagnostics, claims, out);
  tt::find_pipe_tables(lines, limits, diagnostics, claims, out);
  tt::find_tab_tables(lines, limits, diagnostics, claims, out);
  tt::find_aligned_tables(lines, limits, diagnostics, claims, out);
  tt::find_stacked_tables(lines, limits, diagnostics, claims, out);
  std::sort(out.begin(), out.end(), [](const TextTable& a, const TextTable& b) { return a.first < b.first; });
  return out;
}

}  // namespace nianbao::extract
