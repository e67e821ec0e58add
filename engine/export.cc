// `nianbao export --db corpus.db --csv | --long | --ndjson`: the corpus database as files that
// load without cleaning: a wide CSV (one row per report, one numeric column per canonical cell),
// a long CSV (one row per cell, with its state) and an OpenSearch bulk body (export_ndjson.cc).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <unordered_map>

#include "engine/corpus_db.h"
#include "engine/export.h"
#include "engine/formats.h"
#include "model/errors.h"
#include "output/fingerprint.h"
#include "schema/template.h"

namespace nianbao::engine {

namespace {

// The canonical cells, then any other cell id found in the database (a newer template), sorted.
std::vector<std::string> column_cells(Database& d) {
  std::vector<std::string> cells = canonical_cells();
  const std::set<std::string> known(cells.begin(), cells.end());
  Statement q = d.prepare("SELECT DISTINCT cell FROM cells ORDER BY cell");
  while (q.step())
    if (!known.count(q.text(0))) cells.push_back(q.text(0));
  return cells;
}

}  // namespace

// The report columns of the wide export, in order, as selected from `reports`; per-table
// columns (issue 15's <table-read>) go after them.
constexpr const char* report_columns[] = {
    "report_id", "path", "source", "url", "retrieved", "published", "agency", "division", "province", "city",
    "county", "year", "template", "cells_expected", "cells_read", "cells_ambiguous", "cells_unread", "failed_checks", "failed_rules",
    "undetermined", "corrected"};

std::string forms_filter(bool all_forms) { return all_forms ? "1" : "primary_form = 1"; }

void export_wide_csv(Database& d, std::ostream& out, bool states, bool all_forms) {
  const std::vector<std::string> cells = column_cells(d);
  std::unordered_map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < cells.size(); ++i) column.emplace(cells[i], i);

  std::string select;
  for (const char* c : report_columns) {
    out << (select.empty() ? "" : ",") << (std::string_view(c) == "report_id" ? "report" : c);
    select += std::string(select.empty() ? "" : ", ") + c;
  }
  const std::vector<std::string>& tables = template_tables();
  constexpr std::size_t counts = std::size(table_read_counts);
  for (const std::string& t : tables)
    for (const char* count : table_read_counts) out << ',' << csv_field(t + ":" + count);
  for (const std::string& c : cells) {
    out << ',' << csv_field(c);
    if (states) out << ',' << csv_field(c + ":state");
  }
  out << '\n';

  Statement reports = d.prepare("SELECT id, " + select + " FROM reports WHERE " + forms_filter(all_forms) +
                                " ORDER BY agency_key, year, report_id, path");
  Statement values = d.prepare("SELECT cell, value, state FROM cells WHERE report = ?");
  Statement reads = d.prepare("SELECT tbl, expected, read, blank, dash, ambiguous, unread FROM table_reads WHERE report = ?");
  std::vector<std::string> value(cells.size()), state(cells.size()), read(tables.size() * counts);
  constexpr int columns = sizeof report_columns / sizeof *report_columns;
  while (reports.step()) {
    std::fill(value.begin(), value.end(), std::string());
    std::fill(state.begin(), state.end(), std::string("absent"));
    values.bind(1, reports.integer(0));
    while (values.step()) {
      const auto it = column.find(values.text(0));
      if (it == column.end()) continue;
      value[it->second] = values.text(2) == "number" ? values.text(1) : "";
      state[it->second] = values.text(2);
    }
    values.reset();
    std::fill(read.begin(), read.end(), std::string());
    reads.bind(1, reports.integer(0));
    while (reads.step()) {
      const auto at = std::find(tables.begin(), tables.end(), reads.text(0));
      if (at == tables.end()) continue;
      for (std::size_t k = 0; k < counts; ++k)
        read[static_cast<std::size_t>(at - tables.begin()) * counts + k] = reads.text(static_cast<int>(k) + 1);
    }
    reads.reset();
    for (int i = 1; i <= columns; ++i) out << (i > 1 ? "," : "") << csv_field(reports.text(i));
    for (const std::string& n : read) out << ',' << n;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out << ',' << csv_field(value[i]);
      if (states) out << ',' << csv_field(state[i]);
    }
    out << '\n';
  }
}

namespace {
// Every row of `q` as CSV lines of its first `columns` columns.
void write_rows(Statement& q, int columns, std::ostream& out) {
  while (q.step()) {
    for (int i = 0; i < columns; ++i) out << (i ? "," : "") << csv_field(q.text(i));
    out << '\n';
  }
}
}  // namespace

void export_long_csv(Database& d, std::ostream& out, bool all_forms) {
  out << "report,cell,value,state,raw,unit,note,replaced,line,page,source,url\n";
  Statement q = d.prepare(
      "SELECT r.report_id, c.cell, c.value, c.state, c.raw, c.unit, c.note, c.replaced, c.line, c.page, r.source, "
      "r.url FROM cells c JOIN reports r ON r.id = c.report WHERE " + forms_filter(all_forms) +
      " ORDER BY r.report_id, r.path, c.cell");
  write_rows(q, 12, out);
}

void export_checks_csv(Database& d, std::ostream& out, bool all_forms) {
  out << "report,agency,year,rule,scope,result,left,right,cells,fingerprint,source,url\n";
  Statement q = d.prepare(
      "SELECT r.report_id, r.agency, r.year, k.rule, k.scope, k.result, k.left, k.right, k.cells, r.source, r.url, "
      "r.template FROM checks k JOIN reports r ON r.id = k.report WHERE " + forms_filter(all_forms) +
      " ORDER BY r.report_id, r.path, k.rowid");
  while (q.step()) {
    for (int i = 0; i < 9; ++i) out << (i ? "," : "") << csv_field(q.text(i));
    // The same fingerprint as the check's in the report's XML and JSON (output::check_fingerprint).
    out << ',' << output::check_fingerprint(q.text(11), q.text(3), q.text(4), q.text(8));
    for (int i = 9; i < 11; ++i) out << ',' << csv_field(q.text(i));
    out << '\n';
  }
}

// The unit a cell's value is counted in: items for counts; for money, the unit the column's
// label gives (（单位：万元）), else the one the report's cell carries (the long export's unit).
std::string codebook_unit(const schema::ColumnDef& col) {
  if (col.type != schema::ValueType::money) return "件";
  const std::size_t at = col.label.find("单位：");
  if (at == std::string::npos) return "";
  std::string unit = col.label.substr(at + std::string_view("单位：").size());
  if (const std::size_t close = unit.find("）"); close != std::string::npos) unit.resize(close);
  return unit;
}

void export_codebook_csv(std::ostream& out) {
  out << "cell,template,table,table_title,row_label,column_group,column_label,type,unit\n";
  for (const schema::Template& t : schema::templates())
    for (const schema::TableDef& table : t.tables)
      for (const schema::RowDef& row : table.rows) {
        if (row.group && !row.collapsible) continue;
        for (const schema::ColumnDef& col : table.columns) {
          const char* type = col.type == schema::ValueType::money ? "money"
                             : col.type == schema::ValueType::signed_count ? "signed_count" : "count";
          out << csv_field(table.cell_id(row, col)) << ',' << csv_field(t.id) << ',' << csv_field(table.id) << ','
              << csv_field(table.title) << ',' << csv_field(row.labels.empty() ? "" : row.labels.front()) << ','
              << csv_field(col.group) << ',' << csv_field(col.label) << ',' << type << ','
              << csv_field(codebook_unit(col)) << '\n';
        }
      }
}

}  // namespace nianbao::engine
