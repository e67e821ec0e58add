// schema/mapper_rows.cc: the readings of a flattened digit run no rule reads (distinct_readings),
// held to their definition (every reading the walk finds, each cell's distinct values) on
// generated runs, with the budget each spends and what each says when it runs out.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "schema/internal/mapper_parts.h"
#include "schema/internal/splits.h"

using namespace nianbao;
using namespace nianbao::schema;

namespace {

// distinct_readings by its definition: every reading the walk finds, and per cell the distinct
// values of its cuts, in the order first found (ambiguous, with them as candidates, when several).
ChoicePoint distinct_by_definition(const detail::DigitRun& in, std::size_t& budget, std::vector<Diagnostic>& diags) {
  ChoicePoint p;
  p.run = in.text;
  p.pos = in.pos;
  p.what = in.what;
  p.what_is_run = true;
  std::vector<std::vector<Reading>> distinct(in.cells.size());
  bool any = false;
  const bool complete = enumerate_splits(in.pieces, in.types, budget, [&](const std::vector<std::string_view>& cells) {
    any = true;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      Reading cell;
      REQUIRE(read_single_cell(cells[i], in.types[i], cell));
      if (std::none_of(distinct[i].begin(), distinct[i].end(), [&](const Reading& c) { return c.value == cell.value; }))
        distinct[i].push_back(cell);
    }
    return true;
  });
  if (!any) return p;
  Alternative a;
  for (std::size_t i = 0; i < in.cells.size(); ++i) {
    Reading r;
    if (complete && distinct[i].size() == 1) {
      r = distinct[i].front();
    } else {
      r.state = ValueState::ambiguous;
      r.raw = in.text;
      if (complete)
        for (const Reading& c : distinct[i]) r.candidates.push_back(c.value);
    }
    a.cells.emplace_back(in.cells[i], r);
  }
  if (in.pieces.size() < in.cells.size()) a.note = "split from '" + in.text + "'";
  if (!complete)
    diags.push_back({Severity::warning, "limit.split-candidates",
                     "stopped enumerating the readings of '" + in.text + "' (--max-split-candidates)", in.pos});
  p.alternatives.push_back(a);
  return p;
}

// A point as text, every field the solver and the messages read.
std::string shown(const ChoicePoint& p) {
  std::string s = p.run + "|" + p.what + "|" + std::to_string(p.pos.line) + "|" + std::to_string(p.what_is_run) + "\n";
  for (const Alternative& a : p.alternatives) {
    s += "alternative cost " + std::to_string(a.cost) + " note " + a.note + "\n";
    for (const auto& [id, r] : a.cells) {
      s += std::to_string(id) + ": " + std::to_string(static_cast<int>(r.state)) + " [" + r.value + "] [" + r.raw + "] [" +
           r.unit + "]";
      for (const std::string& c : r.candidates) s += " " + c;
      s += "\n";
    }
  }
  return s;
}

std::string shown(const std::vector<Diagnostic>& diags) {
  std::string s;
  for (const Diagnostic& d : diags) s += d.code + ": " + d.message + "\n";
  return s;
}

// A piece of a run: digits (zeros often, for the leading-zero rule), now and then a sign, a
// point or a unit; now and then longer than any cell.
std::string piece(std::mt19937& rng) {
  std::string s;
  if (rng() % 8 == 0) s += rng() % 2 ? "-" : "+";
  const std::size_t digits = rng() % 11 == 0 ? 11 + rng() % 16 : 1 + rng() % 8;
  for (std::size_t i = 0; i < digits; ++i) s += static_cast<char>('0' + (rng() % 3 == 0 ? 0 : rng() % 10));
  if (rng() % 6 == 0) s.insert(s.begin() + static_cast<long>(rng() % (s.size() + 1)), '.');
  if (rng() % 6 == 0) s += rng() % 2 ? "元" : "万元";
  if (rng() % 40 == 0) s.clear();
  return s;
}

ValueType type(std::mt19937& rng) {
  const unsigned k = rng() % 6;
  return k < 4 ? ValueType::count : k == 4 ? ValueType::signed_count : ValueType::money;
}

}  // namespace

TEST_CASE("the distinct readings of a run are its readings' distinct values per cell, the budget spent as the walk spends it") {
  // Runs of one piece per cell (read without the walk when each piece is a cell) and runs of
  // fewer pieces, under budgets that run out anywhere: the same point, budget left and messages.
  std::mt19937 rng(1408);
  int read = 0, without_reading = 0, stopped = 0;
  for (int round = 0; round < 4000; ++round) {
    std::vector<std::string> pieces(1 + rng() % 4);
    for (std::string& s : pieces) s = piece(rng);
    const std::size_t cells = pieces.size() + (rng() % 2 ? 0 : rng() % 3);
    std::vector<ValueType> types(cells);
    for (ValueType& t : types) t = type(rng);
    std::vector<int> ids(cells);
    for (std::size_t i = 0; i < cells; ++i) ids[i] = static_cast<int>(10 + 3 * i);
    std::string run;
    for (const std::string& s : pieces) run += (run.empty() ? "" : " ") + s;
    const detail::DigitRun in{ids, types, pieces, run, SourcePos{7}, "t2.row"};
    const std::size_t start = rng() % 3 == 0 ? rng() % 40 : 100000;
    std::size_t budget = start, expected_budget = start;
    std::vector<Diagnostic> diags, expected_diags;
    const ChoicePoint p = detail::distinct_readings(in, budget, diags);
    const ChoicePoint expected = distinct_by_definition(in, expected_budget, expected_diags);
    INFO("run '", run, "' as ", cells, " cells, budget ", start);
    CHECK(shown(p) == shown(expected));
    CHECK(budget == expected_budget);
    CHECK(shown(diags) == shown(expected_diags));
    read += !p.alternatives.empty();
    without_reading += p.alternatives.empty();
    stopped += !diags.empty();
  }
  // The generated runs reach every outcome.
  CHECK(read > 500);
  CHECK(without_reading > 500);
  CHECK(stopped > 20);
}
