// The corpus database on real reports: index the XML outputs of three corpus reports into a
// real SQLite file, then search (phrases read in the sources, filters), export (wide and long
// CSV, NDJSON) and the errors for a missing or foreign database.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "engine/batch.h"
#include "engine/browse.h"
#include "engine/corpus_db.h"
#include "engine/search.h"
#include "engine/export.h"
#include "model/errors.h"
#include "pipeline/corrections.h"
#include "tests/corpus.h"
#include "tests/corpus_db.h"
#include "tests/temp_dir.h"

using namespace nianbao;

namespace {

// 001.txt 淮安市人民政府 2024, 002.txt 洪泽区人民政府 2023, 007.txt 平潭综合实验区 2019.
struct Corpus {
  test::TempDir t;
  std::string db_path = t / "corpus.db";
  Corpus() {
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
    REQUIRE(test::index_into(db_path, {t / "out"}).reports == 3);
  }
  std::vector<engine::Hit> search(engine::SearchQuery q) {
    engine::Database d = engine::open_corpus(db_path);
    return engine::search(d, q, {"[", "]"});
  }
  // The database's record of the one report whose agency matches `agency` (found by a search).
  engine::ReportRecord report_of(const std::string& agency) {
    const auto hits = search({"政府信息公开", agency, "", "", 1});
    REQUIRE(hits.size() == 1);
    engine::Database d = engine::open_corpus(db_path);
    const auto r = engine::find_report(d, hits.front().report);
    REQUIRE(r);
    return *r;
  }
  std::string text(const std::string& sql) {
    engine::Database d = engine::open_corpus(db_path);
    engine::Statement q = d.prepare(sql);
    q.step();
    return q.text(0);
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

TEST_CASE("a filter keeping one report gives that report's hits of the unfiltered search, in the same order") {
  Corpus c;
  // 002.txt (洪泽区, 2023) lies between 001.txt and 007.txt in the index: its sentences are a
  // span of ids that the search reads alone.
  std::vector<std::string> expected;
  for (const engine::Hit& h : c.search({"政府信息公开", "", "", "", 1000}))
    if (h.source.ends_with("002.txt")) expected.push_back(h.text);
  REQUIRE(expected.size() > 3);
  std::vector<std::string> filtered;
  for (const engine::Hit& h : c.search({"政府信息公开", "洪泽", "", "", 1000})) filtered.push_back(h.text);
  CHECK(filtered == expected);
  std::vector<std::string> by_year;
  for (const engine::Hit& h : c.search({"政府信息公开", "", "2023", "", 1000})) by_year.push_back(h.text);
  CHECK(by_year == expected);
}

TEST_CASE("search finds one-character terms and sentences of two characters") {
  Corpus c;
  // 001.txt is 淮安市's report: its name, 淮 alone and with a two-character term.
  std::set<std::string> reports;
  for (const engine::Hit& h : c.search({"淮", "", "", "", 50})) reports.insert(h.source.substr(h.source.size() - 7));
  CHECK(reports.count("001.txt") == 1);
  for (const engine::Hit& h : c.search({"淮 邮编", "", "", "", 50})) CHECK(h.text.find("淮") != std::string::npos);
  CHECK(!c.search({"淮 邮编", "", "", "", 50}).empty());
  // 001.txt and 002.txt both write 淮安市 beside their postcode (223001, 223100).
  const auto huaian = c.search({"邮编 淮 223001", "", "", "", 50});
  REQUIRE(huaian.size() == 1);
  CHECK(huaian[0].source.ends_with("001.txt"));
  CHECK(c.search({"邮编 鑫", "", "", "", 50}).empty());  // 鑫 is in none of the three
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
  test::index_into(c.db_path, {c.t / "out"});
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
  engine::IndexSummary s = test::index_into(c.db_path, {c.t / "out"});
  CHECK(s.reports == 2);
  CHECK(s.removed == 1);
  CHECK(c.count("SELECT count(*) FROM reports") == 2);
  CHECK(c.count("SELECT count(*) FROM reports WHERE path LIKE '%001.txt.xml'") == 0);
  CHECK(c.count("SELECT count(*) FROM cells") < cells);
  CHECK(c.count("SELECT count(*) FROM sentences WHERE report NOT IN (SELECT id FROM reports)") == 0);
  CHECK(c.search({"指尖上的形式主义", "", "", "", 10}).empty());  // gone from the full-text index too
  // Indexing one file of the folder does not prune the folder's other reports.
  std::filesystem::remove(output_of(c, "002.txt"));
  s = test::index_into(c.db_path, {output_of(c, "007.txt")});
  CHECK(s.removed == 0);
  CHECK(c.count("SELECT count(*) FROM reports") == 2);
}

TEST_CASE("export --csv has one row per report and a column per canonical cell, --long matches the cells") {
  Corpus c;
  engine::Database d = engine::open_corpus(c.db_path);
  std::ostringstream wide, longer;
  engine::export_wide_csv(d, wide, false);
  engine::export_long_csv(d, longer);
  const auto rows = lines(wide.str());
  REQUIRE(rows.size() == 1 + 3);
  const std::vector<std::string> header = test::csv_fields(rows[0]);
  // docs/corpus-workflow.md, "export": the report's columns, then six read counts per template
  // table (t3:expected … t3:unread), then one column per canonical cell.
  const std::vector<std::string> report_columns = {
      "report", "path", "source", "url", "retrieved", "published", "agency", "division", "province", "city", "county",
      "year", "template", "cells_expected", "cells_read", "cells_ambiguous", "cells_unread", "failed_checks",
      "failed_rules", "undetermined", "corrected"};
  REQUIRE(header.size() > report_columns.size());
  CHECK(std::equal(report_columns.begin(), report_columns.end(), header.begin()));
  std::size_t count_columns = 0;
  for (const std::string& h : header) count_columns += h.find(':') != std::string::npos;
  for (const char* t : {"t3", "t4"})
    for (const char* count : {"expected", "read", "blank", "dash", "ambiguous", "unread"})
      CHECK(std::find(header.begin(), header.end(), std::string(t) + ":" + count) != header.end());
  CHECK(count_columns % 6 == 0);
  CHECK(header.size() == report_columns.size() + count_columns + engine::canonical_cells().size());
  CHECK(std::find(header.begin(), header.end(), "failed_rules") != header.end());
  CHECK(std::find(header.begin(), header.end(), "cells_unread") != header.end());
  const auto column = std::find(header.begin(), header.end(), "t3.new_received[natural_person]");
  REQUIRE(column != header.end());
  CHECK(std::find(header.begin(), header.end(), "t4.review.total") != header.end());
  CHECK(std::find(header.begin(), header.end(), "t2.art20_9.central_procurement.amount") != header.end());

  const auto long_rows = lines(longer.str());
  CHECK(long_rows[0] == "report,cell,value,state,raw,unit,note,replaced,line,page,source,url");
  CHECK(static_cast<std::int64_t>(long_rows.size() - 1) == c.count("SELECT count(*) FROM cells"));
  // 002.txt, 表三 first row: "一、本年新收政府信息公开申请数量  21 0 0 0 0 0 21".
  const std::string id = c.text("SELECT report_id FROM reports WHERE source LIKE '%002.txt'");
  REQUIRE(id.size() == 16);
  CHECK(std::find_if(long_rows.begin(), long_rows.end(), [&](const std::string& row) {
          return row.rfind(id + ",t3.new_received[natural_person],21,number,21,", 0) == 0;
        }) != long_rows.end());
  for (const std::string& row : rows)
    if (row.rfind(id + ",", 0) == 0) {
      REQUIRE(test::csv_fields(row).size() == header.size());
      CHECK(test::csv_fields(row)[column - header.begin()] == "21");
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

// The reads of the viewer (engine/browse.h, search paging and filters) on the same corpus.
// 002.txt breaks R4.1 and R4.3 in the source itself (行政复议 10 + 1 but 总计 0; corpus/expected/002.tsv).

TEST_CASE("a hit names its report's id, and the next page continues where the first stopped") {
  Corpus c;
  engine::SearchQuery q{"政府信息公开", "", "", "", 100};
  const auto all = c.search(q);
  REQUIRE(all.size() > 4);
  q.limit = 3;
  const auto first = c.search(q);
  q.offset = 3;
  const auto second = c.search(q);
  REQUIRE(first.size() == 3);
  REQUIRE(!second.empty());
  CHECK(second.front().text == all[3].text);
  engine::Database d = engine::open_corpus(c.db_path);
  for (const engine::Hit& h : all) {
    const auto r = engine::find_report(d, h.report);
    REQUIRE(r);
    CHECK(r->source == h.source);
  }
}

TEST_CASE("search for failing reports keeps only reports with a failing check") {
  Corpus c;
  engine::SearchQuery q{"政府信息公开", "", "", "", 100};
  q.failing_only = true;
  const auto hits = c.search(q);
  REQUIRE(!hits.empty());
  for (const engine::Hit& h : hits) CHECK(h.source.ends_with("002.txt"));
}

TEST_CASE("a report's record, checks, cells and facets come from the database") {
  Corpus c;
  const engine::ReportRecord r = c.report_of("洪泽");
  engine::Database d = engine::open_corpus(c.db_path);
  CHECK(r.year == "2023");
  CHECK(r.failed_checks == 2);
  std::set<std::string> failing;
  for (const auto& k : engine::report_checks(d, r.id))
    if (k.result == "fail") failing.insert(k.rule);
  CHECK(failing == std::set<std::string>{"R4.1", "R4.3"});
  const auto cells = engine::agency_cells(d, r.agency, {"t4.review.upheld", "t4.review.total"});
  REQUIRE(cells.size() == 2);
  for (const auto& cell : cells) CHECK(cell.value == (cell.cell == "t4.review.upheld" ? "10" : "0"));
  const engine::Facets f = engine::corpus_facets(d, 10);
  CHECK(f.reports == 3);
  CHECK(std::any_of(f.failing_rules.begin(), f.failing_rules.end(),
                    [](const engine::FacetValue& v) { return v.value == "R4.1" && v.count == 1; }));
  CHECK(engine::agency_reports(d, r.agency).size() == 1);
}

TEST_CASE("a report's source is read from its recorded path, decoded, and a deleted one is an input error") {
  Corpus c;
  const engine::ReportRecord r = c.report_of("淮安市人民政府");
  const engine::SourceText s = engine::read_report_source(r, 1 << 20);
  CHECK_FALSE(s.html);
  CHECK(lines(s.text).at(149) == "一、本年新收政府信息公开申请数量");  // line 150 of corpus/001.txt
  CHECK(engine::read_report_xml_text(r, 1 << 20).find("<report ") != std::string::npos);
  CHECK_THROWS_AS(engine::read_report_source(r, 100), InputError);  // larger than the limit
  std::filesystem::remove(r.source);
  CHECK_THROWS_AS(engine::read_report_source(r, 1 << 20), InputError);
}

TEST_CASE("a correction re-indexes its report alone: checks recomputed, its database id kept, undone by removing it") {
  Corpus c;
  const auto hits = c.search({"政府信息公开", "洪泽", "", "", 1});
  REQUIRE(hits.size() == 1);
  const std::int64_t id = hits.front().report;
  const std::string file = c.t / "corrections.csv";
  engine::Database d = engine::open_corpus_for_corrections(c.db_path);
  const auto before = engine::find_report(d, id);
  REQUIRE(before);
  REQUIRE(before->failed_checks == 2);
  // corpus/expected/002.tsv: 行政复议 维持 10 + 纠正 1 + 其他 0 + 尚未审结 0, but 总计 printed 0 (R4.1).
  append_correction(file, {before->report_id, "t4.review.total", "11", "the sum of its row", "", ""});
  CHECK(engine::reindex_report(d, id, read_corrections(file)) == 1);
  const auto after = engine::find_report(d, id);
  REQUIRE(after);
  CHECK(after->failed_checks == 1);  // R4.3 is not touched
  CHECK(after->corrected == 1);
  std::string r41;
  for (const auto& k : engine::report_checks(d, id))
    if (k.rule == "R4.1") {
      r41 = k.result;
      CHECK(k.cells.find("t4.review.total") != std::string::npos);
    }
  CHECK(r41 == "pass");
  CHECK(c.count("SELECT count(*) FROM reports") == 3);
  remove_correction(file, 0);
  CHECK(engine::reindex_report(d, id, read_corrections(file)) == 0);
  CHECK(engine::find_report(d, id)->failed_checks == 2);
}
