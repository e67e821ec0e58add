// PDF page images for the report page: a page of a report's recorded PDF source rendered by
// poppler-cpp as a grey PNG (deflated with zlib). The bytes come from the file the database
// records for the report (engine/browse.h), never from a path in the request.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <zlib.h>

#include <memory>

#include "server/internal/api.h"

namespace nianbao::server {

namespace {

std::unique_ptr<poppler::document> load(const std::string& bytes) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc || doc->is_locked()) return nullptr;
  return doc;
}

void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

void chunk(std::string& out, const char* type, const std::string& data) {
  put32(out, static_cast<std::uint32_t>(data.size()));
  const std::string body = std::string(type, 4) + data;
  out += body;
  put32(out, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

// An 8-bit grey PNG of `height` rows of `width` bytes, `stride` apart.
std::string png_gray8(const char* pixels, int width, int height, int stride) {
  std::string raw;
  raw.reserve(static_cast<std::size_t>(height) * (width + 1));
  for (int y = 0; y < height; ++y) {
    raw += '\0';  // filter: none
    raw.append(pixels + static_cast<std::ptrdiff_t>(y) * stride, static_cast<std::size_t>(width));
  }
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string deflated(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(deflated.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
                static_cast<uLong>(raw.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
    throw HttpError(500, "the page image could not be compressed");
  deflated.resize(size);
  std::string ihdr;
  put32(ihdr, static_cast<std::uint32_t>(width));
  put32(ihdr, static_cast<std::uint32_t>(height));
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // depth 8, grey, deflate, no filter, no interlace
  std::string out("\x89PNG\r\n\x1a\n", 8);
  chunk(out, "IHDR", ihdr);
  chunk(out, "IDAT", deflated);
  chunk(out, "IEND", "");
  return out;
}

}  // namespace

int pdf_page_count(const std::string& bytes) {
  const auto doc = load(bytes);
  return doc ? doc->pages() : 0;
}

std::string pdf_page_png(const std::string& bytes, int page, double dpi) {
  const auto doc = load(bytes);
  if (!doc || page < 1 || page > doc->pages()) throw HttpError(404, "no such page");
  const std::unique_ptr<poppler::page> p(doc->create_page(page - 1));
  if (!p) throw HttpError(404, "no such page");
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  const poppler::image img = renderer.render_page(p.get(), dpi, dpi);
  if (!img.is_valid()) throw HttpError(500, "the page could not be rendered");
  return png_gray8(img.const_data(), img.width(), img.height(), img.bytes_per_row());
}

}  // namespace nianbao::server
