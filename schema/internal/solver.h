// Internal to schema/: choosing among the possible readings of a table. Each choice point
// (a flattened digit run, a block of numbers that may be row- or column-major, a table whose
// reading order was scrambled) offers alternatives; the combinations that satisfy the most
// rule instances win, then the least-repaired ones; cells on which the winners disagree are
// ambiguous, with their candidates. A value is never changed to make a rule pass.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/report.h"
#include "schema/internal/rules.h"

namespace nianbao::schema {

struct Reading {
  // Provided, not defaulted: a Reading made by `Reading()` (a vector's resize, a pair's
  // `second()`) is then made member by member, instead of being zeroed whole first (a
  // `rep stos` of its 20 words, as value-initialization does with an implicit constructor).
  Reading() {}  // NOLINT(modernize-use-equals-default)
  ValueState state = ValueState::number;
  std::string value;  // canonical number when state == number
  std::string raw;    // as printed
  std::string unit;
  std::vector<std::string> candidates;  // state == ambiguous, decided at mapping time
};

struct Alternative {
  std::vector<std::pair<int, Reading>> cells;  // cell (index into Template::cells) → reading
  int cost = 0;       // 0 for the plain reading; more for repaired reading orders
  std::string note;   // said in the output when this alternative is taken ("column-major")
};

struct ChoicePoint {
  std::vector<Alternative> alternatives;
  std::string run;    // the source text the alternatives read (raw of ambiguous cells)
  // For diagnostics (described()): what the point is ("the 7 values of t3"), or with
  // what_is_run, what `run` is read as ("t2.art20_1.normative_docs"), said as "'898989' as …"
  // only when a message needs it (most points never are in one).
  std::string what;
  bool what_is_run = false;
  std::string described() const { return what_is_run ? "'" + run + "' as " + what : what; }
  SourcePos pos;
  // No reading satisfies the rules that read only this point's cells (8 digits printed for 7
  // cells): the source is wrong here, so no reading is chosen — the solver keeps them all.
  bool misprinted = false;
  // The alternatives are orders the numbers may be printed in, and nothing in the source says
  // which (numbers read flat: no run per row or per column). When every reading kept fails a
  // rule that reads these cells, none of the orders is the source's: no cell of it is certain.
  bool order_unknown = false;
};

// A rule whose operands the solver left ambiguous but whose result is the same under every
// reading it kept (the source printed more or fewer digits than the cells, say): that result,
// certain, and a note that says so.
struct SureResult {
  std::size_t rule = 0;  // index into the rules given to solve
  CheckResult result = CheckResult::undetermined;
  std::string note;
};

// Decide every cell named by `points` and append their values to `out`: in the order of
// Template::cells, one per cell (a cell two points read, a row printed twice, keeps the first
// point's reading); `cells` gets each value's index into Template::cells. `budget` bounds the
// combinations tried; when it is exceeded, cells are decided per choice point only and a
// diagnostic says so. The texts of the readings decided are moved into the values: `points`
// is left for nothing but destruction. `operands`, when given, gets each value's number as the
// rules read it (normalize::number_value of CellValue::number; none for a value that is not a
// number), from the solver's own reading of it: the value's text is not parsed again.
void solve(const Template& t, std::vector<ChoicePoint>& points, const std::vector<RuleInstance>& rules,
           std::size_t budget, std::vector<Diagnostic>& diagnostics, std::vector<CellValue>& out,
           std::vector<int>& cells, std::vector<SureResult>* sure = nullptr, std::vector<Operand>* operands = nullptr);

// A reading of a cell's printed text: number (with unit, annotation kept in raw), blank, dash.
// Text that is none of these is returned with state ambiguous and no candidates.
Reading read_cell(const std::string& text);

}  // namespace nianbao::schema
