// The consistency rules of a template (§5.1), expanded into instances over concrete cells and
// evaluated on cell values. Used twice: by the solver, to choose among readings of a
// flattened table, and by the checks written into the report.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "model/report.h"
#include "schema/template.h"

namespace nianbao::schema {

// One rule for one scope: Σ left = Σ right, over indices into Template::cells.
struct RuleInstance {
  std::string rule;   // "R3.1"
  std::string scope;  // column key, row id, or ""
  std::string table;  // the table the rule's cells belong to (of the first term)
  std::vector<int> left;
  std::vector<int> right;
};

// Which collapsible groups a report prints as one data row (ids).
using CollapsedGroups = std::vector<std::string>;

// Rule grammar: SIDE '=' SIDE; a side is terms joined by '+' or '-'; a term is a cell id, or
// previous(cell id) for the value the same agency's report of the year before gave it.
// $c and $r stand for each column key and data row id of the for-each table.
struct RuleTerm {
  std::string cell;
  int sign = 1;           // +1 or -1
  bool previous = false;  // the year before
};
// One instance of a rule as cell ids: Σ left = Σ right, for one scope of its for-each.
struct RuleText {
  std::string scope;  // column key, row id, or ""
  std::vector<RuleTerm> left, right;
};
// The instances of `rule` over its for-each scopes (data rows laid out as `collapsed` says).
// Throws TemplateError (without file and line: the loader adds them) on a malformed
// expression or an unknown for-each table.
std::vector<RuleText> rule_texts(const Template& t, const RuleDef& rule, const CollapsedGroups& collapsed = {});

// Expand every rule of `t` for the given layout: $c over the columns, $r over the data rows,
// group ids replaced by the sum of their data rows unless printed as one row. Computed once
// per template and layout (per thread) and kept.
const std::vector<RuleInstance>& expand_rules(const Template& t, const CollapsedGroups& collapsed);

// Whether a rule's two sums are equal. Cells hold at most a few decimals (元 to the fen, 万元
// to four places): a difference under a millionth is the rounding of the additions, never a
// difference the report printed.
constexpr double sum_tolerance = 1e-6;
inline bool sums_equal(long double a, long double b) { return std::fabs(a - b) < sum_tolerance; }

// A cell value as the rules see it.
struct Operand {
  bool known = false;  // a number was read
  long double value = 0;
};

// pass / fail / undetermined (an operand blank, dash, ambiguous or missing); `values` is
// indexed like Template::cells. `left`/`right` get the rendered sums ("3119+34=3153").
CheckResult evaluate(const RuleInstance& rule, const std::vector<Operand>& values, std::string* left = nullptr,
                     std::string* right = nullptr);

}  // namespace nianbao::schema
