// Internal to extract/: the one entry point of the OCR module (nianbao-ocr.so: Tesseract,
// Leptonica and their libraries), through which the paged-input module reads a scanned page or an
// image only when an input needs OCR: a PDF with a text layer never loads them (bench/README.md).
#pragma once

#include <string>
#include <string_view>

#include "extract/extract.h"
#include "extract/internal/pdf_page.h"

namespace nianbao::extract {

enum class OcrKind { scanned_page, image };

// What ocr::read_scanned_page / read_image were asked.
struct OcrRequest {
  OcrKind kind = OcrKind::scanned_page;
  const std::string* source = nullptr;
  const pdf::Bitmap* bitmap = nullptr;  // scanned_page
  pdf::Page* page = nullptr;            // scanned_page: filled in place
  std::string_view bytes;               // image
  const Limits* limits = nullptr;       // image
};

// The module's exported function (extern "C", found by dlsym): an image's document in `out`, a
// scanned page in request.page; throws what they throw (an InputError when Tesseract's model is
// missing or an image cannot be read).
using OcrEntry = void (*)(const OcrRequest& request, Document& out);
inline constexpr const char* ocr_entry_name = "nianbao_read_ocr";

}  // namespace nianbao::extract
