// Internal to server/: the JSON documents of the API, built from the engine's reads. Each
// function answers one route; nothing here knows HTTP.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "engine/database.h"

namespace nianbao::server {

using Params = std::multimap<std::string, std::string>;

// /api/facets
std::string facets_json(engine::Database& db);
// /api/search?q=&year=&agency=&template=&failing=1&page=N — hits grouped per report, snippet
// pieces marked as {text, mark}.
std::string search_json(engine::Database& db, const Params& params);
// /api/reports/ID: record, cells and checks; "" when there is no such report.
std::string report_json(engine::Database& db, std::int64_t id);
// /api/reports/ID/source: {html, lines}; "" when there is no such report.
std::string source_json(engine::Database& db, std::int64_t id);
// /api/agencies/NAME?cells=a,b: its reports by year and those cells of each.
std::string agency_json(engine::Database& db, const std::string& agency, const Params& params);

// The largest report file (XML or source) the server reads.
inline constexpr std::size_t max_file_bytes = 64u << 20;

}  // namespace nianbao::server
