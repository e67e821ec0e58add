// Inputs that are streams and names that are not text (issue 10, items 9, 16, 17): stdin, FIFOs,
// /dev/stdin and devices are read as streams bounded by --max-input-bytes, and a file name in
// any encoding gives valid XML.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "model/errors.h"
#include "output/output.h"
#include "pipeline/pipeline.h"
#include "tests/corpus.h"
#include "tests/temp_dir.h"

using namespace nianbao;

namespace {

// `nianbao ARGS` under a time limit, so that a regression shows as a failure, not a hung suite.
int run_bounded(const std::string& shell_command) {
  const int rc = std::system(("timeout 60 sh -c '" + shell_command + "'").c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

const std::string bin = NIANBAO_BINARY;

}  // namespace

TEST_CASE("an endless standard input stops at --max-input-bytes with an input error") {
  CHECK(run_bounded("cat /dev/zero | " + bin + " extract - --max-input-bytes 1000000 2>/dev/null") == exit_input);
}

TEST_CASE("a device that reports no size is read as a stream and stops at --max-input-bytes") {
  CHECK(run_bounded(bin + " extract /dev/zero --max-input-bytes 100000 2>/dev/null") == exit_input);
}

TEST_CASE("a FIFO and /dev/stdin are read as streams, not as empty files") {
  test::TempDir t;
  const std::string report = test::corpus_path("001.txt");
  REQUIRE(::mkfifo((t / "fifo").c_str(), 0600) == 0);
  CHECK(run_bounded("cat " + report + " > " + t / "fifo" + " & " + bin + " extract " + t / "fifo" + " --text -o " +
                    t / "fifo.xml") == 0);
  CHECK(run_bounded("cat " + report + " | " + bin + " extract /dev/stdin --text -o " + t / "stdin.xml") == 0);
  for (const std::string name : {"fifo.xml", "stdin.xml"}) {
    CAPTURE(name);
    const std::string xml = test::read_file(t / name);
    CHECK(xml.find("<section level=\"1\"") != std::string::npos);
    CHECK(xml.find("template=\"gov-2021\"") != std::string::npos);
  }
}

TEST_CASE("a file name that is not UTF-8 is percent-encoded in source= and the XML stays valid") {
  ExtractOptions o;
  o.source = "reports/\xB1\xA8\xB8\xE6 100%.txt";  // 报告 in GBK, and a per cent sign
  const Report r = extract_report("一、总体情况\n本年度。\n", o);
  const std::string xml = output::to_xml(r);
  CHECK(test::validate_against_schema(xml) == "");
  CHECK(output::recorded_source(xml) == "reports/%B1%A8%B8%E6 100%25.txt");
  CHECK(output::source_name("报告.txt") == "报告.txt");
  CHECK(output::source_name("a\xC0\x80z") == "a%C0%80z");  // an overlong NUL is not UTF-8
}
