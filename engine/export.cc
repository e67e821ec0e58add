// `nianbao export --db corpus.db --csv | --long | --ndjson`: the corpus database as files that
// load without cleaning: a wide CSV (one row per report, one numeric column per canonical cell),
// a long CSV (one row per cell, with its state) and an OpenSearch bulk body (export_ndjson.cc).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <unordered_map>

#include "engine/corpus_db.h"
#include "engine/export.h"
#include "engine/formats.h"
#include "model/errors.h"

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

void export_wide_csv(Database& d, std::ostream& out, bool states) {
  const std::vector<std::string> cells = column_cells(d);
  std::unordered_map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < cells.size(); ++i) column.emplace(cells[i], i);

  out << "report,path,source,agency,year,template,failed_checks";
  for (const std::string& c : cells) {
    out << ',' << csv_field(c);
    if (states) out << ',' << csv_field(c + ":state");
  }
  out << '\n';

  Statement reports = d.prepare(
      "SELECT id, path, source, agency, year, template, failed_checks FROM reports ORDER BY id");
  Statement values = d.prepare("SELECT cell, value, state FROM cells WHERE report = ?");
  std::vector<std::string> value(cells.size()), state(cells.size());
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
    for (int i = 0; i < 7; ++i) out << (i ? "," : "") << csv_field(reports.text(i));
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out << ',' << csv_field(value[i]);
      if (states) out << ',' << csv_field(state[i]);
    }
    out << '\n';
  }
}

void export_long_csv(Database& d, std::ostream& out) {
  out << "report,cell,value,state\n";
  Statement q = d.prepare("SELECT report, cell, value, state FROM cells ORDER BY report, cell");
  while (q.step())
    out << q.integer(0) << ',' << csv_field(q.text(1)) << ',' << csv_field(q.text(2)) << ',' << csv_field(q.text(3)) << '\n';
}

}  // namespace nianbao::engine
