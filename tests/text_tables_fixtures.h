// Fixtures of the text-table tests (tests/test_text_tables*.cc): how the text reader hands lines
// to find_text_tables, ways to print rows and documents, the grid invariant, and the excerpts —
// copied from corpus reports, or drawn for the purpose — that the tests read.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "extract/internal/lines.h"
#include "normalize/normalize.h"
#include "tests/corpus.h"

namespace nianbao::test::text_tables {

// The lines of `text` as the text reader hands them to find_text_tables (cleaned, numbered,
// in one buffer that the lines own).
inline extract::Lines lines_of(std::string_view text) {
  extract::Lines out;
  std::size_t start = 0, number = 1;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::size_t from = out.buffer().size();
    normalize::append_clean_line(out.buffer(), text.substr(start, end - start));
    const SourcePos at = text_pos(number++, start);
    out.add(from, at.line, at.offset);
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

inline std::vector<extract::TextTable> tables_in(std::string_view text, std::vector<Diagnostic>* diagnostics = nullptr) {
  std::vector<Diagnostic> ignored;
  return extract::find_text_tables(lines_of(text), Limits{}, diagnostics ? *diagnostics : ignored);
}

inline std::string cells(const TableRow& row) {
  std::string out;
  for (const TableCell& c : row.cells) out += (out.empty() ? "" : "|") + (c.text.empty() ? std::string("∅") : c.text);
  return out;
}

// "col" or "col:rowsxcols" for every cell of the row.
inline std::string places(const TableRow& row) {
  std::string out;
  for (const TableCell& c : row.cells) {
    out += (out.empty() ? "" : " ") + std::to_string(c.col);
    if (c.rows != 1 || c.cols != 1) out += ":" + std::to_string(c.rows) + "x" + std::to_string(c.cols);
  }
  return out;
}

inline std::string repeat(const std::string& cell, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? "|" : "") + cell;
  return out;
}

inline std::vector<const Table*> tables_of(const extract::Document& d) {
  std::vector<const Table*> out;
  for (const Block& b : d.blocks)
    if (b.kind == BlockKind::table) out.push_back(&b.table());
  return out;
}

// The document as a sequence of "p:<text>" and "table:<source rows>" entries.
inline std::vector<std::string> outline(const extract::Document& d) {
  std::vector<std::string> out;
  for (const Block& b : d.blocks)
    out.push_back(b.kind == BlockKind::paragraph ? "p:" + b.text : "table:" + std::to_string(b.table().rows.size()));
  return out;
}

inline std::string joined(const std::vector<std::string>& parts) { return test::join(parts, " / "); }

// Every table is a grid: cells inside the width and height, spans >= 1, rows numbered in order;
// tables in line order without overlap.
inline void check_grids(const std::vector<extract::TextTable>& tables, std::size_t line_count) {
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
inline const std::string seed_t2 =
    "第二十条第（一）项\t\t\t\n"
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
    "规章\t0\t0\t0\n"
    "行政规范性文件\t0\t0\t0\n"
    "第二十条第（五）项\t\t\t\n"
    "信息内容\t本年处理决定数量\t\t\n"
    "行政许可\t3\t\t\n";
inline const std::string seed_t3_end =
    "\t(六) 其他处理\t1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
    "\t\t2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
    "3. 其他\t\t0\t0\t0\t0\t0\t0\t0\t\n"
    "(七) 总计\t\t0\t0\t0\t0\t0\t0\t0\t\n"
    "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0\t\n";
inline const std::string seed_t4 =
    "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n"
    "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n"
    "\t\t\t\t\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\n"
    "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";

// corpus/002.txt (pdftotext -layout) lines 41–80: 表二 with its page footer "-2-" at line 65.
inline const std::string layout_t2 = R"txt(     二、主动公开政府信息情况
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
inline const std::string layout_wrap = R"txt(一、本年新收政府信息公开申请数量                             21    0      0     0   0   0     21
二、上年结转政府信息公开申请数量                              0    0      0     0   0   0     0
                  （一）予以公开                     0    0      0     0   0   0     0
                  （二）部分公开（区分处理的，只计这一情 形，不
                  计其他情形）
                                              4    0      0     0   0   0     4
                            1.属于国家秘密         1     0      0     0   0   0     1)txt";
// corpus/002.txt lines 102–110: the vertical group label 三、本年度办理结果 between rows.
inline const std::string layout_group = R"txt(                            1.属于国家秘密         1     0      0     0   0   0     1
 三 、本 年 度办 理 结果




                            2.其他法律行政止公开      0     0      0     0   0   0     0
                            3.危及“三安全一稳定”     0     0      0     0   0   0     0
                            4.保护第三方合法权益      0     0      0     0   0   0     0)txt";
// corpus/002.txt lines 130–151: the end of 表三, the 四、 heading, 表四, the 五、 heading.
inline const std::string layout_t3_t4 = R"txt(     （六）其他处理                           0    0   0   0    0    0   0
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
inline const std::string layout_spaced_label = R"txt(                 3.要求提供公开出版物           0    0   0   0    0    0   0
     （五）不予处理
                 4.无正当理由大量反复 申请        0    0   0   0    0    0   0)txt";
// corpus/002.txt lines 36–50: prose, the 二、 heading, the start of 表二.
inline const std::string layout_prose = R"txt(     （五）政府信息公开监督保障情况。进一步细化分解政府门
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
inline const std::string one_per_line = R"txt(一、本年新收政府信息公开申请数量

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
inline const std::string pipe_damaged = R"txt(（三）不
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
inline const std::string pipe_empty_last = R"txt(|---|---|---|---|---|---|---|---|
| （七）总计 | 33 | 2 | 0 | 0 | 0 | 0 | 35 |
| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |
)txt";
// corpus/006.txt lines 55–59 and 81–84.
inline const std::string pipe_t2 = R"txt(### 第二十条第（一）项
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 6 | 1 | 32 |)txt";
inline const std::string pipe_dashes = R"txt(### 申请人情况 (自然人)
| (数据项目) | 数量 |
|---|---|
| - | - |)txt";

// A 表三 excerpt: labels wrapped over lines, 三、本年度办理结果 three rows high, （三）不予公开
// two rows high, an empty cell and a dash.
inline const std::string box_t3 = R"txt(┌──────────────────────────────────────────────┬────────┬──────┐
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
inline const std::string box_t3_wide = R"txt(┌────────────────────────┬────┬───┐
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
inline const std::string box_t3_ascii = R"txt(+----------------------------------------------+--------+------+
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
inline const std::string box_no_rules = R"txt(┌────────────────┬──────────────┐
│ 信息内容       │ 本年制发件数 │
├────────────────┼──────────────┤
│ 规章           │ 0            │
│ 行政规范性文件 │ 5            │
└────────────────┴──────────────┘)txt";

// `w3m -dump -cols 120` and `links -dump -width 120` of an HTML page holding 表四 and a 表三
// excerpt with the template's spans (行政复议 colspan 5; 结果维持… rowspan 2; the note
// colspan 3 rowspan 3; 三、本年度办理结果 rowspan 3; （三）不予公开 rowspan 2; one empty cell).
// links counts characters, not display columns, so its bars only line up per character.
inline const std::string w3m_dump = R"txt(四、政府信息公开行政复议、行政诉讼情况

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
inline const std::string links_dump = R"txt(   四、政府信息公开行政复议、行政诉讼情况

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

}  // namespace nianbao::test::text_tables
