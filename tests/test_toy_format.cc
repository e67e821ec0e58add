// A third format is a data file and a test: the made-up volunteer-service format of
// tests/data/toy/format.xml, loaded from outside the built-in templates, maps the small report
// tests/data/toy/report.txt end to end (sections, cells, hard rules with subtraction).
#include <doctest/doctest.h>

#include <string>

#include "output/output.h"
#include "pipeline/pipeline.h"
#include "schema/template.h"
#include "tests/corpus.h"
#include "tests/temp_dir.h"

using namespace nianbao;

namespace {

Report extract_toy(const std::string& text, const std::string& format_file) {
  ExtractOptions options;
  options.source = "report.txt";
  options.template_file = format_file;
  return extract_report(text, options);
}
Report extract_toy() {
  return extract_toy(test::read_file(test::source_dir() + "/tests/data/toy/report.txt"),
                     test::source_dir() + "/tests/data/toy/format.xml");
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

TEST_CASE("a table is read as its template declares: label blocks place rows printed out of order by their labels, a grid only in order") {
  // The toy report with its row （三） printed first.
  std::string text = test::read_file(test::source_dir() + "/tests/data/toy/report.txt");
  const std::string moved = "（三）环境保护\t45\t90\n";
  text.erase(text.find(moved), moved.size());
  text.insert(text.find("（一）助老服务"), moved);
  std::string format = test::read_file(test::source_dir() + "/tests/data/toy/format.xml");
  test::TempDir dir;
  test::write_file(dir / "grid.xml", format);
  format.replace(format.find("layout=\"grid\""), 13, "layout=\"label-blocks\"");
  test::write_file(dir / "blocks.xml", format);

  const Report blocks = extract_toy(text, dir / "blocks.xml");
  for (const std::string cell : {"v1.environment[people]", "v1.elderly[people]", "v1.total[people]"}) {
    CAPTURE(cell);
    const CellValue* v = value_of(blocks, cell);
    REQUIRE(v);
    CHECK(v->state == ValueState::number);
  }
  CHECK(value_of(blocks, "v1.environment[people]")->number == "45");
  // A grid aligns rows in the template's order: the row out of order is not placed.
  const Report grid = extract_toy(text, dir / "grid.xml");
  const CellValue* environment = value_of(grid, "v1.environment[people]");
  CHECK((!environment || environment->state != ValueState::number));
  REQUIRE(value_of(grid, "v1.total[people]"));
  CHECK(value_of(grid, "v1.total[people]")->number == "245");
}
