// libFuzzer harness for the whole extract, built twice: fuzz_text reads every input as plain
// text (decode → read_text with text tables → sections → sentences → template → XML),
// fuzz_html as HTML (read_html: body finding, grids, spans). Every input must give
// well-formed XML or be refused as binary, and never crash.
#include <pugixml.hpp>

#include <cstdint>
#include <cstdlib>

#include "pipeline/pipeline.h"
#include "model/errors.h"
#include "schema/schema.h"
#include "output/output.h"

#ifndef NIANBAO_FUZZ_HTML
#define NIANBAO_FUZZ_HTML 0
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  nianbao::ExtractOptions options;
  options.source = NIANBAO_FUZZ_HTML ? "fuzz.html" : "fuzz.txt";
  options.kind = NIANBAO_FUZZ_HTML ? nianbao::InputKind::html : nianbao::InputKind::text;
  options.limits.max_input_bytes = 1 << 20;
  try {
    const nianbao::Report r = nianbao::extract_report({reinterpret_cast<const char*>(data), size}, options);
    const std::string xml = nianbao::output::to_xml(r);
    pugi::xml_document doc;
    if (!doc.load_buffer(xml.data(), xml.size())) std::abort();  // the output must be well-formed
  } catch (const nianbao::InputError&) {
    // refused with a message naming the input (binary, empty, too large): the contract
  }
  return 0;
}
