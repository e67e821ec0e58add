// PDF reader: poppler gives each page's words with their boxes (the text layer) and the lines
// it draws, of which a table's rules are made (pdf_render.cc, pdf_rules.cc); a table page that
// draws no line but images is rendered without its text to see them. A page without a text
// layer is rendered at OCR resolution and read by Tesseract (ocr.cc). The pages then go through the
// geometry code shared with scans (pdf_layout.cc).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <goo/PNGWriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>

#include "extract/internal/ocr.h"
#include "extract/internal/pdf_page.h"
#include "model/errors.h"

namespace nianbao::extract {
namespace {

// Resolution the page is rendered at to find its rules; OCR renders at kOcrDpi (ocr.h). One
// pixel a point: a 0.5 pt rule still darkens a whole pixel (no anti-aliasing), and 033–035 give
// the same grids as at 144 dpi (box edges move by under a point) for half the rendering time.
constexpr double kRuleDpi = 72;
// Bound on the pixels of one rendered page: a larger page (a poster, or a damaged MediaBox) is
// rendered at a lower resolution (an A2 page at 300 dpi is 35 M pixels).
constexpr double kMaxRenderPixels = 40e6;
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

// A page is rendered (to see its rules) only when its text looks like a table: some line has two
// words further apart than prose ever leaves them (a table row's cells, or a table continued here).
bool looks_like_table(const std::vector<pdf::Word>& words) {
  std::vector<const pdf::Word*> all;
  for (const pdf::Word& w : words) all.push_back(&w);
  for (const std::vector<const pdf::Word*>& line : pdf::group_lines(all))
    for (std::size_t i = 1; i < line.size(); ++i) {
      const double em = std::max({line[i - 1]->font_size, line[i]->font_size, 1.0f});
      if (line[i]->box.x0 - line[i - 1]->box.x1 > pdf::kProseGapEm * em) return true;
    }
  return false;
}

std::size_t characters(const std::vector<pdf::Word>& words) {
  std::size_t n = 0;
  for (const pdf::Word& w : words) n += w.glyph_x.size() - 1;
  return n;
}

// `dpi`, lowered so that a page of `width` × `height` points renders to at most kMaxRenderPixels.
double bounded_dpi(double width, double height, double dpi) {
  const double pixels = width * height * (dpi / 72) * (dpi / 72);
  if (!(pixels <= kMaxRenderPixels)) dpi *= std::sqrt(kMaxRenderPixels / std::max(pixels, 1.0));
  return dpi > 0 ? dpi : 1;  // a page of no size (NaN, 0)
}

std::unique_ptr<poppler::document> open_unlocked(std::string_view bytes) {
  poppler::set_debug_error_function(quiet, nullptr);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (doc && doc->is_locked()) doc.reset();
  return doc;
}

// A grey image as PNG bytes, encoded by poppler's own PNG writer (libpng) into memory, so that
// the PDF reader needs no Leptonica (which lives with Tesseract in the OCR module).
std::string png_of(const poppler::image& img, double dpi) {
  char* buf = nullptr;
  std::size_t size = 0;
  FILE* f = ::open_memstream(&buf, &size);
  if (!f) return {};
  bool ok;
  {
    PNGWriter writer(PNGWriter::GRAY);
    ok = writer.init(f, img.width(), img.height(), dpi, dpi);
    for (int y = 0; ok && y < img.height(); ++y) {
      auto* row = reinterpret_cast<unsigned char*>(const_cast<char*>(img.const_data())) +
                  static_cast<std::ptrdiff_t>(y) * img.bytes_per_row();
      ok = writer.writeRow(&row);
    }
    ok = ok && writer.close();
  }
  std::fclose(f);
  std::string out = ok ? std::string(buf, size) : std::string();
  std::free(buf);
  return out;
}

}  // namespace

int pdf_page_count(std::string_view bytes) {
  const auto doc = open_unlocked(bytes);
  return doc ? doc->pages() : 0;
}

std::string pdf_page_png(std::string_view bytes, int page, double dpi) {
  const auto doc = open_unlocked(bytes);
  if (!doc || page < 1 || page > doc->pages()) return {};
  const std::unique_ptr<poppler::page> p(doc->create_page(page - 1));
  if (!p) return {};
  const poppler::rectf size = p->page_rect();
  dpi = bounded_dpi(size.width(), size.height(), dpi);
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  const poppler::image img = renderer.render_page(p.get(), dpi, dpi);
  return img.is_valid() ? png_of(img, dpi) : std::string();
}

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
  pdf::PopplerPages poppler_pages(bytes);  // after `doc`: poppler's globals live while it does
  const int last = options.last > 0 ? std::min(options.last, doc->pages()) : doc->pages();
  for (int i = std::max(0, options.first - 1); i < last; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    pdf::Page p;
    p.number = i + 1;
    const poppler::rectf size = page->page_rect();
    p.width = size.width(), p.height = size.height();
    pdf::PopplerPages::Content content;
    if (ocr != Ocr::always) content = poppler_pages.content(p.number), p.words = std::move(content.words);
    const bool scanned = ocr != Ocr::never && characters(p.words) < kMinTextChars;
    if (!scanned && looks_like_table(p.words)) p.rules = pdf::rules_from_lines(std::move(content.lines));
    // Rendered: a scan, and a table page without drawn rules that draws images (its rules may be).
    if (!scanned && (!looks_like_table(p.words) || !p.rules.empty() || !content.images)) {
      pages.push_back(std::move(p));
      continue;
    }
    const double dpi = bounded_dpi(p.width, p.height, scanned ? ocr::kOcrDpi : kRuleDpi);
    poppler::image img;  // a scan is rendered with its text (a stamp's, a page number's)
    pdf::Bitmap bm;
    if (scanned) {
      img = renderer.render_page(page.get(), dpi, dpi);
      if (img.is_valid())
        bm = {reinterpret_cast<const unsigned char*>(img.const_data()), img.width(), img.height(),
              img.bytes_per_row(), dpi / 72};
    } else {
      bm = poppler_pages.render_without_text(p.number, dpi);
    }
    if (!bm.pixels) {
      out.diagnostics.push_back({Severity::warning, "pdf.render",
                                 "page " + std::to_string(p.number) + " could not be rendered: its rules and any "
                                 "scanned text are missing", {0, 0, p.number}});
    } else if (scanned) {
      ocr::read_scanned_page(bm, source, p);
      ++out.ocr_pages;
    } else {
      p.rules = pdf::find_rules(bm, p.words);
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
