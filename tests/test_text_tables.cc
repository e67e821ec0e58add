// Text tables (extract/text_tables*.cc): one test per behaviour, on excerpts copied from the
// corpus reports, and, as no corpus report has a box-drawn table, on w3m and links dumps of a
// small HTML page and on drawings made for the purpose. Expectations are read off the inputs.
// Cells are shown as "a|b|∅" (∅ = an empty cell), places as "col" or "col:rowsxcols".
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/lines.h"
#include "normalize/normalize.h"
#include "tests/corpus.h"

using namespace nianbao;

namespace {

// The lines of `text` as the text reader hands them to find_text_tables (cleaned, numbered).
std::vector<extract::Line> lines_of(std::string_view text) {
  std::vector<extract::Line> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out.push_back({normalize::clean_line(text.substr(start, end - start)), out.size() + 1, start});
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

std::vector<extract::TextTable> tables_in(std::string_view text, std::vector<Diagnostic>* diagnostics = nullptr) {
  std::vector<Diagnostic> ignored;
  return extract::find_text_tables(lines_of(text), Limits{}, diagnostics ? *diagnostics : ignored);
}

std::string cells(const TableRow& row) {
  std::string out;
  for (const TableCell& c : row.cells) out += (out.empty() ? "" : "|") + (c.text.empty() ? std::string("∅") : c.text);
  return out;
}

// "col" or "col:rowsxcols" for every cell of the row.
std::string places(const TableRow& row) {
  std::string out;
  for (const TableCell& c : row.cells) {
    out += (out.empty() ? "" : " ") + std::to_string(c.col);
    if (c.rows != 1 || c.cols != 1) out += ":" + std::to_string(c.rows) + "x" + std::to_string(c.cols);
  }
  return out;
}

std::string repeat(const std::string& cell, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? "|" : "") + cell;
  return out;
}

std::vector<const Table*> tables_of(const extract::Document& d) {
  std::vector<const Table*> out;
  for (const Block& b : d.blocks)
    if (b.kind == BlockKind::table) out.push_back(&b.table);
  return out;
}

// The document as a sequence of "p:<text>" and "table:<source rows>" entries.
std::vector<std::string> outline(const extract::Document& d) {
  std::vector<std::string> out;
  for (const Block& b : d.blocks)
    out.push_back(b.kind == BlockKind::paragraph ? "p:" + b.text : "table:" + std::to_string(b.table.rows.size()));
  return out;
}

std::string joined(const std::vector<std::string>& parts) { return test::join(parts, " / "); }

// Every table is a grid: cells inside the width and height, spans >= 1, rows numbered in order;
// tables in line order without overlap.
void check_grids(const std::vector<extract::TextTable>& tables, std::size_t line_count) {
  std::size_t last_end = 0, bad_cells = 0;
  for (const extract::TextTable& t : tables) {
    CHECK(t.first >= last_end);
    CHECK(t.first < t.end);
    CHECK(t.end <= line_count);
    last_end = t.end;
    for (std::size_t r = 0; r < t.table.rows.size(); ++r)
      for (const TableCell& c : t.table.rows[r].cells)
        bad_cells += c.row != static_cast<int>(r) || c.col < 0 || c.rows < 1 || c.cols < 1 ||
                     c.col + c.cols > t.table.columns || c.row + c.rows > static_cast<int>(t.table.rows.size());
  }
  CHECK(bad_cells == 0);
}

// ---------------------------------------------------------------------------------------
// Excerpts

// corpus/000-seed.txt lines 33–46 (表二), 73–77 (end of 表三), 81–84 (表四).
const std::string seed_t2 =
    "第二十条第（一）项\t\t\t\n"
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
    "规章\t0\t0\t0\n"
    "行政规范性文件\t0\t0\t0\n"
    "第二十条第（五）项\t\t\t\n"
    "信息内容\t本年处理决定数量\t\t\n"
    "行政许可\t3\t\t\n";
const std::string seed_t3_end =
    "\t(六) 其他处理\t1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
    "\t\t2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
    "3. 其他\t\t0\t0\t0\t0\t0\t0\t0\t\n"
    "(七) 总计\t\t0\t0\t0\t0\t0\t0\t0\t\n"
    "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0\t\n";
const std::string seed_t4 =
    "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n"
    "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n"
    "\t\t\t\t\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\n"
    "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";

// corpus/002.txt (pdftotext -layout) lines 41–80: 表二 with its page footer "-2-" at line 65.
const std::string layout_t2 = R"txt(     二、主动公开政府信息情况
              第二十条第（一）项


       信息内容   本年制发件数    本年废止件数    现行有效件数


规章               0          0       0

行政规范性文件          0          5       5


              第二十条第（五）项


       信息内容            本年处理决定数量


行政许可                      550


              第二十条第（六）项


     -2-
                    信息内容                      本年处理决定数量


行政处罚                                                   4119

行政强制                                                   195


                                       第二十条第（八）项


                    信息内容                   本年收费金额（单位：万元）

行政事业性收费                                            7730.28
)txt";
// corpus/002.txt lines 96–102: the start of 表三 with the wrapped （二） label.
const std::string layout_wrap = R"txt(一、本年新收政府信息公开申请数量                             21    0      0     0   0   0     21
二、上年结转政府信息公开申请数量                              0    0      0     0   0   0     0
                  （一）予以公开                     0    0      0     0   0   0     0
                  （二）部分公开（区分处理的，只计这一情 形，不
                  计其他情形）
                                              4    0      0     0   0   0     4
                            1.属于国家秘密         1     0      0     0   0   0     1)txt";
// corpus/002.txt lines 102–110: the vertical group label 三、本年度办理结果 between rows.
const std::string layout_group = R"txt(                            1.属于国家秘密         1     0      0     0   0   0     1
 三 、本 年 度办 理 结果




                            2.其他法律行政止公开      0     0      0     0   0   0     0
                            3.危及“三安全一稳定”     0     0      0     0   0   0     0
                            4.保护第三方合法权益      0     0      0     0   0   0     0)txt";
// corpus/002.txt lines 130–151: the end of 表三, the 四、 heading, 表四, the 五、 heading.
const std::string layout_t3_t4 = R"txt(     （六）其他处理                           0    0   0   0    0    0   0
     （七）总计                             21   0   0   0    0    0   21
四、结转下年度继续办理                            0    0   0   0    0    0   0



     四、政府信息公开行政复议、行政诉讼情况
          行政复议                              行政诉讼

                              未经复议直接起诉                  复议后起诉

结果   结果     其他   尚未
                    总 计 结果 结果 其他       尚未     结果 结果 其他 尚未
维持   纠正     结果   审结                                               总计
                                          总 计
                        维持 纠正 结果       审结     维持 纠正 结果 审结



10    1      0   0    0   0    0   0   0    0   5   0     0   0   0

     五、存在的主要问题及改进情况)txt";
// corpus/002.txt lines 124–126.
const std::string layout_spaced_label = R"txt(                 3.要求提供公开出版物           0    0   0   0    0    0   0
     （五）不予处理
                 4.无正当理由大量反复 申请        0    0   0   0    0    0   0)txt";
// corpus/002.txt lines 36–50: prose, the 二、 heading, the start of 表二.
const std::string layout_prose = R"txt(     （五）政府信息公开监督保障情况。进一步细化分解政府门
户网站和政务新媒体内容保障责任单位，形成工作清单，做到任
务具体、责任明确，确保政府门户网站和政务新媒体工作有序开
展。继续加强对政府网站和政务新媒体的日常维护监管，建立政
府网站日常监测机制。
     二、主动公开政府信息情况
              第二十条第（一）项


       信息内容   本年制发件数    本年废止件数    现行有效件数


规章               0          0       0

行政规范性文件          0          5       5)txt";
// corpus/001.txt lines 150–175 (pdftotext reading order: one cell per line).
const std::string one_per_line = R"txt(一、本年新收政府信息公开申请数量

3001

53

0

0

61

4

3119

二、上年结转政府信息公开申请数量

34

0

0

0
)txt";
// corpus/004.txt lines 122–136 (damaged markdown conversion) and 176–179 (separator, two rows).
const std::string pipe_damaged = R"txt(（三）不
予公开
5.属于三类内部事务信
息
1.本机关不掌握相关政
府信息
| 1 | 0 | 0 | 0 | 0 | 0 | 1 |
|---|---|---|---|---|---|---|
| 6.属于四类过程性信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
|---|---|---|---|---|---|---|---|
| 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 4 | 0 | 0 | 0 | 0 | 0 | 4 |
|---|---|---|---|---|---|---|
)txt";
const std::string pipe_empty_last = R"txt(|---|---|---|---|---|---|---|---|
| （七）总计 | 33 | 2 | 0 | 0 | 0 | 0 | 35 |
| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |
)txt";
// corpus/006.txt lines 55–59 and 81–84.
const std::string pipe_t2 = R"txt(### 第二十条第（一）项
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 6 | 1 | 32 |)txt";
const std::string pipe_dashes = R"txt(### 申请人情况 (自然人)
| (数据项目) | 数量 |
|---|---|
| - | - |)txt";

// A 表三 excerpt: labels wrapped over lines, 三、本年度办理结果 three rows high, （三）不予公开
// two rows high, an empty cell and a dash.
const std::string box_t3 = R"txt(┌──────────────────────────────────────────────┬────────┬──────┐
│ 申请人情况                                   │ 自然人 │ 总计 │
├──────────────────────────────────────────────┼────────┼──────┤
│ 一、本年新收政                               │ 21     │ 21   │
│ 府信息公开申请                               │        │      │
│ 数量                                         │        │      │
├──────────┬───────────────────────────────────┼────────┼──────┤
│ 三、本年 │ （一）予以公开                    │ 9      │ 9    │
│ 度办理结 ├──────────────┬────────────────────┼────────┼──────┤
│ 果       │ （三）不予   │ 1.属于国家秘密     │ 0      │ 0    │
│          │ 公开         ├────────────────────┼────────┼──────┤
│          │              │ 2.其他法律行政     │        │ -    │
│          │              │ 法规禁止公开       │        │      │
└──────────┴──────────────┴────────────────────┴────────┴──────┘)txt";
// The same table dumped where box glyphs are two columns wide (a CJK terminal).
const std::string box_t3_wide = R"txt(┌────────────────────────┬────┬───┐
│ 申请人情况                                     │ 自然人 │ 总计 │
├────────────────────────┼────┼───┤
│ 一、本年新收政                                 │ 21     │ 21   │
│ 府信息公开申请                                 │        │      │
│ 数量                                           │        │      │
├─────┬──────────────────┼────┼───┤
│ 三、本年 │ （一）予以公开                     │ 9      │ 9    │
│ 度办理结 ├───────┬──────────┼────┼───┤
│ 果       │ （三）不予   │ 1.属于国家秘密     │ 0      │ 0    │
│          │ 公开         ├──────────┼────┼───┤
│          │              │ 2.其他法律行政     │        │ -    │
│          │              │ 法规禁止公开       │        │      │
└─────┴───────┴──────────┴────┴───┘)txt";
// The same table in ASCII art.
const std::string box_t3_ascii = R"txt(+----------------------------------------------+--------+------+
| 申请人情况                                   | 自然人 | 总计 |
+----------------------------------------------+--------+------+
| 一、本年新收政                               | 21     | 21   |
| 府信息公开申请                               |        |      |
| 数量                                         |        |      |
+----------+-----------------------------------+--------+------+
| 三、本年 | （一）予以公开                    | 9      | 9    |
| 度办理结 +--------------+--------------------+--------+------+
| 果       | （三）不予   | 1.属于国家秘密     | 0      | 0    |
|          | 公开         +--------------------+--------+------+
|          |              | 2.其他法律行政     |        | -    |
|          |              | 法规禁止公开       |        |      |
+----------+--------------+--------------------+--------+------+)txt";
// Two data rows drawn without a rule between them.
const std::string box_no_rules = R"txt(┌────────────────┬──────────────┐
│ 信息内容       │ 本年制发件数 │
├────────────────┼──────────────┤
│ 规章           │ 0            │
│ 行政规范性文件 │ 5            │
└────────────────┴──────────────┘)txt";

// `w3m -dump -cols 120` and `links -dump -width 120` of an HTML page holding 表四 and a 表三
// excerpt with the template's spans (行政复议 colspan 5; 结果维持… rowspan 2; the note
// colspan 3 rowspan 3; 三、本年度办理结果 rowspan 3; （三）不予公开 rowspan 2; one empty cell).
// links counts characters, not display columns, so its bars only line up per character.
const std::string w3m_dump = R"txt(四、政府信息公开行政复议、行政诉讼情况

┌────────────────────────────────────────┬─────────────────────────────────────────────────────────────────────────────────┐
│行政复议                                │行政诉讼                                                                         │
├────────┬────────┬────────┬────────┬────┼────────────────────────────────────────┬────────────────────────────────────────┤
│        │        │        │        │    │未经复议直接起诉                        │复议后起诉                              │
│结果维持│结果纠正│其他结果│尚未审结│总计├────────┬────────┬────────┬────────┬────┼────────┬────────┬────────┬────────┬────┤
│        │        │        │        │    │结果维持│结果纠正│其他结果│尚未审结│总计│结果维持│结果纠正│其他结果│尚未审结│总计│
├────────┼────────┼────────┼────────┼────┼────────┼────────┼────────┼────────┼────┼────────┼────────┼────────┼────────┼────┤
│10      │1       │0       │0       │11  │0       │0       │0       │0       │0   │5       │0       │0       │0       │5   │
└────────┴────────┴────────┴────────┴────┴────────┴────────┴────────┴────────┴────┴────────┴────────┴────────┴────────┴────┘

五、存在的主要问题及改进情况

┌─────────────────────────────────────────────────────────────┬───────────────────────────────────────────────────────┐
│                                                             │申请人情况                                             │
│                                                             ├─────┬────────────────────────────────────────────┬────┤
│（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四 │     │法人或其他组织                              │    │
│项之和）                                                     │自然 ├───────┬───────┬───────────┬───────────┬────┤总计│
│                                                             │人   │商业企 │科研机 │社会公益组 │法律服务机 │其他│    │
│                                                             │     │业     │构     │织         │构         │    │    │
├─────────────────────────────────────────────────────────────┼─────┼───────┼───────┼───────────┼───────────┼────┼────┤
│一、本年新收政府信息公开申请数量                             │21   │0      │0      │0          │0          │0   │21  │
├──────────────────┬──────────────────────────────────────────┼─────┼───────┼───────┼───────────┼───────────┼────┼────┤
│                  │（一）予以公开                            │9    │0      │0      │0          │0          │0   │9   │
│                  ├──────────────┬───────────────────────────┼─────┼───────┼───────┼───────────┼───────────┼────┼────┤
│三、本年度办理结果│              │1.属于国家秘密             │0    │       │0      │0          │0          │0   │0   │
│                  │（三）不予公开├───────────────────────────┼─────┼───────┼───────┼───────────┼───────────┼────┼────┤
│                  │              │2.其他法律行政法规禁止公开 │0    │0      │0      │0          │0          │0   │0   │
└──────────────────┴──────────────┴───────────────────────────┴─────┴───────┴───────┴───────────┴───────────┴────┴────┘)txt";
const std::string links_dump = R"txt(   四、政府信息公开行政复议、行政诉讼情况

   +--------------------------------------------------------------------------------------------------+
   | 行政复议                           | 行政诉讼                                                            |
   |--------------------------------+-----------------------------------------------------------------|
   |      |      |      |      |    | 未经复议直接起诉                       | 复议后起诉                          |
   | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |--------------------------------+--------------------------------|
   |      |      |      |      |    | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
   |------+------+------+------+----+------+------+------+------+----+------+------+------+------+----|
   | 10   | 1    | 0    | 0    | 11 | 0    | 0    | 0    | 0    | 0  | 5    | 0    | 0    | 0    | 5  |
   +--------------------------------------------------------------------------------------------------+

   五、存在的主要问题及改进情况

   +--------------------------------------------------------------------------------------+
   |                                      | 申请人情况                                         |
   |                                      |-----------------------------------------------|
   | （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）   |     | 法人或其他组织                            |    |
   |                                      | 自然人 |------------------------------------| 总计 |
   |                                      |     | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |    |
   |--------------------------------------+-----+------+------+--------+--------+----+----|
   | 一、本年新收政府信息公开申请数量                     | 21  | 0    | 0    | 0      | 0      | 0  | 21 |
   |--------------------------------------+-----+------+------+--------+--------+----+----|
   |           | （一）予以公开                  | 9   | 0    | 0    | 0      | 0      | 0  | 9  |
   |           |--------------------------+-----+------+------+--------+--------+----+----|
   | 三、本年度办理结果 |         | 1.属于国家秘密       | 0   |      | 0    | 0      | 0      | 0  | 0  |
   |           | （三）不予公开 |----------------+-----+------+------+--------+--------+----+----|
   |           |         | 2.其他法律行政法规禁止公开 | 0   | 0    | 0    | 0      | 0      | 0  | 0  |
   +--------------------------------------------------------------------------------------+)txt";

}  // namespace

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
  std::vector<extract::Line> lines{{std::string(100u << 20, '|'), 1, 0}};
  std::vector<Diagnostic> diagnostics;
  const auto tables = extract::find_text_tables(lines, Limits{}, diagnostics);
  REQUIRE(tables.size() == 1);
  CHECK(tables[0].table.rows[0].cells.size() == Limits{}.max_table_cells);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "limit.table-cells");
  check_grids(tables, lines.size());
}

TEST_CASE("a million tab lines stop at the cell limit with one warning") {
  std::vector<extract::Line> lines(1000000);
  for (std::size_t i = 0; i < lines.size(); ++i) lines[i] = {"规章\t0", i + 1, i * 8};
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
    std::vector<extract::Line> lines;
    lines.push_back({"┌──────┬───┐", 1, 0});
    for (std::size_t i = 0; i < 200000; ++i) lines.push_back({row, i + 2, 0});
    lines.push_back({"└──────┴───┘", 200002, 0});
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
