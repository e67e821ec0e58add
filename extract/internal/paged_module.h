// Internal to extract/: the one entry point of the paged-input module (nianbao-paged.so), through
// which the `nianbao` command reads PDFs and scans without loading poppler, Tesseract and
// Leptonica (about 60 shared libraries, most of its start-up) for every text or HTML input.
#pragma once

#include <string>
#include <string_view>

#include "extract/extract.h"

namespace nianbao::extract {

enum class PagedKind { pdf, image };

// What read_pdf / read_image were asked.
struct PagedRequest {
  PagedKind kind = PagedKind::pdf;
  std::string_view bytes;
  const std::string* source = nullptr;
  const PageOptions* options = nullptr;  // pdf only
  const Limits* limits = nullptr;
};

// The module's exported function (extern "C", found by dlsym): reads the request into `out`;
// throws what read_pdf / read_image throw (an InputError for a damaged file).
using PagedEntry = void (*)(const PagedRequest& request, Document& out);
inline constexpr const char* paged_entry_name = "nianbao_read_paged";

}  // namespace nianbao::extract
