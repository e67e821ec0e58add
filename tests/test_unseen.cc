// Reports shaped unlike the corpus, made from the seed by hand-written edits: a report that
// prints only 表三 and 表四 still has its format and checks; a 表三 with every number erased is
// read as blank cells, not lost.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/corpus.h"

using namespace nianbao;

namespace {

std::string seed() { return test::read_file(test::corpus_path("000-seed.txt")); }

std::size_t line_start(const std::string& text, const std::string& heading) {
  const std::size_t at = text.find("\n" + heading);
  REQUIRE(at != std::string::npos);
  return at + 1;
}

Report extract_text(const std::string& text) {
  ExtractOptions options;
  options.source = "seed-variant.txt";
  return extract_report(text, options);
}

}  // namespace

TEST_CASE("the seed with its 表二 removed keeps its format, its cells and every check") {
  std::string text = seed();
  const std::size_t from = line_start(text, "二、主动公开政府信息情况");
  text.erase(from, line_start(text, "三、收到和处理政府信息公开申请情况") - from);
  const Report r = extract_text(text);
  CHECK(r.template_id == "gov-2021");
  const test::Expected e = test::expected_for("000-seed.txt");
  std::size_t t3_t4 = 0;
  for (const CellValue& v : r.values) {
    CAPTURE(v.cell);
    REQUIRE(e.cells.count(v.cell));
    CHECK(v.state == ValueState::number);
    CHECK(v.number == e.cells.at(v.cell));
    t3_t4 += v.cell.rfind("t2.", 0) != 0;
  }
  CHECK(t3_t4 == 190);
  CHECK(r.checks.size() == 42);  // R3.1 ×7, R3.2 ×25, R3.3 ×7, R4.1–R4.3
  CHECK(std::all_of(r.checks.begin(), r.checks.end(), [](const Check& c) { return c.result == CheckResult::pass; }));
}

TEST_CASE("the seed with every number of 表三 erased reads 表三 as blank cells with undetermined checks") {
  std::string text = seed();
  const std::size_t from = line_start(text, "三、收到和处理政府信息公开申请情况");
  const std::size_t to = line_start(text, "四、政府信息公开行政复议、行政诉讼情况");
  std::string part = text.substr(from, to - from), erased;
  // Each tab-separated field that is a number becomes empty; labels and tabs stay.
  for (std::size_t i = 0; i < part.size();) {
    std::size_t j = i;
    while (j < part.size() && part[j] != '\t' && part[j] != '\n') ++j;
    const std::string field = part.substr(i, j - i);
    const bool number = !field.empty() && field.find_first_not_of("0123456789") == std::string::npos;
    erased += number ? "" : field;
    if (j < part.size()) erased += part[j];
    i = j + 1;
  }
  text.replace(from, to - from, erased);
  const Report r = extract_text(text);
  CHECK(r.template_id == "gov-2021");
  std::size_t t3 = 0;
  for (const CellValue& v : r.values)
    if (v.cell.rfind("t3.", 0) == 0) {
      ++t3;
      CHECK(v.state == ValueState::blank);
    }
  CHECK(t3 == 175);
  std::size_t undetermined = 0;
  for (const Check& c : r.checks)
    if (c.rule.rfind("R3", 0) == 0) {
      ++undetermined;
      CHECK(c.result == CheckResult::undetermined);
    }
  CHECK(undetermined == 39);
  const auto t3_read = std::find_if(r.table_reads.begin(), r.table_reads.end(), [](const TableRead& t) { return t.table == "t3"; });
  REQUIRE(t3_read != r.table_reads.end());
  CHECK(t3_read->blank == 175);
  CHECK(t3_read->unread == 0);
}
