// schema/mapper_entries: a region that prints its header rows again (at each page of a PDF,
// "类别 | 数据1 | … | 总计" eight times in one report) is read the same whether a header row is
// read anew or recognised as one read before: the block its title names and the row label it
// holds come back with it. And a number run's pieces, cut from its text when a reader takes it.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/normalize.h"
#include "schema/internal/mapper_entries.h"
#include "schema/internal/stream.h"
#include "schema/template.h"

using namespace nianbao;
using namespace nianbao::schema;

namespace {

// The label-blocks tables (表二) of the 2021 format, in template order.
std::vector<const TableDef*> blocks_2021() {
  std::vector<const TableDef*> out;
  for (const Template& t : templates())
    if (t.id == "gov-2021")
      for (const TableDef& table : t.tables)
        if (table.layout == TableLayout::label_blocks) out.push_back(&table);
  return out;
}

Token row_of(const std::vector<std::string>& cells) {
  Token t;
  t.kind = Token::table_row;
  for (const std::string& c : cells) t.cells.push_back(c);
  return t;
}

// A header row naming `table` by its title, and a row of numbers without a label, as wide as
// the table.
std::vector<std::string> header(const TableDef& table) { return {table.title, "信息内容", "数量"}; }
std::vector<std::string> numbers(const TableDef& table) {
  std::vector<std::string> out{""};
  for (std::size_t c = 0; c < table.columns.size(); ++c) out.push_back(std::to_string(c + 1));
  return out;
}

// The first row of `t` that is no group and has a label; -1 when none.
int first_labelled_row(const TableDef& t) {
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r)
    if (!t.rows[r].group && !t.rows[r].labels.empty()) return r;
  return -1;
}

}  // namespace

TEST_CASE("entries: a header row printed again names its block again") {
  const std::vector<const TableDef*> tables = blocks_2021();
  REQUIRE(tables.size() >= 2);
  const TableDef& a = *tables[0];
  const TableDef& b = *tables[1];
  // The texts the tokens view, kept apart from them.
  const std::vector<std::vector<std::string>> rows{header(a), numbers(a), header(b), numbers(b), header(a), numbers(a),
                                                   header(b), numbers(b)};
  std::vector<Token> tokens;
  for (const auto& r : rows) tokens.push_back(row_of(r));
  std::vector<Diagnostic> diags;
  const std::vector<detail::Entry> entries = detail::read_entries(tables, tokens, diags);
  REQUIRE(entries.size() == 4);
  const TableDef* expected[] = {&a, &b, &a, &b};
  for (std::size_t i = 0; i < entries.size(); ++i) {
    CAPTURE(i);
    CHECK(entries[i].table == expected[i]);
    CHECK(entries[i].block == expected[i]);
    CHECK(entries[i].row == -1);
  }
}

TEST_CASE("entries: a row label standing alone, printed again, opens its row again") {
  const std::vector<const TableDef*> tables = blocks_2021();
  REQUIRE(!tables.empty());
  const TableDef& a = *tables[0];
  const int row = first_labelled_row(a);
  REQUIRE(row >= 0);
  // The label alone on its line (its cells empty), its numbers on the next: twice.
  std::vector<std::string> label_row{a.rows[row].labels.front()};
  for (std::size_t c = 0; c < a.columns.size(); ++c) label_row.push_back("");
  const std::vector<std::vector<std::string>> rows{header(a), label_row, numbers(a), header(a), label_row, numbers(a)};
  std::vector<Token> tokens;
  for (const auto& r : rows) tokens.push_back(row_of(r));
  std::vector<Diagnostic> diags;
  const std::vector<detail::Entry> entries = detail::read_entries(tables, tokens, diags);
  REQUIRE(entries.size() == 2);
  const std::vector<std::string> values = numbers(a);
  for (const detail::Entry& e : entries) {
    CHECK(e.table == &a);
    CHECK(e.row == row);
    CHECK(e.slots == std::vector<std::string>(values.begin() + 1, values.end()));
  }
}

TEST_CASE("entries: the number runs after a label make one entry, each run's pieces and count kept in order") {
  const std::vector<const TableDef*> tables = blocks_2021();
  REQUIRE(!tables.empty());
  const TableDef& a = *tables[0];
  const int row = first_labelled_row(a);
  REQUIRE(row >= 0);
  // The label and a run on one line, a line of numbers alone after it (a run wrapped).
  const std::string first = a.rows[row].labels.front() + " 11 2", second = "3 44 5";
  std::vector<Token> tokens = tokenize_paragraph(first);
  for (Token& t : tokenize_paragraph(second)) tokens.push_back(std::move(t));
  REQUIRE(tokens.size() == 3);
  std::vector<Diagnostic> diags;
  const std::vector<detail::Entry> entries = detail::read_entries(tables, tokens, diags);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].table == &a);
  CHECK(entries[0].row == row);
  CHECK(entries[0].pieces == std::vector<std::string>{"11", "2", "3", "44", "5"});
  CHECK(entries[0].groups == std::vector<std::size_t>{2, 3});
  CHECK(entries[0].run == "11 2 3 44 5");
}

namespace {

// A number run's pieces by their definition, a code point at a time: cut at ASCII spaces,
// full-width digits and signs as ASCII, any other code point as it is.
std::vector<std::string> pieces_by_definition(std::string_view run) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < run.size();) {
    char32_t c = normalize::next_code_point(run, i);
    if (c >= 0xFF10 && c <= 0xFF19) c = U'0' + (c - 0xFF10);
    else if (c == 0xFF0E) c = U'.';
    else if (c == 0xFF0D || c == 0x2212) c = U'-';
    else if (c == 0xFF0B) c = U'+';
    else if (c == 0xFF0C) c = U',';
    if (c == U' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      normalize::append_utf8(cur, c);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

TEST_CASE("a number run's pieces, cut when read, are its text cut by definition, after what the list held") {
  // Runs of ASCII and full-width digits, signs, points, commas, spaces and units after a label.
  const std::vector<std::string> parts{"1", "23", "４", "５６", " ", "  ", ".", "．", ",", "，", "-", "－", "−", "+", "＋", "元", "万元"};
  std::mt19937 rng(14);
  std::size_t runs = 0;
  for (int n = 0; n < 3000; ++n) {
    std::string paragraph = "本年收到申请";
    const int length = 1 + static_cast<int>(rng() % 12);
    for (int p = 0; p < length; ++p) paragraph += parts[rng() % parts.size()];
    paragraph += "件";
    for (const Token& t : tokenize_paragraph(paragraph)) {
      if (t.kind != Token::number_run) continue;
      CAPTURE(paragraph);
      CAPTURE(std::string(t.text));
      std::vector<std::string> got{"kept"};
      append_number_pieces(t.text, got);
      std::vector<std::string> expected{"kept"};
      for (std::string& p : pieces_by_definition(t.text)) expected.push_back(std::move(p));
      CHECK(got == expected);
      ++runs;
    }
  }
  CHECK(runs > 2000);
}
