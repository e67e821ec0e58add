// The paged-input module (nianbao-paged.so): the PDF and image readers behind one C entry point,
// loaded by the command on its first PDF or scan (paged_loader.cc).
#include "extract/internal/paged_module.h"

extern "C" __attribute__((visibility("default"))) void nianbao_read_paged(const nianbao::extract::PagedRequest& r,
                                                                           nianbao::extract::Document& out) {
  using namespace nianbao::extract;
  out = r.kind == PagedKind::pdf ? read_pdf(r.bytes, *r.source, *r.options, *r.limits)
                                 : read_image(r.bytes, *r.source, *r.limits);
}
