// Image inputs (a scanned page as PNG, JPEG or TIFF): decoded by Leptonica to grey, read by OCR,
// then laid out by the same geometry code as a PDF page. A multi-page TIFF gives one page each.
#include <leptonica/allheaders.h>

#include <memory>

#include "extract/internal/ocr.h"
#include "extract/internal/pdf_page.h"
#include "model/errors.h"

namespace nianbao::extract {
namespace {

// Resolution assumed when the image does not state a plausible one.
constexpr int kDefaultDpi = 300;
// An image of more pixels than this is refused before it is decoded (a scan of an A3 page at
// 600 dpi is 70 M pixels; a few bytes of PNG header can claim 4 G).
constexpr double kMaxImagePixels = 100e6;

struct PixFree {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixFree>;

pdf::Page read_page(PIX* pix, const std::string& source, int number) {
  PixPtr gray(pixConvertTo8(pix, 0));
  if (!gray) throw InputError(source, "image page " + std::to_string(number) + " cannot be converted to grey");
  int dpi = pixGetXRes(pix);
  if (dpi < 72 || dpi > 1200) dpi = kDefaultDpi;
  const int w = pixGetWidth(gray.get()), h = pixGetHeight(gray.get()), wpl = pixGetWpl(gray.get());
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h);
  const l_uint32* data = pixGetData(gray.get());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) pixels[static_cast<std::size_t>(y) * w + x] = GET_DATA_BYTE(data + y * wpl, x);
  const pdf::Bitmap bm{pixels.data(), w, h, w, dpi / 72.0};
  pdf::Page p;
  p.number = number;
  p.width = w / bm.scale, p.height = h / bm.scale;
  ocr::read_scanned_page(bm, source, p);
  return p;
}

}  // namespace

Document read_image(std::string_view bytes, const std::string& source, const Limits& limits) {
  setMsgSeverity(L_SEVERITY_NONE);
  l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, colormap = 0;
  if (pixReadHeaderMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size(), &format, &w, &h, &bps, &spp,
                       &colormap) == 0 &&
      static_cast<double>(w) * h > kMaxImagePixels)
    throw InputError(source, "the image is " + std::to_string(w) + " x " + std::to_string(h) +
                                 " pixels, more than a scanned page can be (at most 100 M pixels)");
  std::vector<pdf::Page> pages;
  const bool tiff = bytes.substr(0, 4) == std::string_view("II*\0", 4) || bytes.substr(0, 4) == std::string_view("MM\0*", 4);
  PIXA* pixa = tiff ? pixaReadMemMultipageTiff(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size()) : nullptr;
  if (pixa) {
    for (int i = 0; i < pixaGetCount(pixa); ++i) {
      PixPtr pix(pixaGetPix(pixa, i, L_CLONE));
      pages.push_back(read_page(pix.get(), source, i + 1));
    }
    pixaDestroy(&pixa);
  } else {
    PixPtr pix(pixReadMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size()));
    if (!pix) throw InputError(source, "not a readable image (PNG, JPEG or TIFF expected)");
    pages.push_back(read_page(pix.get(), source, 1));
  }
  Document doc = pdf::lay_out(pages, limits);
  doc.pages = doc.ocr_pages = static_cast<int>(pages.size());
  return doc;
}

}  // namespace nianbao::extract
