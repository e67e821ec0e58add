// apply_template: detect the format (§7 signals), map the tables to canonical cells, choose
// among readings with the rules, and write every hard rule's check (blank ≠ 0: a rule with a
// blank, dash or ambiguous operand is undetermined, never failed).
#include <algorithm>
#include <map>

#include "normalize/normalize.h"
#include "schema/mapper.h"
#include "schema/rules.h"
#include "schema/schema.h"
#include "schema/solver.h"
#include "schema/template.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

// The format whose signals the report's text holds most often; nullptr when none does.
const Template* detect(const Report& report) {
  std::string folded;
  for (const Block& b : report.blocks) {
    if (b.kind == BlockKind::paragraph) {
      folded += nz::fold(b.text);
      folded += '\n';
      continue;
    }
    for (const TableRow& r : b.table.rows)
      for (const TableCell& c : r.cells) {
        folded += nz::fold(c.text);
        folded += '\n';
      }
  }
  const Template* best = nullptr;
  int best_hits = 0;
  for (const Template& t : templates()) {
    int hits = 0;
    for (const std::string& s : t.signals)
      if (folded.find(s) != std::string::npos) ++hits;
    if (hits > best_hits) {
      best = &t;
      best_hits = hits;
    }
  }
  return best;
}

std::map<std::string, std::size_t> cell_order(const Template& t) {
  std::map<std::string, std::size_t> order;
  for (const TableDef& table : t.tables)
    for (const RowDef& row : table.rows)
      for (const ColumnDef& col : table.columns) order.emplace(table.cell_id(row, col), order.size());
  return order;
}

}  // namespace

void apply_template(Report& report, const Limits& limits) {
  const Template* t = detect(report);
  report.template_id = t ? t->id : "none";
  if (!t) return;
  Mapping mapping = map_tables(report, *t, limits);
  const std::vector<RuleInstance> rules = expand_rules(*t, mapping.collapsed);
  std::vector<CellValue> values = solve(mapping.points, rules, limits.max_split_candidates, mapping.diagnostics);
  const auto order = cell_order(*t);
  std::stable_sort(values.begin(), values.end(), [&](const CellValue& a, const CellValue& b) {
    const auto ia = order.find(a.cell), ib = order.find(b.cell);
    return (ia == order.end() ? order.size() : ia->second) < (ib == order.end() ? order.size() : ib->second);
  });
  // One value per cell: a row printed twice keeps its first reading.
  values.erase(std::unique(values.begin(), values.end(), [](const CellValue& a, const CellValue& b) { return a.cell == b.cell; }),
               values.end());
  report.values = std::move(values);

  ValueLookup lookup;
  for (const CellValue& v : report.values) {
    Operand o;
    if (v.state == ValueState::number) {
      o.known = true;
      o.value = std::stold(v.number);
    }
    lookup[v.cell] = o;
  }
  for (const RuleInstance& r : rules) {
    bool any = false;
    for (const auto* side : {&r.left, &r.right})
      for (const std::string& id : *side) any |= lookup.count(id) > 0;
    if (!any) continue;  // the table is not in the report
    Check c;
    c.rule = r.rule;
    c.scope = r.scope;
    c.result = evaluate(r, lookup, &c.left, &c.right);
    report.checks.push_back(std::move(c));
  }
  for (Diagnostic& d : mapping.diagnostics) report.diagnostics.push_back(std::move(d));
}

}  // namespace nianbao::schema
