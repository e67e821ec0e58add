// Rule expansion (for-each column/row, group sums) and evaluation with blank ≠ 0.
#include "schema/internal/rules.h"

#include <algorithm>
#include <map>
#include <set>
#include <cmath>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <cctype>
#include <tuple>

#include "model/long_lived.h"

namespace nianbao::schema {
namespace {

bool is_cell_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '[' || c == ']' || c == '$';
}

// A cell id at `at` (advanced past it); "" when none starts there.
std::string cell_id_at(std::string_view s, std::size_t& at) {
  const std::size_t start = at;
  while (at < s.size() && is_cell_char(s[at])) ++at;
  return std::string(s.substr(start, at - start));
}

// One side of a rule: terms joined by + and -.
std::vector<RuleTerm> parse_side(std::string_view side) {
  std::vector<RuleTerm> out;
  int sign = 1;
  bool expect_term = true;
  constexpr std::string_view previous = "previous(";
  for (std::size_t at = 0; at < side.size();) {
    const char c = side[at];
    if (c == ' ' || c == '\t' || c == '\n') {
      ++at;
    } else if (c == '+' || c == '-') {
      if (expect_term) throw TemplateError(std::string("'") + c + "' where a cell was expected");
      sign = c == '+' ? 1 : -1;
      expect_term = true;
      ++at;
    } else {
      if (!expect_term) throw TemplateError("two terms without + or - between them");
      RuleTerm term{"", sign, side.substr(at).starts_with(previous)};
      if (term.previous) at += previous.size();
      term.cell = cell_id_at(side, at);
      if (term.cell.empty()) throw TemplateError("unexpected '" + std::string(side.substr(at, 1)) + "' in a rule");
      if (term.previous && (at >= side.size() || side[at++] != ')')) throw TemplateError("previous( without its ')'");
      out.push_back(std::move(term));
      expect_term = false;
    }
  }
  if (expect_term) throw TemplateError(out.empty() ? "a side of the rule is empty" : "a rule ends with + or -");
  return out;
}

std::string substitute(std::string s, const std::string& var, const std::string& value) {
  for (std::size_t at; (at = s.find(var)) != std::string::npos;) s.replace(at, var.size(), value);
  return s;
}

// A rule term's cells: the cell itself, or, for a group not printed as one row, the cells
// of its data rows (recursively).
void expand_term(const Template& t, int cell, const CollapsedGroups& collapsed, std::vector<int>& out) {
  if (cell < 0) {
    out.push_back(-1);  // a term the template does not know: never satisfied
    return;
  }
  const Template::CellRef ref = t.cell_refs[cell];
  const TableDef& table = t.tables[ref.table];
  const RowDef& row = table.rows[ref.row];
  const bool is_collapsed = std::find(collapsed.begin(), collapsed.end(), row.id) != collapsed.end();
  if (!row.group || is_collapsed) {
    out.push_back(cell);
    return;
  }
  for (int r = 0; r < static_cast<int>(table.rows.size()); ++r)
    if (table.rows[r].parent == ref.row) expand_term(t, table.cell_at(r, ref.col), collapsed, out);
}

// A sum this close to an integer is written as that integer: the additions of decimal cells
// leave errors far below it, and no report prints a fraction this small.
constexpr long double integral_tolerance = 1e-9;

// A sum or term as a check shows it, written at `out` (room for OperandTexts::room bytes at
// least; none needs more); its size returned.
std::size_t render_into(char* out, long double v) {
  char* const end = out + OperandTexts::room;
  // A whole number (nearly every cell) is written without the rounding calls below, which give
  // it the same digits. Below 2^53 it is tested through double: a long double converted to an
  // integer goes through the x87 unit, which changes its rounding mode and back and waits on its
  // own store (measured: 6.6 % of a text extract's time, for 1 % of its instructions); a double
  // is truncated by one SSE2 instruction. Exact: such a v is a double, and n its value.
  constexpr long double exact_in_double = 9007199254740992.0L;  // 2^53
  if (std::fabs(v) < exact_in_double) {
    const double d = static_cast<double>(v);
    const auto n = static_cast<long long>(d);
    if (static_cast<long double>(d) == v && static_cast<double>(n) == d)
      return static_cast<std::size_t>(std::to_chars(out, end, n).ptr - out);
  }
  constexpr long double exact_integers = 9.0e18L;  // within long long
  if (std::fabs(v) < exact_integers && v == static_cast<long double>(static_cast<long long>(v)))
    return static_cast<std::size_t>(std::to_chars(out, end, static_cast<long long>(v)).ptr - out);
  if (std::fabs(v - std::round(v)) < integral_tolerance)
    return static_cast<std::size_t>(std::to_chars(out, end, static_cast<long long>(std::llround(v))).ptr - out);
  char buf[64];  // "%.10g" of a double: 17 characters at most ("-1.234567891e+308")
  const int n = std::snprintf(buf, sizeof buf, "%.10g", static_cast<double>(v));
  const std::size_t size = std::min(static_cast<std::size_t>(std::max(0, n)), OperandTexts::room);
  std::memcpy(out, buf, size);
  return size;
}

// A whole number of at most this many digits is exact in a double (below 2^53 ≈ 9.007e15), so
// render_into writes its value with the digits it was read from.
constexpr std::size_t max_self_rendered_digits = 15;

// The hard rules (one report) as sums over cell indices: a subtracted term moves to the
// other side (a = b - c is checked as a + c = b).
std::vector<RuleInstance> expand(const Template& t, const CollapsedGroups& collapsed) {
  std::vector<RuleInstance> out;
  for (const RuleDef& rule : t.rules) {
    if (rule.cross_year) continue;
    for (const RuleText& text : rule_texts(t, rule, collapsed)) {
      RuleInstance inst;
      inst.rule = rule.id;
      inst.scope = text.scope;
      for (const auto& [terms, same, other] : {std::tuple{&text.left, &inst.left, &inst.right},
                                               std::tuple{&text.right, &inst.right, &inst.left}})
        for (const RuleTerm& term : *terms) expand_term(t, t.cell_of(term.cell), collapsed, term.sign > 0 ? *same : *other);
      if (!inst.left.empty() && inst.left.front() >= 0) inst.table = t.tables[t.cell_refs[inst.left.front()].table].id;
      out.push_back(std::move(inst));
    }
  }
  return out;
}

}  // namespace

std::vector<RuleText> rule_texts(const Template& t, const RuleDef& rule, const CollapsedGroups& collapsed) {
  const std::size_t eq = rule.expression.find('=');
  if (eq == std::string::npos || rule.expression.find('=', eq + 1) != std::string::npos)
    throw TemplateError("a rule has exactly one '='");
  std::string var;
  std::vector<std::string> scopes;
  if (!rule.for_each.empty()) {
    const std::size_t colon = rule.for_each.find(':');
    const std::string kind = rule.for_each.substr(0, colon);
    const TableDef* table = colon == std::string::npos ? nullptr : t.table(rule.for_each.substr(colon + 1));
    if (!table || (kind != "column" && kind != "row"))
      throw TemplateError("for-each \"" + rule.for_each + "\" is not column:TABLE or row:TABLE of this template");
    if (kind == "column") {
      var = "$c";
      for (const ColumnDef& c : table->columns) scopes.push_back(c.key);
    } else {
      var = "$r";
      std::vector<int> groups;
      for (const std::string& g : collapsed) {
        const int i = table->find_row(g);
        if (i >= 0) groups.push_back(i);
      }
      for (int r : table->data_rows(groups)) scopes.push_back(table->rows[r].id);
    }
  } else {
    scopes.emplace_back();
  }
  const std::string lhs = rule.expression.substr(0, eq), rhs = rule.expression.substr(eq + 1);
  std::vector<RuleText> out;
  for (const std::string& scope : scopes)
    out.push_back({scope, parse_side(var.empty() ? lhs : substitute(lhs, var, scope)),
                   parse_side(var.empty() ? rhs : substitute(rhs, var, scope))});
  return out;
}

namespace {

// The instances expand_rules made on this thread, by template serial and layout; never erased.
struct KeptRules {
  std::map<std::string, std::vector<RuleInstance>> by_layout;
  std::set<const std::vector<RuleInstance>*> addresses;  // of the vectors in by_layout
};
KeptRules& kept_rules() {
  thread_local KeptRules kept;
  return kept;
}

}  // namespace

const std::vector<RuleInstance>& expand_rules(const Template& t, const CollapsedGroups& collapsed) {
  KeptRules& kept = kept_rules();
  std::string key = std::to_string(t.serial);
  for (const std::string& g : collapsed) key += "|" + g;
  auto it = kept.by_layout.find(key);
  if (it == kept.by_layout.end()) {
    const LongLivedAllocations kept_across_reports;
    it = kept.by_layout.emplace(key, expand(t, collapsed)).first;
    kept.addresses.insert(&it->second);
  }
  return it->second;
}

bool rules_kept(const std::vector<RuleInstance>& rules) { return kept_rules().addresses.count(&rules) > 0; }

RuleIndex::RuleIndex(const std::vector<RuleInstance>& rule_list, std::size_t cells) : start(cells + 1, 0), ruled(cells, false) {
  auto each = [&](auto&& f) {
    for (int r = 0; r < static_cast<int>(rule_list.size()); ++r) {
      const RuleInstance& rule = rule_list[r];
      if (std::any_of(rule.left.begin(), rule.left.end(), [](int i) { return i < 0; }) ||
          std::any_of(rule.right.begin(), rule.right.end(), [](int i) { return i < 0; }))
        continue;
      for (const auto* side : {&rule.left, &rule.right})
        for (int i : *side) f(static_cast<std::size_t>(i), r);
    }
  };
  each([&](std::size_t i, int) { ++start[i + 1]; });
  for (std::size_t c = 0; c < cells; ++c) start[c + 1] += start[c];
  rules.resize(start[cells]);
  std::vector<std::size_t> at(start.begin(), start.end() - 1);
  each([&](std::size_t i, int r) { rules[at[i]++] = r; });
  for (const RuleInstance& r : rule_list)
    for (const auto* side : {&r.left, &r.right})
      for (int i : *side)
        if (i >= 0) ruled[i] = true;
}

const RuleIndex& rule_index(const std::vector<RuleInstance>& rules, std::size_t cells, std::optional<RuleIndex>& local) {
  if (!rules_kept(rules)) return local.emplace(rules, cells);
  thread_local std::map<std::pair<const std::vector<RuleInstance>*, std::size_t>, RuleIndex> kept;
  const auto key = std::pair{&rules, cells};
  auto it = kept.find(key);
  if (it == kept.end()) {
    const LongLivedAllocations kept_across_reports;
    it = kept.emplace(key, RuleIndex(rules, cells)).first;
  }
  return it->second;
}

namespace {

// renders_as_itself, and when it holds, the text copied to `out` (room for 16 bytes): one walk
// over its digits for both.
bool copy_if_self_rendered(std::string_view text, char* out) {
  const std::string_view digits = text.starts_with('-') ? text.substr(1) : text;
  if (digits.empty() || digits.size() > max_self_rendered_digits) return false;
  if (digits[0] == '0') return text == "0" && (out[0] = '0', true);  // "-0" is rendered "0"; "01" is not canonical
  out[0] = text[0];
  bool other = false;  // a byte not a digit
  for (std::size_t k = text.size() - digits.size(); k < text.size(); ++k) {
    out[k] = text[k];
    other |= static_cast<unsigned char>(text[k] - '0') > 9;
  }
  return !other;
}

}  // namespace

bool renders_as_itself(std::string_view text) {
  char unused[max_self_rendered_digits + 1];
  return copy_if_self_rendered(text, unused);
}

OperandTexts::OperandTexts(const std::vector<Operand>& values, const std::vector<std::string_view>* printed)
    : texts_(new Text[values.size()]) {  // not filled: a cell without a number is never read
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) continue;
    Text& t = texts_[i];
    if (printed && copy_if_self_rendered((*printed)[i], t.bytes)) t.size = static_cast<unsigned char>((*printed)[i].size());
    else t.size = static_cast<unsigned char>(render_into(t.bytes, *values[i]));
  }
}

namespace {

// One side's sum; `known` cleared when a term has no number. Without `texts`, that is all.
long double side_sum(const std::vector<int>& terms, const std::vector<Operand>& values, bool& known) {
  long double sum = 0;
  for (int i : terms) {
    const bool ok = i >= 0 && static_cast<std::size_t>(i) < values.size() && values[i];
    known = known && ok;
    if (ok) sum += *values[i];
  }
  return sum;
}

// The terms a side's text is written for in the buffer on the stack; a longer side (no built-in
// rule has one) is written in a string.
constexpr std::size_t stack_side_terms = 24;

// One side's sum, its text written to `text` ("3001+34=3035", "3001+?"): each term's whole
// Text copied after a '+' (a copy of constant size: no call, no branch on the length) and the
// end moved by its size; the text assigned once, at its size.
long double side_written(const std::vector<int>& terms, const std::vector<Operand>& values, const OperandTexts& texts,
                         bool& known, std::string& text) {
  constexpr std::size_t term_room = 1 + sizeof(OperandTexts::Text), sum_room = 1 + OperandTexts::room;
  char local[stack_side_terms * term_room + sum_room];
  std::string longer;
  const std::size_t need = terms.size() * term_room + sum_room;
  char* const buf = need <= sizeof local ? local : (longer.resize(need), longer.data());
  char* at = buf;
  long double sum = 0;
  bool side_known = true;
  for (int i : terms) {
    const bool ok = i >= 0 && static_cast<std::size_t>(i) < values.size() && values[i];
    side_known = side_known && ok;
    const OperandTexts::Text& t = texts.of(i, ok);
    *at = '+';
    std::memcpy(at + 1, &t, sizeof t);
    at += 1 + t.size;
    if (ok) sum += *values[i];
  }
  known = known && side_known;
  if (terms.size() > 1 && side_known) {
    *at++ = '=';
    at += render_into(at, sum);
  }
  text.assign(terms.empty() ? buf : buf + 1, at);  // without the first term's '+'
  return sum;
}

}  // namespace

CheckResult evaluate(const RuleInstance& rule, const std::vector<Operand>& values, const OperandTexts& texts,
                     std::string& left, std::string& right) {
  bool known = true;
  const long double l = side_written(rule.left, values, texts, known, left);
  const long double r = side_written(rule.right, values, texts, known, right);
  if (!known) return CheckResult::undetermined;
  return sums_equal(l, r) ? CheckResult::pass : CheckResult::fail;
}

CheckResult evaluate(const RuleInstance& rule, const std::vector<Operand>& values, std::string* left, std::string* right,
                     const std::vector<std::string_view>* printed) {
  if (left || right) {
    std::string unused;
    return evaluate(rule, values, OperandTexts(values, printed), left ? *left : unused, right ? *right : unused);
  }
  bool known = true;
  const long double l = side_sum(rule.left, values, known);
  const long double r = side_sum(rule.right, values, known);
  if (!known) return CheckResult::undetermined;
  return sums_equal(l, r) ? CheckResult::pass : CheckResult::fail;
}

}  // namespace nianbao::schema
