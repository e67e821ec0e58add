// Space-aligned tables as pdftotext -layout prints them: runs of numeric rows (a label and
// numbers, or several numbers) with the short label and header lines between and above them.
// Value columns are ordinal within a block of rows; a missing value becomes an empty cell.
#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "extract/internal/aligned_fields.h"
#include "extract/internal/text_tables.h"
#include "normalize/normalize.h"

namespace nianbao::extract::text_tables {
namespace {

namespace nz = nianbao::normalize;

constexpr int max_gap_lines = 6;    // label lines between two numeric rows of one table
constexpr int max_gap_blanks = 8;   // consecutive blank lines inside a table (page breaks)
constexpr int max_head_lines = 12;  // title and header lines above the first numeric row
constexpr int max_wrap_lines = 4;   // lines of a wrapped label above a numbers-only row

class AlignedFinder {
 public:
  AlignedFinder(const Lines& lines, const Limits& limits, std::vector<Diagnostic>& diagnostics,
                Claims& claims)
      : lines_(lines), limits_(limits), diagnostics_(diagnostics), claims_(claims) {
    infos_.reserve(lines.size());
    std::vector<Field> split;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      split.clear();
      infos_.push_back(claims[i] ? LineInfo{} : analyse(lines[i].text, nullptr, true, &split));
      keep_fields(i, split);
    }
    wrap_top_.assign(lines.size(), no_top);
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (is_row(i) && summary(i).labels == 0) wrap_top_[i] = static_cast<std::uint32_t>(find_wrap_top(i));
  }

  void run(std::vector<TextTable>& out);

 private:
  bool is_row(std::size_t i) const { return !claims_[i] && infos_[i].readable && infos_[i].numeric; }
  std::size_t find_wrap_top(std::size_t row) const;
  bool passable(std::size_t a, std::size_t b) const;
  std::size_t head_start(std::size_t top, std::size_t floor) const;
  bool prose_like(std::size_t i) const;
  // A table region being built: its lines' fields and the layout of its numeric rows.
  struct Region {
    std::size_t first = 0, stop = 0;          // lines read: [first, stop)
    std::vector<std::size_t> rows;            // its numeric rows
    std::vector<std::vector<Field>> fields;   // per line from first
    std::vector<char> absorbed;               // label lines taken by the numbers-only row below
    std::vector<std::string> wrapped_label;   // per row
    int label_cols = 0, width = 0;
    std::vector<int> block_of, block_values;  // per row: its block; per block: its value count
    std::vector<std::vector<int>> value_col;  // per row: the value column of each value
    const std::vector<Field>& fields_of(std::size_t l) const { return fields[l - first]; }
  };
  Region region(std::size_t first, std::size_t end, std::vector<std::size_t> rows) const;
  void wrap_labels(Region& g) const;
  void value_columns(Region& g) const;
  std::vector<TableCell> row_cells(const Region& g, std::size_t r) const;
  std::vector<TableCell> label_cells(const Region& g, std::size_t l, std::size_t r) const;
  void build(std::size_t first, std::size_t end, std::vector<std::size_t> rows, std::vector<TextTable>& out);

  // Fields of the lines the summaries split (numeric rows, headers), of the first such lines up
  // to max_kept_fields (text_tables.h): a table's lines are not split again when it is built.
  // Line order.
  std::vector<std::uint32_t> kept_line_, kept_begin_;
  std::vector<Field> kept_;
  void keep_fields(std::size_t line, const std::vector<Field>& fields) {
    if (fields.empty() || kept_.size() + fields.size() > max_kept_fields) return;
    kept_line_.push_back(static_cast<std::uint32_t>(line));
    kept_begin_.push_back(static_cast<std::uint32_t>(kept_.size()));
    kept_.insert(kept_.end(), fields.begin(), fields.end());
  }
  bool kept_fields(std::size_t line, std::vector<Field>& out) const {
    const auto at = std::lower_bound(kept_line_.begin(), kept_line_.end(), line);
    if (at == kept_line_.end() || *at != line) return false;
    const std::size_t k = static_cast<std::size_t>(at - kept_line_.begin());
    const std::size_t end = k + 1 < kept_begin_.size() ? kept_begin_[k + 1] : kept_.size();
    out.assign(kept_.begin() + kept_begin_[k], kept_.begin() + static_cast<std::ptrdiff_t>(end));
    return true;
  }

  const Lines& lines_;
  const Limits& limits_;
  std::vector<Diagnostic>& diagnostics_;
  Claims& claims_;
  // Per line its summary; a line read as one field is summed up only when the finder looks at
  // it (summary()): most lines of a text are such lines far from any numeric row.
  mutable std::vector<LineInfo> infos_;
  const LineInfo& summary(std::size_t i) const {
    if (infos_[i].pending) infos_[i] = analyse(lines_[i].text);
    return infos_[i];
  }
  // Numbers-only rows: first line of their wrapped label (no_top: none; line numbers fit 32 bits
  // as offsets do).
  static constexpr std::uint32_t no_top = UINT32_MAX;
  std::vector<std::uint32_t> wrap_top_;
  std::size_t wrap_top(std::size_t row) const { return wrap_top_[row] == no_top ? SIZE_MAX : wrap_top_[row]; }
  // The width of a full line of text (full_width), measured when a table's head is looked for:
  // a text without aligned rows never asks it.
  mutable int full_width_ = -1;
  int full_width_once() const {
    if (full_width_ < 0) full_width_ = full_width(infos_, lines_);
    return full_width_;
  }
  int width_of(std::size_t i) const { return infos_[i].width >= 0 ? infos_[i].width : static_cast<int>(lines_.width(i)); }
};

// A numbers-only row takes the label printed above it: "（二）部分公开（…不" / "计其他情形）" /
// "4 0 0 0 0 0 4". Contiguous one-field lines that start left of the numbers, up to the line
// that starts with a row number.
// A level-1 heading alone above a numbers-only row stays a line of its own.
std::size_t AlignedFinder::find_wrap_top(std::size_t row) const {
  std::size_t top = row;
  for (std::size_t j = row; j-- > 0 && row - j <= static_cast<std::size_t>(max_wrap_lines);) {
    const LineInfo& l = summary(j);
    if (claims_[j] || !l.readable || l.blank || l.numeric || l.fields != 1 || l.sentence) break;
    if (l.indent >= summary(row).value_start) break;  // over the numbers: a header, not a label
    if (l.heading && top == row) break;
    top = j;
    if (l.numbered) break;
  }
  return top;
}

// May the lines between numeric rows a and b belong to one table?
bool AlignedFinder::passable(std::size_t a, std::size_t b) const {
  int blanks = 0, labels = 0;
  for (std::size_t l = a + 1; l < b; ++l) {
    const LineInfo& info = summary(l);
    if (claims_[l] || !info.readable || info.sentence) return false;
    if (info.blank) {
      if (++blanks > max_gap_blanks) return false;
      continue;
    }
    blanks = 0;
    if (wrap_top(b) != SIZE_MAX && l >= wrap_top(b)) continue;  // b's own label
    if (++labels > max_gap_lines) return false;
    if (info.heading) {
      // A level-1 heading is a row label when rows or sub-rows follow it (三、本年度办理结果),
      // the start of something else when a header or text follows.
      std::size_t next = l + 1;
      while (next < b && summary(next).blank) ++next;
      const bool label = next == b || summary(next).numbered || (wrap_top(b) != SIZE_MAX && next >= wrap_top(b));
      if (!label) return false;
    }
  }
  return true;
}

bool AlignedFinder::prose_like(std::size_t i) const {
  const LineInfo& l = summary(i);
  if (l.fields != 1 || !l.comma) return false;
  const int full = full_width_once();
  const int wide = full > 0 ? full * 6 / 10 : 40;
  return width_of(i) >= wide;
}

// The first line of a table whose first row starts at `top`: title and header lines above it,
// up to a heading, a sentence, a lead-in, another table or a long blank gap; a block of prose
// lines at the top is left out.
std::size_t AlignedFinder::head_start(std::size_t top, std::size_t floor) const {
  std::size_t start = top;
  int blanks = 0, count = 0;
  for (std::size_t j = top; j-- > floor;) {
    const LineInfo& l = summary(j);
    if (claims_[j] || !l.readable) break;
    if (l.blank) {
      if (++blanks > max_gap_blanks) break;
      continue;
    }
    blanks = 0;
    if (l.sentence || l.lead_in || l.heading || l.numbered || l.numeric || ++count > max_head_lines) break;
    start = j;
  }
  while (start < top && (summary(start).blank || prose_like(start))) ++start;
  return start;
}

void AlignedFinder::run(std::vector<TextTable>& out) {
  const std::size_t n = lines_.size();
  std::size_t floor = 0;  // lines below this belong to an earlier table
  for (std::size_t i = 0; i < n;) {
    if (!is_row(i)) {
      ++i;
      continue;
    }
    std::vector<std::size_t> rows{i};
    std::size_t j = i + 1;
    while (true) {
      std::size_t k = j;
      while (k < n && !is_row(k) && k - rows.back() <= static_cast<std::size_t>(max_gap_lines + max_gap_blanks) * 2 &&
             !claims_[k] && !summary(k).sentence)
        ++k;
      if (k >= n || !is_row(k) || !passable(rows.back(), k)) break;
      rows.push_back(k);
      j = k + 1;
    }
    const std::size_t top = wrap_top(i) != SIZE_MAX ? wrap_top(i) : i;
    const std::size_t first = head_start(top, floor);
    const std::size_t end = rows.back() + 1;
    bool header_line = false;
    for (std::size_t l = first; l < end && !header_line; ++l)
      header_line = !summary(l).blank && !summary(l).numeric && summary(l).fields >= 2;
    const bool table = rows.size() >= 2 || summary(i).values >= 5 || header_line;
    if (table) {
      build(first, end, std::move(rows), out);
      floor = end;
    }
    i = end;
  }
}

// Appends a cell of `text` at grid column `col` to `cells`, made in place.
void add_cell(std::vector<TableCell>& cells, std::string_view text, int col) {
  TableCell& c = cells.emplace_back();
  c.text = text;
  c.col = col;
}

AlignedFinder::Region AlignedFinder::region(std::size_t first, std::size_t end, std::vector<std::size_t> rows) const {
  Region g;
  g.first = first;
  // Every non-blank line gives a row with at least one cell: lines past the cell limit are
  // not read at all (the grid reports them dropped).
  g.stop = first;
  for (std::size_t non_blank = 0; g.stop < end; ++g.stop) {
    if (!summary(g.stop).blank && ++non_blank > limits_.max_table_cells) break;
  }
  while (!rows.empty() && rows.back() >= g.stop) rows.pop_back();
  g.rows = std::move(rows);
  g.fields.resize(g.stop - first);
  for (std::size_t l = first; l < g.stop; ++l)
    if (!summary(l).blank && !kept_fields(l, g.fields[l - first])) analyse(lines_[l].text, &g.fields[l - first]);
  return g;
}

// Labels of numbers-only rows printed above them, and the label columns they need.
void AlignedFinder::wrap_labels(Region& g) const {
  g.absorbed.assign(g.stop - g.first, 0);
  g.wrapped_label.assign(g.rows.size(), "");
  for (std::size_t r = 0; r < g.rows.size(); ++r) {
    const std::size_t top = wrap_top(g.rows[r]);
    if (top == SIZE_MAX || top < g.first) continue;
    std::vector<std::string> pieces;
    for (std::size_t l = top; l < g.rows[r]; ++l) {
      pieces.emplace_back(g.fields_of(l)[0].text);
      g.absorbed[l - g.first] = 1;
    }
    g.wrapped_label[r] = nz::join_lines(pieces);
  }
  for (std::size_t r = 0; r < g.rows.size(); ++r)
    g.label_cols = std::max(g.label_cols, static_cast<int>(summary(g.rows[r]).labels) + (g.wrapped_label[r].empty() ? 0 : 1));
}

// Blocks of numeric rows (a header line with two or more fields starts a new one); each
// block has as many value columns as its fullest row. Then the value column of every value.
void AlignedFinder::value_columns(Region& g) const {
  const std::vector<std::size_t>& rows = g.rows;
  g.block_of.assign(rows.size(), 0);
  g.block_values = {0};
  for (std::size_t l = g.first, r = 0, block = 0; l < g.stop; ++l) {
    const LineInfo& info = summary(l);
    if (r < rows.size() && rows[r] == l) {
      g.block_of[r++] = static_cast<int>(block);
      g.block_values[block] = std::max(g.block_values[block], static_cast<int>(info.values));
    } else if (!info.blank && !g.absorbed[l - g.first] && info.fields >= 2 && g.block_values[block] > 0) {
      g.block_values.push_back(0);
      ++block;
    }
  }
  int value_cols = 0;
  for (int v : g.block_values) value_cols = std::max(value_cols, v);
  g.width = g.label_cols + value_cols;
  // The reference of each row: the nearest row of its block with the block's full count.
  std::vector<std::size_t> ref(rows.size(), SIZE_MAX);
  for (int pass = 0; pass < 2; ++pass) {
    std::size_t last = SIZE_MAX;
    for (std::size_t q = 0; q < rows.size(); ++q) {
      const std::size_t r = pass == 0 ? q : rows.size() - 1 - q;
      if (last != SIZE_MAX && g.block_of[last] != g.block_of[r]) last = SIZE_MAX;
      if (static_cast<int>(summary(rows[r]).values) == g.block_values[g.block_of[r]]) last = r;
      if (last == SIZE_MAX) continue;
      const auto dist = [&](std::size_t x) { return x > r ? rows[x] - rows[r] : rows[r] - rows[x]; };
      if (ref[r] == SIZE_MAX || dist(last) < dist(ref[r])) ref[r] = last;
    }
  }
  // Value columns of every numeric row.
  const auto value_centers = [&](std::size_t line) {
    const std::vector<Field>& f = g.fields_of(line);
    std::vector<int> c;
    for (std::size_t k = summary(line).labels; k < f.size(); ++k) c.push_back(f[k].center2());
    return c;
  };
  // Matching steps (shifts × values × columns) for all the short rows of one table. A real
  // table needs a few thousand (8 shifts × 16 values × 16 columns per row); 4 Mi keeps a
  // hostile table of thousands of wide rows to milliseconds, its rest read in order.
  constexpr std::size_t value_alignment_budget = std::size_t{4} << 20;
  std::size_t budget = value_alignment_budget;
  g.value_col.assign(rows.size(), {});
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const bool short_row = ref[r] != SIZE_MAX && ref[r] != r;
    g.value_col[r] = align_values(value_centers(rows[r]), short_row ? value_centers(rows[ref[r]]) : std::vector<int>{}, budget);
  }
}

// The cells of numeric row r: its labels right-aligned in the label columns, its values in
// their value columns.
std::vector<TableCell> AlignedFinder::row_cells(const Region& g, std::size_t r) const {
  const std::size_t l = g.rows[r];
  const LineInfo& info = summary(l);
  const std::vector<Field>& fl = g.fields_of(l);
  // Blank is not zero: a value missing where the block's other rows have one is an empty cell.
  std::vector<std::string_view> values(static_cast<std::size_t>(std::max<int>(g.block_values[g.block_of[r]], static_cast<int>(info.values))));
  for (std::size_t f = 0; f < info.values; ++f) values[static_cast<std::size_t>(g.value_col[r][f])] = fl[info.labels + f].text;
  const int labels = static_cast<int>(info.labels) + (g.wrapped_label[r].empty() ? 0 : 1);
  std::vector<TableCell> cells;
  cells.reserve(static_cast<std::size_t>(labels) + values.size());
  int col = g.label_cols - labels;
  if (!g.wrapped_label[r].empty()) add_cell(cells, g.wrapped_label[r], col++);
  for (std::size_t f = 0; f < info.labels; ++f) add_cell(cells, fl[f].text, col++);
  for (std::size_t v = 0; v < values.size(); ++v) add_cell(cells, values[v], g.label_cols + static_cast<int>(v));
  return cells;
}

// The cells of a label or header line l (r: the next numeric row): each field over the
// column nearest to it in the closest row (the next one, else the last); pdftotext
// positions are rough, so only the order is sure.
std::vector<TableCell> AlignedFinder::label_cells(const Region& g, std::size_t l, std::size_t r) const {
  const std::vector<Field>& fl = g.fields_of(l);
  const std::size_t near = r < g.rows.size() ? r : g.rows.size() - 1;
  const std::vector<Field>& rf = g.fields_of(g.rows[near]);
  const int rl = static_cast<int>(summary(g.rows[near]).labels);
  const int split2 = rl > 0 ? rf[rl - 1].end + rf[rl].start : 2 * rf[0].start - 2;
  std::vector<int> desired;
  for (const Field& f : fl) {
    const bool alone = fl.size() == 1;
    int d = 0;
    if (alone ? 2 * f.start >= split2 : f.center2() >= split2) {
      int best = INT_MAX;
      for (std::size_t v = 0; v < g.value_col[near].size(); ++v) {
        const int dist = std::abs(rf[rl + v].center2() - f.center2());
        if (dist < best) best = dist, d = g.label_cols + g.value_col[near][v];
      }
    } else {
      int best = INT_MAX;
      for (int k = 0; k < rl; ++k) {
        const int dist = std::abs(rf[k].center2() - f.center2());
        if (dist < best) best = dist, d = g.label_cols - rl + k;
      }
      if (alone) d = 0;
    }
    desired.push_back(d);
  }
  const std::vector<int> cols = monotone(desired, std::max(g.width, 1));
  std::vector<TableCell> cells;
  cells.reserve(fl.size());
  for (std::size_t f = 0; f < fl.size(); ++f) add_cell(cells, fl[f].text, cols[f]);
  return cells;
}

// The table of lines [first, end) with its numeric rows: region, wrapped labels, value
// columns, then one grid row per line.
void AlignedFinder::build(std::size_t first, std::size_t end, std::vector<std::size_t> rows,
                          std::vector<TextTable>& out) {
  GridBuilder grid(TableSource::space_aligned, limits_, diagnostics_);
  Region g = region(first, end, std::move(rows));
  wrap_labels(g);
  value_columns(g);
  std::size_t r = 0;
  for (std::size_t l = first; l < g.stop; ++l) {
    if (summary(l).blank || g.absorbed[l - first]) continue;
    if (grid.full()) {  // the rows left are dropped: say so, as every reader does
      grid.note_dropped(lines_[l]);
      break;
    }
    std::vector<TableCell> cells;
    // A numeric row's cells hold its values (fields is_value_text took): the grid need not ask.
    std::optional<bool> has_value;
    if (r < g.rows.size() && g.rows[r] == l) cells = row_cells(g, r++), has_value = true;
    else if (!g.rows.empty()) cells = label_cells(g, l, r);
    grid.add_row(std::move(cells), lines_[l], has_value);
  }
  if (g.stop < end) grid.note_dropped(lines_[g.stop]);
  TextTable t;
  t.first = first;
  t.end = end;
  t.table = grid.finish();
  if (t.table.rows.empty()) return;
  std::fill(claims_.begin() + static_cast<std::ptrdiff_t>(first), claims_.begin() + static_cast<std::ptrdiff_t>(end), 1);
  out.push_back(std::move(t));
}

}  // namespace

void find_aligned_tables(const Lines& lines, const Limits& limits, std::vector<Diagnostic>& diagnostics,
                         Claims& claims, std::vector<TextTable>& out) {
  AlignedFinder finder(lines, limits, diagnostics, claims);
  finder.run(out);
}

}  // namespace nianbao::extract::text_tables
