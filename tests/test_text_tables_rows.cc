// Label rows of text tables (extract/text_tables.cc, GridBuilder::finish): a row is a label
// (header) row when none of its cells is a value. The delimited tables tell the grid what their
// lines' shapes read already, the aligned tables that a numeric row holds values; held here to
// the definition on generated tab and pipe tables and on every table of the text corpus.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "extract/internal/text_tables.h"
#include "tests/text_tables_fixtures.h"

using namespace nianbao;
using namespace nianbao::test::text_tables;

namespace {

// Rows checked, and label rows among them.
struct Counts {
  std::size_t rows = 0, labels = 0;
};

void check_label_rows(const std::vector<extract::TextTable>& tables, Counts& counts, const std::string& context) {
  for (const extract::TextTable& t : tables)
    for (const TableRow& row : t.table.rows) {
      const bool none = std::none_of(row.cells.begin(), row.cells.end(),
                                     [](const TableCell& c) { return extract::text_tables::is_value_text(c.text); });
      CHECK_MESSAGE(row.header == none, context);
      ++counts.rows;
      counts.labels += row.header;
    }
}

}  // namespace

TEST_CASE("a row of a tab or pipe table is a label row when none of its cells is a value") {
  // Values, dashes, labels, empty fields and repeated ones (joined into spanning cells), some
  // tables cut at a small cell limit.
  static const char* const fields[] = {"0", "12", "3.5", "-", "—", "无", "规章", "行政许可", "", "（一）", "a", "2023年", "12件"};
  std::uint32_t seed = 4242;
  const auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7FFF; };
  Counts counts;
  for (int k = 0; k < 400; ++k) {
    const bool pipes = next() % 2 == 0;
    const std::uint32_t width = 2 + next() % 5, height = 2 + next() % 6;
    std::string text = "前言。\n\n";
    for (std::uint32_t r = 0; r < height; ++r) {
      std::string line = pipes ? "|" : "";
      for (std::uint32_t c = 0; c < width; ++c) {
        const char* f = fields[next() % (sizeof fields / sizeof *fields)];
        if (next() % 4 == 0 && c > 0) f = fields[(next() % 2) * 6];  // repeats: 0 or 规章
        line += pipes ? std::string(" ") + f + " |" : (c > 0 ? "\t" : "") + std::string(f);
      }
      text += line + "\n";
      if (pipes && r == 0) {  // the separator row
        text += "|";
        for (std::uint32_t c = 0; c < width; ++c) text += "---|";
        text += "\n";
      }
    }
    Limits limits;
    if (next() % 4 == 0) limits.max_table_cells = 1 + next() % 12;
    std::vector<Diagnostic> diagnostics;
    check_label_rows(extract::find_text_tables(lines_of(text), limits, diagnostics), counts, text);
  }
  CHECK(counts.rows > 1000);
  CHECK(counts.labels > 100);
}

TEST_CASE("a row of a table of the text corpus is a label row when none of its cells is a value") {
  Counts counts;
  for (const char* file : {"000-seed.txt", "002.txt", "004.txt", "006.txt"}) {
    const std::string text = test::read_file(test::corpus_path(file));
    for (const std::size_t cells : {std::size_t{100000}, std::size_t{7}, std::size_t{40}}) {  // some tables cut
      Limits limits;
      limits.max_table_cells = cells;
      std::vector<Diagnostic> diagnostics;
      check_label_rows(extract::find_text_tables(lines_of(text), limits, diagnostics), counts, file);
    }
  }
  CHECK(counts.rows > 300);
  CHECK(counts.labels > 30);
}
