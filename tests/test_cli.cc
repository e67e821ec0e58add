// The nianbao command as users run it: stdin, -o, exit status, error messages, and a GBK
// HTML page without any charset declaration.
#include <doctest/doctest.h>

#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>

#include "tests/corpus.h"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

struct Run {
  int status = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Run `nianbao ARGS` through the shell, feeding `input` on stdin.
Run run(const std::string& args, const std::string& input = "") {
  const fs::path dir = fs::temp_directory_path() / ("nianbao-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path in = dir / "stdin", out = dir / "stdout", err = dir / "stderr";
  std::ofstream(in, std::ios::binary) << input;
  const std::string cmd = std::string(NIANBAO_BINARY) + " " + args + " <" + in.string() + " >" + out.string() + " 2>" +
                          err.string();
  const int rc = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = test::read_file(out.string());
  r.err = test::read_file(err.string());
  return r;
}

std::string to_gb18030(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                 static_cast<int32_t>(utf8.size()), &status);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace

TEST_CASE("extract reads a report from stdin") {
  const Run r = run("extract -", test::read_file(test::corpus_path("000-seed.txt")));
  CHECK(r.status == 0);
  CHECK(r.out.find("<report source=\"-\"") != std::string::npos);
  CHECK(r.out.find("<heading>一、总体情况</heading>") != std::string::npos);
  CHECK(test::validate_against_schema(r.out) == "");
}

TEST_CASE("extract -o writes the file and nothing on stdout") {
  const fs::path out = fs::temp_directory_path() / ("nianbao-o-" + std::to_string(::getpid()) + ".xml");
  const Run r = run("extract " + test::corpus_path("001.txt") + " -o " + out.string());
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  const std::string xml = test::read_file(out.string());
  CHECK(xml.find("template=\"gov-2021\"") != std::string::npos);
  fs::remove(out);
}

TEST_CASE("a GBK HTML page without a charset declaration is decoded") {
  const std::string page =
      "<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body><div class=\"article\">"
      "<p>一、总体情况</p><p>本年报所列数据的统计期限自2023年1月1日起至2023年12月31日止。我局依法公开政府信息。</p>"
      "<p>二、主动公开政府信息情况</p></div></body></html>";
  const Run r = run("extract - --html", to_gb18030(page));
  CHECK(r.status == 0);
  CHECK(r.out.find("encoding=\"GB18030\"") != std::string::npos);
  CHECK(r.out.find("encoding-method=\"detected\"") != std::string::npos);
  CHECK(r.out.find("<heading>一、总体情况</heading>") != std::string::npos);
  CHECK(r.out.find("我局依法公开政府信息。") != std::string::npos);
}

TEST_CASE("a binary input is an input error naming the file, with nothing written") {
  const fs::path bin = fs::temp_directory_path() / ("nianbao-bin-" + std::to_string(::getpid()) + ".html");
  std::ofstream(bin, std::ios::binary) << std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  const fs::path out = fs::temp_directory_path() / ("nianbao-bin-" + std::to_string(::getpid()) + ".xml");
  const Run r = run("extract " + bin.string() + " -o " + out.string());
  CHECK(r.status == 3);
  CHECK(r.err.find(bin.string()) != std::string::npos);
  CHECK(r.err.find("PNG") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  fs::remove(bin);
}

TEST_CASE("a PDF forced to be read as text is an input error that says to read it as a PDF") {
  const Run r = run("extract --text " + test::corpus_path("033.pdf"));
  CHECK(r.status == 3);
  CHECK(r.err.find("a PDF file; read it without --text/--html") != std::string::npos);
  CHECK(r.err.find("pdftotext") == std::string::npos);
}

TEST_CASE("a missing input is an input error, a bad option is a usage error") {
  CHECK(run("extract /nonexistent/report.txt").status == 3);
  CHECK(run("extract --no-such-option x").status == 2);
  CHECK(run("").status == 2);
}

TEST_CASE("--help explains extract") {
  const Run r = run("extract --help");
  CHECK(r.status == 0);
  CHECK(r.out.find("--encoding") != std::string::npos);
  CHECK(r.out.find("Examples") != std::string::npos);
}

TEST_CASE("extract --format json writes one JSON report and --stream answers each line in order") {
  const Run j = run("extract " + test::corpus_path("001.txt") + " --format json");
  CHECK(j.status == 0);
  CHECK(j.out.rfind("{\n  \"source\": ", 0) == 0);
  const std::string requests = "{\"path\":\"" + test::corpus_path("001.txt") + "\",\"id\":\"a\"}\nnope\n{\"path\":\"" +
                               test::corpus_path("017.html") + "\",\"id\":\"b\"}\n";
  const Run s = run("extract --stream", requests);
  CHECK(s.status == 0);
  CHECK(s.out.rfind("{\"id\":\"a\",", 0) == 0);
  const std::size_t second = s.out.find('\n') + 1, third = s.out.find('\n', second) + 1;
  CHECK(s.out.compare(second, 30, "{\"source\":\"-\",\"ok\":false,\"stat") == 0);
  CHECK(s.out.compare(third, 9, "{\"id\":\"b\"") == 0);
  CHECK(std::count(s.out.begin(), s.out.end(), '\n') == 3);
  CHECK(run("extract --stream " + test::corpus_path("001.txt")).status == 2);
}

TEST_CASE("a mistyped command names the nearest one, a word far from every command names none") {
  const Run typo = run("extrct x.txt");
  CHECK(typo.status == 2);
  CHECK(typo.err.find("unknown command 'extrct'; did you mean 'extract'?") != std::string::npos);
  CHECK(run("indx out --db x.db").err.find("did you mean 'index'?") != std::string::npos);
  const Run far = run("zzzzzz");
  CHECK(far.status == 2);
  CHECK(far.err.find("unknown command 'zzzzzz'") != std::string::npos);
  CHECK(far.err.find("did you mean") == std::string::npos);
}

TEST_CASE("index on a folder without XML reports, or on a missing folder, says so, exits 3 and creates nothing") {
  const fs::path dir = fs::temp_directory_path() / ("nianbao-cli-index-" + std::to_string(::getpid()));
  fs::create_directories(dir / "empty");
  std::ofstream(dir / "empty" / "notes.txt") << "not a report\n";
  const Run empty = run("index " + (dir / "empty").string() + " --db " + (dir / "a.db").string());
  CHECK(empty.status == 3);
  CHECK(empty.err.find("no XML reports found") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "a.db"));
  const Run missing = run("index " + (dir / "nosuchdir").string() + " --db " + (dir / "b.db").string());
  CHECK(missing.status == 3);
  CHECK(missing.err.find("nosuchdir: no such file or folder") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "b.db"));
  CHECK_FALSE(fs::exists(dir / "nosuchdir"));
  fs::remove_all(dir);
}

TEST_CASE("an empty search query is a usage error") {
  const Run r = run("search '  ' --db /nonexistent.db");
  CHECK(r.status == 2);
  CHECK(r.err.find("the query is empty") != std::string::npos);
}
