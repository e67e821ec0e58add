// `nianbao export --db corpus.db --csv | --long | --ndjson`: the corpus database as files that
// load without cleaning: a wide CSV (one row per report, one numeric column per canonical cell),
// a long CSV (one row per cell, with its state) and an OpenSearch bulk body (export_ndjson.cc).
#include "cli/commands.h"
#include "engine/corpus_db.h"
#include "engine/export.h"
#include "model/errors.h"
#include "pipeline/files.h"

namespace nianbao::cli {

namespace {
struct ExportArgs {
  std::string db, output = "-", index = "nianbao";
  bool csv = false, long_form = false, ndjson = false, states = false, sentences = false;
};
}  // namespace

void register_export(CLI::App& app) {
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
  c->callback([args] {
    if (!args->csv && !args->long_form && !args->ndjson)
      throw CLI::ValidationError("export", "choose one of --csv, --long, --ndjson");
    run_command("export", [&] {
      engine::Database d = engine::open_corpus(args->db);
      OutputFile out(args->output);
      if (args->csv) engine::export_wide_csv(d, out.stream(), args->states);
      else if (args->long_form) engine::export_long_csv(d, out.stream());
      else engine::export_ndjson(d, out.stream(), args->index, args->sentences);
      out.commit();
      return exit_ok;
    });
  });
}

}  // namespace nianbao::cli
