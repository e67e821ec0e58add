// schema/mapper: cell_kind, which tells a text cell by its leading ideograph without folding
// it, gives parse_cell_number's kind on every table cell of the corpus reports and on
// generated cells (dash words, numbers, units, full-width forms, spaces, broken UTF-8).
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "schema/internal/mapper_parts.h"
#include "tests/corpus.h"

using namespace nianbao;
using namespace nianbao::test;
namespace nz = nianbao::normalize;

TEST_CASE("cell kind: the corpus reports' table cells, as parse_cell_number reads them") {
  std::size_t cells = 0, texts = 0;
  for (const std::string& file : corpus_files()) {
    const Report r = extract_corpus(file);
    for (const Block& b : r.blocks) {
      if (b.kind != BlockKind::table) continue;
      for (const TableRow& row : b.table().rows)
        for (const TableCell& c : row.cells) {
          CAPTURE(c.text);
          const auto want = nz::parse_cell_number(c.text).kind;
          CHECK(schema::detail::cell_kind(c.text) == want);
          ++cells;
          texts += want == nz::CellNumber::text;
        }
    }
  }
  CHECK(cells > 1000);
  CHECK(texts > 100);  // the fast path was taken
}

TEST_CASE("cell kind: generated cells, as parse_cell_number reads them") {
  std::mt19937 random(20261205);
  const std::vector<std::string> pieces{"无", "不", "适用", "涉及", "暂", "空", "有", "其他", "１", "0", "12", "-", "－",
                                        "—", "/", ",", ".", "元", "万元", "件", "%", " ", "\xE3\x80\x80", "（", "(", "、", "a",
                                        "\xE3\x90\x80", "\x80", "\xE6", "\xE6\x97", "\xF0\xA0\x80\x80", "\xEF\xA4\x80"};
  std::size_t texts = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (std::size_t i = 0, n = random() % 5; i < n; ++i) s += pieces[random() % pieces.size()];
    CAPTURE(s);
    const auto want = nz::parse_cell_number(s).kind;
    CHECK(schema::detail::cell_kind(s) == want);
    texts += want == nz::CellNumber::text;
  }
  CHECK(texts > 1000);
}

TEST_CASE("cell kind: the words meaning none are one list, read as dashes and known by their first character") {
  for (const char* word : {"无", "不适用", "不涉及", "暂无", "空"}) {
    CAPTURE(word);
    CHECK(nz::parse_cell_number(word).kind == nz::CellNumber::dash);
    CHECK(nz::may_start_none_word(word));
    CHECK(schema::detail::cell_kind(word) == nz::CellNumber::dash);
  }
  for (const char* text : {"有", "其他", "适用", "空白处", "无法"}) {
    CAPTURE(text);
    CHECK(nz::parse_cell_number(text).kind == nz::CellNumber::text);
  }
  CHECK_FALSE(nz::may_start_none_word("有"));
  CHECK_FALSE(nz::may_start_none_word(""));
}
