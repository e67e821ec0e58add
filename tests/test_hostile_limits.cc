// Every limit that drops or cuts anything says so (issue 10, item 5): a walk over the bounds of
// model/limits.h, and over every reader of tables (HTML, tab, pipe, box, space-aligned) for the
// cell limit, each with an input just past the bound and the `limit.*` diagnostic it must give.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>

#include "model/errors.h"
#include "output/output.h"
#include "pipeline/pipeline.h"
#include "tests/corpus.h"

using namespace nianbao;

namespace {

Report extract_with(const std::string& bytes, InputKind kind, const std::function<void(Limits&)>& set) {
  ExtractOptions o;
  o.kind = kind;
  set(o.limits);
  return extract_report(bytes, o);
}

bool has_diagnostic(const Report& r, const std::string& code) {
  return std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [&](const Diagnostic& d) { return d.code == code; });
}

std::vector<TableSource> table_sources(const Report& r) {
  std::vector<TableSource> out;
  for (const Block& b : r.blocks)
    if (b.kind == BlockKind::table) out.push_back(b.table().source);
  return out;
}

// 40 rows of 3 numeric cells in each table notation.
std::string rows_of(const std::function<std::string(int)>& row, int n = 40) {
  std::string s = "一、总体情况\n";
  for (int i = 0; i < n; ++i) s += row(i);
  return s;
}

}  // namespace

TEST_CASE("past the cell limit every kind of table drops its rows with limit.table-cells") {
  struct Case {
    const char* name;
    TableSource source;
    InputKind kind;
    std::string input;
  };
  const std::string n = "10";
  const std::vector<Case> cases = {
      {"tab-separated", TableSource::tab_separated, InputKind::text,
       rows_of([](int i) { return "项目" + std::to_string(i) + "\t1\t2\n"; })},
      {"pipe", TableSource::pipe, InputKind::text,
       rows_of([](int i) { return "| 项目" + std::to_string(i) + " | 1 | 2 |\n"; })},
      {"box", TableSource::box, InputKind::text,
       "┌──────┬───┬───┐\n" + rows_of([](int i) {
         return std::string(i ? "├──────┼───┼───┤\n" : "") + "│项目" + std::to_string(i % 10) + "│ 1 │ 2 │\n";
       }) + "└──────┴───┴───┘\n"},
      {"space-aligned", TableSource::space_aligned, InputKind::text,
       rows_of([](int i) { return "     " + std::to_string(i + 11) + "      " + std::to_string(i + 3) + "      7\n"; })},
      {"html", TableSource::html, InputKind::html,
       "<table>" + rows_of([](int i) { return "<tr><td>项目" + std::to_string(i) + "</td><td>1</td><td>2</td></tr>"; }) +
           "</table>"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    // Read whole under the default limit, so the reader is known to take it as this kind.
    const Report whole = extract_with(c.input, c.kind, [](Limits&) {});
    REQUIRE(table_sources(whole) == std::vector<TableSource>{c.source});
    CHECK_FALSE(has_diagnostic(whole, "limit.table-cells"));
    const Report cut = extract_with(c.input, c.kind, [](Limits& l) { l.max_table_cells = 30; });
    CHECK(has_diagnostic(cut, "limit.table-cells"));
    std::size_t cells = 0;
    for (const Block& b : cut.blocks)
      if (b.kind == BlockKind::table)
        for (const TableRow& r : b.table().rows) cells += r.cells.size();
    CHECK(cells <= 30);
    CHECK(test::validate_against_schema(output::to_xml(cut)) == "");
  }
}

TEST_CASE("a space-aligned table of 5100 rows of 20 numbers says that rows past the cell limit were dropped") {
  std::string s;
  for (int r = 0; r < 5100; ++r) {
    for (int c = 0; c < 20; ++c) {
      const std::string v = std::to_string((r * c) % 97 + 1);
      s += std::string(8 - v.size(), ' ') + v;
    }
    s += '\n';
  }
  const Report r = extract_with(s, InputKind::text, [](Limits&) {});
  REQUIRE(table_sources(r) == std::vector<TableSource>{TableSource::space_aligned});
  CHECK(has_diagnostic(r, "limit.table-cells"));
}

TEST_CASE("every other bound past its value gives its diagnostic or error") {
  SUBCASE("input bytes: an input error naming the option") {
    CHECK_THROWS_AS(extract_with(std::string(200, 'a'), InputKind::text, [](Limits& l) { l.max_input_bytes = 100; }),
                    InputError);
  }
  SUBCASE("line bytes") {
    const Report r = extract_with("一、总体情况\n" + std::string(300, 'x') + "\n", InputKind::text,
                                  [](Limits& l) { l.max_line_bytes = 100; });
    CHECK(has_diagnostic(r, "limit.line-bytes"));
  }
  SUBCASE("span") {
    const Report r = extract_with("<table><tr><td colspan=\"5\">a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>", InputKind::html,
                                  [](Limits& l) { l.max_span = 2; });
    CHECK(has_diagnostic(r, "limit.span"));
  }
  SUBCASE("nesting depth") {
    std::string page;
    for (int i = 0; i < 20; ++i) page += "<div>";
    page += "<p>一、总体情况</p>";
    const Report r = extract_with(page, InputKind::html, [](Limits& l) { l.max_nesting_depth = 8; });
    CHECK(has_diagnostic(r, "limit.nesting-depth"));
  }
  SUBCASE("split candidates") {
    const Report r = extract_with("本年制发件数\n\n四、政府信息公开行政复议、行政诉讼情况行政复议结果维持总计" +
                                      std::string(60, '1') + "\n",
                                  InputKind::text, [](Limits& l) { l.max_split_candidates = 5000; });
    CHECK(has_diagnostic(r, "limit.split-candidates"));
  }
}
