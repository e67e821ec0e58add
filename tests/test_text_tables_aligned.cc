// Space-aligned text tables (pdftotext -layout; extract/text_tables_aligned.cc), and every table
// of the text corpus found and nothing else. Excerpts and helpers: tests/text_tables_fixtures.h.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/text_tables_fixtures.h"

using namespace nianbao;
using namespace nianbao::test::text_tables;

TEST_CASE("space-aligned 表二 of 002: four blocks, titles and headers as label rows") {
  const extract::Document d = extract::read_text(layout_t2);
  const auto tables = tables_of(d);
  REQUIRE(tables.size() == 1);
  const Table& t = *tables[0];
  CHECK(t.source == TableSource::space_aligned);
  CHECK(t.columns == 4);
  std::vector<std::string> rows;
  for (const TableRow& r : t.rows) rows.push_back((r.header ? "L " : "D ") + cells(r));
  CHECK(joined(rows) ==
        "L 第二十条第（一）项 / L 信息内容|本年制发件数|本年废止件数|现行有效件数 / D 规章|0|0|0 / "
        "D 行政规范性文件|0|5|5 / L 第二十条第（五）项 / L 信息内容|本年处理决定数量 / D 行政许可|550 / "
        "L 第二十条第（六）项 / L 信息内容|本年处理决定数量 / D 行政处罚|4119 / D 行政强制|195 / "
        "L 第二十条第（八）项 / L 信息内容|本年收费金额（单位：万元） / D 行政事业性收费|7730.28");
  CHECK(places(t.rows[2]) == "0 1 2 3");
  CHECK(places(t.rows[6]) == "0 1");
  CHECK(outline(d).front() == "p:二、主动公开政府信息情况");
}

TEST_CASE("a wrapped label above a numbers-only line becomes one row with it") {
  const auto tables = tables_in(layout_wrap);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  CHECK(t.columns == 8);
  REQUIRE(t.rows.size() == 5);
  CHECK(cells(t.rows[0]) == "一、本年新收政府信息公开申请数量|21|0|0|0|0|0|21");
  CHECK(cells(t.rows[1]) == "二、上年结转政府信息公开申请数量|" + repeat("0", 7));
  CHECK(cells(t.rows[2]) == "（一）予以公开|" + repeat("0", 7));
  CHECK(cells(t.rows[3]) == "（二）部分公开（区分处理的，只计这一情 形，不计其他情形）|4|0|0|0|0|0|4");
  CHECK(places(t.rows[3]) == "0 1 2 3 4 5 6 7");
  CHECK(cells(t.rows[4]) == "1.属于国家秘密|1|0|0|0|0|0|1");
}

TEST_CASE("a level-1 group label between aligned rows is a label row of the table") {
  const auto tables = tables_in(layout_group);
  REQUIRE(tables.size() == 1);
  CHECK(tables[0].first == 0);
  CHECK(tables[0].end == 9);
  const Table& t = tables[0].table;
  REQUIRE(t.rows.size() == 5);
  CHECK(cells(t.rows[1]) == "三 、本 年 度办 理 结果");
  CHECK(t.rows[1].header);
  CHECK(cells(t.rows[2]) == "2.其他法律行政止公开|" + repeat("0", 7));
}

TEST_CASE("a level-1 heading followed by a header ends one aligned table and starts the next") {
  const extract::Document d = extract::read_text(layout_t3_t4);
  CHECK(joined(outline(d)) ==
        "table:3 / p:四、政府信息公开行政复议、行政诉讼情况 / table:8 / p:五、存在的主要问题及改进情况");
  const auto tables = tables_of(d);
  REQUIRE(tables.size() == 2);
  CHECK(cells(tables[0]->rows[1]) == "（七）总计|21|0|0|0|0|0|21");
  const Table& t4 = *tables[1];
  CHECK(t4.columns == 15);
  CHECK(cells(t4.rows.back()) == "10|1|0|0|0|0|0|0|0|0|5|0|0|0|0");
  CHECK(places(t4.rows.back()) == "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14");
  CHECK(cells(t4.rows[0]) == "行政复议|行政诉讼");
}

TEST_CASE("a value missing from an aligned row is an empty cell, not zero") {
  // 002's rows (lines 121–124) with one value taken out of 2.重复申请.
  const std::string text =
      "                 3.补正后申请内容仍不明确         0    0   0   0    0    0   0\n"
      "                 1.信访举报投诉类申请           1    0   0   0    0    0   1\n"
      "                 2.重复申请                0    0       0    0    0   0\n"
      "                 3.要求提供公开出版物           0    0   0   0    0    0   0\n";
  const auto tables = tables_in(text);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  REQUIRE(t.rows.size() == 4);
  CHECK(cells(t.rows[2]) == "2.重复申请|0|0|∅|0|0|0|0");
  CHECK(places(t.rows[2]) == "0 1 2 3 4 5 6 7");
}

TEST_CASE("numbers separated by single spaces are separate cells") {
  const auto tables = tables_in("规章          0 0 0\n行政规范性文件  0 5 5\n");
  REQUIRE(tables.size() == 1);
  CHECK(cells(tables[0].table.rows[0]) == "规章|0|0|0");
  CHECK(cells(tables[0].table.rows[1]) == "行政规范性文件|0|5|5");
}

TEST_CASE("a label run into its numbers with single spaces gives them up") {
  // 002's line 131 as a tighter layout prints it: the first number one space after the label.
  const auto tables = tables_in(
      "     （六）其他处理                           0    0   0   0    0    0   0\n"
      "     （七）总计 21   0   0   0    0    0   21\n");
  REQUIRE(tables.size() == 1);
  CHECK(cells(tables[0].table.rows[1]) == "（七）总计|21|0|0|0|0|0|21");
}

TEST_CASE("a header line over the numbers is not taken as the row's label") {
  const auto tables = tables_in(
      "维持   纠正     结果   审结   总计\n"
      "10    1      0   0    11\n");
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].header);
  CHECK(cells(t.rows[0]) == "维持|纠正|结果|审结|总计");
  CHECK(cells(t.rows[1]) == "10|1|0|0|11");
}

TEST_CASE("a label with a single space inside stays one cell") {
  const auto tables = tables_in(layout_spaced_label);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  REQUIRE(t.rows.size() == 3);
  CHECK(cells(t.rows[1]) == "（五）不予处理");
  CHECK(cells(t.rows[2]) == "4.无正当理由大量反复 申请|" + repeat("0", 7));
}

TEST_CASE("prose and the heading above an aligned table are not swallowed") {
  const extract::Document d = extract::read_text(layout_prose);
  const auto tables = tables_of(d);
  REQUIRE(tables.size() == 1);
  CHECK(cells(tables[0]->rows[0]) == "第二十条第（一）项");
  bool heading = false, prose = false;
  for (const Block& b : d.blocks) {
    if (b.kind != BlockKind::paragraph) continue;
    heading = heading || b.text == "二、主动公开政府信息情况";
    prose = prose || b.text.find("府网站日常监测机制。") != std::string::npos;
  }
  CHECK(heading);
  CHECK(prose);
}

TEST_CASE("one number per line is not a table") { CHECK(tables_in(one_per_line).empty()); }

TEST_CASE("a flattened one-line report has no text tables") {
  for (const char* file : {"007.txt", "015.txt"}) {
    CAPTURE(file);
    CHECK(tables_of(extract::read_text(test::read_file(test::corpus_path(file)))).empty());
  }
}

TEST_CASE("every table of the text corpus is found, and nothing else") {
  const std::pair<const char*, std::size_t> expected[] = {
      {"000-seed.txt", 3}, {"001.txt", 0}, {"002.txt", 3}, {"003.txt", 0}, {"004.txt", 8}, {"006.txt", 19},
      {"007.txt", 0},      {"008.txt", 0}, {"012.txt", 0}, {"014.txt", 0}, {"015.txt", 0}, {"016.txt", 0},
      {"018.txt", 0},      {"019.txt", 0}};
  for (const auto& [file, count] : expected) {
    CAPTURE(file);
    const std::string text = test::read_file(test::corpus_path(file));
    CHECK(tables_of(extract::read_text(text)).size() == count);
    std::vector<Diagnostic> diagnostics;
    const auto lines = lines_of(text);
    check_grids(extract::find_text_tables(lines, Limits{}, diagnostics), lines.size());
  }
}

// ---------------------------------------------------------------------------------------
// Bounds and hostile input

TEST_CASE("a 100 MB line of pipes stops at the cell limit") {
  const std::string pipes(100u << 20, '|');
  extract::Lines lines;
  lines.push(pipes, 1, 0);
  std::vector<Diagnostic> diagnostics;
  const auto tables = extract::find_text_tables(lines, Limits{}, diagnostics);
  REQUIRE(tables.size() == 1);
  CHECK(tables[0].table.rows[0].cells.size() == Limits{}.max_table_cells);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "limit.table-cells");
  check_grids(tables, lines.size());
}

TEST_CASE("a million tab lines stop at the cell limit with one warning") {
  extract::Lines lines;
  for (std::uint32_t i = 0; i < 1000000; ++i) lines.push("规章\t0", i + 1, i * 8);
  std::vector<Diagnostic> diagnostics;
  const auto tables = extract::find_text_tables(lines, Limits{}, diagnostics);
  REQUIRE(tables.size() == 1);
  CHECK(tables[0].end == lines.size());
  std::size_t count = 0;
  for (const TableRow& r : tables[0].table.rows) count += r.cells.size();
  CHECK(count == Limits{}.max_table_cells);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "limit.table-cells");
}

TEST_CASE("huge box and aligned runs stop at the cell limit") {
  Limits limits;
  limits.max_table_cells = 1000;
  for (const std::string row : {"│ 规章 │ 0 │", "规章    0    0"}) {
    CAPTURE(row);
    extract::Lines lines;
    lines.push("┌──────┬───┐", 1, 0);
    for (std::uint32_t i = 0; i < 200000; ++i) lines.push(row, i + 2, 0);
    lines.push("└──────┴───┘", 200002, 0);
    std::vector<Diagnostic> diagnostics;
    const auto tables = extract::find_text_tables(lines, limits, diagnostics);
    REQUIRE(!tables.empty());
    std::size_t count = 0;
    for (const TableRow& r : tables[0].table.rows) count += r.cells.size();
    CHECK(count <= limits.max_table_cells);
    REQUIRE(!diagnostics.empty());
    CHECK(diagnostics[0].code == "limit.table-cells");
    check_grids(tables, lines.size());
  }
}

TEST_CASE("junk made of table characters gives well-formed grids or nothing") {
  // A fixed pseudo-random mix of the characters every detector reacts to.
  static const char* const pieces[] = {"│", "─", "┼", "┬", "┴", "├", "┤", "┌", "┐", "└", "┘", "|", "+", "-", "\t",
                                       "  ", " ", "0", "12", "规章", "三、", "（一）", ":", "═", "║", "╬"};
  std::uint32_t seed = 12345;
  const auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7FFF; };
  std::string text;
  for (int line = 0; line < 3000; ++line) {
    const int length = static_cast<int>(next() % 30);
    for (int k = 0; k < length; ++k) text += pieces[next() % (sizeof pieces / sizeof *pieces)];
    text += '\n';
  }
  const auto lines = lines_of(text);
  std::vector<Diagnostic> diagnostics;
  check_grids(extract::find_text_tables(lines, Limits{}, diagnostics), lines.size());
}
