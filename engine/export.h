// engine/export: the indexed corpus as tables — one row per report (wide CSV), one row per
// cell (long CSV), or OpenSearch/Elasticsearch bulk documents (NDJSON).
#pragma once

#include <iosfwd>
#include <string>

#include "engine/database.h"

namespace nianbao::engine {

// One row per report: report, path, source, agency, year, template, failed_checks, then one
// column per canonical cell with its number (empty when the cell is blank, dash, ambiguous or
// absent); with `states`, a column "<cell>:state" after each value column.
void export_wide_csv(Database& db, std::ostream& out, bool states);
// One row per cell: report, cell, value, state.
void export_long_csv(Database& db, std::ostream& out);
// OpenSearch/Elasticsearch _bulk body: one document per report, and per sentence when asked.
void export_ndjson(Database& db, std::ostream& out, const std::string& index, bool sentences);
// The document key of a cell in the bulk documents: "t3.new_received[total]" → "t3_new_received__total".
std::string ndjson_cell_key(const std::string& cell);

}  // namespace nianbao::engine
