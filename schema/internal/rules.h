// The consistency rules of a template (§5.1), expanded into instances over concrete cells and
// evaluated on cell values. Used twice: by the solver, to choose among readings of a
// flattened table, and by the checks written into the report.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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



// Expand every rule of `t` for the given layout: $c over the columns, $r over the data rows,
// group ids replaced by the sum of their data rows unless printed as one row. Computed once
// per template and layout (per thread) and kept.
const std::vector<RuleInstance>& expand_rules(const Template& t, const CollapsedGroups& collapsed);

// Whether `rules` is one of the vectors expand_rules keeps on this thread: it lives, unchanged,
// as long as the thread, and what is derived from it may be kept by its address.
bool rules_kept(const std::vector<RuleInstance>& rules);

// The rules by the cells they read: for each cell, the rules that read it (a rule reading a
// cell the template does not know never holds, and is left out); and which cells some rule
// reads. The solver's, per report; they depend on the rules alone.
struct RuleIndex {
  std::vector<std::size_t> start;  // per cell, its first entry in `rules`; one more at the end
  std::vector<int> rules;
  std::vector<bool> ruled;  // per cell: some rule reads it (one that reads a cell never known too)
  RuleIndex(const std::vector<RuleInstance>& rules, std::size_t cells);
};

// The index of `rules` over `cells` cells: kept per thread when `rules` is a vector expand_rules
// keeps (rules_kept), else made in `local`.
const RuleIndex& rule_index(const std::vector<RuleInstance>& rules, std::size_t cells, std::optional<RuleIndex>& local);

// A cell's number as the rules see it: none unless a number was read (a blank, dash,
// ambiguous or missing cell leaves its rules undetermined).
using Operand = std::optional<long double>;

// Each operand's text as a check writes it among a side's terms: the canonical number it was
// read from (`printed`, indexed like `values`, CellValue::number) when that renders as itself,
// else its value rendered; "?" for a cell without a number. Made once for a report's checks,
// which name most cells twice or more (a row's sum and a column's).
class OperandTexts {
 public:
  // The most bytes a text takes: a long long's 20 characters, "%.10g"'s 17, a printed 16.
  static constexpr std::size_t room = 31;
  struct Text {
    char bytes[room];
    unsigned char size;
  };
  OperandTexts(const std::vector<Operand>& values, const std::vector<std::string_view>* printed);
  // Cell i's text when `known` (values[i] holds a number), else "?".
  const Text& of(int i, bool known) const { return known ? texts_[static_cast<std::size_t>(i)] : unknown_; }

 private:
  static constexpr Text unknown_{{'?'}, 1};
  std::unique_ptr<Text[]> texts_;
};

// pass / fail / undetermined (an operand blank, dash, ambiguous or missing); `values` is
// indexed like Template::cells. `left`/`right` get the rendered sums ("3119+34=3153"), each
// term as `texts` (made from `values`) writes it.
CheckResult evaluate(const RuleInstance& rule, const std::vector<Operand>& values, const OperandTexts& texts,
                     std::string& left, std::string& right);
// The same with the texts made for this call alone (none written when `left` and `right` are
// null); `printed` as OperandTexts takes it.
CheckResult evaluate(const RuleInstance& rule, const std::vector<Operand>& values, std::string* left = nullptr,
                     std::string* right = nullptr, const std::vector<std::string_view>* printed = nullptr);

// Whether `text` is a whole number as a check renders its value (number_value of it): an
// optional '-', then "0" or up to max_self_rendered_digits digits without a leading zero.
bool renders_as_itself(std::string_view text);

}  // namespace nianbao::schema
