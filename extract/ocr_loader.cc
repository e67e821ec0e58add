// ocr::read_scanned_page and read_image for the paged-input module (nianbao-paged.so): Tesseract,
// Leptonica and their libraries (~37 M instructions of loading and start-up, more than a text
// layer page costs) live in the OCR module (internal/ocr_module.h), loaded with dlopen on the
// first page or image that needs OCR, so that a PDF with a text layer never loads them.
#include <mutex>
#include <string>

#include "extract/module_loader.h"
#include "extract/internal/ocr.h"
#include "extract/internal/ocr_module.h"
#include "model/errors.h"

namespace nianbao::extract {
namespace {

constexpr const char* module_file = "nianbao-ocr.so";

OcrEntry entry(const std::string& source) {
  static std::once_flag once;
  static OcrEntry found = nullptr;
  static std::string error;  // why it could not be loaded
  std::call_once(once, [] {
    found = reinterpret_cast<OcrEntry>(load_module_entry(module_file, "NIANBAO_OCR_MODULE", ocr_entry_name, error));
  });
  if (!found)
    throw InputError(source, "needs OCR, but the OCR module (" + std::string(module_file) + ") did not load: " + error);
  return found;
}

}  // namespace

void ocr::read_scanned_page(const pdf::Bitmap& bitmap, const std::string& source, pdf::Page& page) {
  OcrRequest request;
  request.source = &source, request.bitmap = &bitmap, request.page = &page;
  Document unused;
  entry(source)(request, unused);
}

Document read_image(std::string_view bytes, const std::string& source, const Limits& limits) {
  OcrRequest request;
  request.kind = OcrKind::image, request.source = &source, request.bytes = bytes, request.limits = &limits;
  Document out;
  entry(source)(request, out);
  return out;
}

}  // namespace nianbao::extract
