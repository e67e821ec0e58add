// read_pdf, read_image and read_docx for the `nianbao` command: the readers live in the
// paged-input module (internal/paged_module.h), loaded with dlopen on the first PDF, scan or
// DOCX, so that a process reading text or HTML never loads poppler, libzip, Tesseract, Leptonica
// and their ~60 libraries
// (bench/README.md, "Start-up"). The module is looked for at $NIANBAO_PAGED_MODULE, beside the
// executable (the build tree) and in the installed library folder (module_loader.h).
// Tesseract is a module of its own again (ocr_loader.cc), loaded by this one on the first page
// that needs OCR.
#include <mutex>
#include <string>

#include "extract/module_loader.h"
#include "extract/internal/paged_module.h"
#include "model/errors.h"

namespace nianbao::extract {
namespace {

constexpr const char* module_file = "nianbao-paged.so";

struct Loaded {
  PagedEntry entry = nullptr;
  std::string error;  // why it could not be loaded
};

PagedAnswer ask_module(const PagedRequest& request, const std::string& source) {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] {
    loaded.entry = reinterpret_cast<PagedEntry>(
        load_module_entry(module_file, "NIANBAO_PAGED_MODULE", paged_entry_name, loaded.error));
  });
  if (!loaded.entry)
    throw InputError(source, "cannot read PDFs, images and DOCX: the paged-input module (" + std::string(module_file) +
                                 ") did not load: " + loaded.error);
  PagedAnswer out;
  loaded.entry(request, out);
  out.error.rethrow();
  return out;
}

}  // namespace

Document read_pdf(std::string_view bytes, const std::string& source, const PageOptions& options, const Limits& limits) {
  return ask_module({PagedKind::pdf, bytes, &source, &options, &limits}, source).document;
}

Document read_image(std::string_view bytes, const std::string& source, const Limits& limits) {
  return ask_module({PagedKind::image, bytes, &source, nullptr, &limits}, source).document;
}

Document read_docx(std::string_view bytes, const std::string& source, const Limits& limits) {
  return ask_module({PagedKind::docx, bytes, &source, nullptr, &limits}, source).document;
}

int pdf_page_count(std::string_view bytes) {
  return ask_module({PagedKind::pdf_page_count, bytes}, "PDF").page_count;
}

std::string pdf_page_png(std::string_view bytes, int page, double dpi) {
  PagedRequest request{PagedKind::pdf_page_png, bytes};
  request.page = page, request.dpi = dpi;
  return ask_module(request, "PDF").png;
}

}  // namespace nianbao::extract
