// libFuzzer harness: the plain-text path (decode → read_text with text tables → sections →
// sentences → template mapping → XML). Every input must give well-formed XML and no crash.
#include <pugixml.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cli/pipeline.h"
#include "model/errors.h"
#include "schema/schema.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  nianbao::ExtractOptions options;
  options.source = "fuzz.txt";
  options.kind = nianbao::InputKind::text;
  options.limits.max_input_bytes = 1 << 20;
  try {
    const nianbao::Report r = nianbao::extract_report({reinterpret_cast<const char*>(data), size}, options);
    const std::string xml = nianbao::schema::to_xml(r);
    pugi::xml_document doc;
    if (!doc.load_buffer(xml.data(), xml.size())) std::abort();  // the output must be well-formed
  } catch (const nianbao::InputError&) {
    // binary input: refused with a message, which is the contract
  }
  return 0;
}
