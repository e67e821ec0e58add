// Time that grows with the input, never faster (issue 10, item 11): the CPU time of extracting
// an input with 4N headings, tables, sentences or values is compared with N of them. Linear work
// takes about 4×; a scan per heading (the XML writer did one) takes about 16×. CPU time of a
// child process (getrusage), compared as a ratio, never against a fixed time.
#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "output/output.h"
#include "pipeline/pipeline.h"
#include "tests/corpus.h"
#include "tests/subprocess.h"

using namespace nianbao;

namespace {

// Linear is ≈4×; allow for noise on a shared machine, and fail well before 16×.
constexpr double kMaxRatio = 8.0;

double cpu_seconds(const std::string& input, InputKind kind) {
  const test::ChildResult r = test::run_in_child(
      [&] {
        ExtractOptions o;
        o.kind = kind;
        for (int repeat = 0; repeat < 2; ++repeat) output::to_xml(extract_report(input, o));
      },
      120);
  REQUIRE(r.finished);
  REQUIRE(r.status == 0);
  return r.cpu_seconds;
}

void check_linear(const std::function<std::string(int)>& make, int n, InputKind kind = InputKind::text) {
  const std::string small = make(n), large = make(4 * n);
  cpu_seconds(small, kind);  // warm the shared data (templates, ICU) in the parent's pages
  const double t1 = cpu_seconds(small, kind), t4 = cpu_seconds(large, kind);
  CAPTURE(t1);
  CAPTURE(t4);
  CHECK(t4 < kMaxRatio * std::max(t1, 0.02));
}

const char* const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};

}  // namespace

TEST_CASE("extraction time is linear in the number of headings") {
  check_linear(
      [](int n) {
        std::string s;
        for (int i = 0; i < n; ++i)
          s += std::string(numerals[i % 9]) + "、标题" + std::to_string(i) + "\n（一）子标题\n1.小标题\n内容。\n\n";
        return s;
      },
      10000);
}

TEST_CASE("extraction time is linear in the number of tables") {
  check_linear(
      [](int n) {
        std::string s;
        for (int i = 0; i < n; ++i) s += "表\n| 项目 | 数量 |\n| --- | --- |\n| 甲 | " + std::to_string(i) + " |\n| 乙 | 2 |\n\n";
        return s;
      },
      5000);
}

TEST_CASE("extraction time is linear in the number of sentences") {
  check_linear(
      [](int n) {
        std::string s = "一、总体情况\n";
        for (int i = 0; i < n; ++i) s += "本年度主动公开政府信息" + std::to_string(i) + "条。";
        return s + "\n";
      },
      40000);
}

TEST_CASE("extraction time is linear in the number of values (whole reports one after another)") {
  const std::string report = test::read_file(test::corpus_path("001.txt"));
  check_linear(
      [&](int n) {
        std::string s;
        for (int i = 0; i < n; ++i) s += report;
        return s;
      },
      40);
}

TEST_CASE("extraction time is linear in the number of headings and tables of an HTML page") {
  check_linear(
      [](int n) {
        std::string s = "<html><body>";
        for (int i = 0; i < n; ++i)
          s += std::string("<h2>") + numerals[i % 9] + "、标题</h2><p>内容。</p><table><tr><td>甲</td><td>" +
               std::to_string(i) + "</td></tr></table>";
        return s + "</body></html>";
      },
      5000, InputKind::html);
}
