// libFuzzer harness for the readers of files that are not text, built once per reader:
// fuzz_pdf (poppler: the text layer, the page render and its ruled lines, the layout; no OCR),
// fuzz_docx (libzip and pugixml: the package, paragraphs, list numbering, gridSpan/vMerge grids),
// fuzz_image (an image page read by OCR: Leptonica's decoding, Tesseract, the geometry of a
// scan; slow, so inputs are kept small) and fuzz_gumbo (the gumbo fallback of the HTML reader).
// Every input is read through the whole pipeline to well-formed XML or refused with an
// InputError, and never crashes.
#include <pugixml.hpp>

#include <cstdint>
#include <cstdlib>

#include "extract/internal/html_dom.h"
#include "model/errors.h"
#include "output/output.h"
#include "pipeline/pipeline.h"

#define NIANBAO_FUZZ_PDF 1
#define NIANBAO_FUZZ_DOCX 2
#define NIANBAO_FUZZ_IMAGE 3
#define NIANBAO_FUZZ_GUMBO 4

namespace {

void check_xml(const nianbao::Report& r) {
  const std::string xml = nianbao::output::to_xml(r);
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) std::abort();  // the output must be well-formed
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  nianbao::ExtractOptions options;
  options.limits.max_input_bytes = 1 << 20;
  options.pages.ocr = nianbao::extract::Ocr::never;
  try {
#if NIANBAO_FUZZ_KIND == NIANBAO_FUZZ_GUMBO
    const nianbao::extract::Document d =
        nianbao::extract::html::read(bytes, options.limits, nianbao::extract::html::Backend::gumbo);
    (void)d;
#else
#if NIANBAO_FUZZ_KIND == NIANBAO_FUZZ_PDF
    options.source = "fuzz.pdf";
    if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos) return 0;  // the PDF reader only
#elif NIANBAO_FUZZ_KIND == NIANBAO_FUZZ_DOCX
    options.source = "fuzz.docx";
    if (!bytes.starts_with("PK\x03\x04")) return 0;
#elif NIANBAO_FUZZ_KIND == NIANBAO_FUZZ_IMAGE
    options.source = "fuzz.png";
    options.pages.ocr = nianbao::extract::Ocr::automatic;
    if (!bytes.starts_with("\x89PNG") && !bytes.starts_with("\xFF\xD8\xFF") && !bytes.starts_with("II*")) return 0;
#endif
    check_xml(nianbao::extract_report(bytes, options));
#endif
  } catch (const nianbao::InputError&) {
    // refused with a message naming the input (damaged, not a document of its kind): the contract
  }
  return 0;
}
