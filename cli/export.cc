// `nianbao export --db corpus.db --csv | --long | --ndjson`: the corpus database as files that
// load without cleaning: a wide CSV (one row per report, one numeric column per canonical cell),
// a long CSV (one row per cell, with its state) and an OpenSearch bulk body (export_ndjson.cc).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <unordered_map>

#include "cli/commands.h"
#include "cli/corpus.h"
#include "model/errors.h"

namespace nianbao::corpus {

namespace {

// The canonical cells, then any other cell id found in the database (a newer template), sorted.
std::vector<std::string> column_cells(db::Database& d) {
  std::vector<std::string> cells = canonical_cells();
  const std::set<std::string> known(cells.begin(), cells.end());
  db::Statement q = d.prepare("SELECT DISTINCT cell FROM cells ORDER BY cell");
  while (q.step())
    if (!known.count(q.text(0))) cells.push_back(q.text(0));
  return cells;
}

}  // namespace

void export_wide_csv(db::Database& d, std::ostream& out, bool states) {
  const std::vector<std::string> cells = column_cells(d);
  std::unordered_map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < cells.size(); ++i) column.emplace(cells[i], i);

  out << "report,path,source,agency,year,template,failed_checks";
  for (const std::string& c : cells) {
    out << ',' << csv_field(c);
    if (states) out << ',' << csv_field(c + ":state");
  }
  out << '\n';

  db::Statement reports = d.prepare(
      "SELECT id, path, source, agency, year, template, failed_checks FROM reports ORDER BY id");
  db::Statement values = d.prepare("SELECT cell, value, state FROM cells WHERE report = ?");
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
      if (states) out << ',' << state[i];
    }
    out << '\n';
  }
}

void export_long_csv(db::Database& d, std::ostream& out) {
  out << "report,cell,value,state\n";
  db::Statement q = d.prepare("SELECT report, cell, value, state FROM cells ORDER BY report, cell");
  while (q.step())
    out << q.integer(0) << ',' << csv_field(q.text(1)) << ',' << csv_field(q.text(2)) << ',' << q.text(3) << '\n';
}

}  // namespace nianbao::corpus

namespace nianbao::cli {

namespace {
struct ExportArgs {
  std::string db, output = "-", index = "nianbao";
  bool csv = false, long_form = false, ndjson = false, states = false, sentences = false;
};
}  // namespace

void register_export(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* c = app.add_subcommand("export", "Export the corpus database as CSV (wide or long) or OpenSearch bulk NDJSON");
  c->footer(
      "--csv   one row per report: report,path,source,agency,year,template,failed_checks, then one\n"
      "        column per canonical cell named by its id (t3.new_received[natural_person], …; spec §8).\n"
      "        A value column holds only numbers: a blank, dash (-, —, 无, /) or ambiguous cell and a cell\n"
      "        the report does not have are empty, so pandas.read_csv and R read NA without cleaning.\n"
      "        --states adds a column <cell>:state after each (number|blank|dash|ambiguous|absent).\n"
      "--long  one row per extracted cell: report,cell,value,state (value empty unless state=number);\n"
      "        `report` is the id of the first column of --csv.\n"
      "--ndjson  the _bulk body of OpenSearch/Elasticsearch: an action line and a document per report\n"
      "        (metadata, cells as an object, failed checks) and, with --sentences, per sentence. The\n"
      "        index mapping is docs/opensearch-mapping.json; loading it: docs/scaling.md.\n"
      "CSV is UTF-8 without BOM, RFC 4180 quoting, a header row, \\n line ends.\n\n"
      "Examples:\n"
      "  nianbao export --db corpus.db --csv -o reports.csv\n"
      "  nianbao export --db corpus.db --long > cells.csv\n"
      "  nianbao export --db corpus.db --ndjson --sentences -o bulk.ndjson");
  c->add_option("--db", args->db, "The corpus database built by `nianbao index`")->required();
  auto* csv = c->add_flag("--csv", args->csv, "Wide CSV, one row per report");
  auto* lng = c->add_flag("--long", args->long_form, "Long CSV, one row per cell");
  auto* nd = c->add_flag("--ndjson", args->ndjson, "OpenSearch/Elasticsearch bulk NDJSON");
  csv->excludes(lng)->excludes(nd);
  lng->excludes(nd);
  c->add_flag("--states", args->states, "With --csv: a state column after each cell column")->needs(csv);
  c->add_flag("--sentences", args->sentences, "With --ndjson: also one document per sentence")->needs(nd);
  c->add_option("--index", args->index, "With --ndjson: the index name in the action lines")->capture_default_str()->needs(nd);
  c->add_option("-o,--output", args->output, "Write here instead of standard output");
  c->callback([args, &exit_code] {
    if (!args->csv && !args->long_form && !args->ndjson)
      throw CLI::ValidationError("export", "choose one of --csv, --long, --ndjson");
    const std::string tmp = args->output + ".tmp";
    try {
      db::Database d = corpus::open_corpus(args->db);
      std::ofstream file;
      std::ostream* out = &std::cout;
      if (args->output != "-") {
        file.open(tmp, std::ios::binary | std::ios::trunc);
        if (!file) {
          std::cerr << "nianbao: export: " << args->output << ": cannot write\n";
          exit_code = exit_output;
          return;
        }
        out = &file;
      }
      if (args->csv) corpus::export_wide_csv(d, *out, args->states);
      else if (args->long_form) corpus::export_long_csv(d, *out);
      else corpus::export_ndjson(d, *out, args->index, args->sentences);
      out->flush();
      if (args->output != "-") {
        file.close();
        std::error_code ec;
        if (!file || (std::filesystem::rename(tmp, args->output, ec), ec)) {
          std::remove(tmp.c_str());
          std::cerr << "nianbao: export: " << args->output << ": write failed\n";
          exit_code = exit_output;
          return;
        }
      } else if (!std::cout) {
        std::cerr << "nianbao: export: cannot write to standard output\n";
        exit_code = exit_output;
        return;
      }
      exit_code = exit_ok;
    } catch (const db::DbError& e) {
      if (args->output != "-") std::remove(tmp.c_str());
      std::cerr << "nianbao: export: " << e.what() << '\n';
      exit_code = exit_input;
    }
  });
}

}  // namespace nianbao::cli
