// Every corpus report: its level-1 headings equal the @sections line of its expectations,
// and its XML output validates against output/nianbao.rng.
#include <doctest/doctest.h>

#include "schema/schema.h"
#include "tests/corpus.h"
#include "output/output.h"

using namespace nianbao;

TEST_CASE("level-1 headings of every corpus report equal its @sections") {
  const auto files = test::corpus_files();
  REQUIRE(files.size() >= 21);
  for (const std::string& file : files) {
    CAPTURE(file);
    const test::Expected e = test::expected_for(file);
    const Report r = test::extract_corpus(file);
    CHECK(test::join(test::level1_headings(r)) == test::join(e.sections));
  }
}

TEST_CASE("every corpus output validates against the RELAX NG schema") {
  for (const std::string& file : test::corpus_files()) {
    CAPTURE(file);
    const std::string xml = output::to_xml(test::extract_corpus(file));
    CHECK(test::validate_against_schema(xml) == "");
  }
}
