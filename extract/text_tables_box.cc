// Box-drawn tables as text-mode browsers dump them (w3m, links: ┌─┬─┐ │ ├─┼─┤ └─┴─┘, heavy and
// double variants, ASCII +---+ with |). Columns come from bar and junction positions in display
// columns, rows from horizontal rules; wrapped text is joined, missing bars and rules are spans.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "extract/internal/text_tables.h"
#include "normalize/normalize.h"

namespace nianbao::extract::text_tables {
namespace {

namespace nz = nianbao::normalize;

enum class Kind { space, horizontal, vertical, junction, text };

Kind classify(char32_t c, bool ascii) {
  if (c == ' ' || c == '\t') return Kind::space;
  if (ascii) {
    if (c == '-' || c == '=') return Kind::horizontal;
    if (c == '|') return Kind::vertical;
    if (c == '+') return Kind::junction;
    return Kind::text;
  }
  if (c < 0x2500 || c > 0x257F) return Kind::text;
  switch (c) {
    case 0x2500: case 0x2501: case 0x2504: case 0x2505: case 0x2508: case 0x2509: case 0x254C:
    case 0x254D: case 0x2550: case 0x2574: case 0x2576: case 0x2578: case 0x257A: case 0x257C:
    case 0x257E:
      return Kind::horizontal;
    case 0x2502: case 0x2503: case 0x2506: case 0x2507: case 0x250A: case 0x250B: case 0x254E:
    case 0x254F: case 0x2551: case 0x2575: case 0x2577: case 0x2579: case 0x257B: case 0x257D:
    case 0x257F:
      return Kind::vertical;
    default:
      return Kind::junction;
  }
}

// A full ASCII rule starts with '+' after spaces and tabs: asked of every line, inline (most
// lines do not, and is_ascii_rule is not called for them).
inline bool starts_with_plus(std::string_view s) {
  for (const char c : s)
    if (c != ' ' && c != '\t') return c == '+';
  return false;
}

// "+----+----+" (also with '=' and ':'), and "|    +----+" where a rowspan interrupts the rule.
bool is_ascii_rule(std::string_view s, bool full) {
  if (full && !starts_with_plus(s)) return false;
  s = nz::trim(s);
  if (s.size() < 3 || s.find_first_not_of("+-=:| ") != std::string_view::npos) return false;
  if (s.find('+') == std::string_view::npos || s.find_first_of("-=") == std::string_view::npos) return false;
  return !full || (s.front() == '+' && s.back() == '+');
}

// One text line of a box table as the grid sees it.
struct BoxLine {
  std::vector<int> bars;       // display columns of vertical and junction glyphs
  std::vector<int> junctions;  // display columns of junction glyphs
  std::vector<int> verticals;  // display columns of vertical glyphs
  bool pure_rule = false;      // nothing but box glyphs, at least one horizontal
};

// How a dump counts columns: w3m gives box glyphs one column (two on CJK terminals) and CJK
// text two; links counts every character as one column.
struct Metrics {
  int box = 1;              // columns of a box glyph
  bool narrow_text = false;  // every character one column
  int width(Kind k, int display, bool ascii) const {
    if (!ascii && k != Kind::text && k != Kind::space) return box;
    return narrow_text ? 1 : display;
  }
};

BoxLine scan_line(std::string_view text, bool ascii, const Metrics& m) {
  BoxLine b;
  bool other = false, horizontal = false;
  int col = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t c;
    const int display = next_glyph(text, i, c);
    const Kind k = classify(c, ascii);
    const int w = m.width(k, display, ascii);
    if (k == Kind::vertical || k == Kind::junction) b.bars.push_back(col);
    if (k == Kind::junction) b.junctions.push_back(col);
    if (k == Kind::vertical) b.verticals.push_back(col);
    if (k == Kind::horizontal) horizontal = true;
    if (k == Kind::text) other = true;
    col += w;
  }
  b.pure_rule = horizontal && !other;
  return b;
}

// Column boundaries: clusters of bar positions (±1 apart) with their most frequent position.
// When the table has junctions, a cluster needs one or bars on two lines (links draws some
// boundaries with bars only), so that a stray bar inside a cell does not make a column.
std::vector<int> find_boundaries(const std::vector<BoxLine>& lines) {
  std::vector<std::pair<int, bool>> positions;  // (column, is junction)
  for (const BoxLine& l : lines) {
    for (int p : l.verticals) positions.emplace_back(p, false);
    for (int p : l.junctions) positions.emplace_back(p, true);
  }
  std::sort(positions.begin(), positions.end());
  struct Cluster {
    int best = 0, best_count = 0, count = 0;
    bool junction = false;
  };
  std::vector<Cluster> clusters;
  int last = -10;
  for (std::size_t i = 0; i < positions.size();) {
    const int p = positions[i].first;
    int count = 0;
    bool junction = false;
    for (; i < positions.size() && positions[i].first == p; ++i, ++count) junction = junction || positions[i].second;
    if (clusters.empty() || p - last > 1) clusters.push_back({p, 0, 0, false});
    Cluster& c = clusters.back();
    if (count > c.best_count) c.best = p, c.best_count = count;
    c.count += count;
    c.junction = c.junction || junction;
    last = p;
  }
  const bool any_junction = std::any_of(clusters.begin(), clusters.end(), [](const Cluster& c) { return c.junction; });
  std::vector<int> out;
  for (const Cluster& c : clusters)
    if (c.junction || !any_junction || c.count >= 2) out.push_back(c.best);
  return out;
}

// For each boundary, the display column of this line's bar there (±1), or -1.
std::vector<int> map_bars(const BoxLine& line, const std::vector<int>& bounds) {
  std::vector<int> at(bounds.size(), -1);
  for (int p : line.bars) {
    const auto it = std::lower_bound(bounds.begin(), bounds.end(), p - 1);
    if (it == bounds.end() || *it > p + 1) continue;
    const std::size_t j = static_cast<std::size_t>(it - bounds.begin());
    if (at[j] < 0 || std::abs(p - bounds[j]) < std::abs(at[j] - bounds[j])) at[j] = p;
  }
  return at;
}

// Share of vertical glyphs on content lines that sit on a boundary: how well a width
// convention for box glyphs fits the dump.
double fit(const std::vector<BoxLine>& lines, const std::vector<int>& bounds) {
  std::size_t total = 0, matched = 0;
  for (const BoxLine& l : lines) {
    if (l.pure_rule) continue;
    for (int p : l.verticals) {
      ++total;
      const auto it = std::lower_bound(bounds.begin(), bounds.end(), p - 1);
      if (it != bounds.end() && *it <= p + 1) ++matched;
    }
  }
  return total == 0 ? 0.0 : static_cast<double>(matched) / static_cast<double>(total);
}

struct Segment {
  std::size_t from = std::string_view::npos;
  std::size_t to = std::string_view::npos;
};

class BoxTable {
 public:
  BoxTable(const Lines& lines, std::size_t first, std::size_t end, bool ascii)
      : lines_(lines), first_(first), end_(end), ascii_(ascii) {}

  // False when the run is not a table after all. Reads at most `max_units` rows × columns.
  bool analyse(std::size_t max_units) {
    // Try the ways dumps count columns; keep the one under which bars line up with junctions.
    static const Metrics conventions[] = {{1, false}, {2, false}, {1, true}};
    std::vector<BoxLine> scanned;
    std::vector<int> bounds;
    double quality = -1;
    for (const Metrics& m : conventions) {
      if (ascii_ && m.box != 1) continue;
      std::vector<BoxLine> s = scan(m);
      std::vector<int> b = find_boundaries(s);
      const double q = fit(s, b);
      if (q > quality) scanned = std::move(s), bounds = std::move(b), quality = q, metrics_ = m;
      if (quality >= 1.0) break;
    }
    if (bounds.size() < 2) return false;
    bool rule = false, content = false;
    for (const BoxLine& l : scanned) {
      rule = rule || l.pure_rule;
      content = content || (!l.pure_rule && l.bars.size() >= 2);
    }
    if (!rule || !content) return false;
    bounds_ = std::move(bounds);
    columns_ = bounds_.size() - 1;
    read_end_ = first_ + std::min(end_ - first_, std::max<std::size_t>(max_units / columns_, 1));
    bars_.reserve(read_end_ - first_);
    for (std::size_t l = 0; l < read_end_ - first_; ++l) bars_.push_back(map_bars(scanned[l], bounds_));
    return true;
  }

  // The end of the lines the grid reads.
  std::size_t read_end() const { return read_end_; }

  void build(GridBuilder& grid);

 private:
  std::vector<BoxLine> scan(const Metrics& m) const {
    std::vector<BoxLine> out;
    out.reserve(end_ - first_);
    for (std::size_t i = first_; i < end_; ++i) out.push_back(scan_line(lines_[i].text, ascii_, m));
    return out;
  }

  // Byte ranges of each column's text between the bars of line `l` (relative to first_).
  std::vector<Segment> segments(std::size_t l) const;
  bool is_rule(std::string_view text, const Segment& s) const;
  std::string piece(std::string_view text, const std::vector<Segment>& segs, std::size_t c0, std::size_t c1) const;

  const Lines& lines_;
  std::size_t first_, end_;
  std::size_t read_end_ = 0;
  bool ascii_;
  Metrics metrics_;
  std::vector<int> bounds_;
  std::size_t columns_ = 0;
  std::vector<std::vector<int>> bars_;
};

std::vector<Segment> BoxTable::segments(std::size_t l) const {
  const std::string_view text = lines_[first_ + l].text;
  const std::vector<int>& bars = bars_[l];
  std::vector<int> edge(bounds_.size());
  for (std::size_t j = 0; j < bounds_.size(); ++j) edge[j] = bars[j] >= 0 ? bars[j] : bounds_[j];
  std::vector<Segment> segs(columns_);
  std::size_t c = 0;
  int col = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    char32_t ch;
    const int display = next_glyph(text, i, ch);
    const int w = metrics_.width(classify(ch, ascii_), display, ascii_);
    const int p = col;
    col += w;
    // Column c holds the glyphs at edge[c] <= p < edge[c+1]; a bar at edge[c] is not text.
    if (p < edge[0]) continue;
    while (c < columns_ && p >= edge[c + 1]) ++c;
    if (c >= columns_) break;
    if (p == edge[c] && bars[c] >= 0) continue;
    if (segs[c].from == std::string_view::npos) segs[c].from = start;
    segs[c].to = i;
  }
  return segs;
}

bool BoxTable::is_rule(std::string_view text, const Segment& s) const {
  if (s.from == std::string_view::npos) return false;
  const std::string_view seg = text.substr(s.from, s.to - s.from);
  bool horizontal = false;
  for (std::size_t i = 0; i < seg.size();) {
    char32_t c;
    next_glyph(seg, i, c);
    const Kind k = classify(c, ascii_);
    if (k == Kind::horizontal) horizontal = true;
    else if (k != Kind::junction) return false;
  }
  return horizontal;
}

// The text of columns [c0, c1] on one line, trimmed; "" when it is a piece of drawing (a
// junction, a bar, a run of rule) rather than text. A lone "-" is a value and stays.
std::string BoxTable::piece(std::string_view text, const std::vector<Segment>& segs, std::size_t c0, std::size_t c1) const {
  std::string out;
  for (std::size_t c = c0; c <= c1; ++c) {
    if (segs[c].from == std::string_view::npos) continue;
    out.append(text.substr(segs[c].from, segs[c].to - segs[c].from));
  }
  const std::string_view t = nz::trim(out);
  bool only_box = true, drawing = false;
  int horizontals = 0;
  for (std::size_t i = 0; i < t.size() && only_box;) {
    char32_t c;
    next_glyph(t, i, c);
    const Kind k = classify(c, ascii_);
    only_box = k != Kind::text;
    drawing = drawing || k == Kind::vertical || k == Kind::junction;
    horizontals += k == Kind::horizontal ? 1 : 0;
  }
  return only_box && (drawing || horizontals >= 3) ? std::string() : std::string(t);
}

void BoxTable::build(GridBuilder& grid) {
  const std::size_t count = read_end_ - first_;
  const std::size_t C = columns_;
  std::vector<std::vector<Segment>> segs(count);
  std::vector<char> rule_line(count, 0);
  std::vector<std::vector<char>> rule(count);
  for (std::size_t l = 0; l < count; ++l) {
    segs[l] = segments(l);
    rule[l].assign(C, 0);
    for (std::size_t c = 0; c < C; ++c) {
      rule[l][c] = is_rule(lines_[first_ + l].text, segs[l][c]);
      rule_line[l] = rule_line[l] || rule[l][c];
    }
  }
  // Bands: runs of lines without any rule; between two bands, the rule lines that part them.
  struct Band {
    std::size_t first, last;  // lines, inclusive
    bool hard_top = false;    // no rule above inside the box: a row of its own, never merged up
  };
  std::vector<Band> bands;
  for (std::size_t l = 0; l < count;) {
    if (rule_line[l]) {
      ++l;
      continue;
    }
    std::size_t e = l;
    while (e < count && !rule_line[e]) ++e;
    // Rows drawn without rules between them: two numbers in one column cannot be one wrapped
    // cell, so each line is a row.
    bool split = false;
    if (e - l >= 2) {
      for (std::size_t c = 0; c < C && !split; ++c) {
        int values = 0;
        for (std::size_t k = l; k < e; ++k)
          values += is_value_text(piece(lines_[first_ + k].text, segs[k], c, c)) ? 1 : 0;
        split = values >= 2;
      }
    }
    if (split) {
      for (std::size_t k = l; k < e; ++k) bands.push_back({k, k, k > l});
    } else {
      bands.push_back({l, e - 1, false});
    }
    l = e;
  }
  const std::size_t R = bands.size();
  auto hmerge = [&](std::size_t r, std::size_t c) {  // columns c and c+1 in band r
    for (std::size_t l = bands[r].first; l <= bands[r].last; ++l)
      if (bars_[l][c + 1] >= 0) return false;
    return true;
  };
  auto vmerge = [&](std::size_t r, std::size_t c) {  // bands r and r+1 in column c
    if (bands[r + 1].hard_top) return false;
    for (std::size_t l = bands[r].last + 1; l < bands[r + 1].first; ++l)
      if (rule[l][c]) return false;
    return true;
  };
  std::vector<char> taken(R * C, 0);
  for (std::size_t r = 0; r < R; ++r) {
    const Line& at = lines_[first_ + bands[r].first];
    if (grid.full()) {
      grid.note_dropped(at);
      return;
    }
    std::vector<TableCell> cells;
    for (std::size_t c = 0; c < C; ++c) {
      if (taken[r * C + c]) continue;
      std::size_t w = 1;
      while (c + w < C && !taken[r * C + c + w] && hmerge(r, c + w - 1)) ++w;
      std::size_t h = 1;
      while (r + h < R) {
        bool ok = true;
        for (std::size_t k = c; k < c + w && ok; ++k) ok = !taken[(r + h) * C + k] && vmerge(r + h - 1, k);
        for (std::size_t k = c; k + 1 < c + w && ok; ++k) ok = hmerge(r + h, k);
        if (!ok) break;
        ++h;
      }
      for (std::size_t y = r; y < r + h; ++y)
        for (std::size_t x = c; x < c + w; ++x) taken[y * C + x] = 1;
      std::vector<std::string> pieces;
      for (std::size_t l = bands[r].first; l <= bands[r + h - 1].last; ++l)
        pieces.push_back(piece(lines_[first_ + l].text, segs[l], c, c + w - 1));
      TableCell cell;
      cell.text = normalize::join_lines(pieces);
      cell.col = static_cast<int>(c);
      cell.cols = static_cast<int>(w);
      cell.rows = static_cast<int>(h);
      grid.clamp_span(cell, at);
      cells.push_back(std::move(cell));
    }
    if (cells.empty()) grid.add_empty_row();
    else grid.add_row(std::move(cells), at);
  }
}

// The extent of a box run starting at `i`, or i when none starts there.
std::size_t run_end(const Lines& lines, const Claims& claims, std::size_t i, bool& ascii) {
  const std::size_t n = lines.size();
  std::size_t e = i;
  if (lines.has_box_glyph(i)) {
    ascii = false;
    while (e < n && !claims[e] && lines.has_box_glyph(e)) ++e;
    return e;
  }
  if (!starts_with_plus(lines[i].text) || !is_ascii_rule(lines[i].text, true)) return i;
  ascii = true;
  while (e < n && !claims[e] &&
         (is_ascii_rule(lines[e].text, false) || lines[e].text.find('|') != std::string::npos))
    ++e;
  return e;
}

}  // namespace

void find_box_tables(const Lines& lines, const Limits& limits, std::vector<Diagnostic>& diagnostics,
                     Claims& claims, std::vector<TextTable>& out) {
  const std::size_t n = lines.size();
  for (std::size_t i = 0; i < n;) {
    bool ascii = false;
    const std::size_t end = claims[i] ? i : run_end(lines, claims, i, ascii);
    if (end == i) {
      ++i;
      continue;
    }
    // A huge run costs bounded time and memory: the grid reads a few times the cell limit in
    // lines and rows × columns; the rest of the run is dropped with the cell-limit warning.
    const std::size_t max_units = std::max<std::size_t>(limits.max_table_cells, 1) * 4;
    const std::size_t scan_end = std::min(end, i + max_units);
    bool too_long = false;
    for (std::size_t k = i; k < scan_end && !too_long; ++k) too_long = lines[k].text.size() > max_row_bytes;
    BoxTable box(lines, i, scan_end, ascii);
    if (too_long || !box.analyse(max_units)) {
      i = end;
      continue;
    }
    GridBuilder grid(TableSource::box, limits, diagnostics);
    box.build(grid);
    if (box.read_end() < end) grid.note_dropped(lines[box.read_end()]);
    TextTable t;
    t.first = i;
    t.end = end;
    t.table = grid.finish();
    if (!t.table.rows.empty()) {
      out.push_back(std::move(t));
      std::fill(claims.begin() + static_cast<std::ptrdiff_t>(i), claims.begin() + static_cast<std::ptrdiff_t>(end), 1);
    }
    i = end;
  }
}

}  // namespace nianbao::extract::text_tables
