// The corpus database on real reports: index the XML outputs of three corpus reports into a
// real SQLite file, then search (phrases read in the sources, filters), export (wide and long
// CSV, NDJSON) and the errors for a missing or foreign database.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "engine/batch.h"
#include "engine/corpus_db.h"
#include "engine/search.h"
#include "engine/export.h"
#include "tests/corpus.h"
#include "tests/temp_dir.h"

using namespace nianbao;

namespace {

// 001.txt 淮安市人民政府 2024, 002.txt 洪泽区人民政府 2023, 007.txt 平潭综合实验区 2019.
struct Corpus {
  test::TempDir t;
  std::string db_path = t / "corpus.db";
  Corpus() {
    std::vector<std::string> inputs;
    for (const char* f : {"001.txt", "002.txt", "007.txt"}) {
      test::copy_file(test::corpus_path(f), t / (std::string("in/") + f));
    }
    std::istringstream none;
    engine::BatchOptions options;
    options.outdir = t / "out";
    options.quiet = true;
    std::ostringstream log;
    const auto s = engine::run_batch(engine::plan_batch({t / "in"}, none, t / "out"), options, log);
    REQUIRE(s.errors == 0);
    engine::Database d = engine::open_corpus_for_writing(db_path);
    REQUIRE(engine::index_outputs(d, {t / "out"}, log).reports == 3);
  }
  std::vector<engine::Hit> search(engine::SearchQuery q) {
    engine::Database d = engine::open_corpus(db_path);
    return engine::search(d, q, {"[", "]"});
  }
  std::int64_t count(const std::string& sql) {
    engine::Database d = engine::open_corpus(db_path);
    engine::Statement q = d.prepare(sql);
    q.step();
    return q.integer(0);
  }
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// Fields of a CSV row without quoted fields (these rows have none), empty ones kept.
std::vector<std::string> fields(const std::string& row) {
  std::vector<std::string> out(1);
  for (const char ch : row) {
    if (ch == ',') out.emplace_back();
    else out.back() += ch;
  }
  return out;
}

// The XML output of a corpus input (batch mirrors the input's absolute path under out/, with
// a hash of the path before .xml).
std::string output_of(const Corpus& c, const std::string& input) {
  for (const auto& e : std::filesystem::recursive_directory_iterator(c.t / "out")) {
    const std::string name = e.path().filename().string();
    if (name.rfind(input + "~", 0) == 0 && name.size() == input.size() + 13) return e.path().string();
  }
  FAIL("no output for " << input);
  return {};
}

}  // namespace

TEST_CASE("search finds a phrase of 淮安 2024 in its section 一、总体情况 / （四）政府信息公开平台建设情况。") {
  Corpus c;
  // 001.txt line 52, under "一、总体情况" and "（四）政府信息公开平台建设情况。": "深入开展防治政务新媒体
  // “指尖上的形式主义”工作".
  const auto hits = c.search({"指尖上的形式主义", "", "", "", 10});
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].source.ends_with("in/001.txt"));
  CHECK(hits[0].year == "2024");
  CHECK(hits[0].section == "一、总体情况 / （四）政府信息公开平台建设情况。");
  CHECK(hits[0].snippet.find("政务新媒体“[指尖上的形式主义]”工作") != std::string::npos);
}

TEST_CASE("search matches across the spaces of PDF text and finds two-character terms") {
  Corpus c;
  // 002.txt prints "邮 编 ： 223100" with spaces; 001.txt "邮编：223001"; 007.txt "邮编：350400".
  std::set<std::string> reports;
  for (const engine::Hit& h : c.search({"邮编", "", "", "", 50})) reports.insert(h.source.substr(h.source.size() - 7));
  CHECK(reports == std::set<std::string>{"001.txt", "002.txt", "007.txt"});
  const auto spaced = c.search({"邮编 223100", "", "", "", 10});
  REQUIRE(spaced.size() == 1);
  CHECK(spaced[0].source.ends_with("002.txt"));
  CHECK(spaced[0].snippet.find("[邮 编] ： [223100]") != std::string::npos);
}

TEST_CASE("search filters by year, agency and template") {
  Corpus c;
  for (const engine::Hit& h : c.search({"邮编", "", "2023", "", 50})) CHECK(h.source.ends_with("002.txt"));
  CHECK(c.search({"邮编", "", "2023", "", 50}).size() == 1);
  // 007.txt is 平潭综合实验区's report, the only one in the 2019 format.
  const auto pingtan = c.search({"政府信息公开", "平潭", "", "", 100});
  REQUIRE(!pingtan.empty());
  for (const engine::Hit& h : pingtan) CHECK(h.source.ends_with("007.txt"));
  const auto old_format = c.search({"政府信息公开", "", "", "gov-2019", 100});
  REQUIRE(old_format.size() == pingtan.size());
  CHECK(c.search({"政府信息公开", "", "2019", "gov-2021", 100}).empty());
}

TEST_CASE("re-indexing the same outputs replaces their rows") {
  Corpus c;
  const auto reports = c.count("SELECT count(*) FROM reports");
  const auto cells = c.count("SELECT count(*) FROM cells");
  const auto sentences = c.count("SELECT count(*) FROM sentences");
  {
    engine::Database d = engine::open_corpus_for_writing(c.db_path);
    std::ostringstream log;
    engine::index_outputs(d, {c.t / "out"}, log);
  }
  CHECK(reports == 3);
  CHECK(c.count("SELECT count(*) FROM reports") == reports);
  CHECK(c.count("SELECT count(*) FROM cells") == cells);
  CHECK(c.count("SELECT count(*) FROM sentences") == sentences);
  CHECK(c.search({"指尖上的形式主义", "", "", "", 10}).size() == 1);  // the full-text index too
}

TEST_CASE("re-indexing a folder removes the reports whose XML file was deleted, and their sentences") {
  Corpus c;
  const auto cells = c.count("SELECT count(*) FROM cells");
  REQUIRE(c.search({"指尖上的形式主义", "", "", "", 10}).size() == 1);  // in 001.txt (淮安 2024)
  std::filesystem::remove(output_of(c, "001.txt"));
  engine::IndexSummary s;
  {
    engine::Database d = engine::open_corpus_for_writing(c.db_path);
    std::ostringstream log;
    s = engine::index_outputs(d, {c.t / "out"}, log);
  }
  CHECK(s.reports == 2);
  CHECK(s.removed == 1);
  CHECK(c.count("SELECT count(*) FROM reports") == 2);
  CHECK(c.count("SELECT count(*) FROM reports WHERE path LIKE '%001.txt.xml'") == 0);
  CHECK(c.count("SELECT count(*) FROM cells") < cells);
  CHECK(c.count("SELECT count(*) FROM sentences WHERE report NOT IN (SELECT id FROM reports)") == 0);
  CHECK(c.search({"指尖上的形式主义", "", "", "", 10}).empty());  // gone from the full-text index too
  // Indexing one file of the folder does not prune the folder's other reports.
  std::filesystem::remove(output_of(c, "002.txt"));
  {
    engine::Database d = engine::open_corpus_for_writing(c.db_path);
    std::ostringstream log;
    s = engine::index_outputs(d, {output_of(c, "007.txt")}, log);
  }
  CHECK(s.removed == 0);
  CHECK(c.count("SELECT count(*) FROM reports") == 2);
}

TEST_CASE("export --csv has one row per report and a column per canonical cell; --long matches the cells") {
  Corpus c;
  engine::Database d = engine::open_corpus(c.db_path);
  std::ostringstream wide, longer;
  engine::export_wide_csv(d, wide, false);
  engine::export_long_csv(d, longer);
  const auto rows = lines(wide.str());
  REQUIRE(rows.size() == 1 + 3);
  const std::vector<std::string> header = fields(rows[0]);
  CHECK(header.size() == 7 + engine::canonical_cells().size());
  const auto column = std::find(header.begin(), header.end(), "t3.new_received[natural_person]");
  REQUIRE(column != header.end());
  CHECK(std::find(header.begin(), header.end(), "t4.review.total") != header.end());
  CHECK(std::find(header.begin(), header.end(), "t2.art20_9.central_procurement.amount") != header.end());

  const auto long_rows = lines(longer.str());
  CHECK(long_rows[0] == "report,cell,value,state");
  CHECK(static_cast<std::int64_t>(long_rows.size() - 1) == c.count("SELECT count(*) FROM cells"));
  // 002.txt, 表三 first row: "一、本年新收政府信息公开申请数量  21 0 0 0 0 0 21".
  const auto id = c.count("SELECT id FROM reports WHERE source LIKE '%002.txt'");
  CHECK(std::find(long_rows.begin(), long_rows.end(),
                  std::to_string(id) + ",t3.new_received[natural_person],21,number") != long_rows.end());
  for (const std::string& row : rows)
    if (row.rfind(std::to_string(id) + ",", 0) == 0) {
      REQUIRE(fields(row).size() == header.size());
      CHECK(fields(row)[column - header.begin()] == "21");
    }
}

TEST_CASE("export --ndjson writes an action line and a document per report") {
  Corpus c;
  engine::Database d = engine::open_corpus(c.db_path);
  std::ostringstream out;
  engine::export_ndjson(d, out, "nianbao", false);
  const auto l = lines(out.str());
  REQUIRE(l.size() == 6);
  CHECK(l[0].rfind("{\"index\":{\"_index\":\"nianbao\",\"_id\":", 0) == 0);
  CHECK(l[1].find("\"cells\":{") != std::string::npos);
  CHECK(engine::ndjson_cell_key("t3.result.other.misc[total]") == "t3_result_other_misc__total");
  // Keys stay distinct after the dots are replaced.
  std::set<std::string> keys;
  for (const std::string& cell : engine::canonical_cells()) keys.insert(engine::ndjson_cell_key(cell));
  CHECK(keys.size() == engine::canonical_cells().size());
}

TEST_CASE("a missing database and a file that is not a corpus database are clear errors") {
  test::TempDir t;
  CHECK_THROWS_WITH_AS(engine::open_corpus(t / "none.db"), doctest::Contains("none.db: no such database"),
                       engine::DbError);
  test::write_file(t / "text.db", "just text, not SQLite, long enough to have a header of one hundred bytes....."
                                  "...........................................");
  CHECK_THROWS_WITH_AS(engine::open_corpus(t / "text.db"), doctest::Contains("text.db: not a readable SQLite database"),
                       engine::DbError);
  { engine::Database other(t / "other.db", engine::Database::Mode::read_write_create); other.exec("CREATE TABLE x(a)"); }
  CHECK_THROWS_WITH_AS(engine::open_corpus(t / "other.db"), doctest::Contains("not a nianbao corpus database"),
                       engine::DbError);
  CHECK(test::run_nianbao("search 公开 --db " + t / "none.db 2> /dev/null") == 3);
}
