// schema/report_text: spaceless (the text format detection reads) gives what its definition
// gives — each text of the kind asked for, its spaces dropped, then a '\n' — on generated
// reports of paragraphs and tables whose texts have spaces anywhere, runs of them, none at all.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "model/report.h"
#include "schema/internal/report_text.h"

using namespace nianbao;

namespace {

// The definition: every byte but the spaces, text by text.
std::string reference(const Report& report, bool tables) {
  std::string out;
  const auto add = [&](std::string_view t) {
    for (const char c : t)
      if (c != ' ') out += c;
    out += '\n';
  };
  for (const Block& b : report.blocks) {
    if ((b.kind == BlockKind::table) != tables) continue;
    if (b.kind == BlockKind::paragraph) add(b.text);
    else
      for (const TableRow& r : b.table().rows)
        for (const TableCell& c : r.cells) add(c.text);
  }
  return out;
}

std::string generated_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {"申请", "本年新", " ", "  ", "a", "12", "，", "\t", "\n", "x y", "制作数量"};
  std::uniform_int_distribution<std::size_t> length(0, 30), piece(0, pieces.size() - 1), spaced(0, 4);
  std::string out;
  const std::size_t n = length(rng);
  const bool no_spaces = spaced(rng) == 0;  // long texts without a space: whole windows
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& p = pieces[piece(rng)];
    if (!(no_spaces && p.find(' ') != std::string::npos)) out += p;
  }
  return out;
}

Report generated_report(std::mt19937& rng) {
  Report r;
  std::uniform_int_distribution<int> blocks(0, 12), kind(0, 2), rows(0, 4), cells(0, 5);
  const int n = blocks(rng);
  for (int b = 0; b < n; ++b) {
    Block& block = r.blocks.emplace_back();
    if (kind(rng) == 0) {
      block.kind = BlockKind::table;
      Table& t = block.edit_table();
      for (int i = rows(rng); i > 0; --i) {
        TableRow& row = t.rows.emplace_back();
        for (int j = cells(rng); j > 0; --j) row.cells.emplace_back().text = generated_text(rng);
      }
    } else {
      block.text = generated_text(rng);
    }
  }
  return r;
}

}  // namespace

TEST_CASE("spaceless gives each text of the kind asked for without its spaces, a line each") {
  std::mt19937 rng(51205);
  std::size_t bytes = 0;
  for (int round = 0; round < 3000; ++round) {
    const Report r = generated_report(rng);
    for (const bool tables : {true, false}) {
      const std::string expected = reference(r, tables);
      CHECK(schema::spaceless(r, tables).view() == expected);
      bytes += expected.size();
    }
  }
  CHECK(bytes > 500000);
}
