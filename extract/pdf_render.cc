// A PDF's pages through poppler's own classes (libpoppler-private-dev): the words of the text
// layer with their boxes and font sizes, and the page rendered without its text to see its
// ruled lines (pdf_rules.cc). poppler-cpp gives the font size of a word only by scanning every
// font of the page again (text_list_include_font), and its page_renderer draws the glyphs with a
// new Splash device for every page, which loads and rasterises the embedded fonts again
// (~0.03 s a page, most of a text-layer PDF's time). Here one Splash device serves the document
// and skips the text, so no font program is loaded: what is left is the paths and images.
#include <PDFDoc.h>
#include <SplashOutputDev.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <splash/SplashBitmap.h>

#include "extract/internal/pdf_page.h"

namespace nianbao::extract::pdf {

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

std::vector<Word> PopplerPages::words(int page) {
  std::vector<Word> words;
  if (!has(page)) return words;
  // As poppler-cpp's text_list: reading order, at 72 dpi (points), the media box's coordinates.
  TextOutputDev text(nullptr, false, 0, false, false);
  device_->doc.displayPageSlice(&text, page, 72, 72, 0, false, false, false, -1, -1, -1, -1);
  const std::unique_ptr<TextWordList> list = text.makeWordList();
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
    words.push_back(std::move(w));
  }
  return words;
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
