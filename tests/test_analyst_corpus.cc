// The analyst's journey on the real corpus: every corpus report in two forms (the file as
// published, and the same report re-saved — a UTF-8 BOM and CRLF line ends), batch, index,
// export; plus the corpus's own text/HTML pairs of one report. Ids are stable across a re-index
// and a moved folder, each report counts once, a correction survives `batch --force` with its
// checks recomputed.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "engine/batch.h"
#include "engine/corpus_db.h"
#include "engine/export.h"
#include "model/errors.h"
#include "pipeline/corrections.h"
#include "pipeline/pipeline.h"
#include "schema/schema.h"
#include "tests/corpus.h"
#include "tests/temp_dir.h"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

// The report re-saved by another program: a BOM, CRLF line ends.
std::string resaved(const std::string& bytes) {
  std::string out = "\xEF\xBB\xBF";
  for (char c : bytes) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// The distinct reports of the corpus by hand: (first agency name, year) of corpus/metadata.tsv
// for the files present.
std::size_t distinct_reports_by_hand() {
  std::istringstream in(test::read_file(test::corpus_path("metadata.tsv")));
  std::set<std::string> reports;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line.rfind("file\t", 0) == 0) continue;
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, '\t');) f.push_back(x);
    if (f.size() == 4 && fs::exists(test::corpus_path(f[0]))) reports.insert(f[1].substr(0, f[1].find('|')) + "/" + f[3]);
  }
  return reports.size();
}

void batch(const test::TempDir& t, bool force) {
  engine::BatchOptions o;
  o.outdir = t / "out";
  o.quiet = true;
  o.force = force;
  o.jobs = 2;
  std::istringstream none;
  std::ostringstream log;
  const auto s = engine::run_batch(engine::plan_batch({t / "a", t / "b"}, none, o.outdir), o, log);
  REQUIRE_MESSAGE(s.errors == 0, log.str());
}

// source file → report id, in a database built from `folder`.
std::map<std::string, std::string> index(const std::string& folder, const std::string& db_path,
                                         const std::vector<Correction>& corrections = {}) {
  engine::Database d = engine::open_corpus_for_writing(db_path);
  std::ostringstream log;
  engine::index_outputs(d, {folder}, log, corrections);
  std::map<std::string, std::string> out;
  engine::Statement q = d.prepare("SELECT source, report_id FROM reports");
  while (q.step()) out[fs::path(fs::path(q.text(0)).parent_path().filename()) / fs::path(q.text(0)).filename()] = q.text(1);
  return out;
}

std::int64_t count(const std::string& db_path, const std::string& sql) {
  engine::Database d = engine::open_corpus(db_path);
  engine::Statement q = d.prepare(sql);
  q.step();
  return q.integer(0);
}

}  // namespace

TEST_CASE("a corpus of every report in two forms: stable ids, each report once, corrections that last") {
  test::TempDir t;
  const std::vector<std::string> files = test::corpus_files();
  for (const std::string& f : files) {
    test::copy_file(test::corpus_path(f), t / ("a/" + f));
    // The second form: the text re-saved (BOM, CRLF); a PDF, a byte copy (its text is not its bytes).
    const std::string bytes = test::read_file(test::corpus_path(f));
    test::write_file(t / ("b/" + f), f.ends_with(".pdf") ? bytes : resaved(bytes));
  }
  batch(t, false);

  // Ids: the same for both forms of a file, across a re-index and after the folder moved.
  const auto ids = index(t / "out", t / "one.db");
  REQUIRE(ids.size() == 2 * files.size());
  for (const std::string& f : files) CHECK_MESSAGE(ids.at("a/" + f) == ids.at("b/" + f), f);
  CHECK(index(t / "out", t / "one.db") == ids);
  fs::rename(t / "out", t / "moved");
  CHECK(index(t / "moved", t / "two.db") == ids);
  fs::rename(t / "moved", t / "out");

  // Each report once: as many as the hand-read metadata has distinct (agency, year).
  const std::size_t reports = distinct_reports_by_hand();
  CHECK(count(t / "one.db", "SELECT count(DISTINCT report_id) FROM reports") == static_cast<std::int64_t>(reports));
  CHECK(count(t / "one.db", "SELECT count(*) FROM reports WHERE primary_form = 1") == static_cast<std::int64_t>(reports));
  {
    engine::Database d = engine::open_corpus(t / "one.db");
    std::ostringstream wide, all;
    engine::export_wide_csv(d, wide, false);
    engine::export_wide_csv(d, all, false, true);
    const std::string one = wide.str(), every = all.str();
    CHECK(std::count(one.begin(), one.end(), '\n') == static_cast<std::ptrdiff_t>(reports + 1));
    CHECK(std::count(every.begin(), every.end(), '\n') == static_cast<std::ptrdiff_t>(2 * files.size() + 1));
  }

  // A correction: 002.txt 表三 第一行 "21 0 0 0 0 0 21"; set natural_person to 22 and R3 must fail
  // where it held.
  const Report before = test::extract_corpus("002.txt");
  auto fails = [](const Report& r) {
    std::size_t n = 0;
    for (const Check& c : r.checks) n += c.result == CheckResult::fail;
    return n;
  };
  append_correction(t / "out/corrections.csv",
                    {before.id, "t3.new_received[natural_person]", "22", "test: a changed value", "tester", "2026-01-01"});
  batch(t, true);
  for (const char* form : {"a", "b"}) {
    std::string xml;
    for (const auto& e : fs::recursive_directory_iterator(t / "out"))
      // batch names the output of an absolute input "<name>~<hash>.xml" (engine/batch_inputs.cc)
      if (e.path().filename().string().rfind("002.txt", 0) == 0 && e.path().extension() == ".xml" &&
          e.path().parent_path().filename() == form)
        xml = test::read_file(e.path());
    REQUIRE(!xml.empty());
    const std::size_t at = xml.find("<value cell=\"t3.new_received[natural_person]\"");
    REQUIRE(at != std::string::npos);
    const std::string value = xml.substr(at, xml.find("</value>", at) - at);
    CHECK(value.find(" raw=\"21\"") != std::string::npos);
    CHECK(value.find(" note=\"corrected: test: a changed value (tester, 2026-01-01)\"") != std::string::npos);
    CHECK(value.find(" replaced=\"21\">22") != std::string::npos);
    CHECK(test::validate_against_schema(xml) == "");
  }
  index(t / "out", t / "one.db");
  const std::string id = before.id;
  CHECK(count(t / "one.db", "SELECT value FROM cells c JOIN reports r ON r.id = c.report WHERE r.report_id = '" + id +
                                "' AND c.cell = 't3.new_received[natural_person]' AND c.replaced = '21'") == 22);
  CHECK(count(t / "one.db", "SELECT max(failed_checks) FROM reports WHERE report_id = '" + id + "'") >
        static_cast<std::int64_t>(fails(before)));
  CHECK(count(t / "one.db", "SELECT max(corrected) FROM reports WHERE report_id = '" + id + "'") == 1);
}

// recheck reads each value's number from its text (std::stold) and writes every term from that
// number; apply_template takes the numbers from the solver's readings and copies a term's text
// when it renders as itself: the sides must be the same.
TEST_CASE("recheck gives the checks apply_template gave, on every corpus report") {
  for (const std::string& f : test::corpus_files()) {
    Report r = test::extract_corpus(f);
    const std::vector<Check> original = r.checks;
    schema::recheck(r);
    REQUIRE(r.checks.size() == original.size());
    for (std::size_t i = 0; i < original.size(); ++i) {
      CHECK_MESSAGE(r.checks[i].rule == original[i].rule, f);
      CHECK_MESSAGE(r.checks[i].scope == original[i].scope, f);
      CHECK_MESSAGE(r.checks[i].result == original[i].result, f << " " << original[i].rule << " " << original[i].scope);
      CHECK_MESSAGE(r.checks[i].left == original[i].left, f << " " << original[i].rule << " " << original[i].scope);
      CHECK_MESSAGE(r.checks[i].right == original[i].right, f << " " << original[i].rule << " " << original[i].scope);
    }
  }
}

TEST_CASE("a corrections file with a bad value is an error naming its line") {
  test::TempDir t;
  test::write_file(t / "c.csv", "report,cell,value,reason,who,when\nabc,t4.review.total,12x,typo,me,today\n");
  std::string message;
  try {
    read_corrections(t / "c.csv");
  } catch (const InputError& e) {
    message = e.describe();
  }
  CHECK(message.find("c.csv: line 2: correction value \"12x\"") != std::string::npos);
  CHECK(read_corrections(t / "none.csv").empty());
}

TEST_CASE("removing a correction keeps the other records of the file, quoted fields included") {
  test::TempDir t;
  const std::string file = t / "c.csv";
  append_correction(file, {"a1", "t4.review.total", "11", "sum, as printed", "lin", "2026-01-01"});
  append_correction(file, {"a1", "t4.review.upheld", "dash", "no figure", "", ""});
  append_correction(file, {"b2", "t4.review.total", "3", "a \"quoted\" reason", "", ""});
  const Correction removed = remove_correction(file, 1);
  CHECK(removed.cell == "t4.review.upheld");
  const std::vector<Correction> left = read_corrections(file);
  REQUIRE(left.size() == 2);
  CHECK(left[0].reason == "sum, as printed");
  CHECK(left[1].reason == "a \"quoted\" reason");
  CHECK_THROWS_AS(remove_correction(file, 2), InputError);
}
