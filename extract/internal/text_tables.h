// Internal to extract/text_tables*.cc: what the four text-table detectors share — the lines
// already taken by a table, a grid builder that enforces the cell limit and marks label rows,
// and the tests for lines a table must not swallow (the report's level-1 headings).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/internal/lines.h"

namespace nianbao::extract::text_tables {

// One flag per line: set once a detector made the line part of a table; later detectors skip it.
using Claims = std::vector<char>;

// Lines longer than this are never table rows (bounds the per-line work of the detectors).
constexpr std::size_t max_row_bytes = 64 * 1024;
// Fields a finder keeps of the lines it split while judging them, so that a table's rows are not
// split again when it is built (a real table has a few hundred cells); past it, lines are split
// again. Bounds what a run of millions of lines keeps.
constexpr std::size_t max_kept_fields = 16 * 1024;

// Rows of one table as they are found. Stops taking cells at limits.max_table_cells (one
// warning per table); finish() marks label rows (no numeric cell) and sets the grid width.
class GridBuilder {
 public:
  GridBuilder(TableSource source, const Limits& limits, std::vector<Diagnostic>& diagnostics);

  // Cells that may still be added (0 once the limit is reached).
  std::size_t budget() const { return budget_; }
  bool full() const { return budget_ == 0; }

  // Appends a row whose cells carry their grid column and spans; the grid row is set here.
  // Cells beyond the budget are dropped, and so are all later rows. `has_value`, when the caller
  // knows it: whether a cell's text is a value (is_value_text), which finish() then need not ask
  // again (ignored for a row that lost cells to the budget).
  void add_row(std::vector<TableCell> cells, const Line& at, std::optional<bool> has_value = std::nullopt);
  // An empty grid row (every position covered by a rowspan from above).
  void add_empty_row();
  // Cuts spans to limits.max_span (warning once).
  void clamp_span(TableCell& cell, const Line& at);
  // Records that rows were dropped before they were built (a caller that stops reading early).
  void note_dropped(const Line& at);

  std::size_t rows() const { return table_.rows.size(); }
  Table finish();

 private:
  void warn_cells(const Line& at);

  Table table_;
  std::vector<std::int8_t> has_value_;  // per row: 1 or 0 when known by add_row, -1 when not
  const Limits& limits_;
  std::vector<Diagnostic>& diagnostics_;
  std::size_t budget_;
  bool warned_cells_ = false;
  bool warned_span_ = false;
};

// A value-bearing cell text: a number ("21", "7730.28", "+2", "251000元") or a dash token, of
// at most max_value_text_bytes (a longer text is never one).
constexpr std::size_t max_value_text_bytes = 64;
bool is_value_text(std::string_view text);

// normalize::clean of a piece of a line of Lines (cleaned: its only whitespace spaces and tabs, no
// character clean drops or changes), cut at ASCII bytes: the piece trimmed, each run of spaces
// and tabs one space. The delimited tables' cells, without clean's look at every character.
std::string clean_field(std::string_view piece);

// "三、收到和处理政府信息公开申请情况" (also "三 、本 年 度…"): a level-1 number and text, no value.
bool is_level1_heading(std::string_view text);

// A lower-level row number at the start: （一） (一) 1. 1、
bool is_sub_numbered(std::string_view text);

// `text` from its first byte that is no space or tab (text_tables.cc).
std::string_view after_blanks(std::string_view text);

// A markdown pipe table's separator row (text_tables_delimited.cc), |---|:--:| : every cell
// dashes with optional colons, and each cell has three dashes or a colon, so that a data row of
// dash cells ("| - | - |") stays a row.
bool is_pipe_separator(std::string_view line);

// Space-aligned tables (text_tables_columns.cc). Where the k values of a short row go among
// the m value columns of its reference row (centers `t` against `r`, doubled display
// columns): their indices; in order when m <= k or the matching work would pass `budget`
// (which it is charged against).
std::vector<int> align_values(const std::vector<int>& t, const std::vector<int>& r, std::size_t& budget);
// Strictly increasing columns in [0, width) as close as possible to the desired ones.
std::vector<int> monotone(std::vector<int> desired, int width);


// Display width of the code point that starts at `text[i]` (CJK = 2); advances `i`. Inline: the
// aligned-table finder asks it of every character of the lines it splits into fields.
inline int next_glyph(std::string_view text, std::size_t& i, char32_t& c) {
  if (normalize::is_ideograph_at(text, i)) {  // what display_width gives a lead byte E4–E9, without the call
    c = normalize::next_code_point(text, i);
    return 2;
  }
  const std::size_t start = i;
  c = normalize::next_code_point(text, i);
  if (c < 0x80) return c == '\t' ? 8 : 1;
  return static_cast<int>(normalize::display_width(text.substr(start, i - start)));
}

// Whether a byte leads a three-byte character of E4–E9 (ideographs: two columns each, what
// next_glyph gives every one of them): the field splitters of aligned text cross such a run at
// once (normalize::cjk_run_end), not a glyph at a time.
inline bool wide_lead(char b) { return static_cast<unsigned char>(b) - 0xE4u <= 0xE9u - 0xE4u; }

// The detectors, run in this order by find_text_tables. Each appends its tables and claims
// their lines.
void find_box_tables(const Lines& lines, const Limits& limits, std::vector<Diagnostic>& diagnostics,
                     Claims& claims, std::vector<TextTable>& out);
void find_pipe_tables(const Lines& lines, const Limits& limits, std::vector<Diagnostic>& diagnostics,
                      Claims& claims, std::vector<TextTable>& out);
void find_tab_tables(const Lines& lines, const Limits& limits, std::vector<Diagnostic>& diagnostics,
                     Claims& claims, std::vector<TextTable>& out);
void find_aligned_tables(const Lines& lines, const Limits& limits, std::vector<Diagnostic>& diagnostics,
                         Claims& claims, std::vector<TextTable>& out);
// One cell per line (text_tables_stacked.cc): only the rows whose empty lines show an empty cell.
void find_stacked_tables(const Lines& lines, const Limits& limits, std::vector<Diagnostic>& diagnostics,
                         Claims& claims, std::vector<TextTable>& out);

}  // namespace nianbao::extract::text_tables
