// Measures the HTML backends on pages given on the command line (numbers in extract/HTML.md):
// MB/s of the parser alone and of the whole reader, per backend, best of several rounds; and
// whether both backends read every page to the same blocks. Build: ninja nianbao_html_bench.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/internal/html_dom.h"
#include "extract/internal/html_measure.h"

using namespace nianbao;
using namespace nianbao::extract;

namespace {

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Best MB/s over `rounds` rounds of `reps` passes over all pages.
template <class F>
double throughput(const std::vector<std::string>& pages, int rounds, int reps, F&& f) {
  std::size_t bytes = 0;
  for (const std::string& p : pages) bytes += p.size();
  double best = 0;
  for (int r = 0; r < rounds; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < reps; ++i)
      for (const std::string& p : pages) f(p);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::max(best, static_cast<double>(bytes) * reps / s / 1e6);
  }
  return best;
}

std::string describe(const Block& b) {
  if (b.kind == BlockKind::paragraph) return "P " + b.text;
  std::string s = "T cols=" + std::to_string(b.table().columns);
  for (const TableRow& r : b.table().rows) {
    s += r.header ? "\n  H" : "\n  R";
    for (const TableCell& c : r.cells)
      s += " [" + std::to_string(c.row) + "," + std::to_string(c.col) + " " + std::to_string(c.rows) + "x" +
           std::to_string(c.cols) + " " + c.text + "]";
  }
  return s;
}

// Prints the first difference between the two backends' readings of a page; true if equal.
bool same_reading(const char* name, const std::string& page) {
  const Limits limits;
  const Document g = html::read(page, limits, html::Backend::gumbo);
  const Document m = html::read(page, limits, html::Backend::myhtml);
  bool same = g.title == m.title && g.blocks.size() == m.blocks.size();
  for (std::size_t i = 0; same && i < g.blocks.size(); ++i) {
    if (describe(g.blocks[i]) != describe(m.blocks[i]) || g.blocks[i].pos.offset != m.blocks[i].pos.offset) {
      std::printf("%s: block %zu differs\n  gumbo  @%zu: %s\n  myhtml @%zu: %s\n", name, i, static_cast<std::size_t>(g.blocks[i].pos.offset),
                  describe(g.blocks[i]).substr(0, 300).c_str(), static_cast<std::size_t>(m.blocks[i].pos.offset),
                  describe(m.blocks[i]).substr(0, 300).c_str());
      return false;
    }
  }
  if (!same)
    std::printf("%s: gumbo %zu blocks \"%s\", myhtml %zu blocks \"%s\"\n", name, g.blocks.size(), g.title.c_str(),
                m.blocks.size(), m.title.c_str());
  else
    std::printf("%s: same %zu blocks (%zu tables)\n", name, g.blocks.size(),
                static_cast<std::size_t>(std::count_if(g.blocks.begin(), g.blocks.end(), [](const Block& b) {
                  return b.kind == BlockKind::table;
                })));
  return same;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 5, reps = 20;
  const char* only = nullptr;  // --only gumbo|myhtml
  std::vector<std::string> pages;
  std::vector<const char*> names;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc) rounds = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--reps") && i + 1 < argc) reps = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
    else pages.push_back(read_file(argv[i])), names.push_back(argv[i]);
  }
  if (pages.empty()) {
    std::fprintf(stderr, "usage: nianbao_html_bench [--rounds N] [--reps N] [--only gumbo|myhtml] PAGE.html...\n");
    return 2;
  }
  bool all_same = true;
  for (std::size_t i = 0; i < pages.size() && !only; ++i) all_same = same_reading(names[i], pages[i]) && all_same;

  std::size_t bytes = 0;
  for (const std::string& p : pages) bytes += p.size();
  std::printf("\n%zu pages, %.2f MB; best of %d rounds x %d passes\n", pages.size(), bytes / 1e6, rounds, reps);
  std::printf("%-8s %12s %12s %12s %12s %8s\n", "backend", "parse MB/s", "guard+parse", "+measure", "read MB/s",
              "read/parse");
  const Limits limits;
  for (const html::Backend backend : {html::Backend::gumbo, html::Backend::myhtml}) {
    const char* label = backend == html::Backend::gumbo ? "gumbo" : "myhtml";
    if (only && std::strcmp(only, label) != 0) continue;
    volatile std::size_t sink = 0;
    const double parse = throughput(pages, rounds, reps, [&](const std::string& p) {
      auto tree = backend == html::Backend::gumbo ? html::parse_gumbo(p) : html::parse_myhtml(p);
      sink = sink + (tree->root() ? 1 : 0);
    });
    const double guarded = throughput(pages, rounds, reps, [&](const std::string& p) {
      bool flattened = false;
      auto tree = html::parse(p, backend, limits.max_nesting_depth, flattened);
      sink = sink + (tree->root() ? 1 : 0);
    });
    const double measured = throughput(pages, rounds, reps, [&](const std::string& p) {
      bool flattened = false;
      auto tree = html::parse(p, backend, limits.max_nesting_depth, flattened);
      sink = sink + html::choose_body(html::measure(*tree, limits, p.size()).elements);
    });
    const double read = throughput(pages, rounds, reps, [&](const std::string& p) {
      sink = sink + html::read(p, limits, backend).blocks.size();
    });
    std::printf("%-8s %12.1f %12.1f %12.1f %12.1f %7.0f%%\n", label, parse, guarded, measured, read,
                100 * read / parse);
  }
  return all_same ? 0 : 1;
}
