// The search benchmark (issue 13 item 8): engine::search on an indexed corpus, each query shape
// of the search page (2-character words, a common word, a rare phrase, with and without facets)
// run N times on one open connection, as `nianbao serve` runs them. Prints the median and the
// worst wall time and the median CPU time of this thread (CPU does not count waiting for a busy
// machine's cores). With --dump, prints each query's hits instead (report id, section, text), to
// compare the results of two builds. Usage: nianbao_search_bench DB [N] [--dump]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine/corpus_db.h"
#include "engine/search.h"

using namespace nianbao;

namespace {

struct Shape {
  const char* name;
  engine::SearchQuery query;
};

std::vector<Shape> shapes() {
  auto q = [](const char* text) {
    engine::SearchQuery s;
    s.text = text;
    s.limit = 21;  // the search page asks for one page of 20 and one more
    return s;
  };
  std::vector<Shape> out = {
      {"one 2-char word 淮安", q("淮安")},
      {"one 2-char word 平潭", q("平潭")},
      {"two 2-char words 淮安 邮编", q("淮安 邮编")},
      {"common word 政府信息公开", q("政府信息公开")},
      {"3 chars 依申请", q("依申请")},
      {"two words 行政复议 决定", q("行政复议 决定")},
      {"rare phrase 指尖上的形式主义", q("指尖上的形式主义")},
      {"1-char word 淮", q("淮")},
  };
  Shape page10{"common word, page 10", q("政府信息公开")};
  page10.query.offset = 200;
  out.push_back(page10);
  Shape province{"common word + province 江苏省", q("政府信息公开")};
  province.query.province = "江苏省";
  out.push_back(province);
  Shape partial{"common word + completeness partial", q("政府信息公开")};
  partial.query.completeness = "partial";
  out.push_back(partial);
  Shape agency{"common word + agency 平潭", q("政府信息公开")};
  agency.query.agency = "平潭";
  out.push_back(agency);
  Shape two_year{"2-char word 邮编 + year 2023", q("邮编")};
  two_year.query.year = "2023";
  out.push_back(two_year);
  Shape failing{"2-char word 公开 + failing", q("公开")};
  failing.query.failing_only = true;
  out.push_back(failing);
  Shape rule{"2-char word 复议 + rule R4.1", q("复议")};
  rule.query.failing_rule = "R4.1";
  out.push_back(rule);
  return out;
}

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DB [N] [--dump]\n", argv[0]);
    return 2;
  }
  const bool dump = argc > 3 && std::strcmp(argv[3], "--dump") == 0;
  const int n = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
  engine::Database db = engine::open_corpus(argv[1]);
  const engine::Marks marks{"[", "]"};
  for (const Shape& s : shapes()) {
    if (dump) {
      std::printf("## %s\n", s.name);
      for (const engine::Hit& h : engine::search(db, s.query, marks))
        std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(h.report), h.section.c_str(), h.text.c_str(),
                    h.snippet.c_str());
      continue;
    }
    std::vector<double> wall, cpu;
    std::size_t hits = 0;
    for (int i = 0; i < n; ++i) {
      const double c0 = thread_cpu_ms();
      const auto t0 = std::chrono::steady_clock::now();
      hits = engine::search(db, s.query, marks).size();
      wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      cpu.push_back(thread_cpu_ms() - c0);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("%-40s %3zu hits  wall median %7.1f ms, max %7.1f ms  CPU median %7.1f ms\n", s.name, hits,
                wall[wall.size() / 2], wall.back(), cpu[cpu.size() / 2]);
  }
  return 0;
}
