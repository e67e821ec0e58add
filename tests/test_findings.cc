// Report-level findings (F1–F3, <finding> in the templates): a section printed without its
// table, section 五 empty or only 无, section 六 silent on the information-processing fee. On the
// seed report edited by hand (the expectations read off the edit) and on corpus reports.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "engine/export.h"
#include "output/fingerprint.h"
#include "output/output.h"
#include "schema/internal/findings.h"
#include "schema/template.h"
#include "tests/corpus.h"
#include "tests/corpus_db.h"
#include "tests/temp_dir.h"

using namespace nianbao;

namespace {

std::string seed() { return test::read_file(test::corpus_path("000-seed.txt")); }

// The seed with the lines from `from` (a line's start) up to `to` replaced by `with`.
std::string replaced(const std::string& from, const std::string& to, const std::string& with) {
  std::string text = seed();
  const std::size_t a = text.find("\n" + from);
  REQUIRE(a != std::string::npos);
  const std::size_t b = to.empty() ? text.size() : text.find("\n" + to, a + 1);
  REQUIRE(b != std::string::npos);
  text.replace(a + 1, b - a - 1, with);
  return text;
}

Report extract_text(const std::string& text, const std::string& name = "seed-variant.txt") {
  ExtractOptions options;
  options.source = name;
  return extract_report(text, options);
}

const Check* check_of(const Report& r, const std::string& rule, const std::string& scope) {
  for (const Check& c : r.checks)
    if (c.rule == rule && c.scope == scope) return &c;
  return nullptr;
}

const char* const heading_4 = "四、政府信息公开行政复议、行政诉讼情况";
const char* const heading_5 = "五、存在的主要问题及改进情况";
const char* const heading_6 = "六、其他需要报告的事项";

}  // namespace

TEST_CASE("the seed as published: every section prints its table, 五 says something, 六 reports the fee") {
  const Report r = extract_text(seed(), "000-seed.txt");
  for (const char* scope : {"sec.proactive", "sec.applications", "sec.review_litigation"}) {
    CAPTURE(scope);
    const Check* c = check_of(r, "F1", scope);
    REQUIRE(c);
    CHECK(c->result == CheckResult::pass);
    CHECK(c->note.empty());
  }
  REQUIRE(check_of(r, "F2", "sec.problems"));
  CHECK(check_of(r, "F2", "sec.problems")->result == CheckResult::pass);
  // 六: "2023年度未收取政府信息处理费".
  REQUIRE(check_of(r, "F3", "sec.other"));
  CHECK(check_of(r, "F3", "sec.other")->result == CheckResult::pass);
}

TEST_CASE("a section heading printed without its table is a finding: 表四 is not assessable") {
  // Section 四 keeps its heading; the four lines of 表四 (headers and its 15 zeros) are deleted.
  const Report r = extract_text(replaced(heading_4, heading_5, std::string(heading_4) + "\n\n"));
  CHECK(r.template_id == "gov-2021");
  CHECK(std::none_of(r.values.begin(), r.values.end(), [](const CellValue& v) { return v.cell.rfind("t4.", 0) == 0; }));
  const Check* c = check_of(r, "F1", "sec.review_litigation");
  REQUIRE(c);
  CHECK(c->result == CheckResult::fail);
  CHECK(c->note.find(std::string("'") + heading_4 + "' is printed without its table (t4)") != std::string::npos);
  CHECK(c->note.find("not assessable") != std::string::npos);
  CHECK(c->pos.line > 0);
  CHECK(c->cells.empty());
  // The other tables are there.
  CHECK(check_of(r, "F1", "sec.applications")->result == CheckResult::pass);
  CHECK(check_of(r, "F1", "sec.proactive")->result == CheckResult::pass);
}

TEST_CASE("section 五 saying only 无 is a finding, and so is an empty one") {
  for (const std::string& body : {std::string("无。"), std::string("暂无"), std::string("")}) {
    CAPTURE(body);
    const Report r = extract_text(replaced(heading_5, heading_6, std::string(heading_5) + "\n\n" + body + "\n\n"));
    const Check* c = check_of(r, "F2", "sec.problems");
    REQUIRE(c);
    CHECK(c->result == CheckResult::fail);
    CHECK(c->note.find(body.empty() ? "is empty" : "says only") != std::string::npos);
  }
  // One sentence about a problem is enough.
  const Report r = extract_text(
      replaced(heading_5, heading_6, std::string(heading_5) + "\n\n政策解读不够充分，下一步加强解读。\n\n"));
  CHECK(check_of(r, "F2", "sec.problems")->result == CheckResult::pass);
}

TEST_CASE("a 2021 report whose section 六 says nothing of the fee is a finding, and a 2019 report is not asked") {
  const Report r = extract_text(replaced(heading_6, "", std::string(heading_6) + "\n\n本年度无其他需要报告的事项。\n"));
  const Check* c = check_of(r, "F3", "sec.other");
  REQUIRE(c);
  CHECK(c->result == CheckResult::fail);
  CHECK(c->note.find("处理费") != std::string::npos);
  // 008.txt is in the 2019 format, which predates the fee regime: no F3 at all.
  ExtractOptions options;
  options.source = "008.txt";
  const Report old = extract_report(test::read_file(test::corpus_path("008.txt")), options);
  CHECK(old.template_id == "gov-2019");
  CHECK(std::none_of(old.checks.begin(), old.checks.end(), [](const Check& k) { return k.rule == "F3"; }));
  CHECK(check_of(old, "F2", "sec.problems"));
}

TEST_CASE("a report without the heading of 五 leaves the finding on 五 undetermined, with the reason") {
  // The seed with its heading of 五 deleted: its paragraphs then belong to section 四.
  const Report r = extract_text(replaced(heading_5, heading_6, std::string("\n")));
  const Check* c = check_of(r, "F2", "sec.problems");
  REQUIRE(c);
  CHECK(c->result == CheckResult::undetermined);
  CHECK(c->note.find("no section heading names") != std::string::npos);
}

TEST_CASE("a finding's fingerprint is the same in every report of its format and is in the XML") {
  const Report a = extract_text(seed(), "000-seed.txt");
  const Report b = extract_text(replaced(heading_4, heading_5, std::string(heading_4) + "\n\n"));
  const Check* pass = check_of(a, "F1", "sec.review_litigation");
  const Check* fail = check_of(b, "F1", "sec.review_litigation");
  REQUIRE(pass);
  REQUIRE(fail);
  // Result, note and position differ; what identifies the finding does not.
  CHECK(output::check_fingerprint(a.template_id, *pass) == output::check_fingerprint(b.template_id, *fail));
  const std::string xml = output::to_xml(b);
  CHECK(xml.find("rule=\"F1\" scope=\"sec.review_litigation\" result=\"fail\" fingerprint=\"" +
                 output::check_fingerprint(b.template_id, *fail) + "\"") != std::string::npos);
}

TEST_CASE("a failing finding reaches the corpus index and the exports like a failing rule") {
  test::TempDir dir;
  const Report r = extract_text(replaced(heading_6, "", std::string(heading_6) + "\n\n本年度无其他需要报告的事项。\n"));
  test::write_file(dir / "out/seed-variant.xml", output::to_xml(r));
  REQUIRE(test::index_into(dir / "corpus.db", {dir / "out"}).reports == 1);
  engine::Database d = engine::open_corpus(dir / "corpus.db");
  std::ostringstream wide, checks;
  engine::export_wide_csv(d, wide, false);
  engine::export_checks_csv(d, checks);
  // The wide export: the report's failed rules name F3.
  std::istringstream rows(wide.str());
  std::string header, row;
  std::getline(rows, header);
  std::getline(rows, row);
  const std::vector<std::string> names = test::csv_fields(header), fields = test::csv_fields(row);
  const auto column = std::find(names.begin(), names.end(), "failed_rules");
  REQUIRE(column != names.end());
  CHECK(fields[static_cast<std::size_t>(column - names.begin())] == "F3");
  // The checks export: the finding with its section and the fingerprint of the XML.
  const std::string fingerprint = output::check_fingerprint(r.template_id, *check_of(r, "F3", "sec.other"));
  CHECK(checks.str().find(",F3,sec.other,fail,") != std::string::npos);
  CHECK(checks.str().find(fingerprint) != std::string::npos);
}

TEST_CASE("section 五 whose sub-headings name the topics and whose paragraphs say only 无 is a finding") {
  const Report r = extract_text(replaced(heading_5, heading_6,
                                         std::string(heading_5) + "\n\n（一）主要问题\n\n无。\n\n（二）改进情况\n\n无。\n\n"));
  const Check* c = check_of(r, "F2", "sec.problems");
  REQUIRE(c);
  CHECK(c->result == CheckResult::fail);
  // A heading that runs into its body: "五、存在的主要问题及改进情况：无。"
  const Report run_in = extract_text(replaced(heading_5, heading_6, std::string(heading_5) + "：无。\n\n"));
  REQUIRE(check_of(run_in, "F2", "sec.problems"));
  CHECK(check_of(run_in, "F2", "sec.problems")->result == CheckResult::fail);
}

TEST_CASE("section 六 that reports the fee under a sub-heading of its own mentions it") {
  const Report r = extract_text(
      replaced(heading_6, "", std::string(heading_6) + "\n\n（一）信息处理费收取情况\n\n本年度未发生。\n"));
  REQUIRE(check_of(r, "F3", "sec.other"));
  CHECK(check_of(r, "F3", "sec.other")->result == CheckResult::pass);
}

// The section tests stop at the first piece that answers them: what comes before it must
// still count, and what a note quotes is the section's first piece.
TEST_CASE("section 五 saying 无 first and something after it says something, and 无 then 暂无 says only the first") {
  const Report more = extract_text(
      replaced(heading_5, heading_6, std::string(heading_5) + "\n\n无。\n\n暂无。\n\n政策解读不够充分，下一步加强解读。\n\n"));
  REQUIRE(check_of(more, "F2", "sec.problems"));
  CHECK(check_of(more, "F2", "sec.problems")->result == CheckResult::pass);
  CHECK(check_of(more, "F2", "sec.problems")->note.empty());
  const Report only = extract_text(replaced(heading_5, heading_6, std::string(heading_5) + "\n\n无。\n\n暂无。\n\n"));
  const Check* c = check_of(only, "F2", "sec.problems");
  REQUIRE(c);
  CHECK(c->result == CheckResult::fail);
  CHECK(c->note.find("says only '无'") != std::string::npos);
}

TEST_CASE("section 六 that mentions the fee after other paragraphs mentions it") {
  const Report r = extract_text(replaced(
      heading_6, "", std::string(heading_6) + "\n\n本年度无其他需要报告的事项。\n\n本年度未收取信息处理费。\n"));
  REQUIRE(check_of(r, "F3", "sec.other"));
  CHECK(check_of(r, "F3", "sec.other")->result == CheckResult::pass);
}

TEST_CASE("a value's cell found by its shared id (a built-in template's) gives the findings its id's text gives") {
  std::vector<Report> reports;
  for (const std::string& name : test::corpus_files())
    if (name.ends_with(".txt")) reports.push_back(test::extract_corpus(name));
  reports.push_back(extract_text(replaced(heading_4, heading_5, std::string(heading_4) + "\n\n")));
  std::size_t shared = 0, compared = 0;
  for (Report& r : reports) {
    const schema::Template* t = schema::find_template(r.template_id);
    if (!t) continue;
    CAPTURE(r.source);
    const std::vector<Check> by_address = schema::findings_of(r, *t);
    for (CellValue& v : r.values) {
      shared += v.cell.shared_address() != nullptr;
      v.cell = CellId(v.cell.str());  // held by value: found by its text
    }
    const std::vector<Check> by_text = schema::findings_of(r, *t);
    REQUIRE(by_address.size() == by_text.size());
    for (std::size_t k = 0; k < by_text.size(); ++k) {
      CHECK(by_address[k].rule == by_text[k].rule);
      CHECK(by_address[k].scope == by_text[k].scope);
      CHECK(by_address[k].result == by_text[k].result);
      CHECK(by_address[k].note == by_text[k].note);
      compared += by_text[k].rule == "F1";
    }
  }
  CHECK(shared > 1000);   // the shared ids were there to be found by address
  CHECK(compared > 20);   // and F1, which reads them, compared
}
