// Reports shaped unlike the corpus, made from the seed by hand-written edits: a report that
// prints only 表三 and 表四 still has its format and checks; a 表三 with every number erased is
// read as blank cells, not lost.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>

#include "tests/corpus.h"

using namespace nianbao;

namespace {

std::string seed() { return test::read_file(test::corpus_path("000-seed.txt")); }

std::size_t line_start(const std::string& text, const std::string& heading) {
  const std::size_t at = text.find("\n" + heading);
  REQUIRE(at != std::string::npos);
  return at + 1;
}

Report extract_text(const std::string& text) {
  ExtractOptions options;
  options.source = "seed-variant.txt";
  return extract_report(text, options);
}

const Check* finding(const Report& r, const std::string& rule, const std::string& scope) {
  for (const Check& c : r.checks)
    if (c.rule == rule && c.scope == scope) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("the seed with its 表二 removed keeps its format, its cells and every check") {
  std::string text = seed();
  const std::size_t from = line_start(text, "二、主动公开政府信息情况");
  text.erase(from, line_start(text, "三、收到和处理政府信息公开申请情况") - from);
  const Report r = extract_text(text);
  CHECK(r.template_id == "gov-2021");
  const test::Expected e = test::expected_for("000-seed.txt");
  std::size_t t3_t4 = 0;
  for (const CellValue& v : r.values) {
    CAPTURE(v.cell);
    REQUIRE(e.cells.count(v.cell));
    CHECK(v.state == ValueState::number);
    CHECK(v.number == e.cells.at(v.cell));
    t3_t4 += v.cell.rfind("t2.", 0) != 0;
  }
  CHECK(t3_t4 == 190);
  std::vector<Check> rules;
  std::copy_if(r.checks.begin(), r.checks.end(), std::back_inserter(rules), [](const Check& c) { return c.rule[0] == 'R'; });
  CHECK(rules.size() == 42);  // R3.1 ×7, R3.2 ×25, R3.3 ×7, R4.1–R4.3
  CHECK(std::all_of(rules.begin(), rules.end(), [](const Check& c) { return c.result == CheckResult::pass; }));
  // The report-level finding: section 二 and its table are gone, so 表二 is not assessable.
  const Check* printed = finding(r, "F1", "sec.proactive");
  REQUIRE(printed);
  CHECK(printed->result == CheckResult::fail);
  CHECK(printed->note.find("neither the section") != std::string::npos);
}

// The seed without 表二 (no signal headers), its year made `year`: the format its row labels
// name among those whose years hold the year. A year no format holds is not searched for labels
// at all (detect_by_tables' shortcut): the answer must be the one the search would give.
namespace {

std::string seed_without_t2_of(const std::string& year) {
  std::string text = seed();
  const std::size_t from = line_start(text, "二、主动公开政府信息情况");
  text.erase(from, line_start(text, "三、收到和处理政府信息公开申请情况") - from);
  for (std::size_t at; (at = text.find("2023")) != std::string::npos;) text.replace(at, 4, year);
  return text;
}

bool by_tables(const Report& r) {
  return std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                     [](const Diagnostic& d) { return d.code == "template.by-tables"; });
}

}  // namespace

TEST_CASE("without its 表二 a report is matched by its row labels to the format of its year, or to none") {
  const Report r2020 = extract_text(seed_without_t2_of("2020"));
  CHECK(r2020.year == "2020");
  CHECK(r2020.template_id == "gov-2019");  // a format other than the newest one: still searched
  CHECK(by_tables(r2020));
  CHECK(!r2020.values.empty());
  const Report r2018 = extract_text(seed_without_t2_of("2018"));
  CHECK(r2018.year == "2018");
  CHECK(r2018.template_id == "none");  // before every format's years: not searched
  CHECK(!by_tables(r2018));
  CHECK(r2018.values.empty());
  CHECK(r2018.checks.empty());
}

TEST_CASE("the seed with every number of 表三 erased reads 表三 as blank cells with undetermined checks") {
  std::string text = seed();
  const std::size_t from = line_start(text, "三、收到和处理政府信息公开申请情况");
  const std::size_t to = line_start(text, "四、政府信息公开行政复议、行政诉讼情况");
  std::string part = text.substr(from, to - from), erased;
  // Each tab-separated field that is a number becomes empty; labels and tabs stay.
  for (std::size_t i = 0; i < part.size();) {
    std::size_t j = i;
    while (j < part.size() && part[j] != '\t' && part[j] != '\n') ++j;
    const std::string field = part.substr(i, j - i);
    const bool number = !field.empty() && field.find_first_not_of("0123456789") == std::string::npos;
    erased += number ? "" : field;
    if (j < part.size()) erased += part[j];
    i = j + 1;
  }
  text.replace(from, to - from, erased);
  const Report r = extract_text(text);
  CHECK(r.template_id == "gov-2021");
  std::size_t t3 = 0;
  for (const CellValue& v : r.values)
    if (v.cell.rfind("t3.", 0) == 0) {
      ++t3;
      CHECK(v.state == ValueState::blank);
    }
  CHECK(t3 == 175);
  std::size_t undetermined = 0;
  for (const Check& c : r.checks)
    if (c.rule.rfind("R3", 0) == 0) {
      ++undetermined;
      CHECK(c.result == CheckResult::undetermined);
    }
  CHECK(undetermined == 39);
  const auto t3_read = std::find_if(r.table_reads.begin(), r.table_reads.end(), [](const TableRead& t) { return t.table == "t3"; });
  REQUIRE(t3_read != r.table_reads.end());
  CHECK(t3_read->blank == 175);
  CHECK(t3_read->unread == 0);
}

namespace {

// The seed with its 表三 row `label` printed one cell per line, a stray number standing before
// or after its values (a page number, a fragment of a wrapped label), run together with them.
Report seed_with_row_per_line(const std::string& label, const std::string& before, const std::string& after) {
  std::string text = seed();
  const std::size_t at = text.find(label + "\t");
  REQUIRE(at != std::string::npos);
  const std::size_t end = text.find('\n', at);
  std::string lines = label + (before.empty() ? "" : "\n" + before);
  // Its fields one a line, without the empty ones around the values (the label's span).
  std::size_t from = at + label.size(), to = end;
  while (from < to && text[from] == '\t') ++from;
  while (to > from && text[to - 1] == '\t') --to;
  lines += "\n";
  for (std::size_t i = from; i < to; ++i) lines += text[i] == '\t' ? '\n' : text[i];
  text.replace(at, end - at, lines + (after.empty() ? "" : "\n" + after));
  return extract_text(text);
}

// The seed's 表三 row 3. 其他 (all zeros), as read from `r`: each cell's value and note.
void check_misc_row_read_as_seed(const Report& r, const std::string& note) {
  const test::Expected e = test::expected_for("000-seed.txt");
  for (const char* column : {"natural_person", "org_commercial", "org_other", "total"}) {
    const std::string cell = std::string("t3.result.other.misc[") + column + "]";
    CAPTURE(cell);
    const auto v = std::find_if(r.values.begin(), r.values.end(), [&](const CellValue& c) { return c.cell == cell; });
    REQUIRE(v != r.values.end());
    CHECK(v->state == ValueState::number);
    CHECK(v->number == e.cells.at(cell));
    CHECK(v->note.find(note) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("a row printed one cell per line with a stray number before its values is read without it, as the rules say") {
  // "3. 其他" / 1 / 0 0 0 0 0 0 0: eight values for seven cells. Without the last value the row
  // reads 1 0 0 0 0 0 0, whose total (0) is not the sum of its applicants (1); without the
  // first it reads as the seed prints it.
  check_misc_row_read_as_seed(seed_with_row_per_line("3. 其他", "1", ""), "read without its first ('1')");
}

TEST_CASE("a row printed one cell per line with a stray number after its values is read without it, as the rules say") {
  // 0 0 0 0 0 0 0 / 5: without the first value the total would be 5 for applicants summing to 0.
  check_misc_row_read_as_seed(seed_with_row_per_line("3. 其他", "", "5"), "read without its last ('5')");
}

namespace {

const char* const heading_3 = "三、收到和处理政府信息公开申请情况";
const char* const heading_4 = "四、政府信息公开行政复议、行政诉讼情况";

// The seed with the texts of the headings of 三 and 四 swapped (their numbers kept).
std::string seed_with_headings_swapped() {
  std::string text = seed();
  const std::size_t a = line_start(text, heading_3), b = line_start(text, heading_4);
  const std::string body_3 = std::string(heading_3).substr(3 * 2), body_4 = std::string(heading_4).substr(3 * 2);
  text.replace(b + 6, body_4.size(), body_3);  // "四、" is two code points of three bytes
  text.replace(a + 6, body_3.size(), body_4);
  return text;
}

}  // namespace

TEST_CASE("tables under each other's headings are read as what their content says they are") {
  // 表三 now stands under "三、政府信息公开行政复议、行政诉讼情况" and 表四 under "四、收到和处理…".
  const Report r = extract_text(seed_with_headings_swapped());
  const test::Expected e = test::expected_for("000-seed.txt");
  std::size_t t3 = 0, t4 = 0;
  for (const CellValue& v : r.values) {
    CAPTURE(v.cell);
    REQUIRE(e.cells.count(v.cell));
    CHECK(v.number == e.cells.at(v.cell));
    if (v.cell.rfind("t3.", 0) == 0 || v.cell.rfind("t4.", 0) == 0) {
      CHECK(v.note.find("not under the heading that names it") != std::string::npos);
      (v.cell[1] == '3' ? t3 : t4) += 1;
    }
  }
  CHECK(t3 == 175);
  CHECK(t4 == 15);
}

TEST_CASE("a heading over another table's content, with its own table nowhere, reads nothing from that table") {
  // The headings swapped and 表四's lines deleted: the heading of 表四's section stands over
  // 表三, whose numbers must not be read as 表四; the finding says 表四 is not assessable.
  std::string text = seed_with_headings_swapped();
  const std::size_t from = text.find("\n", line_start(text, "四、收到和处理政府信息公开申请情况")) + 1;
  text.erase(from, line_start(text, "五、存在的主要问题及改进情况") - from);
  const Report r = extract_text(text);
  CHECK(std::none_of(r.values.begin(), r.values.end(), [](const CellValue& v) { return v.cell.rfind("t4.", 0) == 0; }));
  CHECK(std::count_if(r.values.begin(), r.values.end(), [](const CellValue& v) { return v.cell.rfind("t3.", 0) == 0; }) ==
        175);
  const Check* f1 = finding(r, "F1", "sec.review_litigation");
  REQUIRE(f1);
  CHECK(f1->result == CheckResult::fail);
}

TEST_CASE("a row split over two lines after another block's title continues the table of its label") {
  // corpus/004.txt prints 表二's blocks (一) (五) (六) (八) as text, then 表二's (一) as a pipe
  // table whose rows a converter split: the label with empty cells, the numbers on the next line.
  std::string text = test::read_file(test::corpus_path("004.txt"));
  for (const auto& [row, split] : {std::pair<std::string, std::string>{"| 规章 | 0 | 0 | 0 |", "| 规章 | | | |\n| | 0 | 0 | 0 |"},
                                   {"| 规范性文件 | 13 | 0 | 55 |", "| 规范性文件 | | | |\n| | 13 | 0 | 55 |"}}) {
    const std::size_t at = text.find(row);
    REQUIRE(at != std::string::npos);
    text.replace(at, row.size(), split);
  }
  ExtractOptions options;
  options.source = "004-split.txt";
  const Report r = extract_report(text, options);
  const test::Expected e = test::expected_for("004.txt");
  for (const char* cell : {"t2.art20_1.regulations.issued", "t2.art20_1.normative_docs.issued", "t2.art20_1.normative_docs.in_force"}) {
    CAPTURE(cell);
    const auto v = std::find_if(r.values.begin(), r.values.end(), [&](const CellValue& c) { return c.cell == cell; });
    REQUIRE(v != r.values.end());
    CHECK(v->state == ValueState::number);
    CHECK(v->number == e.cells.at(cell));
    CHECK(v->note.find("printed on the line after the label") != std::string::npos);
  }
}

// 003.txt is pdftotext's reading order: some blocks of 表三 come column by column, and only its
// blank lines group them. Without them its numbers read flat, in an order nothing in the text
// states; every order the mapper can try then fails R3.3, which the source satisfies. Cells that
// all those orders agree on are no more certain than the rest: no number is written for them.
// Checks 003 changed by `change` (line by line): no wrong number, some cells refused as of an
// unknown order (when `refusals`), and 表二 and 表四, outside that block, read whole.
namespace {
void check_003_without_its_spacing(const std::function<std::string(const std::string&)>& change, bool refusals) {
  std::string text, line;
  for (const char c : test::read_file(test::corpus_path("003.txt"))) {
    if (c != '\n') {
      line += c;
      continue;
    }
    text += change(line);
    line.clear();
  }
  const Report r = extract_text(text);
  const test::Expected want = test::expected_for("003.txt");
  std::size_t right = 0, wrong = 0, refused = 0;
  for (const CellValue& v : r.values) {
    const auto expected = want.cells.find(v.cell);
    if (expected == want.cells.end()) continue;
    if (v.state == ValueState::ambiguous && expected->second != "ambiguous") {
      refused += v.note.find("no order of these numbers satisfies") != std::string::npos;
      continue;
    }
    CAPTURE(v.cell);
    CHECK(test::state_of(v) == expected->second);
    (test::state_of(v) == expected->second ? right : wrong) += 1;
  }
  CHECK(wrong == 0);
  if (refusals) CHECK(refused > 0);
  const auto outside = std::count_if(want.cells.begin(), want.cells.end(), [](const auto& c) {
    return c.first.rfind("t2.", 0) == 0 || c.first.rfind("t4.", 0) == 0;
  });
  CHECK(right >= static_cast<std::size_t>(outside));
}
}  // namespace

TEST_CASE("003 with its blank lines removed writes no wrong number: a block no order of which holds stays ambiguous") {
  check_003_without_its_spacing(
      [](const std::string& line) {
        return line.find_first_not_of(" \t\r") == std::string::npos ? std::string() : line + '\n';
      },
      true);
}

// An empty line after every line (a converter's paragraph spacing) doubles each gap: 0 and 1
// empty lines become 1 and 3, which read as they stand would put an empty cell between values.
TEST_CASE("003 double-spaced writes no wrong number: its gaps are read as the document spaced them") {
  check_003_without_its_spacing([](const std::string& line) { return line + "\n\n"; }, false);
}
