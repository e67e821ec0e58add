// A third format is a data file and a test: the made-up volunteer-service format of
// tests/data/toy/format.xml, loaded from outside the built-in templates, maps the small report
// tests/data/toy/report.txt end to end (sections, cells, hard rules with subtraction).
#include <doctest/doctest.h>

#include <string>

#include "output/output.h"
#include "pipeline/pipeline.h"
#include "schema/template.h"
#include "tests/corpus.h"

using namespace nianbao;

namespace {

Report extract_toy() {
  ExtractOptions options;
  options.source = "report.txt";
  options.template_file = test::source_dir() + "/tests/data/toy/format.xml";
  return extract_report(test::read_file(test::source_dir() + "/tests/data/toy/report.txt"), options);
}

const CellValue* value_of(const Report& r, const std::string& cell) {
  for (const CellValue& v : r.values)
    if (v.cell == cell) return &v;
  return nullptr;
}

const Check* check_of(const Report& r, const std::string& rule, const std::string& scope) {
  for (const Check& c : r.checks)
    if (c.rule == rule && c.scope == scope) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("the toy format from tests/data maps its report: every cell of the table, as printed") {
  const Report r = extract_toy();
  CHECK(r.template_id == "toy-volunteer");
  const std::vector<std::pair<std::string, std::string>> numbers = {
      {"v1.elderly[people]", "120"},    {"v1.elderly[hours]", "360.5"}, {"v1.children[people]", "80"},
      {"v1.environment[people]", "45"}, {"v1.environment[hours]", "90"}, {"v1.total[people]", "245"},
      {"v1.total[hours]", "450.5"}};
  for (const auto& [cell, number] : numbers) {
    CAPTURE(cell);
    const CellValue* v = value_of(r, cell);
    REQUIRE(v);
    CHECK(v->state == ValueState::number);
    CHECK(v->number == number);
  }
  const CellValue* dash = value_of(r, "v1.children[hours]");
  REQUIRE(dash);
  CHECK(dash->state == ValueState::dash);
}

TEST_CASE("the toy format's rules: a sum that holds, a dash that leaves one undetermined, a subtraction") {
  const Report r = extract_toy();
  const Check* people = check_of(r, "V1", "people");
  REQUIRE(people);
  CHECK(people->result == CheckResult::pass);  // 245 = 120 + 80 + 45
  const Check* hours = check_of(r, "V1", "hours");
  REQUIRE(hours);
  CHECK(hours->result == CheckResult::undetermined);  // （二） has "-" hours
  const Check* difference = check_of(r, "V2", "");
  REQUIRE(difference);
  CHECK(difference->result == CheckResult::pass);  // 45 = 245 − 120 − 80
  // V3 reads the year before: no check inside one report.
  CHECK_FALSE(check_of(r, "V3", "people"));
  CHECK(test::validate_against_schema(output::to_xml(r)) == "");
}

TEST_CASE("the toy report is not one of the built-in formats: without its template it has none") {
  ExtractOptions options;
  options.source = "report.txt";
  const Report r = extract_report(test::read_file(test::source_dir() + "/tests/data/toy/report.txt"), options);
  CHECK(r.template_id == "none");
  CHECK(r.values.empty());
}
