// Inputs that once crashed a fuzzer (fuzz/regressions/): each must now give a valid report,
// read as text and as HTML.
#include <doctest/doctest.h>

#include <filesystem>

#include "model/errors.h"
#include "schema/schema.h"
#include "tests/corpus.h"
#include "output/output.h"

using namespace nianbao;

TEST_CASE("every input that once crashed a fuzzer gives a valid report") {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(test::source_dir() + "/fuzz/regressions")) {
    const std::string bytes = test::read_file(e.path().string());
    for (const InputKind kind : {InputKind::text, InputKind::html}) {
      CAPTURE(e.path().filename().string());
      ExtractOptions o;
      o.source = e.path().filename().string();
      o.kind = kind;
      try {
        CHECK(test::validate_against_schema(output::to_xml(extract_report(bytes, o))) == "");
      } catch (const InputError& err) {
        CHECK(std::string(err.what()).find("not a text") != std::string::npos);  // refused as binary: fine
      }
    }
    ++n;
  }
  CHECK(n >= 1);
}
