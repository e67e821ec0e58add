// Peak memory that stays a small multiple of the input (issue 10, item 10): an extract whose XML
// is written as a stream, on shapes that once cost hundreds of bytes per input byte (many short
// lines, only newlines, tiny HTML paragraphs) and on real text. Measured as the growth of a child
// process's peak resident memory (maxrss) over the same child on a tiny input, never as a time.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "output/output.h"
#include "pipeline/pipeline.h"
#include "tests/corpus.h"
#include "tests/subprocess.h"

using namespace nianbao;

namespace {

// Inputs of a few MB: large against the process's own footprint, quick.
constexpr std::size_t kInputBytes = 2'000'000;

// Bounds, in bytes of peak memory per input byte, about 1.3× what was measured once a Block took
// 32 bytes (its text a BlockText of 8, its table, box and sentence ends behind one pointer) and
// the text reader freed the decoded text once split into lines: real text 5.3, newlines 0.7,
// short lines 25.9, tiny paragraphs 77 (with 72-byte blocks: 7.0, 0.7, 46.8, 82; with 24-byte
// lines: 7.5, 0.08, 50, 81). What remains is one record per line (16 bytes) beside one per
// paragraph (32 bytes), and on HTML the parser's own tree (MyHTML: ~66 bytes per input byte of
// `<p>a</p>`); bench/README.md, "Peak memory".
constexpr double kRealText = 7, kNewlines = 1, kShortLines = 34, kTinyParagraphs = 100;

// maxrss of a child that extracts `input` and streams its XML to /dev/null, in bytes.
long long peak_bytes(const std::string& input, InputKind kind) {
  const test::ChildResult r = test::run_in_child(
      [&] {
        ExtractOptions o;
        o.kind = kind;
        std::ofstream out("/dev/null");
        output::write_xml(extract_report(input, o), out);
      },
      120);
  REQUIRE(r.finished);
  REQUIRE(r.status == 0);
  return r.max_rss_kib * 1024LL;
}

// The peak memory an input costs beyond the process itself, as a multiple of its size.
double memory_ratio(const std::string& input, InputKind kind) {
  const std::string tiny = kind == InputKind::html ? "<p>a</p>" : "a\n";
  peak_bytes(tiny, kind);  // warm the shared data (templates, ICU) in the parent's pages
  const long long base = peak_bytes(tiny, kind), peak = peak_bytes(input, kind);
  return static_cast<double>(peak - base) / static_cast<double>(input.size());
}

std::string repeated(const std::string& unit) {
  std::string s;
  s.reserve(kInputBytes + unit.size());
  while (s.size() < kInputBytes) s += unit;
  return s;
}

}  // namespace

// AddressSanitizer's redzones and quarantine multiply every allocation: the bound is for the
// allocator the program ships with.
#if !defined(__SANITIZE_ADDRESS__)
TEST_CASE("peak memory of an extract of real text is a small multiple of the input") {
  const double ratio = memory_ratio(repeated(test::read_file(test::corpus_path("001.txt"))), InputKind::text);
  CAPTURE(ratio);
  CHECK(ratio < kRealText);
}

TEST_CASE("peak memory of an extract of only newlines is bounded per input byte") {
  const double ratio = memory_ratio(repeated("\n"), InputKind::text);
  CAPTURE(ratio);
  CHECK(ratio < kNewlines);
}

TEST_CASE("peak memory of an extract of many short lines is bounded per input byte") {
  const double ratio = memory_ratio(repeated("a\n"), InputKind::text);
  CAPTURE(ratio);
  CHECK(ratio < kShortLines);
}

TEST_CASE("peak memory of an extract of many tiny HTML paragraphs is bounded per input byte") {
  const double ratio = memory_ratio(repeated("<p>a</p>"), InputKind::html);
  CAPTURE(ratio);
  CHECK(ratio < kTinyParagraphs);
}
#endif

// The newlines bound above holds because a long run of blank lines keeps only its first lines:
// what follows it must keep its true line number and byte offset, and a blank run inside it
// still separates paragraphs.
TEST_CASE("a paragraph after a run of 5000 blank lines keeps its line and offset") {
  const std::string head = "一、总体情况\n本机关全年主动公开政府信息。\n";
  const std::string input = head + std::string(5000, '\n') + "二、主动公开政府信息情况\n正文。\n";
  ExtractOptions o;
  o.kind = InputKind::text;
  const Report r = extract_report(input, o);
  REQUIRE(r.sections.size() == 2);
  CHECK(r.sections[1].heading == "二、主动公开政府信息情况");
  CHECK(r.sections[1].pos.line == 5003);
  CHECK(r.sections[1].pos.offset == head.size() + 5000);
}
