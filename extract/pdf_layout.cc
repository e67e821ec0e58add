// Pages of positioned words → blocks. Per page: ruled tables first (pdf_grid.cc), then tables
// without rules (pdf_aligned.cc), the other
// words into lines (a stretch of the page set in two columns read column by column); lines in the top and bottom margins that are page numbers or repeat on
// several pages are running headers/footers and dropped. Paragraphs are rebuilt across pages
// from the geometry of the body text (its left and right margins, line spacing, font size), and
// a table that ends one page and starts the next with the same columns is one table.
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "extract/internal/lines.h"
#include "extract/internal/pdf_page.h"
#include "extract/internal/text_tables.h"
#include "normalize/normalize.h"

namespace nianbao::extract::pdf {
namespace {

namespace nz = nianbao::normalize;

// The top and bottom margins where running headers, footers and page numbers live (share of
// the page height): A4 reports keep them within about 60 pt of the edge.
constexpr double kMarginBand = 0.08;
// A line is indented when it starts this many font sizes right of the body's left margin
// (paragraphs start with two ideographic spaces); short when it ends this far before the right.
constexpr double kIndentEm = 0.8;
constexpr double kShortEm = 1.2;
// Lines further apart than this many line heights are in different paragraphs.
constexpr double kParagraphGap = 1.0;
// Column positions of a table continued on the next page agree within this (points).
constexpr double kSameColumn = 3;
// Two text columns: at least this many lines side by side, each column at least kTextColumnShare of
// the page wide (a table's column of numbers is narrower), the gutter between them at least this
// wide (points) and within the middle of the page (share of its width from either edge).
constexpr std::size_t kMinColumnLines = 4;
constexpr double kMinGutterPt = 8;
constexpr double kGutterRange = 0.3;

struct TextLine {
  std::string text;
  Box box;
  float font_size = 0;
  int page = 0;
  // Reading order on the page: the top of the stretch the line is in (its own top outside a
  // stretch set in columns), its column there (0 left, 1 right) and that column's edges.
  double band_top = 0;
  int column = 0;
  double column_left = 0, column_right = 0;  // 0, 0: the page's body margins
};

// One thing on a page in reading order: a line or a table.
struct Item {
  const TextLine* line = nullptr;
  PageTable* table = nullptr;
  double top() const { return line ? line->box.y0 : table->box.y0; }
  // Stretch, column, top: a table outside any stretch of columns is its own stretch.
  std::tuple<double, int, double> order() const {
    return line ? std::make_tuple(line->band_top, line->column, line->box.y0) : std::make_tuple(top(), 0, top());
  }
};

bool is_ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

Box unite(const Box& a, const Box& b) {
  if (a.empty()) return b;
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

// The running-header/footer key of a margin line: its text without digits.
std::string margin_key(const std::string& text) {
  std::string k;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != ' ') k += c;
  return k;
}

bool in_margin(const TextLine& l, double page_height) {
  return l.box.y1 < page_height * kMarginBand || l.box.y0 > page_height * (1 - kMarginBand);
}

TextLine text_line(const std::vector<const Word*>& words, int page) {
  TextLine l{join_words(words), {}, 0, page};
  for (const Word* w : words) l.box = unite(l.box, w->box), l.font_size = std::max(l.font_size, w->font_size);
  l.band_top = l.box.y0;
  return l;
}

// A line of prose: no gap between its words as wide as a table row's.
bool prose(const std::vector<const Word*>& line) {
  for (std::size_t i = 1; i < line.size(); ++i) {
    const double em = std::max({line[i - 1]->font_size, line[i]->font_size, 1.0f});
    if (line[i]->box.x0 - line[i - 1]->box.x1 > kProseGapEm * em) return false;
  }
  return true;
}

// The gutter of a page set in two columns: the x (points) in the middle of the page that the
// most lines leave free with words on both sides, and how many do (0: none).
std::pair<double, std::size_t> find_gutter(const std::vector<std::vector<const Word*>>& lines, double width) {
  std::pair<double, std::size_t> best{0, 0};
  for (double x = width * kGutterRange; x <= width * (1 - kGutterRange); x += 1) {
    std::size_t split = 0;
    for (const auto& line : lines) {
      bool left = false, right = false, free = true;
      for (const Word* w : line) {
        left |= w->box.x1 <= x - kMinGutterPt / 2, right |= w->box.x0 >= x + kMinGutterPt / 2;
        free &= w->box.x1 <= x - kMinGutterPt / 2 || w->box.x0 >= x + kMinGutterPt / 2;
      }
      split += left && right && free;
    }
    if (split > best.second) best = {x, split};
  }
  return best;
}

// The page's lines in reading order. Where consecutive lines all leave the gutter free (and
// enough of them have prose on both sides of it), the stretch is read column by column: the
// words left of the gutter as lines, then those right of it.
std::vector<TextLine> column_lines(const std::vector<std::vector<const Word*>>& lines, const Page& page) {
  std::vector<TextLine> out;
  const auto [gutter, split] = find_gutter(lines, page.width);
  const auto crosses = [&, x = gutter](const std::vector<const Word*>& line) {
    return std::any_of(line.begin(), line.end(), [&](const Word* w) {
      return w->box.x1 > x - kMinGutterPt / 2 && w->box.x0 < x + kMinGutterPt / 2;
    });
  };
  for (std::size_t i = 0; i < lines.size();) {
    std::size_t end = i;
    if (split >= kMinColumnLines)
      while (end < lines.size() && !crosses(lines[end])) ++end;
    // The stretch [i, end) as two columns, if it is prose on both sides and wide enough.
    std::vector<const Word*> side[2];
    std::size_t prose_lines[2] = {0, 0}, side_lines[2] = {0, 0};
    for (std::size_t k = i; k < end; ++k) {
      std::vector<const Word*> part[2];
      for (const Word* w : lines[k]) part[w->box.x0 >= gutter].push_back(w);
      for (int c : {0, 1})
        if (!part[c].empty()) {
          ++side_lines[c], prose_lines[c] += prose(part[c]);
          side[c].insert(side[c].end(), part[c].begin(), part[c].end());
        }
    }
    Box extent[2];
    for (int c : {0, 1})
      for (const Word* w : side[c]) extent[c] = unite(extent[c], w->box);
    const bool columns = end > i && std::min(side_lines[0], side_lines[1]) >= kMinColumnLines &&
                         prose_lines[0] * 3 >= side_lines[0] * 2 && prose_lines[1] * 3 >= side_lines[1] * 2 &&
                         std::min(extent[0].x1 - extent[0].x0, extent[1].x1 - extent[1].x0) >= kTextColumnShare * page.width;
    if (!columns) {
      out.push_back(text_line(lines[i], page.number));
      ++i;
      continue;
    }
    const double top = std::min(extent[0].y0, extent[1].y0);
    for (int c : {0, 1})
      for (const auto& line : group_lines(side[c])) {
        TextLine l = text_line(line, page.number);
        l.band_top = top, l.column = c, l.column_left = extent[c].x0, l.column_right = extent[c].x1;
        out.push_back(std::move(l));
      }
    i = end;
  }
  return out;
}

// Lines of every page, with the margin lines that are page numbers or repeat dropped.
std::vector<std::vector<TextLine>> page_lines(const std::vector<Page>& pages) {
  std::vector<std::vector<TextLine>> out(pages.size());
  std::map<std::string, int> repeats;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::vector<const Word*> words;
    for (const Word& w : pages[p].words) words.push_back(&w);
    for (TextLine& l : column_lines(group_lines(words), pages[p])) {
      if (nz::clean(l.text).empty()) continue;
      if (in_margin(l, pages[p].height)) ++repeats[margin_key(l.text)];
      out[p].push_back(std::move(l));
    }
  }
  const int enough = std::max(2, static_cast<int>(pages.size() + 1) / 2);
  for (std::size_t p = 0; p < pages.size(); ++p) {
    auto& lines = out[p];
    lines.erase(std::remove_if(lines.begin(), lines.end(),
                               [&](const TextLine& l) {
                                 if (!in_margin(l, pages[p].height)) return false;
                                 const std::string key = margin_key(l.text);
                                 return is_page_footer(nz::clean(l.text)) || key.empty() || repeats[key] >= enough;
                               }),
                lines.end());
  }
  return out;
}

// The body text's geometry: its usual font size, left and right margins.
struct Body {
  double left = 0, right = 0;
  float font_size = 0;
};

Body body_geometry(const std::vector<std::vector<TextLine>>& pages) {
  std::map<long, int> lefts, rights, sizes;
  for (const auto& lines : pages)
    for (const TextLine& l : lines) {
      ++lefts[std::lround(l.box.x0)], ++rights[std::lround(l.box.x1)], ++sizes[std::lround(l.font_size * 2)];
    }
  const auto mode = [](const std::map<long, int>& m) {
    long best = 0;
    int n = 0;
    for (const auto& [k, c] : m)
      if (c > n) best = k, n = c;
    return best;
  };
  Body b;
  b.left = double(mode(lefts)), b.font_size = float(mode(sizes)) / 2;
  // The right margin: the furthest right edge reached by several lines (justified text ends
  // there, give or take a glyph).
  long right = b.left;
  for (const auto& [x, n] : rights)
    if (n >= 2) right = std::max(right, x);
  b.right = double(right);
  return b;
}

class Paragraphs {
 public:
  Paragraphs(const Body& body, Document& doc) : body_(body), doc_(doc) {}

  void add(const TextLine& l) {
    if (!lines_.empty() && breaks_before(*lines_.back(), l)) flush();
    lines_.push_back(&l);
  }

  void flush() {
    if (lines_.empty()) return;
    std::vector<std::string> pieces;
    Block b;
    b.pos.page = lines_.front()->page;
    for (const TextLine* l : lines_) {
      pieces.push_back(l->text);
      if (l->page == b.pos.page) b.edit_box() = unite(b.box(), l->box);
    }
    b.text = nz::join_lines(pieces);
    if (!b.text.empty()) doc_.blocks.push_back(std::move(b));
    lines_.clear();
  }

 private:
  bool breaks_before(const TextLine& prev, const TextLine& cur) const {
    const double em = std::max(1.0f, cur.font_size);
    const bool large = prev.font_size > body_.font_size * 1.15f && std::abs(prev.font_size - cur.font_size) < 0.5f;
    const double height = std::max(prev.box.y1 - prev.box.y0, cur.box.y1 - cur.box.y0);
    const bool same_column = prev.page == cur.page && prev.column == cur.column;
    if (same_column && cur.box.y0 - prev.box.y1 > height * kParagraphGap) return true;
    if (large) return false;  // a title over two lines (centred, larger than the body)
    if (std::abs(prev.font_size - cur.font_size) > 1.5f) return true;
    const bool in_column = cur.column_right > 0;
    if (cur.box.x0 > (in_column ? cur.column_left : body_.left) + kIndentEm * em) return true;
    return prev.box.x1 < (prev.column_right > 0 ? prev.column_right : body_.right) - kShortEm * em;
  }

  const Body& body_;
  Document& doc_;
  std::vector<const TextLine*> lines_;
};

// Column lines of two parts of a table merged (lines closer than kSameColumn are one), and
// where each part's lines went in the merged list.
std::vector<double> merge_columns(const std::vector<double>& a, const std::vector<double>& b, std::vector<int>& map_a,
                                  std::vector<int>& map_b) {
  std::vector<double> all(a);
  all.insert(all.end(), b.begin(), b.end());
  std::sort(all.begin(), all.end());
  std::vector<double> merged;
  for (double x : all)
    if (merged.empty() || x - merged.back() > kSameColumn) merged.push_back(x);
  const auto place = [&](const std::vector<double>& xs, std::vector<int>& map) {
    map.clear();
    for (double x : xs) {
      const auto it = std::min_element(merged.begin(), merged.end(),
                                       [&](double p, double q) { return std::abs(p - x) < std::abs(q - x); });
      map.push_back(static_cast<int>(it - merged.begin()));
    }
  };
  place(a, map_a), place(b, map_b);
  return merged;
}

void remap_columns(Table& t, const std::vector<int>& map) {
  int width = 0;
  for (TableRow& row : t.rows)
    for (TableCell& c : row.cells) {
      const int end = c.col + c.cols;
      if (c.col < 0 || end >= static_cast<int>(map.size())) continue;
      c.col = map[c.col], c.cols = std::max(1, map[end] - map[c.col]);
      width = std::max(width, c.col + c.cols);
    }
  t.columns = width;
}

// A cell cut by the page break: the first row of the continuation has, under a cell that reaches
// the last row of the part before, a cell over the same columns that is empty or carries on its
// text (not a new numbered label) while one of the two spans rows. It is joined to the cell above.
void join_cut_cells(Table& t, TableRow& first) {
  const int last = static_cast<int>(t.rows.size());
  auto& cells = first.cells;
  for (std::size_t i = 0; i < cells.size();) {
    TableCell* above = nullptr;
    for (TableRow& row : t.rows)
      for (TableCell& c : row.cells)
        if (c.row + c.rows == last && c.col == cells[i].col && c.cols == cells[i].cols) above = &c;
    const TableCell& b = cells[i];
    const bool numbered = text_tables::is_sub_numbered(b.text) || text_tables::is_level1_heading(b.text);
    if (above && (b.text.empty() || (!numbered && !above->text.empty() && (above->rows > 1 || b.rows > 1)))) {
      above->text = nz::join_lines({above->text, b.text});
      above->rows += b.rows;
      cells.erase(cells.begin() + static_cast<std::ptrdiff_t>(i));
      continue;
    }
    ++i;
  }
}

// Joins `next` (the first table of a page) to `prev` (the last block, a table ending the page
// before) when both span the same width; their column lines are merged, a repeated header is
// dropped, a cell cut by the page break is joined. Returns the joined table's column lines, or
// nothing when the tables are not one.
std::vector<double> continue_table(Block& prev, const std::vector<double>& prev_columns, PageTable& next) {
  const std::vector<double>& nx = next.column_x;
  if (prev.kind != BlockKind::table || prev_columns.size() < 2 || nx.size() < 2 ||
      std::abs(prev_columns.front() - nx.front()) > kSameColumn || std::abs(prev_columns.back() - nx.back()) > kSameColumn)
    return {};
  std::vector<int> map_prev, map_next;
  std::vector<double> merged = merge_columns(prev_columns, nx, map_prev, map_next);
  Table& t = prev.edit_table();
  remap_columns(t, map_prev);
  remap_columns(next.table, map_next);
  std::size_t skip = 0;
  while (skip < next.table.rows.size() && skip < t.rows.size() && next.table.rows[skip].header) {
    const auto& a = next.table.rows[skip].cells;
    const auto& b = t.rows[skip].cells;
    const bool same = a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const TableCell& x, const TableCell& y) {
                        return x.text == y.text && x.col == y.col && x.cols == y.cols;
                      });
    if (!same) break;
    ++skip;
  }
  const int offset = static_cast<int>(t.rows.size()) - static_cast<int>(skip);
  for (std::size_t r = skip; r < next.table.rows.size(); ++r) {
    TableRow row = std::move(next.table.rows[r]);
    if (r == skip) join_cut_cells(t, row);
    for (TableCell& c : row.cells) c.row += offset;
    t.rows.push_back(std::move(row));
  }
  t.columns = std::max(t.columns, next.table.columns);
  return merged;
}

// The title: the lines on the first page set larger than the body, in order.
std::string title_of(const std::vector<std::vector<TextLine>>& pages, const Body& body) {
  if (pages.empty()) return "";
  std::vector<std::string> pieces;
  float size = 0;
  for (const TextLine& l : pages.front()) {
    if (l.font_size > body.font_size * 1.15f && (size == 0 || std::abs(l.font_size - size) < 0.5f)) {
      size = l.font_size;
      pieces.push_back(l.text);
    } else if (size > 0) {
      break;
    }
  }
  return nz::join_lines(pieces);
}

}  // namespace

std::vector<std::vector<const Word*>> group_lines(std::vector<const Word*> words) {
  std::sort(words.begin(), words.end(), [](const Word* a, const Word* b) { return a->box.y0 < b->box.y0; });
  std::vector<std::vector<const Word*>> lines;
  std::vector<Box> boxes;
  for (const Word* w : words) {
    const double h = w->box.y1 - w->box.y0;
    bool placed = false;
    // A word belongs to a recent line it overlaps by half of the smaller height.
    for (std::size_t i = lines.size(); i-- > 0 && i + 3 >= lines.size();) {
      const Box& b = boxes[i];
      const double overlap = std::min(b.y1, w->box.y1) - std::max(b.y0, w->box.y0);
      if (overlap >= 0.5 * std::min(h, b.y1 - b.y0)) {
        lines[i].push_back(w);
        boxes[i] = unite(b, w->box);
        placed = true;
        break;
      }
    }
    if (!placed) lines.push_back({w}), boxes.push_back(w->box);
  }
  for (auto& l : lines)
    std::sort(l.begin(), l.end(), [](const Word* a, const Word* b) { return a->box.x0 < b->box.x0; });
  return lines;
}

std::string join_words(const std::vector<const Word*>& words) {
  std::string out;
  const Word* prev = nullptr;
  for (const Word* w : words) {
    if (prev && prev->space_after && !out.empty() && !w->text.empty() && is_ascii_alnum(out.back()) &&
        is_ascii_alnum(w->text.front()))
      out += ' ';
    out += w->text;
    prev = w;
  }
  return out;
}

Document lay_out(std::vector<Page>& pages, const Limits& limits) {
  Document doc;
  std::vector<std::vector<PageTable>> tables(pages.size());
  for (std::size_t p = 0; p < pages.size(); ++p) {
    tables[p] = find_grid_tables(pages[p], limits, doc.diagnostics);
    for (PageTable& t : find_aligned_tables(pages[p], limits, doc.diagnostics)) tables[p].push_back(std::move(t));
  }
  const std::vector<std::vector<TextLine>> lines = page_lines(pages);
  const Body body = body_geometry(lines);
  doc.title = title_of(lines, body);

  Paragraphs paragraphs(body, doc);
  std::vector<double> last_columns;  // of the last block, when it is a table ending its page
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::vector<Item> items;
    for (const TextLine& l : lines[p]) items.push_back({&l, nullptr});
    for (PageTable& t : tables[p]) items.push_back({nullptr, &t});
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.order() < b.order(); });
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].line) {
        paragraphs.add(*items[i].line);
        last_columns.clear();
        continue;
      }
      paragraphs.flush();
      PageTable& t = *items[i].table;
      std::vector<double> joined;
      if (i == 0 && !last_columns.empty() && !doc.blocks.empty())
        joined = continue_table(doc.blocks.back(), last_columns, t);
      if (joined.empty()) {
        joined = t.column_x;
        Block b;
        b.kind = BlockKind::table;
        b.edit_table() = std::move(t.table);
        b.pos.page = pages[p].number;
        b.edit_box() = t.box;
        doc.blocks.push_back(std::move(b));
      }
      last_columns = i + 1 == items.size() ? joined : std::vector<double>{};
    }
  }
  paragraphs.flush();
  return doc;
}

}  // namespace nianbao::extract::pdf
