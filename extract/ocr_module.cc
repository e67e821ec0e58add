// The OCR module (nianbao-ocr.so): the scanned-page and image readers behind one C entry point,
// loaded by the paged-input module on the first page that needs OCR (ocr_loader.cc).
#include "extract/internal/ocr.h"
#include "extract/internal/ocr_module.h"

extern "C" __attribute__((visibility("default"))) void nianbao_read_ocr(const nianbao::extract::OcrRequest& r,
                                                                         nianbao::extract::Document& out) {
  using namespace nianbao::extract;
  switch (r.kind) {
    case OcrKind::scanned_page: ocr::read_scanned_page(*r.bitmap, *r.source, *r.page); break;
    case OcrKind::image: out = read_image(r.bytes, *r.source, *r.limits); break;
  }
}
