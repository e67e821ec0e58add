// apply_template: detect the format (§7 signals), map the tables to canonical cells, choose
// among readings with the rules, and write every hard rule's check (blank ≠ 0: a rule with a
// blank, dash or ambiguous operand is undetermined, never failed).
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "normalize/key_search.h"
#include "normalize/normalize.h"
#include "schema/internal/labels.h"
#include "schema/internal/mapper.h"
#include "schema/internal/report_text.h"
#include "schema/internal/rules.h"
#include "schema/internal/solver.h"
#include "schema/schema.h"
#include "schema/template.h"
#include "schema/internal/text_checks.h"
#include "schema/internal/findings.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

// The format whose signals the report's text holds most often, the first of the formats on a
// tie; nullptr when none does. The formats whose years hold the report's are tried first: the
// likely winner's hits found, another format stops at the miss that leaves it unable to reach
// them (a signal missing from the tables is looked for in the whole paragraph text, and a miss
// reads all of it). The order tried does not change the answer.
const Template* detect(const Report& report) {
  const SpacelessText tables = spaceless(report, true);
  SpacelessText paragraphs;
  bool paragraphs_read = false;
  const std::vector<Template>& all = templates();
  const int year = std::atoi(report.year.c_str());
  std::vector<std::size_t> order(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) order[i] = i;
  std::stable_partition(order.begin(), order.end(), [&](std::size_t i) {
    return year > 0 && year >= all[i].first_year && (all[i].last_year == 0 || year <= all[i].last_year);
  });
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t best = none;
  int best_hits = 0;
  for (const std::size_t i : order) {
    const Template& t = all[i];
    // The hits that make t the best so far: more than the best's, as many when t comes first.
    const int needed = best == none ? 1 : i < best ? best_hits : best_hits + 1;
    int hits = 0;
    for (std::size_t k = 0; k < t.signals.size(); ++k) {
      if (hits + static_cast<int>(t.signals.size() - k) < needed) break;  // cannot reach them
      const std::string& signal = t.signals[k];
      bool found = nz::find_bytes(tables.view(), signal) != std::string::npos;
      if (!found) {
        if (!paragraphs_read) paragraphs = spaceless(report, false);
        paragraphs_read = true;
        found = nz::find_bytes(paragraphs.view(), signal) != std::string::npos;
      }
      hits += found;
    }
    if (hits >= needed) best = i, best_hits = hits;
  }
  return best == none ? nullptr : &all[best];
}

// The checks of every rule instance whose table the report has (a cell of it present).
// A rule left undetermined by ambiguous operands that has the same result under every reading
// the solver kept takes that result, with the solver's note.
std::vector<Check> checks_of(const Template& t, const std::vector<RuleInstance>& rules,
                             const std::vector<Operand>& operands, const std::vector<bool>& present,
                             const std::vector<SureResult>& sure = {},
                             const std::vector<std::string_view>* printed = nullptr) {
  std::vector<Check> out;
  out.reserve(rules.size());
  const CheckCellIds cell_id(t);
  const OperandTexts texts(operands, printed);  // a cell is a term of several rules: written once
  for (const RuleInstance& r : rules) {
    bool any = false;
    for (const auto* side : {&r.left, &r.right})
      for (int i : *side) any = any || (i >= 0 && present[i]);
    if (!any) continue;  // the table is not in the report
    Check& c = out.emplace_back();  // built where it stays
    c.rule = r.rule;
    c.scope = r.scope;
    c.result = evaluate(r, operands, texts, c.left, c.right);
    if (c.result == CheckResult::undetermined)
      for (const SureResult& s : sure)
        if (s.rule == static_cast<std::size_t>(&r - rules.data())) c.result = s.result, c.note = s.note;
    c.cells.reserve(r.left.size() + r.right.size());
    for (const auto* side : {&r.left, &r.right})
      for (int i : *side)
        if (i >= 0) c.cells.push_back(cell_id(i));
  }
  return out;
}

// Per template table: its cells under the report's layout, counted by the state they got.
// `state` is per cell of the template (index into Template::cells), null for a cell not read.
std::vector<TableRead> count_table_reads(const Template& t, const CollapsedGroups& collapsed,
                                         const std::vector<const ValueState*>& state) {
  std::vector<TableRead> out;
  for (const TableDef& table : t.tables) {
    std::vector<int> groups;
    for (const std::string& id : collapsed)
      if (const int row = table.find_row(id); row >= 0) groups.push_back(row);
    TableRead tr;
    tr.table = table.id;
    for (int row : table.data_rows(groups))
      for (std::size_t col = 0; col < table.columns.size(); ++col) {
        ++tr.expected;
        const ValueState* it = state[static_cast<std::size_t>(table.cell_at(row, static_cast<int>(col)))];
        if (!it) ++tr.unread;
        else if (*it == ValueState::number) ++tr.read;
        else if (*it == ValueState::blank) ++tr.blank;
        else if (*it == ValueState::dash) ++tr.dash;
        else ++tr.ambiguous;
      }
    out.push_back(std::move(tr));
  }
  return out;
}

// A report of the genre prints at least this many row labels of a format's tables (表三 alone
// has 25): fewer is a text that mentions one, not a report in the format.
constexpr int min_label_hits = 5;
// Only labels of three ideographs or more count: "其他", "总计", "合计" are in any table.
constexpr std::size_t min_identifying_label_bytes = 9;

// The built-in formats' row labels that may identify a format, sorted, each once (the formats
// share most of their labels), with their search: made once.
const nz::KeySearch& identifying_labels() {
  static const nz::KeySearch search = [] {
    std::vector<std::string> keys;
    for (const Template& t : templates())
      for (const TableDef& table : t.tables)
        for (const RowDef& row : table.rows)
          for (const std::string& k : row.keys)
            if (k.size() >= min_identifying_label_bytes) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return nz::KeySearch(std::move(keys));
  }();
  return search;
}

// Without the signal headers (a report printing only 表三 and 表四, or a damaged 表二): the
// format whose row labels the report prints, counting only the labels one format has alone;
// where the formats share what the report prints, the one whose years hold the report's year.
const Template* detect_by_tables(const ReportText& keyed, std::string& how) {
  const Report& report = keyed.report();
  const int year = std::atoi(report.year.c_str());
  auto in_years = [&](const Template& t) {
    return year >= t.first_year && (t.last_year == 0 || year <= t.last_year);
  };
  // A report of a year no format covers (a 2011 report) gets none whatever its text prints:
  // below, such a format is passed over. Its paragraphs are not keyed nor searched.
  if (year > 0 && std::none_of(templates().begin(), templates().end(), in_years)) return nullptr;
  std::string text;
  for (const Block& b : report.blocks) {
    if (b.kind == BlockKind::paragraph) text.append(keyed.block_key(static_cast<std::size_t>(&b - report.blocks.data()))) += '\n';
    else
      for (const TableRow& r : b.table().rows)
        for (const TableCell& c : r.cells) text.append(label_key(c.text)) += '\n';
  }
  const nz::KeySearch& search = identifying_labels();
  const std::vector<std::string>& keys = search.keys();
  std::vector<bool> printed(keys.size());
  search.mark(text, printed);
  auto is_printed = [&](std::string_view k) {
    return printed[std::lower_bound(keys.begin(), keys.end(), k) - keys.begin()];
  };
  std::vector<std::vector<std::string>> found(templates().size());
  for (std::size_t i = 0; i < templates().size(); ++i)
    for (const TableDef& table : templates()[i].tables)
      for (const RowDef& row : table.rows)
        for (const std::string& k : row.keys)
          if (k.size() >= min_identifying_label_bytes && is_printed(k) &&
              std::find(found[i].begin(), found[i].end(), k) == found[i].end())
            found[i].push_back(k);
  const Template* best = nullptr;
  int best_own = -1;
  bool tie = false;
  for (std::size_t i = 0; i < templates().size(); ++i) {
    if (static_cast<int>(found[i].size()) < min_label_hits) continue;
    if (year > 0 && !in_years(templates()[i])) continue;  // a 2018 report is in no format
    int own = 0;  // labels no other format has
    for (const std::string& k : found[i]) {
      bool shared = false;
      for (std::size_t j = 0; j < templates().size(); ++j)
        for (const TableDef& table : templates()[j].tables)
          for (const RowDef& row : table.rows)
            shared = shared || (j != i && std::find(row.keys.begin(), row.keys.end(), k) != row.keys.end());
      own += !shared;
    }
    if (own > best_own) best = &templates()[i], best_own = own, tie = false;
    else if (own == best_own) tie = true;
  }
  if (!best) return nullptr;
  how = best->id + ": its signal headers are absent; identified by " + std::to_string(found[best - &templates()[0]].size()) +
        " of its row labels";
  if (!tie) return best;
  for (const Template& t : templates())
    if (found[&t - &templates()[0]].size() >= static_cast<std::size_t>(min_label_hits) && year > 0 && in_years(t)) {
      how = t.id + ": its signal headers are absent; its row labels are printed and the report's year " + report.year +
            " is one of its years";
      return &t;
    }
  how.clear();
  return nullptr;  // the tables fit several formats and the year says nothing: not guessed
}

void apply_with(Report& report, const Template& format, const Limits& limits, const ReportText& text);

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

// What the solver found certain under every reading (a check's note says so) stands after a
// recheck as long as no operand of it was corrected: the readings are not in the values.
void keep_sure_results(Report& report, const std::vector<Check>& before) {
  std::set<std::string> corrected;
  for (const CellValue& v : report.values)
    if (!v.replaced.empty()) corrected.insert(v.cell);
  for (Check& c : report.checks) {
    if (c.result != CheckResult::undetermined) continue;
    for (const Check& old : before)
      if (!old.note.empty() && old.rule == c.rule && old.scope == c.scope && old.cells == c.cells &&
          std::none_of(c.cells.begin(), c.cells.end(), [&](const std::string& id) { return corrected.count(id) > 0; }))
        c.result = old.result, c.note = old.note;
  }
}

}  // namespace

void apply_template(Report& report, const Limits& limits) {
  const ReportText text(report);  // blocks and sections stay as they are below: values, checks and diagnostics are written
  const Template* t = detect(report);
  if (!t) {
    std::string how;
    t = detect_by_tables(text, how);
    if (t) report.diagnostics.push_back({Severity::info, "template.by-tables", how, {}});
  }
  if (t) apply_with(report, *t, limits, text);
  else report.template_id = "none";
}

void apply_template(Report& report, const Template& format, const Limits& limits) {
  apply_with(report, format, limits, ReportText(report));
}

namespace {

void apply_with(Report& report, const Template& format, const Limits& limits, const ReportText& text) {
  const Template* t = &format;
  report.template_id = t->id;
  Mapping mapping = map_tables(text, *t, limits);
  const std::vector<RuleInstance>& rules = expand_rules(*t, mapping.collapsed);
  std::vector<SureResult> sure;
  // The values go where they stay, in template order (Template::cells is in it), one per cell.
  const std::size_t base = report.values.size();
  std::vector<int> kept;  // the cell of each value solved, in report.values' order
  std::vector<Operand> read;  // each solved value's number, as the solver read it
  solve(*t, mapping.points, rules, limits.max_split_candidates, mapping.diagnostics, report.values, kept, &sure, &read);
  std::vector<Operand> operands(t->cells.size());
  std::vector<std::string_view> printed(t->cells.size());  // each operand's text, written again by its checks
  std::vector<bool> present(t->cells.size(), false);
  for (std::size_t i = 0; i < kept.size(); ++i) {
    present[kept[i]] = true;
    const CellValue& v = report.values[base + i];
    if (v.state == ValueState::number) operands[kept[i]] = read[i], printed[kept[i]] = v.number;
  }
  std::vector<const CellValue*> first(t->cells.size(), nullptr);  // a cell's first value
  for (std::size_t i = 0; i < base; ++i)
    if (const int cell = t->cell_of(report.values[i].cell); cell >= 0 && !first[cell]) first[cell] = &report.values[i];
  for (std::size_t i = 0; i < kept.size(); ++i)
    if (!first[kept[i]]) first[kept[i]] = &report.values[base + i];
  std::vector<const ValueState*> state(t->cells.size(), nullptr);
  for (std::size_t c = 0; c < first.size(); ++c)
    if (first[c]) state[c] = &first[c]->state;
  report.table_reads = count_table_reads(*t, mapping.collapsed, state);
  report.checks = checks_of(*t, rules, operands, present, sure, &printed);
  const std::vector<Statement> statements = find_statements(text, *t);
  hint_by_text(*t, statements, report.values);
  for (Check& c : text_checks(*t, statements, first)) report.checks.push_back(std::move(c));
  for (Check& c : findings_of(text, *t)) report.checks.push_back(std::move(c));
  if (report.ocr_pages > 0)
    for (const RuleInstance& r : rules)
      if (evaluate(r, operands) == CheckResult::fail) note_ocr_doubt(report, *t, r);
  for (Diagnostic& d : mapping.diagnostics) report.diagnostics.push_back(std::move(d));
}

}  // namespace

void recheck(Report& report) {
  const Template* t = nullptr;
  for (const Template& candidate : templates())
    if (candidate.id == report.template_id) t = &candidate;
  const std::vector<Check> before = std::move(report.checks);
  report.checks.clear();
  if (!t) return;
  std::vector<Operand> operands(t->cells.size());
  std::vector<bool> present(t->cells.size(), false);
  for (const CellValue& v : report.values) {
    const int cell = t->cell_of(v.cell);
    if (cell < 0 || present[cell]) continue;
    present[cell] = true;
    if (v.state == ValueState::number) operands[cell] = std::stold(v.number);
  }
  // A collapsible group the report printed as one row has its own cells among the values.
  CollapsedGroups collapsed;
  for (const TableDef& table : t->tables)
    for (std::size_t row = 0; row < table.rows.size(); ++row) {
      if (!table.rows[row].collapsible) continue;
      for (std::size_t col = 0; col < table.columns.size(); ++col) {
        const int cell = table.cell_at(static_cast<int>(row), static_cast<int>(col));
        if (cell >= 0 && present[cell]) {
          collapsed.push_back(table.rows[row].id);
          break;
        }
      }
    }
  report.checks = checks_of(*t, expand_rules(*t, collapsed), operands, present);
  keep_sure_results(report, before);
  for (Check& c : text_checks(*t, find_statements(report, *t), report.values)) report.checks.push_back(std::move(c));
  // The findings read the report's sections, which a corrected value does not change.
  for (const Check& c : before)
    if (is_finding(*t, c.rule)) report.checks.push_back(c);
}

}  // namespace nianbao::schema
