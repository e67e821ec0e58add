// What reaches the exports (issue 10, items 6 and 7): a report text that a spreadsheet would run
// as a formula is escaped in every CSV cell, and `index` refuses an XML file that holds cell ids,
// states or numbers the schema and the templates do not allow.
#include <doctest/doctest.h>

#include <regex>

#include "engine/formats.h"
#include "model/errors.h"
#include "tests/corpus.h"
#include "tests/temp_dir.h"

using namespace nianbao;

namespace {

std::string replace_first(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a CSV cell that a spreadsheet would run as a formula gets an apostrophe, numbers are kept") {
  using engine::csv_field;
  CHECK(csv_field("=SUM(1+1)") == "\"'=SUM(1+1)\"");
  CHECK(csv_field("@SUM(1+1)*cmd|' /C calc'!A0") == "\"'@SUM(1+1)*cmd|' /C calc'!A0\"");
  CHECK(csv_field("+cmd|x") == "\"'+cmd|x\"");
  CHECK(csv_field("-2+3") == "\"'-2+3\"");
  CHECK(csv_field("\t=1") == "\"'\t=1\"");
  CHECK(csv_field("\r=1") == "\"'\r=1\"");
  CHECK(csv_field("=\"a\",b") == "\"'=\"\"a\"\",b\"");
  // Plain numbers and ordinary text are written as they are.
  CHECK(csv_field("-18") == "-18");
  CHECK(csv_field("+3") == "+3");
  CHECK(csv_field("75394432.52") == "75394432.52");
  CHECK(csv_field("淮安市2024年") == "淮安市2024年");
  CHECK(csv_field("a=b") == "a=b");
}

TEST_CASE("a source name that starts a formula reaches the exported CSV escaped") {
  test::TempDir t;
  test::copy_file(test::corpus_path("001.txt"), t / "@SUM(1+1)*cmd.txt");
  REQUIRE(std::system(("cd " + t.str() + " && " + NIANBAO_BINARY + " extract '@SUM(1+1)*cmd.txt' -o out/a.xml").c_str()) == 0);
  REQUIRE(test::run_nianbao("index " + t / "out" + " --db " + t / "c.db" + " >/dev/null") == 0);
  REQUIRE(test::run_nianbao("export --db " + t / "c.db" + " --csv -o " + t / "wide.csv") == 0);
  const std::string csv = test::read_file(t / "wide.csv");
  CHECK(csv.find(",\"'@SUM(1+1)*cmd.txt\",") != std::string::npos);
  CHECK(csv.find(",@SUM") == std::string::npos);
}

TEST_CASE("index refuses hand-edited cell ids, states and numbers, and indexes the valid files") {
  test::TempDir t;
  REQUIRE(test::run_nianbao("extract " + test::corpus_path("001.txt") + " -o " + t / "good/001.xml") == 0);
  const std::string xml = test::read_file(t / "good/001.xml");
  const std::regex first_cell("<value cell=\"[^\"]*\"");
  std::smatch m;
  REQUIRE(std::regex_search(xml, m, first_cell));
  const std::string cell_attr = m.str();
  const std::vector<std::pair<std::string, std::string>> edits = {
      {cell_attr, "<value cell=\"\""},                    // an empty id
      {cell_attr, "<value cell=\"x&quot;,y\""},           // an id that breaks a CSV header
      {cell_attr, cell_attr + " state=\"bogus\""},        // an unknown state
      {"template=\"gov-2021\"", "template=\"gov-2099\""},  // an unknown template
  };
  for (std::size_t i = 0; i < edits.size(); ++i)
    test::write_file(t / ("bad/" + std::to_string(i) + ".xml"), replace_first(xml, edits[i].first, edits[i].second));
  CHECK(test::run_nianbao("index " + t / "good" + " " + t / "bad" + " --db " + t / "c.db" + " >" + t / "out" + " 2>" +
                          t / "err") == exit_input);
  const std::string err = test::read_file(t / "err");
  for (std::size_t i = 0; i < edits.size(); ++i) CHECK(err.find("bad/" + std::to_string(i) + ".xml") != std::string::npos);
  CHECK(test::read_file(t / "out").find("1 reports indexed") != std::string::npos);
  REQUIRE(test::run_nianbao("export --db " + t / "c.db" + " --csv --states -o " + t / "wide.csv") == 0);
  const std::string csv = test::read_file(t / "wide.csv");
  CHECK(csv.find("bogus") == std::string::npos);
  CHECK(csv.substr(0, csv.find('\n')).find(",,") == std::string::npos);  // no column without a name
  CHECK(csv.find("x\"") == std::string::npos);
}
