// Internal to extract/: a page as the PDF and OCR readers see it — words with their boxes and
// the ruled lines drawn on it — and the geometry code that turns pages into blocks: ruled
// grids into tables (pdf_grid.cc), the rest into lines and paragraphs (pdf_layout.cc).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"

namespace nianbao::extract::pdf {

// One word (a run of glyphs without a gap) in points from the page's top-left corner.
struct Word {
  std::string text;             // UTF-8
  Box box;
  std::vector<double> glyph_x;  // left edge of each code point, then the right edge of the last
  bool space_after = false;     // the source put a space after it
  float font_size = 0;
  float confidence = 100;       // OCR: the recogniser's confidence (0–100); 100 for a text layer
  std::vector<std::string> alternatives;  // OCR: other readings of the word, best first
};

// A horizontal or vertical ruled line seen on the page.
struct Rule {
  Box box;
  bool horizontal = true;
};

struct Page {
  int number = 1;  // 1-based
  double width = 0, height = 0;
  std::vector<Word> words;
  std::vector<Rule> rules;
  bool ocr = false;  // the words came from OCR
};

// A grey bitmap of a page (one byte a pixel, 0 = black), `scale` pixels per point.
struct Bitmap {
  const unsigned char* pixels = nullptr;
  int width = 0, height = 0, stride = 0;
  double scale = 1;
};

// One PDF's pages through poppler's own classes (pdf_render.cc). A page's content: the words of
// its text layer, the straight dark lines and filled rectangles it draws (pieces of rules, for
// rules_from_lines), and whether it draws images (a rule may be one). A page rendered without its
// text (paths and images only) at `dpi`, valid until the next render (no pixels when the page
// cannot be rendered). Pages count from 1.
// `bytes` must outlive it, and so must a poppler::document (poppler's globals live while one does).
class PopplerPages {
 public:
  explicit PopplerPages(std::string_view bytes);
  ~PopplerPages();
  PopplerPages(const PopplerPages&) = delete;
  PopplerPages& operator=(const PopplerPages&) = delete;
  struct Content {
    std::vector<Word> words;
    std::vector<Rule> lines;
    bool images = false;
  };
  Content content(int page);
  Bitmap render_without_text(int page, double dpi);

 private:
  struct Device;
  bool has(int page) const;
  std::unique_ptr<Device> device_;
};

// Inside a line of prose no gap between words is this many times their font size; the cells of a
// table row always leave one (the page reader, the layout and the tables without rules use it).
constexpr double kProseGapEm = 1.5;
// A column of text at least this share of the page wide is prose set in two columns, not a
// column of a table (the layout reads such pages column by column; tables without rules skip them).
constexpr double kTextColumnShare = 0.3;

// Horizontal and vertical rules drawn on the page: dark runs at least `min_run` points long once
// the words are blanked out (a scan has no words yet: its runs must be longer than any stroke).
constexpr double kMinRulePt = 8;       // with the words blanked: no table column is narrower
constexpr double kMinScanRulePt = 20;  // without: longer than the strokes of a 16 pt ideograph
std::vector<Rule> find_rules(const Bitmap& bitmap, const std::vector<Word>& words, double min_run = kMinRulePt);
// A grey level (0–255) darker than this is ink (rules are black or dark grey; shading is lighter).
constexpr double kInkGrey = 140;

// Rules from the lines and filled rectangles a page draws (PopplerPages::Content::lines): pieces
// on one line that touch joined, then those as thin and as long as find_rules asks of ink.
std::vector<Rule> rules_from_lines(std::vector<Rule> pieces, double min_run = kMinRulePt);

// The boxes of the cells (merged cells as one) of every ruled grid among `rules`, and the boxes
// of the grids themselves.
std::vector<Box> grid_cells(const std::vector<Rule>& rules, std::vector<Box>& grids);

// A table found from the ruled grid of a page, with the words it holds removed from the page.
struct PageTable {
  Table table;
  Box box;
  std::vector<double> column_x;  // the grid's vertical lines, left to right
  float min_confidence = 100;    // lowest word confidence inside it
};

// Ruled grids of the page → tables (cells with spans, words placed by their centres). The words
// taken are removed from `page.words`.
std::vector<PageTable> find_grid_tables(Page& page, const Limits& limits, std::vector<Diagnostic>& diagnostics);

// Tables without rules (pdf_aligned.cc): runs of lines whose words stand in aligned cells,
// read as the ruled grid they would draw. The words taken are removed from `page.words`.
std::vector<PageTable> find_aligned_tables(Page& page, const Limits& limits, std::vector<Diagnostic>& diagnostics);

// Words grouped into lines (vertical overlap), each line left to right, lines top to bottom.
std::vector<std::vector<const Word*>> group_lines(std::vector<const Word*> words);

// The text of words on one line, left to right: nothing between ideographs, a space between
// two Latin words the source separated.
std::string join_words(const std::vector<const Word*>& words);

// Pages → the document's blocks: running headers, footers and page numbers dropped, lines and
// paragraphs rebuilt from positions (a sentence broken over a page joined), tables continued on
// the next page joined.
Document lay_out(std::vector<Page>& pages, const Limits& limits);

}  // namespace nianbao::extract::pdf
