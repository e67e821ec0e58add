// `nianbao audit --db corpus.db`: the cross-year soft rules of the spec §5.2 over the indexed
// reports of each agency: S1 (carried_over(Y) = carried_forward(Y−1)) and S2 for 2021-format
// years (in_force(Y) = in_force(Y−1) + issued(Y) − repealed(Y)). Findings are data, not errors.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>

#include "engine/audit.h"
#include "engine/formats.h"
#include "model/errors.h"
#include "normalize/normalize.h"

namespace nianbao::engine {

namespace {

const char* const t3_columns[] = {"natural_person", "org_commercial",    "org_research", "org_public_interest",
                                  "org_legal_service", "org_other", "total"};
const char* const t2_rows[] = {"regulations", "normative_docs"};

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

void load_numbers(Statement& q, AuditReport& r) {
  q.bind(1, r.id);
  while (q.step()) r.numbers[q.text(0)] = q.text(1);
  q.reset();
}

void check_pair(const AuditReport& prev, const AuditReport& cur, AuditResult& out) {
  const std::string y = std::to_string(cur.year), py = std::to_string(prev.year);
  auto finding = [&](const char* rule, std::string scope, std::string expected, std::string actual, std::string formula) {
    out.findings.push_back({rule, cur.agency, cur.year, std::move(scope), std::move(expected), std::move(actual),
                            std::move(formula), cur.source, prev.source, cur.copies, prev.copies});
  };
  for (const char* c : t3_columns) {
    const std::string col = c;
    const std::string* over = number(cur, "t3.carried_over[" + col + "]");
    const std::string* forward = number(prev, "t3.carried_forward[" + col + "]");
    if (!over || !forward) {
      ++out.undetermined;
      continue;
    }
    if (std::fabs(std::stod(*over) - std::stod(*forward)) < 1e-9) {
      ++out.chained;
      continue;
    }
    finding("S1", col, *forward, *over,
            "carried_over[" + col + "](" + y + ") = " + *over + " ≠ carried_forward[" + col + "](" + py + ") = " + *forward);
  }
  if (cur.template_id != "gov-2021" || prev.template_id != "gov-2021") return;
  for (const char* x : t2_rows) {
    const std::string base = std::string("t2.art20_1.") + x + ".";
    const std::string* now = number(cur, base + "in_force");
    const std::string* before = number(prev, base + "in_force");
    const std::string* issued = number(cur, base + "issued");
    const std::string* repealed = number(cur, base + "repealed");
    if (!now || !before || !issued || !repealed) {
      ++out.undetermined;
      continue;
    }
    const double expected = std::stod(*before) + std::stod(*issued) - std::stod(*repealed);
    if (std::fabs(expected - std::stod(*now)) < 1e-9) {
      ++out.chained;
      continue;
    }
    finding("S2", x, number_text(expected), *now,
            "in_force(" + y + ") = " + *now + " ≠ in_force(" + py + ") + issued(" + y + ") − repealed(" + y +
                ") = " + *before + " + " + *issued + " − " + *repealed + " = " + number_text(expected));
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
  Statement cells = d.prepare(
      "SELECT cell, value FROM cells WHERE report = ? AND state = 'number' AND "
      "(cell LIKE 't3.carried%' OR cell LIKE 't2.art20\\_1.%' ESCAPE '\\')");
  for (auto& [key, years] : agencies) {
    for (auto& [year, reports] : years) {
      for (AuditReport& r : reports) load_numbers(cells, r);
      collapse_copies(reports);
    }
    for (const auto& [year, reports] : years) {
      const auto prev = years.find(year - 1);
      if (prev == years.end()) continue;
      for (const AuditReport& p : prev->second)
        for (const AuditReport& c : reports) {
          ++out.pairs;
          check_pair(p, c, out);
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
