// engine/export: the indexed corpus as tables — one row per report (wide CSV), one row per
// cell (long CSV), or OpenSearch/Elasticsearch bulk documents (NDJSON).
#pragma once

#include <iosfwd>
#include <string>

#include "engine/database.h"

namespace nianbao::engine {

// The exports hold one row per report (its primary form, the most complete) unless `all_forms`.
//
// One row per report: report (the stable id), path, source, url, retrieved, published, agency,
// division, province, city, county, year, template, cells_expected/read/ambiguous/unread,
// failed_checks, failed_rules (by name), undetermined, corrected, then per template table its
// <table-read> counts ("t3:expected", "t3:read", "t3:blank", "t3:dash", "t3:ambiguous",
// "t3:unread"; empty when the report has no such table in its format), then one column per
// canonical cell with its number (empty when blank, dash, ambiguous or absent); with `states`,
// a column "<cell>:state" after each.
void export_wide_csv(Database& db, std::ostream& out, bool states, bool all_forms = false);
// One row per cell: report, cell, value, state, raw, unit, note, replaced, line, page (where in
// the source it was read; empty when unknown or not paged), source, url.
void export_long_csv(Database& db, std::ostream& out, bool all_forms = false);
// One row per check: report, agency, year, rule, scope, result, left, right, source, url.
void export_checks_csv(Database& db, std::ostream& out, bool all_forms = false);
// One row per canonical cell of the templates: cell, template, table, row and column labels (in
// Chinese, as the format prints them), unit.
void export_codebook_csv(std::ostream& out);
// OpenSearch/Elasticsearch _bulk body: one document per report, and per sentence when asked.
void export_ndjson(Database& db, std::ostream& out, const std::string& index, bool sentences);
// The document key of a cell in the bulk documents: "t3.new_received[total]" → "t3_new_received__total".
std::string ndjson_cell_key(const std::string& cell);

}  // namespace nianbao::engine
