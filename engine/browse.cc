// Reads for the viewer: report records, cells and checks, facets, and a report's files (from the
// paths the database records only, each resolved and size-checked before it is read).
#include "engine/browse.h"

#include <filesystem>

#include "engine/internal/completeness.h"
#include "model/errors.h"
#include "normalize/normalize.h"
#include "pipeline/files.h"
#include "schema/template.h"

namespace nianbao::engine {

namespace {

constexpr const char* report_columns =
    "SELECT id, path, source, agency, year, template, title, warnings, failed_checks, report_id, "
    "province, city, cells_expected, cells_read, corrected FROM reports ";

ReportRecord report_row(const Statement& q) {
  ReportRecord r;
  r.id = q.integer(0);
  r.path = q.text(1);
  r.source = q.text(2);
  r.agency = q.text(3);
  r.year = q.text(4);
  r.template_id = q.text(5);
  r.title = q.text(6);
  r.warnings = q.integer(7);
  r.failed_checks = q.integer(8);
  r.report_id = q.text(9);
  r.province = q.text(10);
  r.city = q.text(11);
  r.cells_expected = q.integer(12);
  r.cells_read = q.integer(13);
  r.corrected = q.integer(14);
  return r;
}

CellRecord cell_row(const Statement& q) {
  return {q.integer(0), q.text(1), q.is_null(2) ? "" : q.text(2), q.text(3), q.text(4), q.text(5), q.text(6)};
}

std::vector<FacetValue> facet(Database& db, const std::string& sql, std::size_t limit) {
  Statement q = db.prepare(sql + " LIMIT ?");
  q.bind(1, static_cast<std::int64_t>(limit));
  std::vector<FacetValue> out;
  while (q.step()) out.push_back({q.text(0), q.integer(1)});
  return out;
}

// The recorded file, resolved (symbolic links followed) and checked to be a regular file
// within the size limit: a request names a report id, never a path.
std::string read_recorded(const std::string& recorded, std::size_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path resolved = fs::canonical(recorded, ec);
  if (ec || !fs::is_regular_file(resolved, ec)) throw InputError(recorded, "the recorded file is gone or not a regular file");
  return read_input(resolved.string(), max_bytes);
}

}  // namespace

std::optional<ReportRecord> find_report(Database& db, std::int64_t id) {
  Statement q = db.prepare(std::string(report_columns) + "WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return report_row(q);
}

std::vector<ReportRecord> agency_reports(Database& db, const std::string& agency) {
  Statement q = db.prepare(std::string(report_columns) + "WHERE agency = ? ORDER BY year, id");
  q.bind(1, agency);
  std::vector<ReportRecord> out;
  while (q.step()) out.push_back(report_row(q));
  return out;
}

std::vector<CellRecord> report_cells(Database& db, std::int64_t report) {
  Statement q = db.prepare("SELECT report, cell, value, state, raw, note, replaced FROM cells WHERE report = ?");
  q.bind(1, report);
  std::vector<CellRecord> out;
  while (q.step()) out.push_back(cell_row(q));
  return out;
}

std::vector<CellRecord> agency_cells(Database& db, const std::string& agency, const std::vector<std::string>& cells) {
  Statement q = db.prepare(
      "SELECT c.report, c.cell, c.value, c.state, c.raw, c.note, c.replaced FROM cells c JOIN reports r ON r.id = c.report "
      "WHERE r.agency = ? ORDER BY r.year, r.id");
  q.bind(1, agency);
  std::vector<CellRecord> out;
  while (q.step()) {
    CellRecord c = cell_row(q);
    bool wanted = cells.empty();
    for (const std::string& id : cells) wanted = wanted || id == c.cell;
    if (wanted) out.push_back(std::move(c));
  }
  return out;
}

std::vector<CheckRecord> report_checks(Database& db, std::int64_t report) {
  Statement q = db.prepare("SELECT report, rule, scope, result, left, right, cells FROM checks WHERE report = ?");
  q.bind(1, report);
  std::vector<CheckRecord> out;
  while (q.step()) out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6)});
  return out;
}

Facets corpus_facets(Database& db, std::size_t limit) {
  Facets f;
  Statement n = db.prepare("SELECT count(*) FROM reports");
  if (n.step()) f.reports = n.integer(0);
  const std::string by = " GROUP BY 1 ORDER BY 2 DESC, 1";
  f.years = facet(db, "SELECT year, count(*) FROM reports WHERE year IS NOT NULL" + by, limit);
  f.agencies = facet(db, "SELECT agency, count(*) FROM reports WHERE agency IS NOT NULL AND agency != ''" + by, limit);
  f.templates = facet(db, "SELECT template, count(*) FROM reports WHERE template IS NOT NULL" + by, limit);
  f.provinces = facet(db, "SELECT province, count(*) FROM reports WHERE province IS NOT NULL AND province != ''" + by, limit);
  f.cities = facet(db, "SELECT city, count(*) FROM reports WHERE city IS NOT NULL AND city != ''" + by, limit);
  f.completeness = facet(db, std::string("SELECT ") + completeness_sql + ", count(*) FROM reports r" + by, limit);
  f.failing_rules =
      facet(db, "SELECT rule, count(DISTINCT report) FROM checks WHERE result = 'fail'" + by, limit);
  return f;
}

std::vector<LayoutTable> template_layout(const std::string& template_id) {
  std::vector<LayoutTable> out;
  for (const schema::Template& t : schema::templates()) {
    if (t.id != template_id) continue;
    for (const schema::TableDef& table : t.tables) {
      LayoutTable lt{table.id, table.title, {}, {}};
      for (const schema::ColumnDef& c : table.columns) lt.columns.push_back({c.key, c.label, c.group});
      for (const schema::RowDef& row : table.rows) {
        LayoutRow lr{row.labels.empty() ? row.id : row.labels.front(), row.depth, row.group && !row.collapsible, {}};
        for (const schema::ColumnDef& c : table.columns) lr.cells.push_back(lr.group ? "" : table.cell_id(row, c));
        lt.rows.push_back(std::move(lr));
      }
      out.push_back(std::move(lt));
    }
  }
  return out;
}

std::string read_report_xml_text(const ReportRecord& report, std::size_t max_bytes) {
  return read_recorded(report.path, max_bytes);
}

SourceText read_report_source(const ReportRecord& report, std::size_t max_bytes) {
  SourceText out;
  out.html = has_html_name(report.source);
  std::string bytes = read_recorded(report.source, max_bytes);
  if (lower_extension(report.source) == ".pdf") {
    out.pdf = std::move(bytes);
    return out;
  }
  out.text = normalize::decode(bytes, {"", out.html, report.source}).text;
  return out;
}

}  // namespace nianbao::engine
