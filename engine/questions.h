// engine/questions: the analyst's questions in one command each, over the corpus database —
// one agency's two years side by side (diff) and sums of cells by province / city / year
// (aggregate). Both read the primary form of each report (the most complete one).
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "engine/database.h"

namespace nianbao::engine {

// One cell of an agency's two reports: its labels in the format and each year's value.
struct DiffRow {
  std::string cell, row_label, column_label;
  std::string before, after;              // the numbers ("" unless the state is number)
  std::string before_state, after_state;  // number | blank | dash | ambiguous | absent
  std::string change;                     // after − before, when both are numbers
};

struct DiffResult {
  std::string agency, division;     // as the later report names it
  int before_year = 0, after_year = 0;
  std::string before_source, after_source;
  std::string before_report, after_report;  // stable report ids
  std::vector<DiffRow> rows;  // every cell of either report, in template order
};

// Finds the agency as audit groups agencies (metadata::agency_key: division and name without its
// places): by its name or an alias (洪泽区人民政府 = 淮安市洪泽区人民政府, matched after NFKC folding,
// whole or as the end of a longer name), by its division code (320813) when one agency there has
// reports, or by its key ("320813/人民政府"). A name that matches several agencies, or none, and a
// year without a report of the agency, is a UsageError naming the choices.
DiffResult diff(Database& db, const std::string& agency, int before_year, int after_year);
void print_diff_csv(const DiffResult& d, std::ostream& out);
void print_diff_json(const DiffResult& d, std::ostream& out);

// What to sum and how to group.
struct AggregateQuery {
  std::vector<std::string> by = {"province", "year"};  // of: province, city, county, division, agency, year, template
  std::vector<std::string> cells;  // cell ids or prefixes ("t3.new_received"); empty = every canonical cell
  std::string year;                // only this year, "" = all
  bool by_sum = false;             // largest sum first (else by group, then cell in template order)
};

// One group × cell: reports in the group, those whose value is a number (summed), those whose
// format has the cell but that give no number (blank, dash, ambiguous, unread: missing), and
// the sum.
struct AggregateRow {
  std::vector<std::string> group;
  std::string cell;
  std::size_t reports = 0, values = 0, missing = 0;
  std::string sum;
};

// The group columns that may be named in AggregateQuery::by.
const std::vector<std::string>& aggregate_groups();
// Throws UsageError for an unknown group column or a cell that matches no canonical cell.
std::vector<AggregateRow> aggregate(Database& db, const AggregateQuery& query);
void print_aggregate_csv(const AggregateQuery& query, const std::vector<AggregateRow>& rows, std::ostream& out);

}  // namespace nianbao::engine
