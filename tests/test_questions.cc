// The analyst's questions on a corpus built from corpus/ reports, through the nianbao command:
// diff (洪泽区 2023 → 2024), aggregate (by province and year), the per-table read counts, lines
// and pages in the exports, and search that keeps table text apart from sentences. Expectations
// come from corpus/expected/*.tsv and corpus/metadata.tsv, read by hand from the reports.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "engine/batch.h"
#include "engine/corpus_db.h"
#include "tests/corpus.h"
#include "tests/corpus_db.h"
#include "tests/temp_dir.h"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

// 002.txt 洪泽区 2023 (and 034.pdf, the same report as the agency's PDF), 003.txt 淮安市洪泽区
// 2024, 001.txt 淮安市 2024, 017.html 沭阳县发改局 2023; the seed with its 表三 cut out.
struct Corpus {
  test::TempDir t;
  std::string db = t / "corpus.db";
  Corpus() {
    for (const char* f : {"002.txt", "003.txt", "001.txt", "017.html"}) test::copy_file(test::corpus_path(f), t / ("a/" + std::string(f)));
    test::copy_file(test::corpus_path("034.pdf"), t / "b/034.pdf");
    test::write_file(t / "a/lost-t3.txt", without_t3(test::read_file(test::corpus_path("000-seed.txt"))));
    engine::BatchOptions o;
    o.outdir = t / "out";
    o.quiet = true;
    std::istringstream none;
    std::ostringstream log;
    REQUIRE(engine::run_batch(engine::plan_batch({t / "a", t / "b"}, none, o.outdir), o, log).errors == 0);
    REQUIRE(test::run_nianbao("index " + t / "out" + " --db " + db + " >/dev/null") == 0);
  }
  // The seed without the table of its section 三 (the lines between its heading and section 四).
  static std::string without_t3(const std::string& seed) {
    const std::size_t from = seed.find('\n', seed.find("三、收到和处理政府信息公开申请情况")) + 1;
    const std::size_t to = seed.find("四、政府信息公开行政复议");
    return seed.substr(0, from) + "\n本年度未收到政府信息公开申请。\n\n" + seed.substr(to);
  }
  // `nianbao ARGS -o FILE`, its status and the file.
  std::pair<int, std::string> run(const std::string& args) const {
    const std::string out = t / "result";
    std::error_code ec;
    fs::remove(out, ec);
    const int status = test::run_nianbao(args + " --db " + db + " -o " + out + " 2>/dev/null");
    return {status, fs::exists(out) ? test::read_file(out) : ""};
  }
  // `nianbao search ARGS`: what it prints.
  std::string search(const std::string& args) const {
    const std::string out = t / "hits";
    REQUIRE(test::run_nianbao("search " + args + " --db " + db + " >" + out + " 2>/dev/null") == 0);
    return test::read_file(out);
  }
};

// A CSV as rows of named fields.
std::vector<std::map<std::string, std::string>> table(const std::string& csv) {
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = test::csv_fields(line);
  std::vector<std::map<std::string, std::string>> out;
  while (std::getline(in, line)) {
    const std::vector<std::string> f = test::csv_fields(line);
    std::map<std::string, std::string>& row = out.emplace_back();
    for (std::size_t i = 0; i < header.size() && i < f.size(); ++i) row[header[i]] = f[i];
  }
  return out;
}

bool is_number(const std::string& s) { return !s.empty() && s.find_first_not_of("-.0123456789") == std::string::npos; }

// A sum or difference of the expected numbers, printed with the places of the most precise one.
std::string decimal(long double x, std::size_t places) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*Lf", static_cast<int>(places), x);
  return buf;
}
std::size_t places(const std::string& s) { return s.find('.') == std::string::npos ? 0 : s.size() - s.find('.') - 1; }

}  // namespace

TEST_CASE("diff puts every cell of an agency's two years side by side with the change, the agency by any of its names") {
  const Corpus c;
  const auto [status, csv] = c.run("diff 洪泽区人民政府 2023 2024");
  REQUIRE(status == 0);
  CHECK(csv.rfind("cell,row_label,column_label,2023,2024,change,2023:state,2024:state\n", 0) == 0);
  std::map<std::string, std::map<std::string, std::string>> rows;
  for (auto& r : table(csv)) rows[r["cell"]] = r;
  const test::Expected before = test::expected_for("002.txt"), after = test::expected_for("003.txt");
  std::set<std::string> cells;
  for (const auto* e : {&before, &after})
    for (const auto& [cell, v] : e->cells) cells.insert(cell);
  for (const std::string& cell : cells) {
    REQUIRE_MESSAGE(rows.count(cell), cell);
    auto& r = rows[cell];
    const std::string x = before.cells.count(cell) ? before.cells.at(cell) : "";
    const std::string y = after.cells.count(cell) ? after.cells.at(cell) : "";
    CHECK_MESSAGE(r["2023"] == (is_number(x) ? x : ""), cell);
    CHECK_MESSAGE(r["2024"] == (is_number(y) ? y : ""), cell);
    if (!x.empty()) CHECK_MESSAGE(r["2023:state"] == (is_number(x) ? "number" : x), cell);
    if (!y.empty()) CHECK_MESSAGE(r["2024:state"] == (is_number(y) ? "number" : y), cell);
    if (is_number(x) && is_number(y))
      CHECK_MESSAGE(r["change"] == decimal(std::stold(y) - std::stold(x), std::max(places(x), places(y))), cell);
  }
  CHECK(rows["t3.new_received[total]"]["row_label"] == "一、本年新收政府信息公开申请数量");
  CHECK(rows["t3.new_received[total]"]["column_label"] == "总计");
  // The same agency by its full name and by its division code.
  CHECK(c.run("diff 淮安市洪泽区人民政府 2023 2024").second == csv);
  CHECK(c.run("diff 320813 2023 2024").second == csv);
  // A name that fits several agencies, an agency not in the corpus, a year it has no report for.
  CHECK(c.run("diff 人民政府 2023 2024").first == 2);
  CHECK(c.run("diff 北京市人民政府 2023 2024").first == 2);
  CHECK(c.run("diff 洪泽区人民政府 2022 2024").first == 2);
}

TEST_CASE("aggregate sums cells by province and year, each report once, with the reports and the missing values") {
  const Corpus c;
  const auto [status, csv] = c.run("aggregate --cell t3.new_received");
  REQUIRE(status == 0);
  CHECK(csv.rfind("province,year,cell,reports,values,missing,sum\n", 0) == 0);
  // corpus/metadata.tsv: 002 (and its PDF 034) and 017 are of 2023, 001 and 003 of 2024, all in
  // Jiangsu (divisions 32xxxx: 江苏省, GB/T 2260).
  const std::map<std::string, std::vector<std::string>> by_year = {{"2023", {"002.txt", "017.html"}},
                                                                   {"2024", {"001.txt", "003.txt"}}};
  const auto rows = table(csv);
  for (const auto& [year, files] : by_year)
    for (const char* col : {"natural_person", "org_commercial", "org_other", "total"}) {
      const std::string cell = std::string("t3.new_received[") + col + "]";
      std::size_t values = 0, missing = 0, decimals = 0;
      long double sum = 0;
      for (const std::string& f : files) {
        const std::string v = test::expected_for(f).cells.at(cell);
        if (is_number(v)) ++values, sum += std::stold(v), decimals = std::max(decimals, places(v));
        else ++missing;
      }
      const auto row = std::find_if(rows.begin(), rows.end(), [&](auto& r) {
        return r.at("province") == "江苏省" && r.at("year") == year && r.at("cell") == cell;
      });
      REQUIRE_MESSAGE(row != rows.end(), year << " " << cell);
      CHECK_MESSAGE(row->at("reports") == "2", year << " " << cell);
      CHECK_MESSAGE(row->at("values") == std::to_string(values), year << " " << cell);
      CHECK_MESSAGE(row->at("missing") == std::to_string(missing), year << " " << cell);
      CHECK_MESSAGE(row->at("sum") == (values ? decimal(sum, decimals) : ""), year << " " << cell);
    }
  CHECK(c.run("aggregate --cell no.such.cell").first == 2);
  CHECK(c.run("aggregate --by colour").first == 2);
}

TEST_CASE("the exports carry each table's read counts, so a lost 表三 stands out, and each value's line or page") {
  const Corpus c;
  const auto [status, csv] = c.run("export --csv");
  REQUIRE(status == 0);
  std::map<std::string, std::map<std::string, std::string>> by_source;
  for (auto& r : table(csv)) by_source[fs::path(r["source"]).filename().string()] = r;
  REQUIRE(by_source.count("lost-t3.txt"));
  auto& lost = by_source["lost-t3.txt"];
  CHECK(lost["t3:read"] == "0");
  CHECK(lost["t3:unread"] == lost["t3:expected"]);
  CHECK(lost["t3:expected"] != "0");
  CHECK(lost["t4:unread"] == "0");
  for (const char* f : {"003.txt", "017.html", "001.txt"}) {
    std::size_t t3 = 0, numbers = 0, blanks = 0;
    for (const auto& [cell, v] : test::expected_for(f).cells)
      if (cell.rfind("t3.", 0) == 0) ++t3, numbers += is_number(v), blanks += v == "blank";
    auto& r = by_source[f];
    CHECK_MESSAGE(r["t3:expected"] == std::to_string(t3), f);
    CHECK_MESSAGE(r["t3:read"] == std::to_string(numbers), f);
    CHECK_MESSAGE(r["t3:blank"] == std::to_string(blanks), f);
    CHECK_MESSAGE(r["t3:unread"] == "0", f);
  }

  // Long: the value of 002.txt's 表三 first row comes from a line of the table (between the heading
  // of section 三 and the row's own line), the PDF form's from page 3 (pdftotext: 表三 is on it).
  const auto long_rows = table(c.run("export --long --all-forms").second);
  const std::string source = test::read_file(test::corpus_path("002.txt"));
  auto line_of = [&](const std::string& text) {
    return static_cast<std::size_t>(std::count(source.begin(), source.begin() + source.find(text), '\n') + 1);
  };
  bool text_seen = false, pdf_seen = false;
  for (const auto& r : long_rows) {
    if (r.at("cell") != "t3.new_received[natural_person]") continue;
    if (r.at("source").ends_with("002.txt")) {
      text_seen = true;
      CHECK(r.at("value") == "21");
      const std::size_t line = std::stoul(r.at("line"));
      CHECK(line > line_of("三、收到和处理政府信息公开申请情况"));
      CHECK(line <= line_of("一、本年新收政府信息公开申请数量"));
      CHECK(r.at("page") == "");
    } else if (r.at("source").ends_with("034.pdf")) {
      pdf_seen = true;
      CHECK(r.at("page") == "3");
    }
  }
  CHECK(text_seen);
  CHECK(pdf_seen);

  const std::string ndjson = c.run("export --ndjson").second;
  CHECK(ndjson.find("\"tables_read\":{") != std::string::npos);
  CHECK(ndjson.find("\"t3\":{\"expected\":") != std::string::npos);
}

TEST_CASE("search keeps table text apart from sentences and groups its hits by report") {
  const Corpus c;
  // Every report prints 商业企业 in the header of 表三.
  const std::string tables = c.search("商业企业 --in tables --json --limit 50");
  CHECK(tables.find("\"kind\": \"table\"") != std::string::npos);
  CHECK(tables.find("\"kind\": \"sentence\"") == std::string::npos);
  const std::string prose = c.search("商业企业 --json --limit 50");
  CHECK(prose.find("\"kind\": \"table\"") == std::string::npos);
  // 政府信息公开申请 is in sentences and tables of every report: a report's hits are together.
  const std::string all = c.search("政府信息公开申请 --in all --json --limit 200");
  std::vector<std::string> order;
  for (std::size_t at = all.find("\"report\": "); at != std::string::npos; at = all.find("\"report\": ", at + 1)) {
    const std::string id = all.substr(at + 10, all.find(',', at) - at - 10);
    if (order.empty() || order.back() != id) {
      CHECK_MESSAGE(std::find(order.begin(), order.end(), id) == order.end(), "report " << id << " split");
      order.push_back(id);
    }
  }
  CHECK(order.size() >= 3);
}
