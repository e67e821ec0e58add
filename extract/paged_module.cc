// The paged-input module (nianbao-paged.so): the PDF, image and DOCX readers (and PDF page pictures)
// behind one C entry point (OCR behind the OCR module's, ocr_loader.cc),
// loaded by the command on its first PDF or scan (paged_loader.cc).
#include "extract/internal/paged_module.h"

extern "C" __attribute__((visibility("default"))) void nianbao_read_paged(const nianbao::extract::PagedRequest& r,
                                                                           nianbao::extract::PagedAnswer& out) {
  using namespace nianbao::extract;
  try {
    switch (r.kind) {
      case PagedKind::pdf: out.document = read_pdf(r.bytes, *r.source, *r.options, *r.limits); break;
      case PagedKind::image: out.document = read_image(r.bytes, *r.source, *r.limits); break;
      case PagedKind::docx: out.document = read_docx(r.bytes, *r.source, *r.limits); break;
      case PagedKind::pdf_page_count: out.page_count = pdf_page_count(r.bytes); break;
      case PagedKind::pdf_page_png: out.png = pdf_page_png(r.bytes, r.page, r.dpi); break;
    }
  } catch (...) {
    out.error.carry_current();
  }
}
