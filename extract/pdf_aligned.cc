// Tables without rules: a run of lines whose words stand in cells (gaps wider than prose leaves,
// or a number set apart from its label) is a table when at least kMinRows of them do. Its columns
// are the x-ranges that (almost) every line holding values leaves free; its rows are the lines, a
// line without values that lies under the cells of the row above kept in it (a label wrapped
// below its values), or with the line of values below when that is nearer (wrapped above them).
// The table is then drawn as the rules it lacks — a vertical rule along each free range, except
// across a cell that spans it, and a horizontal rule between rows — and read by the ruled-grid
// code (pdf_grid.cc), so that spans, empty cells (blanks, never shifted) and wrapped text are
// what they are for a ruled grid.
#include <algorithm>
#include <cmath>

#include "extract/internal/pdf_page.h"
#include "extract/internal/text_tables.h"

namespace nianbao::extract::pdf {
namespace {

// A number this far (font sizes) from the word before it may start a cell of its own (below).
constexpr double kValueGapEm = 0.25;
// A table has at least this many lines of two cells or more (two such lines are a signature and
// a date as often as a table).
constexpr std::size_t kMinRows = 3;
// Lines further apart than this many font sizes are not in one table.
constexpr double kMaxRowGapEm = 2.5;
// A line without a value that starts within this many font sizes below the row above, and only
// under cells that hold text there, carries on that row's cells (a label wrapped over lines).
constexpr double kWrapGapEm = 0.8;
// A column gap may be crossed by the cells of at most this share of the lines holding values
// (spanning cells); a gap crossed by more is no column boundary.
constexpr double kSpanShare = 0.25;
// One gap between lines is nearer than another when it is smaller by this much (points).
constexpr double kNearerPt = 0.5;
// The table's outer edges lie this far (points) outside its words.
constexpr double kEdgePt = 1;

struct Cell {
  Box box;
  bool value = false;  // a number or a dash, as text tables count values
};

struct AlignedLine {
  Box box;
  float em = 1;
  std::vector<Cell> cells;
  bool heading = false;  // a level-1 heading of the report ("四、…"): never in a table
};

Box unite(const Box& a, const Box& b) {
  if (a.empty()) return b;
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

AlignedLine aligned_line(const std::vector<const Word*>& words) {
  AlignedLine l;
  std::vector<const Word*> cell;
  const auto close = [&] {
    if (cell.empty()) return;
    Cell c;
    for (const Word* w : cell) c.box = unite(c.box, w->box);
    c.value = text_tables::is_value_text(join_words(cell));
    l.cells.push_back(c);
    cell.clear();
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word* w = words[i];
    l.em = std::max(l.em, w->font_size);
    l.box = unite(l.box, w->box);
    if (!cell.empty()) {
      const double em = std::max({cell.back()->font_size, w->font_size, 1.0f});
      const double gap = w->box.x0 - cell.back()->box.x1;
      // A number set apart from the label before it and ending its cell (the line's end or a
      // cell gap after it) is a cell of its own: a column of numbers often starts close to the
      // longest label (prose runs its digits into the words around them).
      const bool value_cell = gap > kValueGapEm * em && text_tables::is_value_text(w->text) &&
                              (i + 1 == words.size() ||
                               words[i + 1]->box.x0 - w->box.x1 > kProseGapEm * std::max({w->font_size, words[i + 1]->font_size, 1.0f}));
      if (gap > kProseGapEm * em || value_cell) close();
    }
    cell.push_back(w);
  }
  close();
  l.heading = l.cells.size() == 1 && text_tables::is_level1_heading(join_words(words));
  return l;
}

// The column boundaries of lines [first, end): the middle of each x-range left free by the cells
// of all but kSpanShare of its rows of values (the lines holding a number: a header's stacked or
// spanning labels would close the gaps between narrow columns of numbers), between the table's
// outer edges. A table of labels only takes all its lines.
std::vector<double> column_lines(const std::vector<AlignedLine>& lines, std::size_t first, std::size_t end, Box extent) {
  const auto has_value = [](const AlignedLine& l) {
    return std::any_of(l.cells.begin(), l.cells.end(), [](const Cell& c) { return c.value; });
  };
  const std::size_t valued = static_cast<std::size_t>(
      std::count_if(lines.begin() + static_cast<std::ptrdiff_t>(first), lines.begin() + static_cast<std::ptrdiff_t>(end), has_value));
  const bool by_values = valued >= kMinRows;
  const std::size_t allowed = static_cast<std::size_t>(kSpanShare * static_cast<double>(by_values ? valued : end - first));
  const int x0 = static_cast<int>(std::floor(extent.x0)), x1 = static_cast<int>(std::ceil(extent.x1));
  std::vector<std::size_t> cover(static_cast<std::size_t>(std::max(0, x1 - x0)) + 1, 0);
  for (std::size_t i = first; i < end; ++i) {
    if (by_values && !has_value(lines[i])) continue;
    for (const Cell& c : lines[i].cells)
      for (int x = std::max(x0, static_cast<int>(std::floor(c.box.x0))); x <= std::min(x1, static_cast<int>(std::ceil(c.box.x1))); ++x)
        ++cover[static_cast<std::size_t>(x - x0)];
  }
  std::vector<double> xs{extent.x0 - kEdgePt};
  for (int x = x0; x <= x1;) {
    if (cover[static_cast<std::size_t>(x - x0)] > allowed) {
      ++x;
      continue;
    }
    const int from = x;
    while (x <= x1 && cover[static_cast<std::size_t>(x - x0)] <= allowed) ++x;
    if (from > x0 && x <= x1) xs.push_back((from + x - 1) / 2.0);
  }
  xs.push_back(extent.x1 + kEdgePt);
  return xs;
}

// Columns [c0, c1) of the boundaries `xs` a cell covers (by its box, a point inside each edge).
std::pair<std::size_t, std::size_t> columns_of(const Box& b, const std::vector<double>& xs) {
  std::size_t c0 = 0, c1 = 0;
  for (std::size_t c = 0; c + 1 < xs.size(); ++c) {
    if (xs[c + 1] <= b.x0) c0 = c + 1;
    if (xs[c] < b.x1) c1 = c + 1;
  }
  return {c0, std::max(c1, c0 + 1)};
}

bool has_value(const AlignedLine& l) {
  return std::any_of(l.cells.begin(), l.cells.end(), [](const Cell& c) { return c.value; });
}

// A row of the table as its lines are taken.
struct Row {
  Box box;
  std::vector<int> owner;     // per column: the cell of the row's first line over it (-1: empty)
  std::vector<char> crossed;  // per boundary: a cell of the row spans it
  bool valued = false;        // a line of it holds a value
  double gap_above = -1;      // from the row above (-1: the first row)
};

// Each cell of `l` lies under a cell of `row` of its own (a line that splits a spanning cell is
// the next level of a header, not its wrapped text); with `values_below`, its values lie under
// columns the row leaves empty (the row so far is the first lines of a label, its values below).
bool fits_under(const Row& row, const AlignedLine& l, const std::vector<double>& xs, bool values_below) {
  std::vector<char> used(row.owner.size(), 0);
  for (const Cell& c : l.cells) {
    const auto [c0, c1] = columns_of(c.box, xs);
    const int above = row.owner[c0];
    bool same = true;
    for (std::size_t k = c0; k < c1; ++k) same = same && row.owner[k] == above;
    if (!same) return false;
    if (c.value) {
      if (!values_below || above >= 0) return false;
      continue;
    }
    if (above < 0 || used[static_cast<std::size_t>(above)]) return false;
    used[static_cast<std::size_t>(above)] = 1;
  }
  return true;
}

// Whether line i carries on the last row rather than starting one. A line without values that
// lies under the row's cells carries them on (a label wrapped below its values), unless it is
// nearer the line of values below it; a line of values carries on a row of labels only that is
// nearer to it than to the row above (a label wrapped above its values, which sit lower down:
// the cell's text set in the middle or at the bottom).
bool carries_on(const std::vector<Row>& rows, const std::vector<AlignedLine>& lines, std::size_t i, std::size_t end,
                const std::vector<double>& xs) {
  if (rows.empty()) return false;
  const Row& r = rows.back();
  const AlignedLine& l = lines[i];
  const double up = l.box.y0 - r.box.y1;
  if (up >= kWrapGapEm * l.em) return false;
  if (!has_value(l)) {
    const bool leads = i + 1 < end && has_value(lines[i + 1]) && lines[i + 1].box.y0 - l.box.y1 + kNearerPt < up;
    return !leads && fits_under(r, l, xs, false);
  }
  return !r.valued && r.gap_above > up + kNearerPt && fits_under(r, l, xs, true);
}

// The rules the table of lines [first, end) does not draw.
std::vector<Rule> drawn_rules(const std::vector<AlignedLine>& lines, std::size_t first, std::size_t end,
                              const std::vector<double>& xs) {
  std::vector<Row> rows;
  const std::size_t columns = xs.size() - 1;
  for (std::size_t i = first; i < end; ++i) {
    const AlignedLine& l = lines[i];
    const bool on = carries_on(rows, lines, i, end, xs);
    if (!on) {
      const double gap = rows.empty() ? -1 : l.box.y0 - rows.back().box.y1;
      rows.push_back({{}, std::vector<int>(columns, -1), std::vector<char>(xs.size(), 0), false, gap});
    }
    Row& row = rows.back();
    row.box = unite(row.box, l.box);
    row.valued = row.valued || has_value(l);
    for (const Cell& c : l.cells) {
      const auto [c0, c1] = columns_of(c.box, xs);
      for (std::size_t k = c0; k < c1; ++k)
        if (row.owner[k] < 0) row.owner[k] = static_cast<int>(c0);
      for (std::size_t k = c0 + 1; k < c1; ++k) row.crossed[k] = 1;
    }
  }
  std::vector<double> ys{rows.front().box.y0 - kEdgePt};
  for (std::size_t r = 1; r < rows.size(); ++r) ys.push_back((rows[r - 1].box.y1 + rows[r].box.y0) / 2);
  ys.push_back(rows.back().box.y1 + kEdgePt);
  std::vector<Rule> rules;
  for (double y : ys) rules.push_back({{xs.front(), y, xs.back(), y}, true});
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < xs.size(); ++c)
      if (!rows[r].crossed[c]) rules.push_back({{xs[c], ys[r], xs[c], ys[r + 1]}, false});
  return rules;
}

// Lines [first, end) are a table: enough lines of two cells, and not a page set in two columns
// (two columns, each with a cell as wide as a column of prose).
bool is_table(const std::vector<AlignedLine>& lines, std::size_t first, std::size_t end, const std::vector<double>& xs,
              double page_width) {
  std::size_t multi = 0;
  double widest[2] = {0, 0};
  for (std::size_t i = first; i < end; ++i) {
    multi += lines[i].cells.size() >= 2;
    for (const Cell& c : lines[i].cells)
      if (xs.size() == 3) widest[c.box.x0 >= xs[1]] = std::max(widest[c.box.x0 >= xs[1]], c.box.x1 - c.box.x0);
  }
  if (multi < kMinRows || xs.size() < 3) return false;
  return std::min(widest[0], widest[1]) < kTextColumnShare * page_width;
}

}  // namespace

std::vector<PageTable> find_aligned_tables(Page& page, const Limits& limits, std::vector<Diagnostic>& diagnostics) {
  std::vector<const Word*> words;
  for (const Word& w : page.words) words.push_back(&w);
  std::vector<AlignedLine> lines;
  for (const auto& line : group_lines(words)) lines.push_back(aligned_line(line));
  // Runs of lines close together that start and end with a line of two cells or more; a
  // one-cell line as wide as a column of prose (a heading, a paragraph) ends the run.
  std::vector<std::vector<Rule>> grids;
  for (std::size_t i = 0; i < lines.size();) {
    if (lines[i].cells.size() < 2 || lines[i].heading) {
      ++i;
      continue;
    }
    std::size_t end = i + 1, last_multi = i;
    while (end < lines.size() && lines[end].box.y0 - lines[end - 1].box.y1 <= kMaxRowGapEm * lines[end].em &&
           !lines[end].heading &&
           (lines[end].cells.size() >= 2 || lines[end].box.x1 - lines[end].box.x0 < kTextColumnShare * page.width)) {
      if (lines[end].cells.size() >= 2) last_multi = end;
      ++end;
    }
    // Trailing one-cell lines stay with the table only as the wrapped text of its last row.
    end = last_multi + 1;
    while (end < lines.size() && lines[end].cells.size() == 1 && !lines[end].cells.front().value && !lines[end].heading &&
           lines[end].box.y0 - lines[end - 1].box.y1 < kWrapGapEm * lines[end].em)
      ++end;
    Box extent;
    for (std::size_t k = i; k < end; ++k) extent = unite(extent, lines[k].box);
    const std::vector<double> xs = column_lines(lines, i, end, extent);
    if (is_table(lines, i, end, xs, page.width)) grids.push_back(drawn_rules(lines, i, end, xs));
    i = end;
  }
  std::vector<PageTable> tables;
  for (std::vector<Rule>& rules : grids) {
    Page part;
    part.number = page.number, part.width = page.width, part.height = page.height;
    part.words = std::move(page.words), part.rules = std::move(rules);
    for (PageTable& t : find_grid_tables(part, limits, diagnostics)) tables.push_back(std::move(t));
    page.words = std::move(part.words);
  }
  return tables;
}

}  // namespace nianbao::extract::pdf
