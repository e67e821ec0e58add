// The accuracy harness: every corpus report against its hand-checked expectations
// (corpus/expected/NAME.tsv): the template, every expected cell (number, blank, dash or
// ambiguous), no cell the source does not have, and the set of hard rules that fail.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "schema/template.h"
#include "tests/corpus.h"

using namespace nianbao;

namespace {

// Differences between a report's values and its expectations, one line each.
std::vector<std::string> cell_differences(const Report& r, const test::Expected& e) {
  std::map<std::string, std::string> got;
  for (const CellValue& v : r.values) got[v.cell] = test::state_of(v);
  std::vector<std::string> diff;
  for (const auto& [cell, want] : e.cells) {
    const auto it = got.find(cell);
    const std::string have = it == got.end() ? "(missing)" : it->second;
    if (have != want) diff.push_back(cell + ": expected " + want + ", got " + have);
  }
  for (const auto& [cell, have] : got)
    if (!e.cells.count(cell)) diff.push_back(cell + ": not in the source, got " + have);
  return diff;
}

// The hard rules (§5.1) that fail, as @fails lists them: not the text checks (N1).
std::vector<std::string> failing_rules(const Report& r) {
  const schema::Template* t = schema::find_template(r.template_id);
  std::set<std::string> rules;
  for (const Check& c : r.checks)
    if (c.result == CheckResult::fail && t &&
        std::any_of(t->rules.begin(), t->rules.end(), [&](const schema::RuleDef& d) { return d.id == c.rule; }))
      rules.insert(c.rule);
  return {rules.begin(), rules.end()};
}

}  // namespace

TEST_CASE("every corpus report yields exactly its expected cells, template and failing rules") {
  std::size_t expected_cells = 0, matching_cells = 0;
  for (const std::string& file : test::corpus_files()) {
    CAPTURE(file);
    const test::Expected e = test::expected_for(file);
    const Report r = test::extract_corpus(file);
    CHECK(r.template_id == e.template_id);
    const auto diff = cell_differences(r, e);
    expected_cells += e.cells.size();
    matching_cells += e.cells.size() - std::count_if(diff.begin(), diff.end(), [](const std::string& d) {
                        return d.find("not in the source") == std::string::npos;
                      });
    CHECK_MESSAGE(diff.empty(), test::join(diff, "\n"));
    std::vector<std::string> fails = e.fails;
    std::sort(fails.begin(), fails.end());
    CHECK(test::join(failing_rules(r), ",") == test::join(fails, ","));
  }
  MESSAGE("corpus cells matching: " << matching_cells << " / " << expected_cells);
}

TEST_CASE("the seed yields all 200 cells and every check passes") {
  const Report r = test::extract_corpus("000-seed.txt");
  CHECK(r.template_id == "gov-2021");
  CHECK(r.values.size() == 200);
  CHECK(std::all_of(r.values.begin(), r.values.end(), [](const CellValue& v) { return v.state == ValueState::number; }));
  CHECK(!r.checks.empty());
  for (const Check& c : r.checks) {
    CAPTURE(c.rule);
    CAPTURE(c.scope);
    CHECK(c.result == CheckResult::pass);
  }
}

TEST_CASE("every corpus report counts, per table, the cells it read by state, as its expectations do") {
  for (const std::string& file : test::corpus_files()) {
    CAPTURE(file);
    const test::Expected e = test::expected_for(file);
    const schema::Template* t = schema::find_template(e.template_id);
    const Report r = test::extract_corpus(file);
    if (!t) {
      CHECK(r.table_reads.empty());
      continue;
    }
    // The expectations by table and state.
    std::map<std::string, std::map<std::string, std::size_t>> want;
    for (const auto& [cell, value] : e.cells) {
      const int i = t->cell_of(cell);
      REQUIRE(i >= 0);
      const std::string state = value == "blank" || value == "dash" || value == "ambiguous" ? value : "read";
      ++want[t->tables[t->cell_refs[i].table].id][state];
    }
    REQUIRE(r.table_reads.size() == t->tables.size());
    for (const TableRead& tr : r.table_reads) {
      CAPTURE(tr.table);
      auto& w = want[tr.table];
      CHECK(tr.read == w["read"]);
      CHECK(tr.blank == w["blank"]);
      CHECK(tr.dash == w["dash"]);
      CHECK(tr.ambiguous == w["ambiguous"]);
      // A table the report prints has every cell read; one it does not print, none.
      const bool printed = w["read"] + w["blank"] + w["dash"] + w["ambiguous"] > 0;
      CHECK(tr.unread == (printed ? 0 : tr.expected));
      CHECK(tr.expected == tr.read + tr.blank + tr.dash + tr.ambiguous + tr.unread);
    }
  }
}
