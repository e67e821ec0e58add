// Rule expansion (for-each column/row, group sums) and evaluation with blank ≠ 0.
#include "schema/rules.h"

#include "normalize/normalize.h"

#include <algorithm>
#include <map>
#include <cmath>
#include <charconv>
#include <cstdio>
#include <sstream>

namespace nianbao::schema {
namespace {

std::vector<std::string> split_terms(const std::string& side) {
  std::vector<std::string> out;
  std::stringstream in(side);
  for (std::string t; std::getline(in, t, '+');)
    if (const std::string_view term = normalize::trim(t, " \t\n"); !term.empty()) out.emplace_back(term);
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

std::string render(long double v) {
  char buf[64];
  if (std::fabs(v - std::round(v)) < 1e-9) {
    const auto end = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(std::llround(v))).ptr;
    return std::string(buf, end);
  }
  const int n = std::snprintf(buf, sizeof buf, "%.10g", static_cast<double>(v));
  return std::string(buf, static_cast<std::size_t>(std::max(0, n)));
}

}  // namespace

namespace {

std::vector<RuleInstance> expand(const Template& t, const CollapsedGroups& collapsed) {
  std::vector<RuleInstance> out;
  for (const RuleDef& rule : t.rules) {
    const std::size_t eq = rule.expression.find('=');
    if (eq == std::string::npos) continue;
    const std::string lhs = rule.expression.substr(0, eq), rhs = rule.expression.substr(eq + 1);
    // (variable, value, scope) triples for the for-each clause
    std::vector<std::pair<std::string, std::string>> scopes;  // (substitution, scope)
    std::string var;
    const TableDef* table = nullptr;
    if (!rule.for_each.empty()) {
      const std::size_t colon = rule.for_each.find(':');
      const std::string kind = rule.for_each.substr(0, colon);
      table = t.table(rule.for_each.substr(colon + 1));
      if (!table) continue;
      if (kind == "column") {
        var = "$c";
        for (const ColumnDef& c : table->columns) scopes.emplace_back(c.key, c.key);
      } else if (kind == "row") {
        var = "$r";
        std::vector<int> groups;
        for (const std::string& g : collapsed) {
          const int i = table->find_row(g);
          if (i >= 0) groups.push_back(i);
        }
        for (int r : table->data_rows(groups)) scopes.emplace_back(table->rows[r].id, table->rows[r].id);
      }
    } else {
      scopes.emplace_back("", "");
    }
    for (const auto& [value, scope] : scopes) {
      RuleInstance inst;
      inst.rule = rule.id;
      inst.scope = scope;
      for (const std::string& term : split_terms(var.empty() ? lhs : substitute(lhs, var, value)))
        expand_term(t, t.cell_of(term), collapsed, inst.left);
      for (const std::string& term : split_terms(var.empty() ? rhs : substitute(rhs, var, value)))
        expand_term(t, t.cell_of(term), collapsed, inst.right);
      if (!inst.left.empty() && inst.left.front() >= 0) inst.table = t.tables[t.cell_refs[inst.left.front()].table].id;
      out.push_back(std::move(inst));
    }
  }
  return out;
}

}  // namespace

const std::vector<RuleInstance>& expand_rules(const Template& t, const CollapsedGroups& collapsed) {
  thread_local std::map<std::string, std::vector<RuleInstance>> cache;
  std::string key = t.id;
  for (const std::string& g : collapsed) key += "|" + g;
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, expand(t, collapsed)).first;
  return it->second;
}

CheckResult evaluate(const RuleInstance& rule, const std::vector<Operand>& values, std::string* left, std::string* right) {
  bool known = true;
  auto side = [&](const std::vector<int>& terms, std::string* text) {
    long double sum = 0;
    bool side_known = true;
    std::string rendered;
    for (int i : terms) {
      const bool ok = i >= 0 && static_cast<std::size_t>(i) < values.size() && values[i].known;
      side_known = side_known && ok;
      if (text) rendered += (rendered.empty() ? "" : "+") + (ok ? render(values[i].value) : std::string("?"));
      if (ok) sum += values[i].value;
    }
    known = known && side_known;
    if (text) *text = terms.size() > 1 && side_known ? rendered + "=" + render(sum) : rendered;
    return sum;
  };
  const long double l = side(rule.left, left);
  const long double r = side(rule.right, right);
  if (!known) return CheckResult::undetermined;
  return sums_equal(l, r) ? CheckResult::pass : CheckResult::fail;
}

}  // namespace nianbao::schema
