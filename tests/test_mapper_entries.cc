// schema/mapper_entries: a region that prints its header rows again (at each page of a PDF,
// "类别 | 数据1 | … | 总计" eight times in one report) is read the same whether a header row is
// read anew or recognised as one read before: the block its title names and the row label it
// holds come back with it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

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
