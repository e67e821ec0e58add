// The API's JSON documents over the engine's reads (search, browse). Report text goes out as
// JSON strings only; the pages put it in the DOM as text.
#include "server/internal/api.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <sstream>

#include "engine/browse.h"
#include "engine/search.h"
#include "extract/extract.h"

namespace nianbao::server {

namespace {

using nlohmann::json;

// Hits per page of the search page, and the facet values listed.
constexpr std::size_t hits_per_page = 50;
constexpr std::size_t facet_values = 30;
// A page number beyond this is refused (the offset would scan the whole index).
constexpr std::size_t max_page = 200;

// Marks that never occur in report text (C0 controls are cleaned out by normalize/).
const engine::Marks snippet_marks{"\x01", "\x02"};

std::string param(const Params& p, const std::string& name) {
  const auto it = p.find(name);
  return it == p.end() ? "" : it->second;
}

std::size_t number_param(const Params& p, const std::string& name, std::size_t fallback) {
  const std::string s = param(p, name);
  std::size_t n = 0;
  const auto [end, err] = std::from_chars(s.data(), s.data() + s.size(), n);
  return (err == std::errc() && end == s.data() + s.size()) ? n : fallback;
}

json snippet_pieces(const std::string& snippet) {
  json out = json::array();
  std::size_t at = 0;
  while (at < snippet.size()) {
    const std::size_t open = snippet.find('\x01', at);
    if (open == std::string::npos) {
      out.push_back({{"text", snippet.substr(at)}, {"mark", false}});
      break;
    }
    if (open > at) out.push_back({{"text", snippet.substr(at, open - at)}, {"mark", false}});
    const std::size_t close = std::min(snippet.find('\x02', open), snippet.size());
    out.push_back({{"text", snippet.substr(open + 1, close - open - 1)}, {"mark", true}});
    at = close + 1;
  }
  return out;
}

json record_json(const engine::ReportRecord& r) {
  return {{"id", r.id},
          {"agency", r.agency},
          {"year", r.year},
          {"template", r.template_id},
          {"title", r.title},
          {"source", r.source},
          {"province", r.province},
          {"city", r.city},
          {"warnings", r.warnings},
          {"failed_checks", r.failed_checks},
          {"cells_expected", r.cells_expected},
          {"cells_read", r.cells_read},
          {"corrected", r.corrected}};
}

json facet_json(const std::vector<engine::FacetValue>& values) {
  json out = json::array();
  for (const auto& v : values) out.push_back({{"value", v.value}, {"count", v.count}});
  return out;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string facets_json(engine::Database& db) {
  const engine::Facets f = engine::corpus_facets(db, facet_values);
  return dump({{"reports", f.reports},
               {"year", facet_json(f.years)},
               {"agency", facet_json(f.agencies)},
               {"template", facet_json(f.templates)},
               {"province", facet_json(f.provinces)},
               {"city", facet_json(f.cities)},
               {"completeness", facet_json(f.completeness)},
               {"failing_rule", facet_json(f.failing_rules)}});
}

std::string search_json(engine::Database& db, const Params& params) {
  engine::SearchQuery q;
  q.text = param(params, "q");
  q.year = param(params, "year");
  q.agency = param(params, "agency");
  q.template_id = param(params, "template");
  q.province = param(params, "province");
  q.city = param(params, "city");
  q.completeness = param(params, "completeness");
  q.failing_rule = param(params, "rule");
  q.failing_only = param(params, "failing") == "1";
  const std::size_t page = std::min(number_param(params, "page", 0), max_page);
  q.limit = hits_per_page + 1;  // one more: is there a next page?
  q.offset = page * hits_per_page;
  std::vector<engine::Hit> hits = engine::search(db, q, snippet_marks);
  const bool more = hits.size() > hits_per_page;
  if (more) hits.resize(hits_per_page);

  // Grouped per report, in the order of each report's best hit.
  json reports = json::array();
  std::vector<std::int64_t> order;
  for (const engine::Hit& h : hits) {
    auto at = std::find(order.begin(), order.end(), h.report);
    if (at == order.end()) {
      order.push_back(h.report);
      const auto rec = engine::find_report(db, h.report);
      json r = rec ? record_json(*rec) : json{{"id", h.report}};
      r["hits"] = json::array();
      reports.push_back(std::move(r));
      at = order.end() - 1;
    }
    reports[static_cast<std::size_t>(at - order.begin())]["hits"].push_back(
        {{"section", h.section}, {"snippet", snippet_pieces(h.snippet)}});
  }
  return dump({{"query", q.text}, {"page", page}, {"more", more}, {"reports", reports}});
}

std::string report_json(engine::Database& db, std::int64_t id, const std::string& corrections) {
  const auto rec = engine::find_report(db, id);
  if (!rec) return "";
  json out = record_json(*rec);
  json cells = json::array();
  for (const auto& c : engine::report_cells(db, id))
    cells.push_back({{"cell", c.cell}, {"value", c.value}, {"state", c.state}, {"raw", c.raw}, {"note", c.note},
                     {"replaced", c.replaced}});
  json checks = json::array();
  for (const auto& c : engine::report_checks(db, id))
    checks.push_back({{"rule", c.rule}, {"scope", c.scope}, {"result", c.result}, {"left", c.left}, {"right", c.right},
                      {"cells", c.cells}});
  out["cells"] = std::move(cells);
  out["checks"] = std::move(checks);
  out["corrections_enabled"] = !corrections.empty();
  out["corrections"] = corrections_of(corrections, rec->report_id);
  return dump(out);
}

std::string source_json(engine::Database& db, std::int64_t id) {
  const auto rec = engine::find_report(db, id);
  if (!rec) return "";
  const engine::SourceText source = engine::read_report_source(*rec, max_file_bytes);
  json lines = json::array();
  std::istringstream in(source.text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return dump({{"html", source.html}, {"lines", lines}, {"pdf_pages", source.pdf.empty() ? 0 : extract::pdf_page_count(source.pdf)},
               {"page_dpi", page_dpi}});
}

std::string template_json(const std::string& template_id) {
  json tables = json::array();
  for (const engine::LayoutTable& t : engine::template_layout(template_id)) {
    json columns = json::array(), rows = json::array();
    for (const auto& c : t.columns) columns.push_back({{"key", c.key}, {"label", c.label}, {"group", c.group}});
    for (const auto& r : t.rows)
      rows.push_back({{"label", r.label}, {"depth", r.depth}, {"group", r.group}, {"cells", r.cells}});
    tables.push_back({{"id", t.id}, {"title", t.title}, {"columns", columns}, {"rows", rows}});
  }
  if (tables.empty()) return "";
  return dump({{"template", template_id}, {"tables", tables}});
}

std::string agency_json(engine::Database& db, const std::string& agency, const Params& params) {
  std::vector<std::string> wanted;
  std::istringstream in(param(params, "cells"));
  for (std::string id; std::getline(in, id, ',');)
    if (!id.empty()) wanted.push_back(id);
  json reports = json::array();
  for (const auto& r : engine::agency_reports(db, agency)) reports.push_back(record_json(r));
  json cells = json::array();
  if (!wanted.empty())
    for (const auto& c : engine::agency_cells(db, agency, wanted))
      cells.push_back({{"report", c.report}, {"cell", c.cell}, {"value", c.value}, {"state", c.state}});
  return dump({{"agency", agency}, {"reports", reports}, {"cells", cells}});
}

}  // namespace nianbao::server
