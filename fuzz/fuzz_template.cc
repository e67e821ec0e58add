// libFuzzer harness: the template mapping alone. The input is read as one flattened report
// body after a fixed 2021 header, so the fuzzer spends its time in label matching, digit-run
// splitting, alignment and the solver rather than in decoding.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "pipeline/pipeline.h"
#include "model/errors.h"
#include "schema/schema.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string header =
      "二、主动公开政府信息情况\n第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数\n";
  std::string text = header;
  text.append(reinterpret_cast<const char*>(data), size);
  nianbao::ExtractOptions options;
  options.source = "fuzz-template.txt";
  options.kind = nianbao::InputKind::text;
  options.encoding = "utf-8";
  options.limits.max_split_candidates = 20000;
  try {
    const nianbao::Report r = nianbao::extract_report(text, options);
    for (const nianbao::CellValue& v : r.values)
      if (v.state == nianbao::ValueState::number && v.number.empty()) std::abort();  // a number has digits
  } catch (const nianbao::InputError&) {
  }
  return 0;
}
