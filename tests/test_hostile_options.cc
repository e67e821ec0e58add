// Options and queries that attack the tool (issue 10, items 8, 20, 21): numbers are plain decimal
// digits, bounds below a sane minimum are usage errors, a line cut always progresses whatever the
// library is given, and a search has a bounded number of terms.
#include <doctest/doctest.h>

#include "model/errors.h"
#include "pipeline/pipeline.h"
#include "tests/corpus.h"
#include "tests/subprocess.h"
#include "tests/temp_dir.h"

using namespace nianbao;

namespace {
int run_quiet(const std::string& args) { return test::run_nianbao(args + " >/dev/null 2>&1"); }
}  // namespace

TEST_CASE("numeric options take plain decimal digits only: hex, exponents, signs and fractions are usage errors") {
  const std::string in = test::corpus_path("001.txt");
  for (const std::string option : {"--max-input-bytes", "--max-table-cells", "--max-span", "--max-nesting-depth",
                                   "--max-section-depth", "--max-split-candidates", "--max-line-bytes"})
    for (const std::string value : {"0x100000", "1e6", "-5", "1.5", "1_000_000", " "}) {
      CAPTURE(option + " " + value);
      CHECK(run_quiet("extract " + in + " " + option + " '" + value + "'") == exit_usage);
    }
  CHECK(run_quiet("search x --db /nonexistent.db --year 0x7e8") == exit_usage);
  CHECK(run_quiet("search x --db /nonexistent.db --limit 1e3") == exit_usage);
  CHECK(run_quiet("batch " + in + " -o /nonexistent/out -j 0x2") == exit_usage);
  CHECK(run_quiet("batch " + in + " -o /nonexistent/out --timeout 1e3") == exit_usage);
  // The same options in plain digits are taken.
  test::TempDir t;
  CHECK(run_quiet("extract " + in + " --max-line-bytes 4096 --max-span 100 -o " + t / "a.xml") == 0);
  CHECK(run_quiet("search x --db " + t / "missing.db" + " --year 2024") == exit_input);  // valid year, no db
}

TEST_CASE("a line limit below one character is a usage error on the command line") {
  CHECK(run_quiet("extract " + test::corpus_path("001.txt") + " --max-line-bytes 1") == exit_usage);
  CHECK(run_quiet("extract " + test::corpus_path("001.txt") + " --max-line-bytes 0") == exit_usage);
  CHECK(run_quiet("extract " + test::corpus_path("001.txt") + " --max-nesting-depth 0") == exit_usage);
}

// Positions are 32-bit offsets into the decoded text (model/report.h, SourcePos): no input may be
// larger than the cap, whatever limit is asked for.
TEST_CASE("an input limit above the 1 GiB cap is a usage error on the command line") {
  const std::string in = test::corpus_path("001.txt");
  const std::size_t cap = Limits::max_input_bytes_cap;
  CHECK(run_quiet("extract " + in + " --max-input-bytes " + std::to_string(cap) + " -o /dev/null") == 0);
  CHECK(run_quiet("extract " + in + " --max-input-bytes " + std::to_string(cap + 1)) == exit_usage);
  CHECK(run_quiet("extract " + in + " --max-input-bytes 5000000000") == exit_usage);
}

TEST_CASE("a line cut always progresses, even when the library is given a limit below one character") {
  const test::ChildResult r = test::run_in_child(
      [] {
        ExtractOptions o;
        o.limits.max_line_bytes = 1;  // less than one CJK character (3 bytes)
        const Report report = extract_report("一、总体情况\n本年度主动公开政府信息。\n", o);
        if (report.blocks.empty()) std::exit(2);
      },
      20, std::size_t{2} << 30);
  CHECK(r.finished);
  CHECK(r.status == 0);
}

TEST_CASE("a search of more terms than the bound is a usage error naming the bound, not a database error") {
  test::TempDir t;
  REQUIRE(run_quiet("extract " + test::corpus_path("001.txt") + " -o " + t / "out/001.xml") == 0);
  REQUIRE(run_quiet("index " + t / "out" + " --db " + t / "c.db") == 0);
  std::string query;
  for (int i = 0; i < 1000; ++i) query += "公开 ";
  CHECK(test::run_nianbao("search '" + query + "' --db " + t / "c.db" + " >/dev/null 2>" + t / "err") == exit_usage);
  CHECK(test::read_file(t / "err").find("limit of 64") != std::string::npos);
  CHECK(run_quiet("search '公开 政府信息' --db " + t / "c.db") == 0);
}
