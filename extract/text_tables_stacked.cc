// Tables printed one cell per line (PDF text in reading order): a row is its label's line
// and the value lines after it. The values need no table to be read — the mapper reads them
// as a run — except where a cell is empty: converters print it as an extra empty line, so a
// row whose gaps are wider than its usual gap is taken here as a one-row table, an empty cell
// standing in each place where the lines say one is missing.
#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>

#include "extract/internal/text_tables.h"
#include "normalize/normalize.h"

namespace nianbao::extract::text_tables {
namespace {

namespace nz = nianbao::normalize;

enum class Kind { blank, value, text };

// Asked of every line: trimmed in loops here, and a line too long to be a value (is_value_text
// reads at most 64 bytes) is text without looking further.
Kind kind_of(std::string_view line) {
  std::size_t b = 0, e = line.size();
  while (b < e && (line[b] == ' ' || line[b] == '\t')) ++b;
  if (b == e) return Kind::blank;
  while (line[e - 1] == ' ' || line[e - 1] == '\t') --e;
  if (e - b > max_value_text_bytes) return Kind::text;
  const std::string_view t = line.substr(b, e - b);
  // One value on its own ("31", "-2", "96171.6"): no inner space (several values are a run).
  if (t.find(' ') == std::string_view::npos && is_value_text(t)) return Kind::value;
  return Kind::text;
}

// A row of one cell per line: the label's lines [label_first, label_end), then the values at
// `values`, each with the empty lines before it; `after` the empty lines after the last value
// when a text line follows, else none. The values and gaps of all rows are kept in two vectors
// of the document's (StackedRows), a row's at [first_value, first_value + value_count): two
// allocations per row were most of the finder's cost on a document of stacked cells.
struct StackedRow {
  std::size_t label_first = 0, label_end = 0;
  std::size_t first_value = 0, value_count = 0;
  std::size_t after = 0;
  bool followed = false;  // a text line follows the values (not the end of the document)
  std::size_t end = 0;    // the line after the last value
};
struct StackedRows {
  std::vector<StackedRow> rows;
  std::vector<std::size_t> values;  // line of each value
  std::vector<std::size_t> gaps;    // empty lines before each value (a row's first: after its label)
  std::span<const std::size_t> values_of(const StackedRow& r) const { return {values.data() + r.first_value, r.value_count}; }
  std::span<std::size_t> gaps_of(const StackedRow& r) { return {gaps.data() + r.first_value, r.value_count}; }
  std::span<const std::size_t> gaps_of(const StackedRow& r) const { return {gaps.data() + r.first_value, r.value_count}; }
};

// A label spreads over at most this many lines (a long label wrapped by the converter).
constexpr std::size_t max_label_lines = 3;
// A row has at most this many cells: 表四's 15 and room for a total or a note. A longer run of
// single values is a column printed in reading order, not a row.
constexpr std::size_t max_row_values = 20;
// A document prints its cells with one usual gap: this many gaps at least must show it.
constexpr std::size_t min_usual_gaps = 4;

// Empty cells a gap of `lines` empty lines stands for, when the row's cells are `usual` empty
// lines apart: each empty cell adds its own line (and, with separators, its separator).
std::size_t empty_cells(std::size_t lines, std::size_t usual) {
  if (lines <= usual) return 0;
  return lines / (usual + 1);  // = ceil((lines - usual) / (usual + 1))
}

StackedRows stacked_rows(const Lines& lines, const Claims& claims) {
  std::vector<Kind> kinds(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) kinds[i] = claims[i] ? Kind::text : kind_of(lines[i].text);
  StackedRows out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (kinds[i] != Kind::text || claims[i]) continue;
    StackedRow r;
    r.first_value = out.values.size();
    std::size_t j = i + 1, gap = 0;
    while (j < lines.size() && kinds[j] == Kind::blank) ++gap, ++j;
    while (j < lines.size() && kinds[j] == Kind::value && !claims[j] && r.value_count <= max_row_values) {
      out.values.push_back(j);
      out.gaps.push_back(gap);
      ++r.value_count;
      gap = 0;
      ++j;
      while (j < lines.size() && kinds[j] == Kind::blank) ++gap, ++j;
    }
    if (r.value_count == 0 || r.value_count > max_row_values) {
      out.values.resize(r.first_value);
      out.gaps.resize(r.first_value);
      continue;
    }
    r.label_end = i + 1;
    r.label_first = i;
    r.end = out.values.back() + 1;
    // The empty lines before the next text may hold the row's last cells (or end the table:
    // a row then has an empty cell too many at its end, which the mapper drops).
    r.followed = j < lines.size() && kinds[j] == Kind::text && !claims[j];
    r.after = r.followed ? gap : 0;
    i = out.values.back();
    out.rows.push_back(r);
  }
  return out;
}

// A gap one line wider than the usual one is an empty cell only where such gaps are rare: a
// document printing them as often as a third of its usual ones mixes two layouts (pdftotext
// runs with and without separators), and its gaps say nothing about empty cells.
constexpr std::size_t max_wider_share_inverse = 3;

// The document's usual gap between two values of a row (the narrowest one it prints at least
// min_usual_gaps times: wider ones may all hold empty cells, as in a table of mostly empty
// columns), SIZE_MAX when its gaps are irregular or too few.
std::size_t document_gap(const StackedRows& rows) {
  std::vector<std::size_t> count;
  for (const StackedRow& r : rows.rows) {
    const std::span<const std::size_t> gaps = rows.gaps_of(r);
    for (std::size_t v = 1; v < gaps.size(); ++v) {
      if (gaps[v] >= count.size()) count.resize(gaps[v] + 1, 0);
      ++count[gaps[v]];
    }
  }
  if (count.empty()) return SIZE_MAX;
  std::size_t usual = 0;
  while (usual < count.size() && count[usual] < min_usual_gaps) ++usual;
  if (usual == count.size()) return SIZE_MAX;
  const std::size_t wider = usual + 1 < count.size() ? count[usual + 1] : 0;
  if (wider * max_wider_share_inverse > count[usual]) return SIZE_MAX;
  return usual;
}

// A document double-spaced as a whole (an empty line added after every line: a converter's
// paragraph spacing) prints each gap of g empty lines as 2g + 1. Read so, gaps of 0 and 1 become 1
// and 3, which looks like a table with an empty cell between every two values. Double-spaced
// means: hardly any two text lines without an empty line between them, and hardly any even gap
// (a few come from page footers removed with the empty lines around them).
constexpr std::size_t min_spacing_gaps = 20;         // gaps needed to tell a document's spacing
constexpr std::size_t max_even_gap_share_inverse = 50;  // at most one gap in 50 even

bool double_spaced(const Lines& lines) {
  std::size_t gaps = 0, even = 0, blanks = 0;
  bool seen_text = false;
  for (const Line& l : lines) {
    if (std::all_of(l.text.begin(), l.text.end(), [](char c) { return c == ' ' || c == '\t'; })) {  // kind_of: blank
      ++blanks;
      continue;
    }
    if (seen_text) ++gaps, even += blanks % 2 == 0;
    seen_text = true;
    blanks = 0;
  }
  return gaps >= min_spacing_gaps && even * max_even_gap_share_inverse <= gaps;
}

}  // namespace

void find_stacked_tables(const Lines& lines, const Limits& limits, std::vector<Diagnostic>& diagnostics,
                         Claims& claims, std::vector<TextTable>& out) {
  StackedRows rows = stacked_rows(lines, claims);
  if (double_spaced(lines))
    for (StackedRow& r : rows.rows) {
      for (std::size_t& g : rows.gaps_of(r)) g = g > 0 ? (g - 1) / 2 : 0;
      r.after = r.after > 0 ? (r.after - 1) / 2 : 0;
    }
  const std::size_t usual = document_gap(rows);
  if (usual == SIZE_MAX) return;
  for (StackedRow r : rows.rows) {
    const std::span<const std::size_t> gaps = std::as_const(rows).gaps_of(r), values = rows.values_of(r);
    // A row with a gap narrower than the usual one is printed some other way: left as text.
    if (std::any_of(gaps.begin(), gaps.end(), [&](std::size_t g) { return g < usual; })) continue;
    bool empty = r.after > usual;
    for (std::size_t g : gaps) empty |= g > usual;
    if (!empty) continue;
    // A label wrapped over lines with no gap, in a document whose cells have gaps between them.
    while (usual > 0 && r.label_first > 0 && r.label_end - r.label_first < max_label_lines &&
           !claims[r.label_first - 1] && kind_of(lines[r.label_first - 1].text) == Kind::text)
      --r.label_first;
    std::vector<std::string_view> parts;
    for (std::size_t k = r.label_first; k < r.label_end; ++k) parts.push_back(lines[k].text);
    std::vector<std::string> cells{nz::join_clean_line_views(parts)};
    for (std::size_t v = 0; v < values.size(); ++v) {
      cells.insert(cells.end(), empty_cells(gaps[v], usual), "");
      cells.push_back(std::string(nz::trim(lines[values[v]].text, " \t")));
    }
    cells.insert(cells.end(), empty_cells(r.after, usual), "");
    // Text laid out by position, like pdftotext's columns (the model has no source of its own
    // for it: a new one would change every stage's reading of model/report.h).
    GridBuilder grid(TableSource::space_aligned, limits, diagnostics);
    std::vector<TableCell> row;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      TableCell cell;
      cell.text = std::move(cells[c]);
      cell.col = static_cast<int>(c);
      row.push_back(std::move(cell));
    }
    grid.add_row(std::move(row), lines[r.label_first]);
    TextTable t;
    t.first = r.label_first;
    t.end = r.end;
    t.table = grid.finish();
    for (std::size_t k = t.first; k < t.end; ++k) claims[k] = 1;
    out.push_back(std::move(t));
  }
}

}  // namespace nianbao::extract::text_tables
