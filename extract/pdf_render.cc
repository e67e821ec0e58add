// A PDF's pages through poppler's own classes (libpoppler-private-dev): in one pass over a
// page's content, the words of the text layer with their boxes and font sizes and the straight
// lines and thin rectangles it draws (its rules, pdf_rules.cc); and, for a page whose rules may be
// images, the page rendered without its text to see them. poppler-cpp gives the font size of a word only by scanning every
// font of the page again (text_list_include_font), and its page_renderer draws the glyphs with a
// new Splash device for every page, which loads and rasterises the embedded fonts again
// (~0.03 s a page, most of a text-layer PDF's time). Here one Splash device serves the document
// and skips the text, so no font program is loaded: what is left is the paths and images.
#include <PDFDoc.h>
#include <SplashOutputDev.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <splash/SplashBitmap.h>

#include <algorithm>
#include <cmath>

#include "extract/internal/pdf_page.h"

namespace nianbao::extract::pdf {
namespace {

// A stroke of width 0 is the thinnest line the device can draw: this thick (points).
constexpr double kHairlinePt = 0.5;
// Two points of a path this close (points) lie on one horizontal or vertical line.
constexpr double kStraightPt = 0.5;

// Poppler's text device, which also keeps the page's straight dark lines and thin rectangles.
class WordsAndLines : public TextOutputDev {
 public:
  WordsAndLines() : TextOutputDev(nullptr, false, 0, false, false) {}
  std::vector<Rule> pieces;
  bool images = false;

  bool needNonText() override { return true; }  // see the images (skipped otherwise)
  void stroke(GfxState* state) override {
    TextOutputDev::stroke(state);
    GfxRGB rgb;
    state->getStrokeRGB(&rgb);
    if (dark(rgb, state->getStrokeOpacity())) add_lines(*state);
  }
  void fill(GfxState* state) override {
    TextOutputDev::fill(state);
    filled(*state);
  }
  void eoFill(GfxState* state) override {
    TextOutputDev::eoFill(state);
    filled(*state);
  }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height, GfxImageColorMap* colorMap,
                 bool interpolate, const int* maskColors, bool inlineImg) override {
    images = true;
    TextOutputDev::drawImage(state, ref, str, width, height, colorMap, interpolate, maskColors, inlineImg);
  }
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert, bool interpolate,
                     bool inlineImg) override {
    images = true;
    TextOutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inlineImg);
  }
  void drawMaskedImage(GfxState*, Object*, Stream*, int, int, GfxImageColorMap*, bool, Stream*, int, int, bool,
                       bool) override {
    images = true;
  }
  void drawSoftMaskedImage(GfxState*, Object*, Stream*, int, int, GfxImageColorMap*, bool, Stream*, int, int,
                           GfxImageColorMap*, bool) override {
    images = true;
  }

 private:
  static bool dark(const GfxRGB& rgb, double opacity) {
    const double grey = 0.299 * colToDbl(rgb.r) + 0.587 * colToDbl(rgb.g) + 0.114 * colToDbl(rgb.b);
    return opacity > 0.5 && grey * 255 < kInkGrey;
  }
  // Each straight segment of the path's subpaths (a closed subpath's closing one too).
  void add_lines(const GfxState& state) {
    const GfxPath* path = state.getPath();
    const double width = std::max(state.getTransformedLineWidth(), kHairlinePt);
    for (int i = 0; path && i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      const int n = sub->getNumPoints();
      for (int j = 1; j < n; ++j) {
        if (sub->getCurve(j) || sub->getCurve(j - 1)) continue;
        double x0, y0, x1, y1;
        state.transform(sub->getX(j - 1), sub->getY(j - 1), &x0, &y0);
        state.transform(sub->getX(j), sub->getY(j), &x1, &y1);
        if (std::abs(y1 - y0) <= kStraightPt)
          pieces.push_back({{std::min(x0, x1), (y0 + y1 - width) / 2, std::max(x0, x1), (y0 + y1 + width) / 2}, true});
        else if (std::abs(x1 - x0) <= kStraightPt)
          pieces.push_back({{(x0 + x1 - width) / 2, std::min(y0, y1), (x0 + x1 + width) / 2, std::max(y0, y1)}, false});
      }
    }
  }
  // A filled subpath that is an upright rectangle (a rule drawn as a thin one; pdf_rules.cc
  // leaves out the wide ones), or a filled line.
  void filled(GfxState& state) {
    if (state.getFillColorSpace()->getMode() == csPattern) return;
    GfxRGB rgb;
    state.getFillRGB(&rgb);
    if (!dark(rgb, state.getFillOpacity())) return;
    const GfxPath* path = state.getPath();
    for (int i = 0; path && i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      const int n = sub->getNumPoints();
      if (n < 2 || n > 5) continue;
      Box box{1e300, 1e300, -1e300, -1e300};
      bool upright = true;
      double px = 0, py = 0;
      for (int j = 0; j < n && upright; ++j) {
        double x, y;
        state.transform(sub->getX(j), sub->getY(j), &x, &y);
        if (j > 0) upright = !sub->getCurve(j) && (std::abs(x - px) <= kStraightPt || std::abs(y - py) <= kStraightPt);
        box = {std::min(box.x0, x), std::min(box.y0, y), std::max(box.x1, x), std::max(box.y1, y)};
        px = x, py = y;
      }
      if (upright) pieces.push_back({box, box.x1 - box.x0 >= box.y1 - box.y0});
    }
  }
};

}  // namespace

struct PopplerPages::Device {
  PDFDoc doc;
  SplashOutputDev splash;
  bool splash_started = false;
  Device(std::string_view bytes, SplashColorPtr paper)
      : doc(new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull))),
        splash(splashModeMono8, 4, false, paper) {}
};

PopplerPages::PopplerPages(std::string_view bytes) {
  SplashColor white = {255, 255, 255, 255};
  device_ = std::make_unique<Device>(bytes, white);
}
PopplerPages::~PopplerPages() = default;

bool PopplerPages::has(int page) const {
  return device_->doc.isOk() && page >= 1 && page <= device_->doc.getNumPages();
}

PopplerPages::Content PopplerPages::content(int page) {
  Content out;
  if (!has(page)) return out;
  // As poppler-cpp's text_list: reading order, at 72 dpi (points), the media box's coordinates.
  WordsAndLines dev;
  device_->doc.displayPageSlice(&dev, page, 72, 72, 0, false, false, false, -1, -1, -1, -1);
  const std::unique_ptr<TextWordList> list = dev.makeWordList();
  for (int i = 0; list && i < list->getLength(); ++i) {
    const TextWord* t = list->get(i);
    const std::unique_ptr<GooString> s(t->getText());
    Word w;
    if (!s || s->getLength() == 0) continue;
    w.text = s->toStr();
    t->getBBox(&w.box.x0, &w.box.y0, &w.box.x1, &w.box.y1);
    std::size_t glyphs = 0;
    for (unsigned char c : w.text) glyphs += (c & 0xC0) != 0x80;
    const int chars = t->getLength();
    for (std::size_t g = 0; g < glyphs; ++g) {
      double x0 = w.box.x0, y0, x1, y1;
      if (chars > 0) t->getCharBBox(std::min(static_cast<int>(g), chars - 1), &x0, &y0, &x1, &y1);
      w.glyph_x.push_back(x0);
    }
    w.glyph_x.push_back(w.box.x1);
    w.space_after = t->hasSpaceAfter();
    w.font_size = static_cast<float>(t->getFontSize());
    out.words.push_back(std::move(w));
  }
  out.lines = std::move(dev.pieces);
  out.images = dev.images;
  return out;
}

Bitmap PopplerPages::render_without_text(int page, double dpi) {
  if (!has(page)) return {};
  if (!device_->splash_started) {
    device_->splash.setVectorAntialias(false);
    device_->splash.setSkipText(true, true);
    device_->splash.startDoc(&device_->doc);
    device_->splash_started = true;
  }
  device_->doc.displayPageSlice(&device_->splash, page, dpi, dpi, 0, false, true, false, -1, -1, -1, -1);
  SplashBitmap* bm = device_->splash.getBitmap();
  if (!bm || bm->getWidth() <= 0 || bm->getHeight() <= 0) return {};
  return {bm->getDataPtr(), bm->getWidth(), bm->getHeight(), bm->getRowSize(), dpi / 72};
}

}  // namespace nianbao::extract::pdf
