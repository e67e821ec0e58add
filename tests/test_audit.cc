// nianbao audit on synthetic reports of one agency for consecutive years: the cross-year rules
// S1 (carried over = carried forward the year before) and S2 (stock of documents in force).
#include <doctest/doctest.h>

#include <sstream>

#include "engine/corpus_db.h"
#include "engine/audit.h"
#include "tests/corpus.h"
#include "tests/corpus_db.h"
#include "tests/temp_dir.h"

using namespace nianbao;

namespace {

std::string report_xml(const std::string& agency, int year, const std::string& template_id,
                       const std::vector<std::pair<std::string, std::string>>& values) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report source=\"r" + std::to_string(year) +
                    ".txt\" encoding=\"UTF-8\" encoding-method=\"detected\" input=\"text\" template=\"" + template_id +
                    "\" replaced=\"0\" generator=\"nianbao 0.1.0\">\n<meta><agency>" + agency + "</agency><year>" +
                    std::to_string(year) + "</year></meta>\n<body/>\n<values>\n";
  for (const auto& [cell, value] : values) {
    if (value == "blank") xml += "<value cell=\"" + cell + "\" state=\"blank\"/>\n";
    else xml += "<value cell=\"" + cell + "\" raw=\"" + value + "\">" + value + "</value>\n";
  }
  return xml + "</values>\n</report>\n";
}

}  // namespace

TEST_CASE("audit finds a broken S1 chain and a broken S2 stock with their numbers") {
  test::TempDir t;
  test::write_file(t / "out/2023.xml",
                   report_xml("测试县人民政府", 2023, "gov-2021",
                              {{"t3.carried_forward[natural_person]", "3"},
                               {"t3.carried_forward[total]", "5"},
                               {"t3.carried_forward[org_other]", "blank"},
                               {"t2.art20_1.regulations.in_force", "10"},
                               {"t2.art20_1.normative_docs.in_force", "20"}}));
  // The same agency with a space in its name (PDF text): matched after folding.
  test::write_file(t / "out/2024.xml",
                   report_xml("测试县 人民政府", 2024, "gov-2021",
                              {{"t3.carried_over[natural_person]", "3"},   // = 3 the year before
                               {"t3.carried_over[total]", "3"},            // ≠ 5 the year before
                               {"t3.carried_over[org_other]", "0"},        // the year before is blank
                               {"t2.art20_1.regulations.issued", "2"},
                               {"t2.art20_1.regulations.repealed", "1"},
                               {"t2.art20_1.regulations.in_force", "12"},  // ≠ 10 + 2 − 1
                               {"t2.art20_1.normative_docs.issued", "4"},
                               {"t2.art20_1.normative_docs.repealed", "0"},
                               {"t2.art20_1.normative_docs.in_force", "24"}}));  // = 20 + 4 − 0
  // A copy of the 2023 report (the same numbers) is audited once.
  test::write_file(t / "out/2023-copy.xml", test::read_file(t / "out/2023.xml"));
  // Another agency's 2024 report has no 2023 report to chain with.
  test::write_file(t / "out/other.xml",
                   report_xml("另一个局", 2024, "gov-2021", {{"t3.carried_over[total]", "99"}}));
  REQUIRE(test::index_into(t / "corpus.db", {t / "out"}).reports == 4);
  engine::Database d = engine::open_corpus(t / "corpus.db");
  const engine::AuditResult r = engine::audit(d);
  CHECK(r.agencies == 2);
  CHECK(r.pairs == 1);
  CHECK(r.chained == 2);       // S1 natural_person, S2 normative_docs
  CHECK(r.undetermined == 5);  // S1 org_other (blank) and the four columns neither report has
  REQUIRE(r.findings.size() == 2);

  const engine::AuditFinding& s1 = r.findings[0];
  CHECK(s1.rule == "S1");
  CHECK(s1.agency == "测试县 人民政府");
  CHECK(s1.year == 2024);
  CHECK(s1.scope == "total");
  CHECK(s1.expected == "5");
  CHECK(s1.actual == "3");
  CHECK(s1.source == "r2024.txt");
  CHECK(s1.previous_source == "r2023.txt");
  CHECK(s1.previous_copies == 1);
  CHECK(s1.copies == 0);

  const engine::AuditFinding& s2 = r.findings[1];
  CHECK(s2.rule == "S2");
  CHECK(s2.scope == "regulations");
  CHECK(s2.expected == "11");
  CHECK(s2.actual == "12");
  CHECK(s2.formula.find("= 10 + 2 − 1 = 11") != std::string::npos);

  std::ostringstream json;
  engine::print_audit_json(r, json);
  CHECK(json.str().find("\"rule\": \"S1\", \"agency\": \"测试县 人民政府\", \"year\": 2024, \"previous_year\": 2023, "
                        "\"scope\": \"total\", \"expected\": 5, \"actual\": 3") != std::string::npos);
  // The command exits 0: findings are data.
  CHECK(test::run_nianbao("audit --db " + t / "corpus.db > /dev/null") == 0);
}

TEST_CASE("audit reads its rules from the templates: S2 is not checked when the year before is in the 2019 format") {
  test::TempDir t;
  // 2020 in the 2019 format (no in_force column), 2021 in the 2021 format.
  test::write_file(t / "out/2020.xml", report_xml("测试镇人民政府", 2020, "gov-2019",
                                                  {{"t3.carried_forward[total]", "4"}}));
  test::write_file(t / "out/2021.xml",
                   report_xml("测试镇人民政府", 2021, "gov-2021",
                              {{"t3.carried_over[total]", "4"},
                               {"t2.art20_1.regulations.issued", "1"},
                               {"t2.art20_1.regulations.repealed", "0"},
                               {"t2.art20_1.regulations.in_force", "9"}}));
  REQUIRE(test::index_into(t / "corpus.db", {t / "out"}).reports == 2);
  engine::Database d = engine::open_corpus(t / "corpus.db");
  const engine::AuditResult r = engine::audit(d);
  CHECK(r.pairs == 1);
  CHECK(r.chained == 1);       // S1 total: 4 carried forward, 4 carried over
  CHECK(r.undetermined == 6);  // S1 for the six columns neither report has; no S2 instance
  CHECK(r.findings.empty());
}
