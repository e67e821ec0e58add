// Text tables (extract/text_tables*.cc), tab-separated, pipe and box-drawn: one test per
// behaviour, on excerpts copied from the corpus reports, and, as no corpus report has a box-drawn
// table, on w3m and links dumps of a small HTML page and on drawings made for the purpose.
// Expectations are read off the inputs. Cells are shown as "a|b|∅" (∅ = an empty cell), places
// as "col" or "col:rowsxcols". Space-aligned tables: tests/test_text_tables_aligned.cc.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "extract/internal/aligned_fields.h"
#include "extract/internal/text_tables.h"
#include "tests/text_tables_fixtures.h"

using namespace nianbao;
using namespace nianbao::test::text_tables;

// ---------------------------------------------------------------------------------------
// Tab-separated

TEST_CASE("tab-separated 表四: fifteen zeros in fifteen cells") {
  const auto tables = tables_in(seed_t4);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  CHECK(t.source == TableSource::tab_separated);
  CHECK(t.columns == 15);
  REQUIRE(t.rows.size() == 4);
  CHECK(cells(t.rows[0]) == "行政复议|∅|∅|∅|∅|行政诉讼|∅|∅|∅|∅|∅|∅|∅|∅|∅");
  CHECK(cells(t.rows[3]) == repeat("0", 15));
  CHECK(places(t.rows[3]) == "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14");
}

TEST_CASE("tab-separated empty fields are empty cells kept in place") {
  const auto tables = tables_in(seed_t2);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  REQUIRE(t.rows.size() == 7);
  CHECK(cells(t.rows[0]) == "第二十条第（一）项|∅|∅|∅");
  CHECK(cells(t.rows[6]) == "行政许可|3|∅|∅");
  CHECK(places(t.rows[6]) == "0 1 2 3");
  CHECK(t.columns == 4);
}

TEST_CASE("rows without a numeric cell are label rows") {
  const auto tables = tables_in(seed_t2);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  REQUIRE(t.rows.size() == 7);
  const bool expected[] = {true, true, false, false, true, true, false};
  for (std::size_t r = 0; r < 7; ++r) {
    CAPTURE(r);
    CHECK(t.rows[r].header == expected[r]);
  }
}

TEST_CASE("tab-separated rows keep the source's own shifts") {
  // The seed prints 3. 其他 one column left of its siblings; the table keeps it there.
  const auto tables = tables_in(seed_t3_end);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  REQUIRE(t.rows.size() == 5);
  CHECK(cells(t.rows[1]) == "∅|∅|2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请|" + repeat("0", 7));
  CHECK(cells(t.rows[2]) == "3. 其他|∅|" + repeat("0", 7) + "|∅");
  CHECK(cells(t.rows[4]) == "四、结转下年度继续办理|∅|" + repeat("0", 7) + "|∅");
  CHECK(t.columns == 10);
}

TEST_CASE("one tab between prose is not a table, three fields on a line are") {
  CHECK(tables_in("一、总体情况\t2023年，我局坚持以习近平新时代中国特色社会主义思想为指导。\n").empty());
  const auto tables = tables_in("行政许可\t3\t0\n");
  REQUIRE(tables.size() == 1);
  CHECK(cells(tables[0].table.rows[0]) == "行政许可|3|0");
}

TEST_CASE("a level-1 heading with tabs stays out of the tab tables around it") {
  const std::string text =
      "规章\t0\t0\t0\n"
      "行政规范性文件\t0\t0\t0\n"
      "三、收到和处理政府信息公开申请情况\t\t\n"
      "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\n"
      "一、本年新收政府信息公开申请数量\t\t0\t0\n";
  const auto tables = tables_in(text);
  REQUIRE(tables.size() == 2);
  CHECK(tables[0].first == 0);
  CHECK(tables[0].end == 2);
  CHECK(tables[1].first == 3);
  CHECK(tables[1].end == 5);
}

TEST_CASE("a level-1 row label over its sub-rows stays in the tab table") {
  const std::string text =
      "二、上年结转政府信息公开申请数量\t\t0\t0\n"
      "三、本年度办理结果\t\t\n"
      "\t(一) 予以公开\t0\t0\n";
  const auto tables = tables_in(text);
  REQUIRE(tables.size() == 1);
  CHECK(tables[0].first == 0);
  CHECK(tables[0].end == 3);
  CHECK(cells(tables[0].table.rows[1]) == "三、本年度办理结果|∅|∅");
}

TEST_CASE("a sentence between tab rows stays a paragraph") {
  const std::string text =
      "规章\t0\t0\t0\n"
      "\t本年度未制发规章。\n"
      "行政规范性文件\t0\t0\t0\n";
  const auto tables = tables_in(text);
  REQUIRE(tables.size() == 2);
  CHECK(tables[0].end == 1);
  CHECK(tables[1].first == 2);
}

TEST_CASE("the seed report's three tab tables come out as table blocks between paragraphs") {
  const extract::Document d = extract::read_text(test::read_file(test::corpus_path("000-seed.txt")));
  const auto tables = tables_of(d);
  REQUIRE(tables.size() == 3);
  CHECK(tables[0]->rows.size() == 14);
  CHECK(tables[1]->rows.size() == 28);
  CHECK(tables[2]->rows.size() == 4);
  const std::vector<std::string> o = outline(d);
  const auto at = [&](const std::string& s) { return std::find(o.begin(), o.end(), s) - o.begin(); };
  CHECK(at("p:三、收到和处理政府信息公开申请情况") + 1 == at("table:28"));
  CHECK(at("p:四、政府信息公开行政复议、行政诉讼情况") + 1 == at("table:4"));
  CHECK(at("table:4") + 1 == at("p:五、存在的主要问题及改进情况"));
}

// ---------------------------------------------------------------------------------------
// Markdown pipes

TEST_CASE("pipe table: separator row dropped, pipes and padding removed") {
  const auto tables = tables_in(pipe_t2);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  CHECK(t.source == TableSource::pipe);
  CHECK(tables[0].first == 1);  // the ### title line stays text
  REQUIRE(t.rows.size() == 3);
  CHECK(cells(t.rows[0]) == "信息内容|本年制发件数|本年废止件数|现行有效件数");
  CHECK(cells(t.rows[1]) == "规章|0|0|0");
  CHECK(cells(t.rows[2]) == "行政规范性文件|6|1|32");
  CHECK(t.rows[0].header);
  CHECK(!t.rows[2].header);
  CHECK(t.columns == 4);
}

TEST_CASE("a spanned cell a converter repeated in each column is one cell again") {
  // 029.html's 表二 (a) as HTML-to-markdown converters that cannot write spans print it: each
  // spanned cell repeated in the columns it covers (the page: 本年处理决定数量 and its values
  // span three columns). A repeated run under one label above, or under one cell above, is one cell.
  const auto tables = tables_in(
      "| 第二十条第（六）项 | 第二十条第（六）项 | 第二十条第（六）项 | 第二十条第（六）项 |\n"
      "| 信息内容 | 本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量 |\n"
      "| 行政处罚 | 1282 | 1282 | 1282 |\n"
      "| 行政强制 | 42 | 42 | 42 |\n");
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  REQUIRE(t.rows.size() == 4);
  CHECK(cells(t.rows[0]) == "第二十条第（六）项|第二十条第（六）项|第二十条第（六）项|第二十条第（六）项");
  CHECK(places(t.rows[1]) == "0 1 2 3");
  CHECK(cells(t.rows[2]) == "行政处罚|1282");
  CHECK(places(t.rows[2]) == "0 1:1x3");
  CHECK(cells(t.rows[3]) == "行政强制|42");  // under the joined cell of the row above
  CHECK(places(t.rows[3]) == "0 1:1x3");
}

TEST_CASE("equal values under distinct labels, or without a label above, stay apart") {
  const auto tables = tables_in(
      "| 0 | 0 | 0 |\n"
      "| 信息内容 | 本年制发件数 | 本年废止件数 |\n"
      "| 规章 | 0 | 0 |\n");
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  REQUIRE(t.rows.size() == 3);
  CHECK(places(t.rows[0]) == "0 1 2");
  CHECK(places(t.rows[2]) == "0 1 2");
}

TEST_CASE("rows of full-width zeros are values, never labels that join the row below") {
  // 000-seed.txt's 表三 with its digits printed full-width (０): each zero is a cell of its own.
  const auto tables = tables_in(
      "一、本年新收政府信息公开申请数量\t\t０\t０\t０\t０\t０\t０\t０\n"
      "二、上年结转政府信息公开申请数量\t\t０\t０\t０\t０\t０\t０\t０\n"
      "三、本年度办理结果\t(一) 予以公开\t０\t０\t０\t０\t０\t０\t０\n");
  REQUIRE(tables.size() == 1);
  REQUIRE(tables[0].table.rows.size() == 3);
  CHECK(places(tables[0].table.rows[2]) == "0 1 2 3 4 5 6 7 8");
}

TEST_CASE("values under header fragments that repeat by chance stay apart") {
  // 006.txt's 表三 (2) as a PDF-to-markdown conversion prints its header: each label cut into
  // fragments (予以|公开, 部分|公开, 不予|公开), the second line repeating 公开 over three columns.
  const auto tables = tables_in(
      "| 类别 | 予以 | 部分 | 不予 | 总计 |\n"
      "| 类别 | 公开 | 公开 | 公开 | 总计 |\n"
      "| 其他 | 0 | 0 | 0 | 0 |\n");
  REQUIRE(tables.size() == 1);
  REQUIRE(tables[0].table.rows.size() == 3);
  CHECK(places(tables[0].table.rows[2]) == "0 1 2 3 4");
}

TEST_CASE("a header of fragments narrower than its values joins nothing") {
  // 004.txt's 表四 as its PDF-to-markdown conversion printed it: 12 header fragments over 15
  // values; 结果 | 结果 over two zeros are two columns (结果维持, 结果纠正), not one span.
  const auto tables = tables_in(
      "| 维持 | 纠正 | 结果 | 审结 | 结果 | 结果 | 其他 | 尚未 | 结果 | 结果 | 其他 | 尚未 |\n"
      "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
      "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n");
  REQUIRE(tables.size() == 1);
  REQUIRE(tables[0].table.rows.size() == 2);
  CHECK(places(tables[0].table.rows[1]) == "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14");
}

TEST_CASE("damaged pipe conversion keeps every row as it is") {
  // Rows without labels, separators after data rows, rows of 7 and 8 cells: all kept, in order.
  const auto tables = tables_in(pipe_damaged);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  CHECK(tables[0].first == 6);  // "| 1 | 0 |…": the floating label lines above stay text
  REQUIRE(t.rows.size() == 5);
  CHECK(cells(t.rows[0]) == "1|0|0|0|0|0|1");
  CHECK(cells(t.rows[1]) == "6.属于四类过程性信息|1|0|0|0|0|0|1");
  CHECK(cells(t.rows[2]) == "7.属于行政执法案卷|" + repeat("0", 7));
  CHECK(cells(t.rows[3]) == "8.属于行政查询事项|" + repeat("0", 7));
  CHECK(cells(t.rows[4]) == "4|0|0|0|0|0|4");
  CHECK(t.columns == 8);
}

TEST_CASE("a pipe row of dash cells is a row, not a separator") {
  const auto tables = tables_in(pipe_dashes);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  REQUIRE(t.rows.size() == 2);
  CHECK(cells(t.rows[0]) == "(数据项目)|数量");
  CHECK(cells(t.rows[1]) == "-|-");
  CHECK(!t.rows[1].header);
}

TEST_CASE("an empty pipe cell stays an empty cell") {
  const auto tables = tables_in(pipe_empty_last);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  REQUIRE(t.rows.size() == 2);
  CHECK(cells(t.rows[1]) == "四、结转下年度继续办理|1|0|0|0|0|0|∅");
}

// ---------------------------------------------------------------------------------------
// Box-drawn

TEST_CASE("box-drawn w3m dump: spans from missing bars and interrupted rules, headings stay paragraphs") {
  const extract::Document d = extract::read_text(w3m_dump);
  CHECK(joined(outline(d)) ==
        "p:四、政府信息公开行政复议、行政诉讼情况 / table:4 / p:五、存在的主要问题及改进情况 / table:7");
  const auto tables = tables_of(d);
  REQUIRE(tables.size() == 2);
  const Table& t4 = *tables[0];
  CHECK(t4.source == TableSource::box);
  CHECK(t4.columns == 15);
  CHECK(places(t4.rows[0]) == "0:1x5 5:1x10");
  CHECK(cells(t4.rows[1]) == "结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉|复议后起诉");
  CHECK(places(t4.rows[1]) == "0:2x1 1:2x1 2:2x1 3:2x1 4:2x1 5:1x5 10:1x5");
  CHECK(cells(t4.rows[3]) == "10|1|0|0|11|0|0|0|0|0|5|0|0|0|5");
  const Table& t3 = *tables[1];
  CHECK(t3.columns == 10);
  REQUIRE(t3.rows.size() == 7);
  CHECK(cells(t3.rows[0]) == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）|申请人情况");
  CHECK(places(t3.rows[0]) == "0:3x3 3:1x7");
  CHECK(cells(t3.rows[1]) == "自然人|法人或其他组织|总计");
  CHECK(places(t3.rows[1]) == "3:2x1 4:1x5 9:2x1");
  CHECK(cells(t3.rows[2]) == "商业企业|科研机构|社会公益组织|法律服务机构|其他");
  CHECK(cells(t3.rows[3]) == "一、本年新收政府信息公开申请数量|21|0|0|0|0|0|21");
  CHECK(cells(t3.rows[4]) == "三、本年度办理结果|（一）予以公开|9|0|0|0|0|0|9");
  CHECK(places(t3.rows[4]) == "0:3x1 1:1x2 3 4 5 6 7 8 9");
  CHECK(cells(t3.rows[5]) == "（三）不予公开|1.属于国家秘密|0|∅|0|0|0|0|0");
  CHECK(places(t3.rows[5]) == "1:2x1 2 3 4 5 6 7 8 9");
  CHECK(cells(t3.rows[6]) == "2.其他法律行政法规禁止公开|0|0|0|0|0|0|0");
}

TEST_CASE("links dump, counted in characters, reads like the w3m dump") {
  const extract::Document w3m_doc = extract::read_text(w3m_dump), links_doc = extract::read_text(links_dump);
  const auto w3m = tables_of(w3m_doc);
  const auto links = tables_of(links_doc);
  REQUIRE(w3m.size() == 2);
  REQUIRE(links.size() == 2);
  for (std::size_t t = 0; t < 2; ++t) {
    CHECK(links[t]->columns == w3m[t]->columns);
    REQUIRE(links[t]->rows.size() == w3m[t]->rows.size());
    for (std::size_t r = 0; r < w3m[t]->rows.size(); ++r) {
      CAPTURE(r);
      CHECK(cells(links[t]->rows[r]) == cells(w3m[t]->rows[r]));
      CHECK(places(links[t]->rows[r]) == places(w3m[t]->rows[r]));
    }
  }
}

TEST_CASE("box-drawn cells wrapped over lines are joined, group labels span rows") {
  const auto tables = tables_in(box_t3);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  CHECK(t.columns == 5);
  REQUIRE(t.rows.size() == 5);
  CHECK(cells(t.rows[0]) == "申请人情况|自然人|总计");
  CHECK(places(t.rows[0]) == "0:1x3 3 4");
  CHECK(cells(t.rows[1]) == "一、本年新收政府信息公开申请数量|21|21");
  CHECK(cells(t.rows[2]) == "三、本年度办理结果|（一）予以公开|9|9");
  CHECK(places(t.rows[2]) == "0:3x1 1:1x2 3 4");
  CHECK(cells(t.rows[3]) == "（三）不予公开|1.属于国家秘密|0|0");
  CHECK(places(t.rows[3]) == "1:2x1 2 3 4");
  CHECK(cells(t.rows[4]) == "2.其他法律行政法规禁止公开|∅|-");
  CHECK(places(t.rows[4]) == "2 3 4");
}

TEST_CASE("box dump with two-column box glyphs reads like the narrow one") {
  const auto narrow = tables_in(box_t3), wide = tables_in(box_t3_wide);
  REQUIRE(narrow.size() == 1);
  REQUIRE(wide.size() == 1);
  REQUIRE(wide[0].table.rows.size() == narrow[0].table.rows.size());
  for (std::size_t r = 0; r < narrow[0].table.rows.size(); ++r) {
    CAPTURE(r);
    CHECK(cells(wide[0].table.rows[r]) == cells(narrow[0].table.rows[r]));
    CHECK(places(wide[0].table.rows[r]) == places(narrow[0].table.rows[r]));
  }
}

TEST_CASE("ASCII +---+ table reads like the box-drawn one, dash value kept") {
  const auto box = tables_in(box_t3), ascii = tables_in(box_t3_ascii);
  REQUIRE(ascii.size() == 1);
  CHECK(ascii[0].table.source == TableSource::box);
  REQUIRE(ascii[0].table.rows.size() == box[0].table.rows.size());
  for (std::size_t r = 0; r < box[0].table.rows.size(); ++r) {
    CAPTURE(r);
    CHECK(cells(ascii[0].table.rows[r]) == cells(box[0].table.rows[r]));
    CHECK(places(ascii[0].table.rows[r]) == places(box[0].table.rows[r]));
  }
}

TEST_CASE("box rows drawn without a rule between them stay separate rows") {
  const auto tables = tables_in(box_no_rules);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  REQUIRE(t.rows.size() == 3);
  CHECK(cells(t.rows[1]) == "规章|0");
  CHECK(cells(t.rows[2]) == "行政规范性文件|5");
}

TEST_CASE("bars without any rule are not a box table") {
  CHECK(tables_in("│ 规章 │ 0 │\n│ 行政许可 │ 3 │\n").empty());
}

// ---------------------------------------------------------------------------------------
// One cell per line (text_tables_stacked.cc)

// 001's 本年新收 row as pdftotext prints it (a cell, an empty line), its 商业企业 cell left
// empty: an empty line more where the cell stood.
constexpr std::string_view stacked_001 =
    "一、本年新收政府信息公开申请数量\n\n3001\n\n53\n\n\n\n0\n\n61\n\n4\n\n3119\n\n"
    "二、上年结转政府信息公开申请数量\n\n34\n\n0\n\n0\n\n0\n\n0\n\n0\n\n34\n";

TEST_CASE("one cell per line: an empty line more than the row's usual gap is an empty cell") {
  const auto tables = tables_in(stacked_001);
  REQUIRE(tables.size() == 1);  // the row without an empty cell stays text, read as a run
  const Table& t = tables[0].table;
  REQUIRE(t.rows.size() == 1);
  CHECK(cells(t.rows[0]) == "一、本年新收政府信息公开申请数量|3001|53|∅|0|61|4|3119");
}

TEST_CASE("one cell per line without gaps: each empty line is an empty cell, whatever the line ending") {
  for (const char* eol : {"\n", "\r\n", "\r"}) {
    CAPTURE(std::string(eol) == "\n" ? "LF" : std::string(eol) == "\r" ? "CR" : "CRLF");
    std::string text;
    for (const char* line : {"规章", "1", "", "11", "行政规范性文件", "8", "26", "66", "其他文件", "2", "0", "2", "结束语。"})
      text += std::string(line) + eol;
    // Through the text reader, which splits the lines at LF, CRLF and CR alike.
    const extract::Document doc = extract::read_text(text, Limits{});
    std::vector<const Table*> tables;
    for (const Block& b : doc.blocks)
      if (b.kind == BlockKind::table) tables.push_back(&b.table());
    REQUIRE(tables.size() == 1);
    CHECK(cells(tables[0]->rows[0]) == "规章|1|∅|11");
  }
}

TEST_CASE("lines ended CR CR LF are read as the plain text: the same blocks on the same lines") {
  // CRLF converted to CRLF once more: one line end, not a line end and an empty line.
  const std::string text = test::read_file(test::corpus_path("003.txt"));
  std::string doubled;
  for (char c : text) doubled += c == '\n' ? std::string("\r\r\n") : std::string(1, c);
  const extract::Document plain = extract::read_text(text, Limits{}), crcrlf = extract::read_text(doubled, Limits{});
  REQUIRE(crcrlf.blocks.size() == plain.blocks.size());
  for (std::size_t i = 0; i < plain.blocks.size(); ++i) {
    CAPTURE(i);
    CHECK(crcrlf.blocks[i].text == plain.blocks[i].text);
    CHECK(crcrlf.blocks[i].pos.line == plain.blocks[i].pos.line);
  }
}

// ---------------------------------------------------------------------------------------
// The line readers' shortcuts against what they spare

namespace {

// A fixed pseudo-random string of the marks, `length` of them at most.
std::string random_marks(const std::vector<std::string>& marks, std::uint32_t& state, int length) {
  std::string s;
  state = state * 1664525u + 1013904223u;
  const int n = static_cast<int>((state >> 16) % static_cast<std::uint32_t>(length + 1));
  for (int k = 0; k < n; ++k) {
    state = state * 1664525u + 1013904223u;
    s += marks[(state >> 16) % marks.size()];
  }
  return s;
}

}  // namespace

TEST_CASE("a delimited cell of a cleaned line is what normalize::clean makes of it") {
  // Spaces of every kind, controls, broken sequences, letters, digits, ideographs and the
  // delimiters, cleaned as the reader cleans a line, then cut at every pipe, and at every tab.
  const std::vector<std::string> marks = {"中", "，", " ", "  ", "\t", "\u3000", "\u00A0", "\u200B", "a", "1", "（", "|",
                                          "\\|", "\xFF", "\xE4\xB8", "\x01", "\x7F", "\xED\xA0\x80", "\xC1\x81"};
  std::uint32_t state = 2024;
  for (int k = 0; k < 20000; ++k) {
    const std::string line = normalize::clean_line(random_marks(marks, state, 16));
    for (const char delimiter : {'|', '\t'}) {  // a pipe cell may hold tabs
      for (std::size_t from = 0; from <= line.size();) {
        const std::size_t to = std::min(line.find(delimiter, from), line.size());
        const std::string_view piece = std::string_view(line).substr(from, to - from);
        CHECK_MESSAGE(extract::text_tables::clean_field(piece) == normalize::clean(piece), line);
        from = to + 1;
      }
    }
  }
  CHECK(extract::text_tables::clean_field(" \t规章 \t 0\t ") == "规章 0");
}

namespace {

// is_pipe_separator as it was written before it looked at the first cell alone first: the
// definition it is held to.
bool pipe_separator_by_definition(std::string_view line) {
  std::string_view t = normalize::trim(line);
  if (t.empty() || t.front() != '|') return false;
  t.remove_prefix(1);
  if (!t.empty() && t.back() == '|') t.remove_suffix(1);
  if (t.empty()) return false;
  for (std::size_t start = 0; start <= t.size();) {
    std::size_t bar = t.find('|', start);
    if (bar == std::string_view::npos) bar = t.size();
    std::string_view cell = normalize::trim(t.substr(start, bar - start));
    bool colon = false;
    if (!cell.empty() && cell.front() == ':') cell.remove_prefix(1), colon = true;
    if (!cell.empty() && cell.back() == ':') cell.remove_suffix(1), colon = true;
    if (cell.empty() || cell.find_first_not_of('-') != std::string_view::npos) return false;
    if (cell.size() < 3 && !colon) return false;
    start = bar + 1;
  }
  return true;
}

}  // namespace

TEST_CASE("a pipe separator row is told by its first cell as by all of its cells") {
  const std::vector<std::string> marks = {"|", "|", "---", "-", ":", " ", "\t", "a", "1", "中", "\\|"};
  std::uint32_t state = 11;
  int separators = 0;
  for (int k = 0; k < 40000; ++k) {
    const std::string line = random_marks(marks, state, 8);
    const bool expected = pipe_separator_by_definition(line);
    separators += expected;
    CHECK_MESSAGE(extract::text_tables::is_pipe_separator(line) == expected, line);
  }
  CHECK(separators > 100);  // the generated lines hold separators, not only rows
  CHECK(extract::text_tables::is_pipe_separator(" | --- |:-:| "));
  CHECK_FALSE(extract::text_tables::is_pipe_separator("| - | - |"));
}

TEST_CASE("aligned fields sit at the display columns of the text before them") {
  // Ideographs of both E4 ranges (U+4DC0 and U+4E2D), full-width and ASCII marks, single spaces
  // and runs of them; no tabs (display_width puts tab stops where the fields count 8).
  const std::vector<std::string> marks = {"中", "文", "\u4DC0", "（一）", "，", " ", "  ", "    ", "12", "0", "a", "×", "—"};
  std::uint32_t state = 7;
  std::size_t fields_seen = 0;
  for (int k = 0; k < 5000; ++k) {
    const std::string line = normalize::clean_line(random_marks(marks, state, 24));
    std::vector<extract::text_tables::Field> fields;
    extract::text_tables::analyse(line, &fields);
    for (const extract::text_tables::Field& f : fields) {
      const std::size_t at = static_cast<std::size_t>(f.text.data() - line.data());
      CHECK_MESSAGE(f.start == static_cast<int>(normalize::display_width(std::string_view(line).substr(0, at))), line);
      CHECK_MESSAGE(f.end == f.start + static_cast<int>(normalize::display_width(f.text)), line);
      CHECK_MESSAGE(f.text.find("  ") == std::string_view::npos, line);
      ++fields_seen;
    }
  }
  CHECK(fields_seen > 10000);
}

namespace {

bool same_summary(const extract::text_tables::LineInfo& a, const extract::text_tables::LineInfo& b) {
  return a.blank == b.blank && a.readable == b.readable && a.numeric == b.numeric && a.sentence == b.sentence &&
         a.lead_in == b.lead_in && a.heading == b.heading && a.numbered == b.numbered && a.comma == b.comma &&
         a.pending == b.pending && a.fields == b.fields && a.labels == b.labels && a.values == b.values &&
         a.width == b.width && a.indent == b.indent && a.value_start == b.value_start;
}

}  // namespace

TEST_CASE("a line summed up without its split is what the split makes of it") {
  // The aligned finder's summaries (analyse deferring one-field lines) against the summary read
  // without deferring, and a blank line's against the split: a line marked pending is one field
  // and no row; any other summary is the full one, and the fields it split are the line's.
  const std::vector<std::string> marks = {"中", "文", "（一）", "，", "。", " ", "\u3000", "  ", "\t", "12", "0", "-", "—",
                                          "无", "a", "3.5", "：", "１２"};
  std::uint32_t state = 11;
  std::size_t pending = 0, split = 0, blank = 0;
  for (int k = 0; k < 20000; ++k) {
    const std::string line = normalize::clean_line(random_marks(marks, state, 12));
    std::vector<extract::text_tables::Field> fields, kept;
    const extract::text_tables::LineInfo deferred = extract::text_tables::analyse(line, nullptr, true, &fields);
    const extract::text_tables::LineInfo full = extract::text_tables::analyse(line);
    const extract::text_tables::LineInfo whole = extract::text_tables::analyse(line, &kept);
    if (deferred.pending) {
      ++pending;
      CHECK_MESSAGE((full.fields == 1 && !full.numeric && !full.blank && full.readable), line);
      CHECK_MESSAGE(fields.empty(), line);
      continue;
    }
    CHECK_MESSAGE(same_summary(deferred, full), line);
    if (!fields.empty()) {
      ++split;
      CHECK_MESSAGE(fields.size() == kept.size(), line);
      for (std::size_t f = 0; f < std::min(fields.size(), kept.size()); ++f) CHECK_MESSAGE(fields[f].text == kept[f].text, line);
    }
    if (whole.blank) {
      ++blank;
      CHECK_MESSAGE(same_summary(deferred, whole), line);
    }
  }
  CHECK(pending > 1000);
  CHECK(split > 1000);
  CHECK(blank > 100);
}

TEST_CASE("the tab and box-glyph marks of Lines are each line's own, also after lines are removed") {
  const auto holds_box = [](std::string_view s) {
    for (std::size_t k = 0; k + 1 < s.size(); ++k)
      if (s[k] == '\xE2' && (s[k + 1] == '\x94' || s[k + 1] == '\x95')) return true;
    return false;
  };
  const auto check = [&](const extract::Lines& lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string_view t = lines[i].text;
      CHECK_MESSAGE(lines.has_tab(i) == (t.find('\t') != std::string_view::npos), i << ": " << t);
      CHECK_MESSAGE(lines.has_box_glyph(i) == holds_box(t), i << ": " << t);
    }
  };
  // A lead E2 that ends a line is no glyph of it, whatever the next line starts with; "—" and
  // "“" are E2 80 xx.
  const std::vector<std::string> marks = {"中", "\t", "│", "═", "—", "“", "\xE2", "\x94", "a", " "};
  std::uint32_t state = 99;
  extract::Lines lines;
  for (std::uint32_t k = 0; k < 3000; ++k) lines.push(random_marks(marks, state, 6), k + 1, k);
  check(lines);
  // Removed as the reader removes page footers: every third line moved out, the rest compacted.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (i % 3 != 0) lines.move_line(kept++, i);
  lines.resize(kept);
  check(lines);
  extract::Lines edge;
  edge.push("a\xE2", 1, 0);
  edge.push("\x94\tb", 2, 3);
  CHECK(!edge.has_box_glyph(0));
  CHECK(edge.has_tab(1));
  CHECK(!edge.has_box_glyph(1));
}

TEST_CASE("a line that starts with a full-width form is a page footer only for the dash and the tilde") {
  for (char32_t c = 0xFF01; c <= 0xFF5E; ++c) {
    std::string form;
    normalize::append_utf8(form, c);
    const bool dash = c == 0xFF0D || c == 0xFF5E;  // －3－ and ～3～ fold to -3- and ~3~
    CHECK_MESSAGE(extract::is_page_footer("   " + form + "3" + form) == dash, static_cast<std::uint32_t>(c));
  }
  CHECK_FALSE(extract::is_page_footer("（一）主动公开情况"));
}
