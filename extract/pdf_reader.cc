// PDF reader: poppler gives each page's words with their boxes (the text layer) and renders the
// page, in which the ruled lines of tables are found (pdf_rules.cc); a page without a text layer
// is rendered at OCR resolution and read by Tesseract (ocr.cc). The pages then go through the
// geometry code shared with scans (pdf_layout.cc).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <ctime>
#include <memory>

#include "extract/internal/ocr.h"
#include "extract/internal/pdf_page.h"
#include "model/errors.h"

namespace nianbao::extract {
namespace {

// Resolution the page is rendered at to find its rules (pixels per point = 2: a 0.5 pt rule is
// still a pixel wide); OCR renders at kOcrDpi (ocr.h).
constexpr double kRuleDpi = 144;
// A page with fewer characters than this in its text layer is a scanned page (a page number or
// a stamp's text is not a text layer).
constexpr std::size_t kMinTextChars = 10;

std::string utf8(const poppler::ustring& s) {
  const poppler::byte_array b = s.to_utf8();
  return std::string(b.begin(), b.end());
}

void quiet(const std::string&, void*) {}

std::string date_of(time_t t) {
  if (t <= 0) return "";
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::vector<pdf::Word> text_layer(const poppler::page& page) {
  std::vector<pdf::Word> words;
  for (const poppler::text_box& t : page.text_list(poppler::page::text_list_include_font)) {
    pdf::Word w;
    w.text = utf8(t.text());
    if (w.text.empty()) continue;
    const poppler::rectf r = t.bbox();
    w.box = {r.left(), r.top(), r.right(), r.bottom()};
    std::size_t glyphs = 0;
    for (unsigned char c : w.text) glyphs += (c & 0xC0) != 0x80;
    for (std::size_t i = 0; i < glyphs; ++i) w.glyph_x.push_back(t.char_bbox(i).left());
    w.glyph_x.push_back(r.right());
    w.space_after = t.has_space_after();
    w.font_size = static_cast<float>(t.get_font_size());
    words.push_back(std::move(w));
  }
  return words;
}

std::size_t characters(const std::vector<pdf::Word>& words) {
  std::size_t n = 0;
  for (const pdf::Word& w : words) n += w.glyph_x.size() - 1;
  return n;
}

}  // namespace

Document read_pdf(std::string_view bytes, const std::string& source, const PageOptions& options, const Limits& limits) {
  const Ocr ocr = options.ocr;
  poppler::set_debug_error_function(quiet, nullptr);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) throw InputError(source, "not a readable PDF (damaged or not a PDF)");
  if (doc->is_locked()) throw InputError(source, "the PDF is encrypted with a password");
  std::vector<pdf::Page> pages;
  Document out;
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  const int last = options.last > 0 ? std::min(options.last, doc->pages()) : doc->pages();
  for (int i = std::max(0, options.first - 1); i < last; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    pdf::Page p;
    p.number = i + 1;
    const poppler::rectf size = page->page_rect();
    p.width = size.width(), p.height = size.height();
    if (ocr != Ocr::always) p.words = text_layer(*page);
    const bool scanned = ocr != Ocr::never && characters(p.words) < kMinTextChars;
    const double dpi = scanned ? ocr::kOcrDpi : kRuleDpi;
    const poppler::image img = renderer.render_page(page.get(), dpi, dpi);
    if (!img.is_valid()) {
      out.diagnostics.push_back({Severity::warning, "pdf.render",
                                 "page " + std::to_string(p.number) + " could not be rendered: its rules and any "
                                 "scanned text are missing", {0, 0, p.number}});
    } else {
      const pdf::Bitmap bm{reinterpret_cast<const unsigned char*>(img.const_data()), img.width(), img.height(),
                           img.bytes_per_row(), dpi / 72};
      if (scanned) {
        ocr::read_scanned_page(bm, source, p);
        ++out.ocr_pages;
      } else {
        p.rules = pdf::find_rules(bm, p.words);
      }
    }
    pages.push_back(std::move(p));
  }
  Document laid = pdf::lay_out(pages, limits);
  laid.diagnostics.insert(laid.diagnostics.begin(), out.diagnostics.begin(), out.diagnostics.end());
  laid.pages = static_cast<int>(pages.size());
  laid.ocr_pages = out.ocr_pages;
  laid.info.title = utf8(doc->info_key("Title"));
  laid.info.author = utf8(doc->info_key("Author"));
  laid.info.created = date_of(doc->info_date_t("CreationDate"));
  if (laid.title.empty()) laid.title = laid.info.title;
  return laid;
}

}  // namespace nianbao::extract
