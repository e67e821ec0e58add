// engine/browse: what a viewer (server/) reads from a corpus database — one report's record and
// files, an agency's reports and cells over the years, the facets of the corpus. The files of a
// report are read only from the paths the database records, never from a name a caller gives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/database.h"

namespace nianbao::engine {

struct ReportRecord {
  std::int64_t id = 0;
  std::string path;    // the XML output
  std::string source;  // the input it was extracted from
  std::string report_id;  // the stable id of its content (corrections name it)
  std::string agency, year, template_id, title;
  std::string province, city;  // of its division ("" when unknown)
  std::int64_t warnings = 0, failed_checks = 0;
  std::int64_t cells_expected = 0, cells_read = 0, corrected = 0;
};

std::optional<ReportRecord> find_report(Database& db, std::int64_t id);
// An agency's reports (exact name), by year then id.
std::vector<ReportRecord> agency_reports(Database& db, const std::string& agency);

struct CellRecord {
  std::int64_t report = 0;
  std::string cell, value, state, raw;  // value: the number when state == "number"
  std::string note, replaced;           // how it was read; what a correction replaced
};
// The cells of one report, or of an agency's reports restricted to `cells` (all when empty).
std::vector<CellRecord> report_cells(Database& db, std::int64_t report);
std::vector<CellRecord> agency_cells(Database& db, const std::string& agency, const std::vector<std::string>& cells);

struct CheckRecord {
  std::int64_t report = 0;
  std::string rule, scope, result, left, right;
  std::string cells;  // its operands' canonical ids, separated by spaces
};
std::vector<CheckRecord> report_checks(Database& db, std::int64_t report);

// Counts per value, most frequent first (at most `limit` values per facet).
struct FacetValue {
  std::string value;
  std::int64_t count = 0;
};
struct Facets {
  std::vector<FacetValue> years, agencies, templates, failing_rules;
  std::vector<FacetValue> provinces, cities;  // of the reports' divisions
  std::vector<FacetValue> completeness;       // complete, partial, sparse, none (internal/completeness.h)
  std::int64_t reports = 0;
};
Facets corpus_facets(Database& db, std::size_t limit);

// The tables of a template as a viewer lays them out: title, column and row labels as the format
// names them, and the canonical cell at each row and column ("" for a group row's own line).
struct LayoutColumn {
  std::string key, label, group;
};
struct LayoutRow {
  std::string label;
  int depth = 0;
  bool group = false;              // a heading over the rows below it
  std::vector<std::string> cells;  // per column
};
struct LayoutTable {
  std::string id, title;
  std::vector<LayoutColumn> columns;
  std::vector<LayoutRow> rows;
};
// Empty for an unknown template.
std::vector<LayoutTable> template_layout(const std::string& template_id);

// A recorded file of a report, read within `max_bytes`: the XML output as written, or the source
// decoded to UTF-8 (its lines are the `line=` positions of the XML). Throws InputError naming the
// file when it is gone, is not a regular file, or is larger than max_bytes.
std::string read_report_xml_text(const ReportRecord& report, std::size_t max_bytes);
struct SourceText {
  bool html = false;  // the source is a web page (by its recorded name)
  std::string text;   // UTF-8 ("" for a PDF)
  std::string pdf;    // the bytes of a PDF source (by its recorded name), as recorded
};
SourceText read_report_source(const ReportRecord& report, std::size_t max_bytes);

}  // namespace nianbao::engine
