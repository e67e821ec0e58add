// nianbao batch: every input ends as an output or a line of errors.tsv, whatever it is (a real
// report, a binary file, an empty file, a missing path, a folder); re-runs skip what is up to
// date; output names mirror the input paths.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "engine/batch.h"
#include "output/output.h"
#include "tests/corpus.h"
#include "tests/docx.h"
#include "tests/temp_dir.h"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

std::size_t count_outputs(const std::string& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".xml") ++n;
  return n;
}

// The data lines of errors.tsv (the header excluded).
std::vector<std::string> error_lines(const std::string& outdir) {
  std::istringstream in(test::read_file(outdir + "/errors.tsv"));
  std::vector<std::string> lines;
  std::string line;
  std::getline(in, line);
  CHECK(line == "input\treason");
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

bool listed(const std::vector<std::string>& lines, const std::string& input) {
  for (const std::string& l : lines)
    if (l.rfind(input + "\t", 0) == 0) return true;
  return false;
}

// Three corpus reports and five broken inputs (a PDF that is not one among them): 8 inputs.
struct BatchFixture {
  test::TempDir t;
  std::vector<engine::BatchInput> plan;
  engine::BatchOptions options;
  BatchFixture() {
    for (const char* f : {"001.txt", "002.txt", "017.html"})
      test::copy_file(test::corpus_path(f), t / (std::string("in/") + f));
    test::write_file(t / "in/binary.txt", std::string("\x7f" "ELF\0\0\0\x01\x02", 9));
    test::write_file(t / "in/empty.txt", "");
    test::write_file(t / "in/notes.pdf", "%PDF-1.4\n a damaged PDF: taken from the folder, listed as failed");
    fs::create_directories(t / "in/sub/folder.txt");  // a folder with a report name
    std::istringstream list(t / "missing.txt" + "\n" + t / "in/sub/folder.txt" + "\n");
    plan = engine::plan_batch({t / "in", "-"}, list, t / "out");
    options.outdir = t / "out";
    options.jobs = 2;
    options.quiet = true;
  }
  engine::BatchSummary run() {
    std::ostringstream log;
    return engine::run_batch(plan, options, log);
  }
};

}  // namespace

TEST_CASE("batch accounts for every input: outputs plus errors.tsv lines equal the inputs") {
  BatchFixture b;
  REQUIRE(b.plan.size() == 8);
  const engine::BatchSummary s = b.run();
  const std::vector<std::string> errors = error_lines(b.t / "out");
  CHECK(count_outputs(b.t / "out") + errors.size() == 8);
  CHECK(s.inputs == 8);
  CHECK(s.clean + s.warnings + s.failed_checks + s.skipped + s.errors == 8);
  // The binary file, the empty file, the false PDF, the missing path and the folder fail.
  CHECK(errors.size() == 5);
  CHECK(s.errors == 5);
  CHECK(listed(errors, b.t / "in/notes.pdf"));
  CHECK(listed(errors, b.t / "in/binary.txt"));
  CHECK(listed(errors, b.t / "in/empty.txt"));
  CHECK(listed(errors, b.t / "missing.txt"));
  CHECK(listed(errors, b.t / "in/sub/folder.txt"));
  for (const engine::BatchInput& in : b.plan) {
    CAPTURE(in.path);
    CHECK(fs::exists(in.output) != listed(errors, in.path));  // one or the other, never both
  }
}

TEST_CASE("a worker that crashes on one input costs that input only: it is listed and the batch goes on") {
  BatchFixture b;
  test::copy_file(test::corpus_path("002.txt"), b.t / "in/crash-here.txt");
  std::istringstream none;
  b.plan = engine::plan_batch({b.t / "in"}, none, b.t / "out");
  REQUIRE(b.plan.size() == 7);  // 3 reports, the crashing copy, binary.txt, empty.txt, notes.pdf
  unsigned jobs = 1;
  SUBCASE("one worker, restarted after the crash") { jobs = 1; }
  SUBCASE("two workers") { jobs = 2; }
  b.options.jobs = jobs;
  // The failpoint makes the worker die of SIGSEGV on this input (engine/batch.cc).
  ::setenv("NIANBAO_FAILPOINT_CRASH_ON", "crash-here.txt", 1);
  const engine::BatchSummary s = b.run();
  ::unsetenv("NIANBAO_FAILPOINT_CRASH_ON");
  const std::vector<std::string> errors = error_lines(b.t / "out");
  CHECK(s.inputs == 7);
  CHECK(s.errors == 4);
  CHECK(s.clean + s.warnings + s.failed_checks == 3);
  REQUIRE(listed(errors, b.t / "in/crash-here.txt"));
  for (const std::string& line : errors)
    if (line.rfind(b.t / "in/crash-here.txt", 0) == 0) {
      CHECK(line.find("crashed") != std::string::npos);
      CHECK(line.find("SIGSEGV") != std::string::npos);
    }
  for (const engine::BatchInput& in : b.plan) {
    CAPTURE(in.path);
    CHECK(fs::exists(in.output) != listed(errors, in.path));
  }
  for (const auto& e : fs::recursive_directory_iterator(b.t / "out"))  // no temporary file left
    CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("an input that never ends (a FIFO without a writer) is stopped after the timeout and listed") {
  BatchFixture b;
  REQUIRE(::mkfifo((b.t / "stuck.txt").c_str(), 0600) == 0);
  std::istringstream list(b.t / "stuck.txt" + "\n");
  b.plan = engine::plan_batch({b.t / "in/001.txt", "-", b.t / "in/002.txt"}, list, b.t / "out");
  REQUIRE(b.plan.size() == 3);
  b.options.timeout_seconds = 1;
  const engine::BatchSummary s = b.run();
  const std::vector<std::string> errors = error_lines(b.t / "out");
  CHECK(s.errors == 1);
  CHECK(s.clean + s.warnings + s.failed_checks == 2);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind(b.t / "stuck.txt\t", 0) == 0);
  CHECK(errors[0].find("--timeout") != std::string::npos);
}

TEST_CASE("batch re-run skips up-to-date outputs, redoes a changed input, and --force redoes all") {
  BatchFixture b;
  b.run();
  engine::BatchSummary again = b.run();
  CHECK(again.skipped == 3);
  CHECK(again.errors == 5);  // failed inputs are tried again and listed again
  CHECK(error_lines(b.t / "out").size() == 5);

  // An input edited after its output was written is redone.
  fs::last_write_time(b.t / "in/002.txt", fs::file_time_type::clock::now() + std::chrono::hours(1));
  again = b.run();
  CHECK(again.skipped == 2);
  CHECK(again.clean + again.warnings + again.failed_checks == 1);

  b.options.force = true;
  const engine::BatchSummary forced = b.run();
  CHECK(forced.skipped == 0);
  CHECK(forced.clean + forced.warnings + forced.failed_checks == 3);
}

TEST_CASE("batch output names are a function of the input alone, whatever the order of the inputs") {
  std::istringstream none;
  const std::vector<std::string> inputs = {"a/x.txt", "./a/x.txt", "/a/x.txt", "../a/x.txt"};
  const auto plan = engine::plan_batch(inputs, none, "out");
  REQUIRE(plan.size() == 3);  // a/x.txt and ./a/x.txt are one input
  CHECK(plan[0].output == "out/a/x.txt.xml");
  CHECK(plan[1].path == "/a/x.txt");
  CHECK(plan[1].output.rfind("out/a/x.txt~", 0) == 0);
  CHECK(plan[2].output.rfind("out/a/x.txt~", 0) == 0);
  CHECK(plan[1].output != plan[2].output);
  std::vector<std::string> reversed(inputs.rbegin(), inputs.rend());
  for (const auto& b : engine::plan_batch(reversed, none, "out"))
    CHECK(b.output == engine::output_name(b.path, "out"));
  for (const auto& b : plan) CHECK(b.output == engine::output_name(b.path, "out"));
}

TEST_CASE("batch does not skip an input as up to date when its output holds another input's report") {
  test::TempDir t;
  test::copy_file(test::corpus_path("001.txt"), t / "a/x.txt");
  test::copy_file(test::corpus_path("002.txt"), t / "b/x.txt");
  const std::string out = t / "out";
  // The output the first input would get, written by a report of the other input.
  REQUIRE(test::run_nianbao("extract " + t / "b/x.txt" + " -o " + engine::output_name(t / "a/x.txt", out)) == 0);
  REQUIRE(test::run_nianbao("batch " + t / "a/x.txt" + " -o " + out + " -q > /dev/null 2>&1") == 0);
  const std::string xml = test::read_file(engine::output_name(t / "a/x.txt", out));
  CHECK(output::recorded_source(xml) == t / "a/x.txt");
  // Run again: now up to date, skipped (its source is its own).
  const std::string before = xml;
  REQUIRE(test::run_nianbao("batch " + t / "a/x.txt" + " -o " + out + " > " + t / "summary" + " 2>/dev/null") == 0);
  CHECK(test::read_file(t / "summary").find("skipped (up to date)  1") != std::string::npos);
}

TEST_CASE("batch does not walk into its own output folder or hidden folders") {
  test::TempDir t;
  test::write_file(t / "in/a.txt", "一、总体情况\n");
  test::write_file(t / "in/out/b.txt", "an earlier run's folder\n");
  test::write_file(t / "in/.git/c.txt", "hidden\n");
  std::istringstream none;
  const auto plan = engine::plan_batch({t / "in"}, none, t / "in/out");
  REQUIRE(plan.size() == 1);
  CHECK(plan[0].path == t / "in/a.txt");
}

TEST_CASE("nianbao batch exits 3 when an input failed and 0 when none did, it reads paths from stdin") {
  test::TempDir t;
  test::copy_file(test::corpus_path("001.txt"), t / "001.txt");
  test::write_file(t / "list", t / "001.txt" + "\n" + t / "missing.txt" + "\n");
  CHECK(test::run_nianbao("batch --stdin -o " + t / "out" + " -q < " + t / "list" + " > /dev/null 2>&1") == 3);
  CHECK(error_lines(t / "out").size() == 1);
  CHECK(test::run_nianbao("batch " + t / "001.txt -o " + t / "out2 -j 1 > /dev/null 2>&1") == 0);
  CHECK(count_outputs(t / "out2") == 1);
}

TEST_CASE("a folder of mixed kinds: every report read, every other file a line of errors.tsv with its reason") {
  test::TempDir t;
  for (const char* f : {"001.txt", "017.html", "034.pdf"})
    test::copy_file(test::corpus_path(f), t / (std::string("in/") + f));
  test::write_file(t / "in/017.docx", test::docx_of_corpus_page("017.html"));
  test::write_file(t / "in/old.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'));
  test::write_file(t / "in/README.md", "# downloads\n");
  test::write_file(t / "in/LICENSE", "no extension\n");
  test::write_file(t / "in/scan.png", "\x89PNG\r\n\x1a\n but not an image");
  std::istringstream none;
  const auto plan = engine::plan_batch({t / "in"}, none, t / "out");
  REQUIRE(plan.size() == 8);
  engine::BatchOptions options;
  options.outdir = t / "out";
  options.jobs = 2;
  options.quiet = true;
  options.pages.ocr = extract::Ocr::never;
  std::ostringstream log;
  const engine::BatchSummary s = engine::run_batch(plan, options, log);
  const std::vector<std::string> errors = error_lines(t / "out");
  CHECK(count_outputs(t / "out") == 4);  // the text, the page, the PDF and the DOCX
  CHECK(s.errors == 4);
  CHECK(errors.size() == 4);
  const auto reason = [&](const std::string& name) {
    for (const std::string& l : errors)
      if (l.rfind(t / ("in/" + name) + "\t", 0) == 0) return l.substr(l.find('\t') + 1);
    return std::string("(not listed)");
  };
  CHECK(reason("old.doc").find("libreoffice --headless --convert-to docx") != std::string::npos);
  CHECK(reason("README.md").find("a .md file is not a report kind") != std::string::npos);
  CHECK(reason("LICENSE").find("a file without an extension is not a report kind") != std::string::npos);
  CHECK(reason("scan.png") != "(not listed)");
  for (const engine::BatchInput& in : plan)
    if (in.path == t / "in/017.docx") CHECK(test::read_file(in.output).find("input=\"docx\"") != std::string::npos);
}
