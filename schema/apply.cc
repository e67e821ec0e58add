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

// The report's text without spaces ("本年新 制作数量" from a cell broken by <br> reads as
// one word): the table cells first (表二's headers are the signals), then the paragraphs,
// which only flattened reports need.
std::string spaceless(const Report& report, bool tables) {
  std::string out;
  for (const Block& b : report.blocks) {
    if ((b.kind == BlockKind::table) != tables) continue;
    auto add = [&](std::string_view t) {
      for (std::size_t from = 0; from < t.size();) {
        const std::size_t space = std::min(t.find(' ', from), t.size());
        out.append(t.substr(from, space - from));
        from = space + 1;
      }
      out += '\n';
    };
    if (b.kind == BlockKind::paragraph) add(b.text);
    else
      for (const TableRow& r : b.table.rows)
        for (const TableCell& c : r.cells) add(c.text);
  }
  return out;
}

// The format whose signals the report's text holds most often; nullptr when none does.
const Template* detect(const Report& report) {
  const std::string tables = spaceless(report, true);
  std::string paragraphs;
  bool paragraphs_read = false;
  const Template* best = nullptr;
  int best_hits = 0;
  for (const Template& t : templates()) {
    int hits = 0;
    for (const std::string& signal : t.signals) {
      bool found = nz::find_bytes(tables, signal) != std::string::npos;
      if (!found) {
        if (!paragraphs_read) paragraphs = spaceless(report, false);
        paragraphs_read = true;
        found = nz::find_bytes(paragraphs, signal) != std::string::npos;
      }
      hits += found;
    }
    if (hits > best_hits) {
      best = &t;
      best_hits = hits;
    }
  }
  return best;
}

// A rule that fails on values read by OCR may be a misread digit rather than an error of the
// source: each value it reads says so in its note.
void note_ocr_doubt(Report& report, const Template& t, const RuleInstance& r) {
  const std::string doubt = "OCR doubt: " + r.rule + (r.scope.empty() ? "" : " (" + r.scope + ")") +
                            " fails with the values read from the scan";
  for (const auto* side : {&r.left, &r.right})
    for (int i : *side) {
      if (i < 0 || static_cast<std::size_t>(i) >= t.cells.size()) continue;
      for (CellValue& v : report.values)
        if (v.cell == t.cells[i] && v.note.find(doubt) == std::string::npos)
          v.note += (v.note.empty() ? "" : "; ") + doubt;
    }
}

}  // namespace

void apply_template(Report& report, const Limits& limits) {
  const Template* t = detect(report);
  report.template_id = t ? t->id : "none";
  if (!t) return;
  Mapping mapping = map_tables(report, *t, limits);
  const std::vector<RuleInstance>& rules = expand_rules(*t, mapping.collapsed);
  auto values = solve(*t, mapping.points, rules, limits.max_split_candidates, mapping.diagnostics);
  // Template order (Template::cells is in it), one value per cell: a row printed twice keeps
  // its first reading.
  // Sort positions, not values: a CellValue is several strings, moved once at the end.
  std::vector<std::size_t> order(values.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a].first < values[b].first; });
  report.values.reserve(values.size());
  std::vector<Operand> operands(t->cells.size());
  std::vector<bool> present(t->cells.size(), false);
  for (std::size_t k : order) {
    const int cell = values[k].first;
    if (present[cell]) continue;
    CellValue& v = values[k].second;
    present[cell] = true;
    if (v.state == ValueState::number) operands[cell] = {true, normalize::number_value(v.number)};
    report.values.push_back(std::move(v));
  }
  for (const RuleInstance& r : rules) {
    bool any = false;
    for (const auto* side : {&r.left, &r.right})
      for (int i : *side) any = any || (i >= 0 && present[i]);
    if (!any) continue;  // the table is not in the report
    Check c;
    c.rule = r.rule;
    c.scope = r.scope;
    c.result = evaluate(r, operands, &c.left, &c.right);
    if (c.result == CheckResult::fail && report.ocr_pages > 0) note_ocr_doubt(report, *t, r);
    report.checks.push_back(std::move(c));
  }
  for (Diagnostic& d : mapping.diagnostics) report.diagnostics.push_back(std::move(d));
}

}  // namespace nianbao::schema
