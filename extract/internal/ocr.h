// Internal to extract/: OCR of a page bitmap with Tesseract (chi_sim + eng), words with their
// boxes in points, the recogniser's confidence and, for a doubtful digit, its other readings.
#pragma once

#include <string>
#include <vector>

#include "extract/internal/pdf_page.h"

namespace nianbao::extract::ocr {

// Pages are rendered at this resolution for OCR (Tesseract's models are trained on ~300 dpi).
constexpr double kOcrDpi = 300;

// The words on the bitmap: the whole page (automatic segmentation), or only inside `regions`
// (points), each read as one block. Throws InputError naming `source` when Tesseract or its
// Chinese language data is missing.
std::vector<pdf::Word> recognise(const pdf::Bitmap& bitmap, const std::string& source,
                                 const std::vector<Box>& regions);

// A scanned page: turned upright if it was scanned at a slant, its rules, then OCR of the text around the tables and of each table cell on
// its own (a page read whole runs the columns of a table together and reads rules as "|").
void read_scanned_page(const pdf::Bitmap& bitmap, const std::string& source, pdf::Page& page);

}  // namespace nianbao::extract::ocr
