// Internal to extract/: the one entry point of the paged-input module (nianbao-paged.so), through
// which the `nianbao` command reads PDFs, scans and DOCX without loading poppler, Tesseract,
// Leptonica and libzip (about 60 shared libraries, most of its start-up) for every text or HTML input.
#pragma once

#include <string>
#include <string_view>

#include "extract/extract.h"
#include "model/errors.h"

namespace nianbao::extract {

enum class PagedKind { pdf, image, docx, pdf_page_count, pdf_page_png };

// What read_pdf / read_image / read_docx / pdf_page_count / pdf_page_png were asked.
struct PagedRequest {
  PagedKind kind = PagedKind::pdf;
  std::string_view bytes;
  const std::string* source = nullptr;   // pdf, image, docx
  const PageOptions* options = nullptr;  // pdf
  const Limits* limits = nullptr;        // pdf, image, docx
  int page = 0;                          // pdf_page_png
  double dpi = 0;                        // pdf_page_png
};

// What the module answers: the document read, or a page count, or a page's PNG.
struct PagedAnswer {
  Document document;
  int page_count = 0;
  std::string png;
  CarriedError error;  // what the reader threw (the command throws it again)
};

// The module's exported function (extern "C", found by dlsym): answers the request in `out`, or
// puts what read_pdf / read_image / read_docx threw (an InputError for a damaged file) in
// `out.error`; it never throws (model/errors.h, CarriedError).
using PagedEntry = void (*)(const PagedRequest& request, PagedAnswer& out);
inline constexpr const char* paged_entry_name = "nianbao_read_paged";

}  // namespace nianbao::extract
