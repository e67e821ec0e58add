// Scans read by OCR (corpus files SOURCES.tsv marks "pdf (scan)"): the share of cells read
// right, and no wrong number left unflagged — a wrong value must be ambiguous, carry an OCR
// note, or take part in a failing rule. CI reads the pages that hold the tables (3–5 of 036,
// ~20 s of OCR); scripts/ocr-corpus.sh reads the whole files.
#include <doctest/doctest.h>

#include <leptonica/allheaders.h>

#include <cstdlib>
#include <memory>

#include "extract/extract.h"
#include "model/errors.h"
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

TEST_CASE("a page scanned at a slant of one degree is turned upright and its table read as from a straight page") {
  // 033.pdf page 3 at 300 dpi, cut to 二、主动公开政府信息情况 and the table of 第二十条第（一）项
  // (72–540 x 440–612 pt: one table, so that OCR stays short), turned by 1°.
  const std::string page = extract::pdf_page_png(test::read_file(test::corpus_path("033.pdf")), 3, 300);
  REQUIRE(!page.empty());
  const auto pix_free = [](PIX* p) { pixDestroy(&p); };
  std::unique_ptr<PIX, decltype(pix_free)> whole(pixReadMem(reinterpret_cast<const l_uint8*>(page.data()), page.size()), pix_free);
  REQUIRE(whole);
  const double px = 300.0 / 72;
  BOX* box = boxCreate(static_cast<l_int32>(60 * px), static_cast<l_int32>(440 * px), static_cast<l_int32>(480 * px),
                       static_cast<l_int32>(172 * px));
  std::unique_ptr<PIX, decltype(pix_free)> cut(pixClipRectangle(whole.get(), box, nullptr), pix_free);
  boxDestroy(&box);
  REQUIRE(cut);
  const l_float32 one_degree = static_cast<l_float32>(3.14159265358979 / 180);
  std::unique_ptr<PIX, decltype(pix_free)> slanted(
      pixRotate(cut.get(), one_degree, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0), pix_free);
  REQUIRE(slanted);
  pixSetResolution(slanted.get(), 300, 300);
  l_uint8* png = nullptr;
  size_t size = 0;
  REQUIRE(pixWriteMemPng(&png, &size, slanted.get(), 0) == 0);
  const std::string image(reinterpret_cast<const char*>(png), size);
  lept_free(png);

  ExtractOptions options;
  options.source = "slanted.png";
  const Report r = extract_report(image, options);
  const test::Expected e = test::expected_for("033.pdf");
  // Slanted and not turned, the table's rules break into short runs and none of its cells is
  // read. Turned: every cell read, right or flagged (OCR reads the straight crop no better:
  // one cell ambiguous).
  int cells = 0, right = 0;
  for (const auto& [cell, want] : e.cells) {
    if (cell.rfind("t2.art20_1.", 0) != 0) continue;
    CAPTURE(cell);
    ++cells;
    const CellValue* v = nullptr;
    for (const CellValue& x : r.values)
      if (x.cell == cell) v = &x;
    REQUIRE(v);
    const std::string have = test::state_of(*v);
    CHECK((have == want || have == "ambiguous"));
    right += have == want;
  }
  CHECK(cells == 6);
  CHECK(right >= 5);
}

TEST_CASE("an image claiming more pixels than a scanned page can have is refused before it is decoded") {
  // A PNG signature, an IHDR chunk (valid CRC) for 100 000 x 100 000 grey pixels, and IEND.
  const std::string png("\x89\x50\x4E\x47\x0D\x0A\x1A\x0A\x00\x00\x00\x0D\x49\x48\x44\x52\x00\x01\x86\xA0\x00\x01\x86\xA0"
                        "\x08\x00\x00\x00\x00\x8D\x39\x54\x14\x00\x00\x00\x00\x49\x45\x4E\x44\xAE\x42\x60\x82",
                        45);
  ExtractOptions options;
  options.source = "huge.png";
  try {
    extract_report(png, options);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.describe() == "huge.png: the image is 100000 x 100000 pixels, more than a scanned page can be (at most 100 M pixels)");
  }
}
