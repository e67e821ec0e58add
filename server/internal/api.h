// Internal to server/: the JSON documents of the API, built from the engine's reads. Each
// function answers one route; nothing here knows HTTP.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>

#include <stdexcept>
#include <string>

#include "engine/database.h"

namespace nianbao::server {

using Params = std::multimap<std::string, std::string>;

// /api/facets
std::string facets_json(engine::Database& db);
// /api/search?q=&year=&agency=&template=&province=&city=&completeness=&rule=&failing=1&page=N — hits grouped per report, snippet
// pieces marked as {text, mark}.
std::string search_json(engine::Database& db, const Params& params);
// A request the API refuses: the HTTP status and what to tell the client.
struct HttpError : std::runtime_error {
  int status;
  HttpError(int status_, const std::string& what) : std::runtime_error(what), status(status_) {}
};

// /api/reports/ID: record, cells, checks, and its corrections in the corrections file
// (`corrections`, "" when corrections are off); "" when there is no such report.
std::string report_json(engine::Database& db, std::int64_t id, const std::string& corrections);
// The records of the corrections file for one report id, each with its number `n` in the file.
nlohmann::json corrections_of(const std::string& corrections, const std::string& report_id);
// POST /api/reports/ID/corrections {cell, value, reason, who}: appended to the corrections file,
// the report re-indexed (checks recomputed); answers the new report_json. HttpError when refused.
std::string add_correction_json(engine::Database& db, std::int64_t id, const std::string& corrections,
                                const std::string& body);
// POST /api/reports/ID/corrections/undo {n, cell, value}: that record removed, the report
// re-indexed; answers the new report_json. 409 when the file no longer holds that record.
std::string undo_correction_json(engine::Database& db, std::int64_t id, const std::string& corrections,
                                 const std::string& body);
// PDF pages are shown at this resolution (an A4 page 827 px wide: its 10.5 pt text legible); the
// page scales the boxes of the XML (points) by it.
inline constexpr double page_dpi = 100;
// /api/reports/ID/source: {html, lines, pdf_pages, page_dpi}; "" when there is no such report.
std::string source_json(engine::Database& db, std::int64_t id);
// /api/templates/ID: its tables with their row and column labels; "" for an unknown template.
std::string template_json(const std::string& template_id);
// /api/agencies/NAME?cells=a,b: its reports by year and those cells of each.
std::string agency_json(engine::Database& db, const std::string& agency, const Params& params);


// The largest report file (XML or source) the server reads.
inline constexpr std::size_t max_file_bytes = 64u << 20;

}  // namespace nianbao::server
