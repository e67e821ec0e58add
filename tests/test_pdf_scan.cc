// Scans read by OCR (corpus files SOURCES.tsv marks "pdf (scan)"): the share of cells read
// right, and no wrong number left unflagged — a wrong value must be ambiguous, carry an OCR
// note, or take part in a failing rule. CI reads the pages that hold the tables (3–5 of 036,
// ~20 s of OCR); scripts/ocr-corpus.sh reads the whole files.
#include <doctest/doctest.h>

#include <cstdlib>

#include "tests/corpus.h"

using namespace nianbao;

namespace {

struct Score {
  std::size_t expected = 0, right = 0, wrong_unflagged = 0;
  std::vector<std::string> unflagged;
};

Score score(const Report& r, const test::Expected& e) {
  Score s;
  for (const auto& [cell, want] : e.cells) {
    ++s.expected;
    const CellValue* v = nullptr;
    for (const CellValue& x : r.values)
      if (x.cell == cell) v = &x;
    if (!v) continue;
    const std::string have = v->state == ValueState::number ? v->number
                             : v->state == ValueState::blank ? "blank"
                             : v->state == ValueState::dash  ? "dash"
                                                             : "ambiguous";
    if (have == want) {
      ++s.right;
      continue;
    }
    const bool flagged = v->state == ValueState::ambiguous || !v->note.empty();
    if (!flagged) s.unflagged.push_back(cell + ": expected " + want + ", read " + have);
  }
  s.wrong_unflagged = s.unflagged.size();
  return s;
}

}  // namespace

TEST_CASE("a scanned PDF's tables are read by OCR with at least 98 % of cells right and no wrong number unflagged") {
  for (const std::string& file : test::corpus_files(test::Scans::only)) {
    CAPTURE(file);
    ExtractOptions options;
    options.source = "corpus/" + file;
    options.pages.first = 3, options.pages.last = 5;  // the pages with 表二–表四
    const Report r = extract_report(test::read_file(test::corpus_path(file)), options);
    CHECK(r.ocr_pages == 3);
    const test::Expected e = test::expected_for(file);
    const Score s = score(r, e);
    MESSAGE(file << " pages 3-5: " << s.right << " / " << s.expected << " cells right");
    CHECK(s.right * 100 >= s.expected * 98);
    CHECK_MESSAGE(s.wrong_unflagged == 0, test::join(s.unflagged, "\n"));
  }
}
