// Internal to extract/: OCR of a page bitmap with Tesseract (chi_sim + eng), words with their
// boxes in points, the recogniser's confidence and, for a doubtful digit, its other readings.
#pragma once

#include <string>
#include <vector>

#include "extract/pdf_page.h"

namespace nianbao::extract::ocr {

// Pages are rendered at this resolution for OCR (Tesseract's models are trained on ~300 dpi).
constexpr double kOcrDpi = 300;

// The words on the bitmap. Throws InputError naming `source` when Tesseract or its Chinese
// language data is missing.
std::vector<pdf::Word> recognise(const pdf::Bitmap& bitmap, const std::string& source, int page);

}  // namespace nianbao::extract::ocr
