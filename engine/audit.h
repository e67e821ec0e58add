// engine/audit: the cross-year chains of one agency's reports (spec §5.2, rules S1/S2): what
// year Y says against what year Y−1 said.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "engine/database.h"

namespace nianbao::engine {

struct AuditFinding {
  std::string rule;   // S1 | S2
  std::string agency;
  int year = 0;       // the later year Y
  std::string scope;  // S1: column key; S2: regulations | normative_docs
  std::string expected;  // what the rule computes from Y−1 (and Y)
  std::string actual;    // what year Y's report says
  std::string formula;   // the numbers, e.g. "carried_over(2024)=3 ≠ carried_forward(2023)=5"
  std::string source, previous_source;
  std::size_t copies = 0, previous_copies = 0;  // other reports with the same numbers (audited once)
};

struct AuditResult {
  std::size_t agencies = 0;     // agencies with at least one report with a year
  std::size_t pairs = 0;        // (Y−1, Y) report pairs of one agency (identical reports once)
  std::size_t chained = 0;      // rule instances that hold
  std::size_t undetermined = 0; // instances with a missing, blank, dash or ambiguous operand
  std::size_t skipped_reports = 0;  // reports without agency or year
  std::vector<AuditFinding> findings;
};

AuditResult audit(Database& db);
void print_audit(const AuditResult& result, std::ostream& out);
void print_audit_json(const AuditResult& result, std::ostream& out);

}  // namespace nianbao::engine
