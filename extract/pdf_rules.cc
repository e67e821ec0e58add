// Ruled lines from a page bitmap, or from the lines a PDF page draws. PDF producers draw table
// rules as paths, thin rectangles or images, and a scan has only pixels: the rendered page shows
// them all the same way. The words' boxes are blanked first, so what stays dark in long thin runs
// is a rule. A text-layer page's paths give the same rules without rendering (rules_from_lines).
#include <algorithm>
#include <cmath>

#include "extract/internal/pdf_page.h"

namespace nianbao::extract::pdf {
namespace {

// How far inside its box a word is blanked (points).
constexpr double kWordMarginPt = 0.5;
// A dark band thicker than this (points) is a filled area (a shaded cell, a picture), not a rule.
constexpr double kMaxRuleThicknessPt = 3;

struct Run {
  int along0, along1;  // extent along the rule
  int across0, across1;  // extent across (thickness)
};

// Runs of ink along one axis, merged across neighbouring scan lines into bands. Scan line b is
// the `length` bytes at ink + b * length, non-zero where there is ink (mostly blank: the scan
// jumps from ink to ink with std::find).
std::vector<Run> bands(const std::vector<unsigned char>& ink, int length, int lines, int min_run) {
  std::vector<Run> done, open, next;
  for (int b = 0; b < lines; ++b) {
    next.clear();
    const unsigned char* line = ink.data() + static_cast<std::ptrdiff_t>(b) * length;
    const unsigned char* const end = line + length;
    for (const unsigned char* p = std::find_if(line, end, [](unsigned char c) { return c != 0; }); p != end;) {
      const unsigned char* q = std::find(p, end, 0);
      const int start = static_cast<int>(p - line), stop = static_cast<int>(q - line);
      p = std::find_if(q, end, [](unsigned char c) { return c != 0; });
      if (stop - start < min_run) continue;
      Run run{start, stop, b, b + 1};
      // Continue a band of the previous scan line with about the same extent.
      for (Run& o : open) {
        if (o.across1 != b) continue;
        const int overlap = std::min(o.along1, run.along1) - std::max(o.along0, run.along0);
        if (overlap * 10 >= std::max(o.along1 - o.along0, run.along1 - run.along0) * 9) {
          run = {std::min(o.along0, run.along0), std::max(o.along1, run.along1), o.across0, b + 1};
          o.across1 = -1;  // taken over
          break;
        }
      }
      next.push_back(run);
    }
    for (const Run& o : open)
      if (o.across1 >= 0) done.push_back(o);
    std::swap(open, next);
  }
  for (const Run& o : open) done.push_back(o);
  return done;
}

}  // namespace

std::vector<Rule> find_rules(const Bitmap& bm, const std::vector<Word>& words, double min_run_pt) {
  std::vector<Rule> rules;
  if (!bm.pixels || bm.width <= 0 || bm.height <= 0) return rules;
  std::vector<unsigned char> ink(static_cast<std::size_t>(bm.width) * bm.height);
  for (int y = 0; y < bm.height; ++y)
    for (int x = 0; x < bm.width; ++x)
      ink[static_cast<std::size_t>(y) * bm.width + x] = bm.pixels[static_cast<std::size_t>(y) * bm.stride + x] < kInkGrey;
  // Blank the words (their boxes shrunk by half a point, so that a rule touching a box survives;
  // at a resolution under 2 pixels a point, not at all: a glyph's edge would stay as a run).
  const int shrink = static_cast<int>(kWordMarginPt * bm.scale);
  for (const Word& w : words) {
    const int x0 = std::max(0, static_cast<int>(std::ceil(w.box.x0 * bm.scale)) + shrink);
    const int x1 = std::min(bm.width, static_cast<int>(std::floor(w.box.x1 * bm.scale)) - shrink);
    const int y0 = std::max(0, static_cast<int>(std::ceil(w.box.y0 * bm.scale)) + shrink);
    const int y1 = std::min(bm.height, static_cast<int>(std::floor(w.box.y1 * bm.scale)) - shrink);
    for (int y = y0; y < y1; ++y)
      std::fill(ink.begin() + static_cast<std::ptrdiff_t>(y) * bm.width + x0,
                ink.begin() + static_cast<std::ptrdiff_t>(y) * bm.width + std::max(x0, x1), 0);
  }
  const int min_run = std::max(3, static_cast<int>(min_run_pt * bm.scale));
  const int max_thick = std::max(2, static_cast<int>(std::ceil(kMaxRuleThicknessPt * bm.scale)));
  for (const Run& r : bands(ink, bm.width, bm.height, min_run)) {
    if (r.across1 - r.across0 > max_thick) continue;
    rules.push_back({{r.along0 / bm.scale, r.across0 / bm.scale, r.along1 / bm.scale, r.across1 / bm.scale}, true});
  }
  std::vector<unsigned char> columns(ink.size());  // the ink transposed: column x is scan line x
  for (int y = 0; y < bm.height; ++y)
    for (int x = 0; x < bm.width; ++x)
      columns[static_cast<std::size_t>(x) * bm.height + y] = ink[static_cast<std::size_t>(y) * bm.width + x];
  for (const Run& r : bands(columns, bm.height, bm.width, min_run)) {
    if (r.across1 - r.across0 > max_thick) continue;
    rules.push_back({{r.across0 / bm.scale, r.along0 / bm.scale, r.across1 / bm.scale, r.along1 / bm.scale}, false});
  }
  return rules;
}

std::vector<Rule> rules_from_lines(std::vector<Rule> pieces, double min_run) {
  // Pieces on one line (centres within this many points) that touch or overlap are one rule.
  constexpr double kSameLinePt = 1;
  std::vector<Rule> rules;
  for (const bool horizontal : {true, false}) {
    const auto along0 = [&](const Box& b) { return horizontal ? b.x0 : b.y0; };
    const auto along1 = [&](const Box& b) { return horizontal ? b.x1 : b.y1; };
    const auto across = [&](const Box& b) { return horizontal ? (b.y0 + b.y1) / 2 : (b.x0 + b.x1) / 2; };
    std::vector<Rule> line;
    for (const Rule& r : pieces)
      if (r.horizontal == horizontal) line.push_back(r);
    std::sort(line.begin(), line.end(), [&](const Rule& a, const Rule& b) { return across(a.box) < across(b.box); });
    std::vector<Rule> joined;
    for (std::size_t first = 0, end = 0; first < line.size(); first = end) {
      // The pieces of one line: each within kSameLinePt of the previous one.
      for (end = first + 1; end < line.size() && across(line[end].box) - across(line[end - 1].box) <= kSameLinePt;) ++end;
      std::sort(line.begin() + first, line.begin() + end,
                [&](const Rule& a, const Rule& b) { return along0(a.box) < along0(b.box); });
      for (std::size_t i = first; i < end; ++i) {
        const Rule& r = line[i];
        Rule* last = i > first ? &joined.back() : nullptr;
        if (last && along0(r.box) <= along1(last->box) + kSameLinePt)
          last->box = {std::min(last->box.x0, r.box.x0), std::min(last->box.y0, r.box.y0),
                       std::max(last->box.x1, r.box.x1), std::max(last->box.y1, r.box.y1)};
        else
          joined.push_back(r);
      }
    }
    for (const Rule& r : joined) {
      const double thickness = horizontal ? r.box.y1 - r.box.y0 : r.box.x1 - r.box.x0;
      if (thickness <= kMaxRuleThicknessPt && along1(r.box) - along0(r.box) >= min_run) rules.push_back(r);
    }
  }
  return rules;
}

}  // namespace nianbao::extract::pdf
