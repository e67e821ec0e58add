// The geometry of PDF pages (extract/internal/pdf_page.h) on word boxes and drawn lines given
// directly, as poppler reports them: rules from drawn lines, reading order, tables.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extract/internal/pdf_page.h"

using namespace nianbao;
using namespace nianbao::extract;

TEST_CASE("a rule drawn cell by cell is one rule, a filled box and a short tick are none") {
  std::vector<pdf::Rule> pieces = {
      {{100, 199.8, 150, 200.2}, true},  // one horizontal rule drawn in three strokes that meet,
      {{150, 199.9, 220, 200.3}, true},  // the middle one 0.1 pt lower
      {{220.5, 199.8, 300, 200.2}, true},
      {{100, 300, 300, 340}, true},     // a shaded cell (40 pt high): not a rule
      {{400, 100, 400.5, 104}, false},  // a 4 pt tick: shorter than any table column
      {{99.8, 200, 100.2, 260}, false},  // a vertical rule
  };
  const std::vector<pdf::Rule> rules = pdf::rules_from_lines(pieces);
  REQUIRE(rules.size() == 2);
  const pdf::Rule& h = rules[0].horizontal ? rules[0] : rules[1];
  const pdf::Rule& v = rules[0].horizontal ? rules[1] : rules[0];
  CHECK(h.box.x0 == doctest::Approx(100));
  CHECK(h.box.x1 == doctest::Approx(300));
  CHECK(v.box.y0 == doctest::Approx(200));
  CHECK(v.box.y1 == doctest::Approx(260));
}

namespace {

// A word as poppler gives a run of ideographs: its box, an edge per code point, its font size.
pdf::Word word(const std::string& text, double x0, double y0, double x1, float size) {
  pdf::Word w;
  w.text = text;
  w.box = {x0, y0, x1, y0 + size};
  w.font_size = size;
  std::size_t glyphs = 0;
  for (unsigned char c : text) glyphs += (c & 0xC0) != 0x80;
  for (std::size_t i = 0; i <= glyphs; ++i) w.glyph_x.push_back(x0 + (x1 - x0) * double(i) / double(glyphs));
  return w;
}

std::string all_text(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) out += b.text + "\n";
  return out;
}

}  // namespace

TEST_CASE("a page set in two columns is read down the left column, then down the right one") {
  pdf::Page page;
  page.width = 595, page.height = 842;
  page.words.push_back(word("关于政府信息公开工作的说明", 150, 100, 445, 22));  // across both columns
  const char* left[] = {"左栏第一行", "左栏第二行", "左栏第三行", "左栏第四行", "左栏第五行"};
  const char* right[] = {"右栏第一行", "右栏第二行", "右栏第三行", "右栏第四行", "右栏第五行"};
  for (int i = 0; i < 5; ++i) {
    const double y = 150 + 20 * i;
    // Each column a paragraph: its first line indented two ideographs, its lines justified to
    // the column's right edge but the last.
    page.words.push_back(word(left[i], i == 0 ? 84 : 60, y, i == 4 ? 200 : 280, 12));
    page.words.push_back(word(right[i], i == 0 ? 339 : 315, y, i == 4 ? 450 : 535, 12));
  }
  std::vector<pdf::Page> pages{page};
  const Document doc = pdf::lay_out(pages, Limits{});
  const std::string text = all_text(doc);
  CAPTURE(text);
  CHECK(text.find("左栏第一行左栏第二行左栏第三行左栏第四行左栏第五行") != std::string::npos);
  CHECK(text.find("右栏第一行右栏第二行右栏第三行右栏第四行右栏第五行") != std::string::npos);
  CHECK(text.find("说明") < text.find("左栏第一行"));
  CHECK(text.find("左栏第五行") < text.find("右栏第一行"));
}

namespace {

// The cells of a table block as rows of "text@col+cols" (an empty cell as "@col").
std::vector<std::string> grid_of(const Table& t) {
  std::vector<std::string> rows;
  for (const TableRow& row : t.rows) {
    std::string r;
    for (const TableCell& c : row.cells)
      r += (r.empty() ? "" : " | ") + c.text + "@" + std::to_string(c.col) + (c.cols > 1 ? "+" + std::to_string(c.cols) : "");
    rows.push_back(r);
  }
  return rows;
}

const Block* first_table(const Document& doc) {
  for (const Block& b : doc.blocks)
    if (b.kind == BlockKind::table) return &b;
  return nullptr;
}

}  // namespace

TEST_CASE("rows of labels and numbers with a gutter between them are a table, not two columns") {
  pdf::Page page;
  page.width = 595, page.height = 842;
  const char* labels[] = {"规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制"};
  const char* numbers[] = {"11", "66", "447228", "3985758", "88283"};
  for (int i = 0; i < 5; ++i) {
    const double y = 150 + 30 * i;
    page.words.push_back(word(labels[i], 80, y, 80 + 14.0 * (i == 1 ? 7 : 4), 12));
    page.words.push_back(word(numbers[i], 400, y, 440, 12));
  }
  std::vector<pdf::Page> pages{page};
  const Document doc = pdf::lay_out(pages, Limits{});
  const Block* table = first_table(doc);
  REQUIRE(table != nullptr);
  const std::vector<std::string> rows = grid_of(table->table());
  CAPTURE(rows.size());
  CHECK(table->table().columns == 2);
  CHECK(rows == std::vector<std::string>{"规章@0 | 11@1", "行政规范性文件@0 | 66@1", "行政许可@0 | 447228@1",
                                         "行政处罚@0 | 3985758@1", "行政强制@0 | 88283@1"});
}

TEST_CASE("a table without rules keeps a wrapped label in one cell, blanks in place and a spanning header") {
  pdf::Page page;
  page.width = 595, page.height = 842;
  const auto add = [&](const char* text, double x0, double x1, double y) { page.words.push_back(word(text, x0, y, x1, 12)); };
  add("情况", 60, 84, 100), add("本年新增和处理", 290, 440, 100);  // the header spans both value columns
  add("新增", 300, 324, 120), add("处理", 400, 424, 120);          // splits it: a row of its own
  add("行政许可决定", 60, 132, 140), add("12", 310, 322, 140), add("7", 410, 416, 140);
  add("书", 60, 72, 154);                                       // the label wrapped, 2 pt below
  add("行政处罚", 60, 108, 175), add("3", 410, 416, 175);         // nothing in the middle column
  add("其他", 60, 84, 195), add("5", 310, 316, 195), add("0", 410, 416, 195);
  add("以上为本年度情况。", 60, 168, 260);                      // prose after the table
  std::vector<pdf::Page> pages{page};
  const Document doc = pdf::lay_out(pages, Limits{});
  const Block* table = first_table(doc);
  REQUIRE(table != nullptr);
  const std::vector<std::string> rows = grid_of(table->table());
  CAPTURE(rows.size());
  CHECK(table->table().columns == 3);
  CHECK(rows == std::vector<std::string>{"情况@0 | 本年新增和处理@1+2", "@0 | 新增@1 | 处理@2", "行政许可决定书@0 | 12@1 | 7@2",
                                         "行政处罚@0 | @1 | 3@2", "其他@0 | 5@1 | 0@2"});
  CHECK(all_text(doc).find("以上为本年度情况。") != std::string::npos);
}

TEST_CASE("in a table without rules a label wrapped round its values is one cell, on the row of its values") {
  pdf::Page page;
  page.width = 595, page.height = 842;
  const auto add = [&](const char* text, double x0, double x1, double y) { page.words.push_back(word(text, x0, y, x1, 12)); };
  add("规章", 60, 84, 100), add("1", 310, 316, 100), add("2", 410, 416, 100);
  // Rows 10 pt apart, the lines of one cell 2 pt: the values sit on the label's middle line.
  add("2.其他法律行政", 60, 144, 122);
  add("法规禁止公开", 60, 132, 136), add("3", 310, 316, 136), add("4", 410, 416, 136);
  add("的信息", 60, 96, 150);
  add("行政强制", 60, 108, 172), add("5", 310, 316, 172), add("6", 410, 416, 172);
  std::vector<pdf::Page> pages{page};
  const Document doc = pdf::lay_out(pages, Limits{});
  const Block* table = first_table(doc);
  REQUIRE(table != nullptr);
  const std::vector<std::string> rows = grid_of(table->table());
  CAPTURE(rows.size());
  CHECK(rows == std::vector<std::string>{"规章@0 | 1@1 | 2@2", "2.其他法律行政法规禁止公开的信息@0 | 3@1 | 4@2", "行政强制@0 | 5@1 | 6@2"});
}
