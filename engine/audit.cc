// `nianbao audit --db corpus.db`: the cross-year rules of the templates (spec §5.2: S1
// carried_over(Y) = carried_forward(Y−1), S2 in_force(Y) = in_force(Y−1) + issued(Y) −
// repealed(Y)) over the indexed reports of each agency. Findings are data, not errors.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>

#include "engine/audit.h"
#include "engine/formats.h"
#include "model/errors.h"
#include "normalize/normalize.h"
#include "schema/rules.h"
#include "schema/template.h"

namespace nianbao::engine {

namespace {

struct AuditReport {
  std::int64_t id = 0;
  std::string agency, template_id, source;
  int year = 0;
  std::map<std::string, std::string> numbers;  // cell → number, for the cells the rules read
  std::size_t copies = 0;  // other reports of the same agency and year with the same numbers
};

// Reports of one agency and year whose numbers are identical (copies of a report, or the same
// report as HTML and as PDF text) are audited once: pairs stay few and findings are not repeated.
void collapse_copies(std::vector<AuditReport>& reports) {
  std::vector<AuditReport> distinct;
  for (AuditReport& r : reports) {
    auto same = std::find_if(distinct.begin(), distinct.end(),
                             [&](const AuditReport& d) { return d.numbers == r.numbers && d.template_id == r.template_id; });
    if (same != distinct.end()) ++same->copies;
    else distinct.push_back(std::move(r));
  }
  reports = std::move(distinct);
}

std::string number_text(double x) {
  char buf[64];
  if (std::fabs(x - std::round(x)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", x);
  else std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

const std::string* number(const AuditReport& r, const std::string& cell) {
  const auto it = r.numbers.find(cell);
  return it == r.numbers.end() ? nullptr : &it->second;
}

void load_numbers(Statement& q, const std::set<std::string>& wanted, AuditReport& r) {
  q.bind(1, r.id);
  while (q.step())
    if (wanted.count(q.text(0))) r.numbers[q.text(0)] = q.text(1);
  q.reset();
}

// One cross-year rule instance of a template, as its rule text.
struct CrossYearRule {
  std::string id;
  schema::RuleText text;
};

// The cross-year rules of every template (by template id), and the cells they read.
struct CrossYearRules {
  std::map<std::string, std::vector<CrossYearRule>> by_template;
  std::set<std::string> cells;
};

CrossYearRules cross_year_rules() {
  CrossYearRules out;
  for (const schema::Template& t : schema::templates())
    for (const schema::RuleDef& rule : t.rules) {
      if (!rule.cross_year) continue;
      for (schema::RuleText& text : schema::rule_texts(t, rule)) {
        for (const auto* side : {&text.left, &text.right})
          for (const schema::RuleTerm& term : *side) out.cells.insert(term.cell);
        out.by_template[t.id].push_back({rule.id, std::move(text)});
      }
    }
  return out;
}

// A cell as a finding names it: without its table's id ("t3.carried_over[total]" →
// "carried_over[total]").
std::string short_name(const schema::Template& t, const std::string& cell) {
  const int i = t.cell_of(cell);
  if (i < 0) return cell;
  const std::string prefix = t.tables[t.cell_refs[i].table].id + ".";
  return cell.starts_with(prefix) ? cell.substr(prefix.size()) : cell;
}

// One side of a rule with the numbers of the two years: its value, what it prints as, and
// its terms with their years ("in_force(2023) + issued(2024)") and values ("10 + 2").
struct Side {
  bool known = true;
  double value = 0;
  std::string shown, terms, numbers;
};

Side side(const std::vector<schema::RuleTerm>& terms, const schema::Template& t, const AuditReport& prev,
          const AuditReport& cur) {
  Side s;
  for (std::size_t k = 0; k < terms.size(); ++k) {
    const schema::RuleTerm& term = terms[k];
    const std::string* n = number(term.previous ? prev : cur, term.cell);
    const std::string op = k == 0 ? (term.sign < 0 ? "−" : "") : (term.sign < 0 ? " − " : " + ");
    s.terms += op + short_name(t, term.cell) + "(" + std::to_string(term.previous ? prev.year : cur.year) + ")";
    if (!n) {
      s.known = false;
      continue;
    }
    s.value += term.sign * std::stod(*n);
    s.numbers += op + *n;
    if (terms.size() == 1 && term.sign > 0) s.shown = *n;
  }
  if (s.shown.empty()) s.shown = number_text(s.value);
  return s;
}

// The scope as a finding names it: a column key, or a row id without its table's id.
std::string scope_name(const std::string& scope, const std::string& table_prefix) {
  return scope.starts_with(table_prefix) ? scope.substr(table_prefix.size()) : scope;
}

void check_pair(const AuditReport& prev, const AuditReport& cur, const CrossYearRules& rules, AuditResult& out) {
  const schema::Template* t = schema::find_template(cur.template_id);
  const schema::Template* before = schema::find_template(prev.template_id);
  const auto mine = rules.by_template.find(cur.template_id);
  if (!t || !before || mine == rules.by_template.end()) return;
  for (const CrossYearRule& rule : mine->second) {
    const schema::RuleText& text = rule.text;
    // The previous year's format must have the cells the rule reads from it.
    auto in_previous_format = [&](const std::vector<schema::RuleTerm>& terms) {
      return std::all_of(terms.begin(), terms.end(),
                         [&](const schema::RuleTerm& r) { return !r.previous || before->cell_of(r.cell) >= 0; });
    };
    if (!in_previous_format(text.left) || !in_previous_format(text.right)) continue;
    const Side left = side(text.left, *t, prev, cur), right = side(text.right, *t, prev, cur);
    if (!left.known || !right.known) {
      ++out.undetermined;
      continue;
    }
    if (schema::sums_equal(left.value, right.value)) {
      ++out.chained;
      continue;
    }
    auto shown = [](const Side& s, std::size_t n) { return s.terms + " = " + (n > 1 ? s.numbers + " = " : "") + s.shown; };
    const std::string first_cell = text.left.empty() ? "" : text.left.front().cell;
    const int i = t->cell_of(first_cell);
    const std::string prefix = i < 0 ? "" : t->tables[t->cell_refs[i].table].id + ".";
    out.findings.push_back({rule.id, cur.agency, cur.year, scope_name(text.scope, prefix), right.shown, left.shown,
                            shown(left, text.left.size()) + " ≠ " + shown(right, text.right.size()), cur.source,
                            prev.source, cur.copies, prev.copies});
  }
}

}  // namespace

AuditResult audit(Database& d) {
  AuditResult out;
  // Agencies match on their extracted name, folded (NFKC, whitespace removed): "淮安市 人民政府"
  // and "淮安市人民政府" are one agency; "淮安市政府" is another.
  std::map<std::string, std::map<int, std::vector<AuditReport>>> agencies;
  Statement all = d.prepare("SELECT id, agency, year, template, source FROM reports ORDER BY id");
  while (all.step()) {
    if (all.is_null(1) || all.text(1).empty() || all.is_null(2)) {
      ++out.skipped_reports;
      continue;
    }
    AuditReport r;
    r.id = all.integer(0);
    r.agency = all.text(1);
    r.year = static_cast<int>(all.integer(2));
    r.template_id = all.text(3);
    r.source = all.text(4);
    agencies[normalize::fold(r.agency)][r.year].push_back(std::move(r));
  }
  out.agencies = agencies.size();
  const CrossYearRules rules = cross_year_rules();
  Statement cells = d.prepare("SELECT cell, value FROM cells WHERE report = ? AND state = 'number'");
  for (auto& [key, years] : agencies) {
    for (auto& [year, reports] : years) {
      for (AuditReport& r : reports) load_numbers(cells, rules.cells, r);
      collapse_copies(reports);
    }
    for (const auto& [year, reports] : years) {
      const auto prev = years.find(year - 1);
      if (prev == years.end()) continue;
      for (const AuditReport& p : prev->second)
        for (const AuditReport& c : reports) {
          ++out.pairs;
          check_pair(p, c, rules, out);
        }
    }
    years.clear();  // keep only one agency's cells in memory
  }
  return out;
}

void print_audit(const AuditResult& r, std::ostream& out) {
  out << "nianbao audit: " << r.agencies << " agencies, " << r.pairs << " consecutive-year report pairs; "
      << r.chained << " rule instances chain, " << r.findings.size() << " do not, " << r.undetermined
      << " undetermined (a cell missing, blank, dash or ambiguous)";
  if (r.skipped_reports) out << "; " << r.skipped_reports << " reports without agency or year not audited";
  out << '\n';
  std::string agency;
  for (const AuditFinding& f : r.findings) {
    if (f.agency != agency) out << '\n' << (agency = f.agency) << '\n';
    auto copies = [](std::size_t n) { return n ? " +" + std::to_string(n) + " identical" : std::string(); };
    out << "  " << f.year - 1 << "→" << f.year << "  " << f.rule << ' ' << f.scope << ": " << f.formula << "   ("
        << f.source << copies(f.copies) << " after " << f.previous_source << copies(f.previous_copies) << ")\n";
  }
}

void print_audit_json(const AuditResult& r, std::ostream& out) {
  out << "{\"agencies\": " << r.agencies << ", \"pairs\": " << r.pairs << ", \"chained\": " << r.chained
      << ", \"undetermined\": " << r.undetermined << ", \"skipped_reports\": " << r.skipped_reports
      << ", \"findings\": [";
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const AuditFinding& f = r.findings[i];
    out << (i ? ",\n  " : "\n  ") << "{\"rule\": " << json_string(f.rule) << ", \"agency\": " << json_string(f.agency)
        << ", \"year\": " << f.year << ", \"previous_year\": " << f.year - 1 << ", \"scope\": " << json_string(f.scope)
        << ", \"expected\": " << f.expected << ", \"actual\": " << f.actual << ", \"formula\": " << json_string(f.formula)
        << ", \"source\": " << json_string(f.source) << ", \"previous_source\": " << json_string(f.previous_source)
        << ", \"identical_reports\": " << f.copies << ", \"identical_previous_reports\": " << f.previous_copies << "}";
  }
  out << (r.findings.empty() ? "]}\n" : "\n]}\n");
}

}  // namespace nianbao::engine
