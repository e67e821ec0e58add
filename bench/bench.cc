// The benchmark: each stage of extract, and the whole of it, over the corpus repeated to at
// least 50 MB, in MB/s (of input bytes) and reports/s; beside it, the raw parse throughput of
// the two Debian HTML5 parsers (gumbo, MyHTML) on the same HTML, and the ratios. People read
// the figures; no test asserts on time.
#include <gumbo.h>
#include <myhtml/api.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/pipeline.h"
#include "extract/extract.h"
#include "normalize/normalize.h"
#include "schema/schema.h"
#include "metadata/metadata.h"
#include "output/output.h"
#include "model/long_lived.h"
#ifdef NIANBAO_SLAB_ARENA
#include "cli/slab_arena.h"
#endif

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

struct Doc {
  std::string name;
  std::string bytes;
  bool html = false;
  // Inputs of the later stages, prepared once.
  std::string text;
  Report read;       // after read_text/read_html
  Report sectioned;  // after build_sections + segment (+ metadata)
  Report full;       // after apply_template
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Only the stages whose name contains this run (third argument; empty: all), e.g. to profile
// one stage alone: `perf record nianbao_bench corpus 50 whole`.
std::string stage_filter;

// Run `work` over `docs` until at least `min_bytes` of input went through it; print a line.
// Returns 0 for a stage left out by the filter.
double measure(const char* stage, const std::vector<const Doc*>& docs, std::size_t min_bytes,
               const std::function<void(const Doc&)>& work) {
  if (std::string_view(stage).find(stage_filter) == std::string_view::npos) return 0;
  std::size_t bytes = 0, reports = 0;
  const auto t0 = std::chrono::steady_clock::now();
  while (bytes < min_bytes) {
    for (const Doc* d : docs) {
      work(*d);
      bytes += d->bytes.size();
      ++reports;
    }
  }
  const double s = seconds_since(t0);
  const double mbps = bytes / 1e6 / s;
  std::printf("  %-26s %9.1f MB/s %10.0f reports/s\n", stage, mbps, reports / s);
  return mbps;
}

Report reading_of(const Doc& d) {
  Report r;
  extract::Document doc = d.html ? extract::read_html(d.text) : extract::read_text(d.text);
  r.blocks = std::move(doc.blocks);
  r.source = d.name;
  r.input_kind = d.html ? "html" : "text";
  return r;
}

// The reports of `corpus` and each stage's input, made before the timing and kept through the
// whole run (model/long_lived.h: not from the slabs the timed extracts reuse).
std::vector<Doc> load_docs(const std::string& corpus) {
  const LongLivedAllocations fixtures;
  std::vector<Doc> docs;
  for (const auto& e : fs::directory_iterator(corpus)) {
    const std::string ext = e.path().extension().string();
    if (ext != ".txt" && ext != ".html") continue;
    Doc d;
    d.name = e.path().filename().string();
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    d.bytes = s.str();
    d.html = ext == ".html";
    docs.push_back(std::move(d));
  }
  for (Doc& d : docs) {
    d.text = normalize::decode(d.bytes, {"", d.html, d.name}).text;
    d.read = reading_of(d);
    d.sectioned = d.read;
    d.sectioned.sections = extract::build_sections(d.sectioned.blocks, schema::heading_hints());
    extract::segment(d.sectioned.blocks);
    metadata::find_metadata(d.sectioned, "");
    d.full = d.sectioned;
    schema::apply_template(d.full);
  }
  return docs;
}

}  // namespace

int main(int argc, char** argv) {
  nianbao::keep_heap_between_reports();  // as the command does: the benchmark is a long process
  const std::string corpus = argc > 1 ? argv[1] : "corpus";
  const std::size_t min_bytes = (argc > 2 ? std::stoul(argv[2]) : 50) * 1000000;
  if (argc > 3) stage_filter = argv[3];
  const std::vector<Doc> docs = load_docs(corpus);
  if (docs.empty()) {
    std::fprintf(stderr, "bench: no reports in %s\n", corpus.c_str());
    return 2;
  }
  for (const bool html : {true, false}) {
    std::vector<const Doc*> set;
    std::size_t total = 0;
    for (const Doc& d : docs)
      if (d.html == html) {
        set.push_back(&d);
        total += d.bytes.size();
      }
    if (set.empty()) continue;
    std::printf("%s reports: %zu files, %.2f MB per pass, each stage run over >= %zu MB\n", html ? "HTML" : "text",
                set.size(), total / 1e6, min_bytes / 1000000);
    double gumbo = 0, myhtml_rate = 0;
    if (html) {
      gumbo = measure("raw parse: gumbo", set, min_bytes, [](const Doc& d) {
        GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, d.text.data(), d.text.size());
        gumbo_destroy_output(&kGumboDefaultOptions, out);
      });
      myhtml_t* engine = myhtml_create();
      myhtml_init(engine, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0);
      myhtml_tree_t* tree = myhtml_tree_create();
      myhtml_tree_init(tree, engine);
      myhtml_rate = measure("raw parse: MyHTML", set, min_bytes, [&](const Doc& d) {
        myhtml_parse(tree, MyENCODING_UTF_8, d.text.data(), d.text.size());
        myhtml_tree_clean(tree);
      });
      myhtml_tree_destroy(tree);
      myhtml_destroy(engine);
    }
    measure("decode", set, min_bytes, [](const Doc& d) { normalize::decode(d.bytes, {"", d.html, d.name}); });
    measure(html ? "read blocks (HTML)" : "read blocks + text tables", set, min_bytes, [](const Doc& d) { reading_of(d); });
    measure("sections", set, min_bytes, [](const Doc& d) {
      std::vector<Block> blocks = d.read.blocks;
      extract::build_sections(blocks, schema::heading_hints());
    });
    measure("sentence segmentation", set, min_bytes, [](const Doc& d) {
      std::vector<Block> blocks = d.sectioned.blocks;
      extract::segment(blocks);
    });
    measure("template mapping + checks", set, min_bytes, [](const Doc& d) {
      Report r = d.sectioned;
      schema::apply_template(r);
    });
    measure("XML writing", set, min_bytes, [](const Doc& d) { output::to_xml(d.full); });
    const double whole = measure("whole extract (+XML)", set, min_bytes, [](const Doc& d) {
      ExtractOptions o;
      o.source = d.name;
      output::to_xml(extract_report(d.bytes, o));
    });
    if (html && whole > 0 && gumbo > 0 && myhtml_rate > 0)
      std::printf("  whole extract / raw parse: %.0f%% of gumbo, %.0f%% of MyHTML\n", 100 * whole / gumbo,
                  100 * whole / myhtml_rate);
  }
#ifdef NIANBAO_SLAB_ARENA
  const auto [served, declined] = alloc::thread_arena_counts();
  std::printf("slab arena: %llu requests served, %llu declined (to malloc)\n", static_cast<unsigned long long>(served),
              static_cast<unsigned long long>(declined));
#endif
  return 0;
}
