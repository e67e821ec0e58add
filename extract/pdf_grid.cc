// Tables from the ruled grid of a page. Rules that touch each other form one table; its grid
// lines are the distinct positions of its horizontal and vertical rules; two neighbouring grid
// positions belong to one (merged) cell where no rule separates them. Words go to the cell under
// their centre (a word crossing a grid line is cut between glyphs), a cell's lines are joined.
#include <algorithm>
#include <numeric>

#include "extract/internal/pdf_page.h"
#include "extract/internal/text_tables.h"
#include "normalize/normalize.h"

namespace nianbao::extract::pdf {
namespace {

namespace nz = nianbao::normalize;

// Rules closer than this (points) are one grid line (double rules, rules that do not quite meet);
// no table row or column of a report is this thin.
constexpr double kTolerance = 4;
// A word read by OCR with less confidence than this (0–100) is doubtful.
constexpr float kDoubtful = 80;

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int i) { return parent[i] == i ? i : parent[i] = find(parent[i]); }
  void unite(int a, int b) { parent[find(a)] = find(b); }
};

double mid_x(const Box& b) { return (b.x0 + b.x1) / 2; }
double mid_y(const Box& b) { return (b.y0 + b.y1) / 2; }

bool touches(const Rule& h, const Rule& v) {
  return mid_x(v.box) >= h.box.x0 - kTolerance && mid_x(v.box) <= h.box.x1 + kTolerance &&
         mid_y(h.box) >= v.box.y0 - kTolerance && mid_y(h.box) <= v.box.y1 + kTolerance;
}

// Positions closer than kTolerance merged (their mean).
std::vector<double> cluster(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::vector<double> out;
  double sum = 0;
  int n = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (n > 0 && v[i] - v[i - 1] > kTolerance) {
      out.push_back(sum / n);
      sum = 0, n = 0;
    }
    sum += v[i], ++n;
  }
  if (n > 0) out.push_back(sum / n);
  return out;
}

// One ruled grid: its lines and the rules that draw them.
struct Grid {
  std::vector<double> xs, ys;
  std::vector<const Rule*> h, v;

  // A rule along grid line x = xs[c] crossing height y (or y = ys[r] crossing x).
  bool vertical_at(std::size_t c, double y) const {
    return std::any_of(v.begin(), v.end(), [&](const Rule* r) {
      return std::abs(mid_x(r->box) - xs[c]) <= kTolerance && r->box.y0 <= y && r->box.y1 >= y;
    });
  }
  bool horizontal_at(std::size_t r, double x) const {
    return std::any_of(h.begin(), h.end(), [&](const Rule* rule) {
      return std::abs(mid_y(rule->box) - ys[r]) <= kTolerance && rule->box.x0 <= x && rule->box.x1 >= x;
    });
  }
};

std::vector<Grid> find_grids(const std::vector<Rule>& rules) {
  UnionFind uf(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i)
    for (std::size_t j = 0; j < rules.size(); ++j)
      if (rules[i].horizontal && !rules[j].horizontal && touches(rules[i], rules[j])) uf.unite(int(i), int(j));
  std::vector<Grid> grids;
  std::vector<int> grid_of(rules.size(), -1);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    int& g = grid_of[uf.find(int(i))];
    if (g < 0) g = static_cast<int>(grids.size()), grids.emplace_back();
    (rules[i].horizontal ? grids[g].h : grids[g].v).push_back(&rules[i]);
  }
  std::vector<Grid> out;
  for (Grid& g : grids) {
    if (g.h.size() < 2 || g.v.size() < 2) continue;
    std::vector<double> xs, ys;
    for (const Rule* r : g.v) xs.push_back(mid_x(r->box));
    for (const Rule* r : g.h) ys.push_back(mid_y(r->box));
    g.xs = cluster(xs), g.ys = cluster(ys);
    if (g.xs.size() >= 2 && g.ys.size() >= 2 && (g.xs.size() - 1) * (g.ys.size() - 1) >= 2) out.push_back(std::move(g));
  }
  return out;
}

// The word cut where it crosses the grid's vertical lines (between glyphs).
std::vector<Word> cut_at_columns(const Word& w, const std::vector<double>& xs) {
  std::vector<Word> out;
  const std::size_t glyphs = w.glyph_x.size() > 0 ? w.glyph_x.size() - 1 : 0;
  const std::size_t count = nz::count_code_points(w.text);
  const bool crosses = std::any_of(xs.begin(), xs.end(), [&](double x) { return x > w.box.x0 + 1 && x < w.box.x1 - 1; });
  if (!crosses || glyphs != count || glyphs < 2) return {w};
  Word piece = w;
  piece.text.clear(), piece.glyph_x.clear();
  std::size_t byte = 0;
  for (std::size_t g = 0; g < glyphs; ++g) {
    const double centre = (w.glyph_x[g] + w.glyph_x[g + 1]) / 2;
    const bool cut = !piece.text.empty() && std::any_of(xs.begin(), xs.end(), [&](double x) {
      return x > piece.glyph_x.front() && x < centre;
    });
    if (cut) {
      piece.glyph_x.push_back(w.glyph_x[g]);
      piece.box.x1 = w.glyph_x[g];
      piece.space_after = false;
      out.push_back(piece);
      piece.text.clear(), piece.glyph_x.clear();
    }
    if (piece.text.empty()) piece.box.x0 = w.glyph_x[g];
    piece.glyph_x.push_back(w.glyph_x[g]);
    const std::size_t start = byte;
    nz::next_code_point(w.text, byte);
    piece.text.append(w.text, start, byte - start);
  }
  piece.glyph_x.push_back(w.glyph_x[glyphs]);
  piece.box.x1 = w.box.x1;
  piece.space_after = w.space_after;
  out.push_back(piece);
  return out;
}

std::size_t slot(const std::vector<double>& lines, double v) {
  const auto it = std::upper_bound(lines.begin(), lines.end(), v);
  return static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(it - lines.begin() - 1, 0, std::ptrdiff_t(lines.size()) - 2));
}

// Grid positions joined where no rule separates them: one set per (merged) cell.
UnionFind merged_cells(const Grid& g) {
  const std::size_t rows = g.ys.size() - 1, cols = g.xs.size() - 1;
  UnionFind uf(rows * cols);
  const auto id = [&](std::size_t r, std::size_t c) { return int(r * cols + c); };
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) {
      const double ym = (g.ys[r] + g.ys[r + 1]) / 2, xm = (g.xs[c] + g.xs[c + 1]) / 2;
      if (c + 1 < cols && !g.vertical_at(c + 1, ym)) uf.unite(id(r, c), id(r, c + 1));
      if (r + 1 < rows && !g.horizontal_at(r + 1, xm)) uf.unite(id(r, c), id(r + 1, c));
    }
  return uf;
}

PageTable build_table(const Grid& g, std::vector<Word> words, const Limits& limits,
                      std::vector<Diagnostic>& diagnostics, int page) {
  const std::size_t rows = g.ys.size() - 1, cols = g.xs.size() - 1;
  UnionFind uf = merged_cells(g);
  const auto id = [&](std::size_t r, std::size_t c) { return int(r * cols + c); };
  // Each merged cell's extent; a cell that is not a rectangle takes its bounding rectangle.
  struct Span {
    std::size_t r0 = SIZE_MAX, c0 = SIZE_MAX, r1 = 0, c1 = 0;
    std::vector<const Word*> words;
  };
  std::vector<Span> spans(rows * cols);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) {
      Span& s = spans[uf.find(id(r, c))];
      s.r0 = std::min(s.r0, r), s.c0 = std::min(s.c0, c), s.r1 = std::max(s.r1, r), s.c1 = std::max(s.c1, c);
    }
  PageTable out;
  for (const Word& w : words) {
    out.min_confidence = std::min(out.min_confidence, w.confidence);
    spans[uf.find(id(slot(g.ys, mid_y(w.box)), slot(g.xs, mid_x(w.box))))].words.push_back(&w);
  }
  std::vector<std::vector<std::pair<std::size_t, TableCell>>> by_row(rows);
  std::vector<char> covered(rows * cols, 0);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const Span& s = spans[i];
    if (s.r0 == SIZE_MAX || covered[id(s.r0, s.c0)]) continue;
    for (std::size_t r = s.r0; r <= s.r1; ++r)
      for (std::size_t c = s.c0; c <= s.c1; ++c) covered[id(r, c)] = 1;
    std::vector<std::string> lines;
    for (const auto& line : group_lines(s.words)) lines.push_back(join_words(line));
    TableCell cell;
    cell.text = nz::join_lines(lines);
    // A cell of one doubtful word (a number OCR was unsure of) keeps the word's other readings.
    if (s.words.size() == 1 && s.words.front()->confidence < kDoubtful) cell.readings = s.words.front()->alternatives;
    cell.col = int(s.c0), cell.rows = int(s.r1 - s.r0 + 1), cell.cols = int(s.c1 - s.c0 + 1);
    by_row[s.r0].push_back({s.c0, std::move(cell)});
  }
  text_tables::GridBuilder builder(TableSource::pdf, limits, diagnostics);
  Line at;
  for (auto& row : by_row) {
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<TableCell> cells;
    for (auto& [c, cell] : row) {
      builder.clamp_span(cell, at);
      cells.push_back(std::move(cell));
    }
    if (cells.empty()) builder.add_empty_row();
    else builder.add_row(std::move(cells), at);
  }
  out.table = builder.finish();
  out.box = {g.xs.front(), g.ys.front(), g.xs.back(), g.ys.back()};
  out.column_x = g.xs;
  (void)page;
  return out;
}

}  // namespace

std::vector<Box> grid_cells(const std::vector<Rule>& rules, std::vector<Box>& grids) {
  std::vector<Box> cells;
  for (const Grid& g : find_grids(rules)) {
    grids.push_back({g.xs.front(), g.ys.front(), g.xs.back(), g.ys.back()});
    const std::size_t rows = g.ys.size() - 1, cols = g.xs.size() - 1;
    UnionFind uf = merged_cells(g);
    std::vector<Box> boxes(rows * cols);
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < cols; ++c) {
        Box& b = boxes[uf.find(int(r * cols + c))];
        const Box here{g.xs[c], g.ys[r], g.xs[c + 1], g.ys[r + 1]};
        b = b.empty() ? here : Box{std::min(b.x0, here.x0), std::min(b.y0, here.y0), std::max(b.x1, here.x1), std::max(b.y1, here.y1)};
      }
    for (const Box& b : boxes)
      if (!b.empty()) cells.push_back(b);
  }
  return cells;
}

std::vector<PageTable> find_grid_tables(Page& page, const Limits& limits, std::vector<Diagnostic>& diagnostics) {
  std::vector<PageTable> tables;
  for (const Grid& g : find_grids(page.rules)) {
    std::vector<Word> inside, rest;
    for (Word& w : page.words) {
      const double x = mid_x(w.box), y = mid_y(w.box);
      const bool in = x > g.xs.front() && x < g.xs.back() && y > g.ys.front() && y < g.ys.back();
      if (!in) {
        rest.push_back(std::move(w));
        continue;
      }
      for (Word& piece : cut_at_columns(w, g.xs)) inside.push_back(std::move(piece));
    }
    page.words = std::move(rest);
    tables.push_back(build_table(g, std::move(inside), limits, diagnostics, page.number));
  }
  std::sort(tables.begin(), tables.end(), [](const PageTable& a, const PageTable& b) { return a.box.y0 < b.box.y0; });
  return tables;
}

}  // namespace nianbao::extract::pdf
