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
  bool csv = false, long_form = false, ndjson = false, checks = false, codebook = false, states = false,
       sentences = false, all_forms = false;
};
}  // namespace

void register_export(CLI::App& app) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* c = app.add_subcommand("export", "Export the corpus database as CSV (wide or long) or OpenSearch bulk NDJSON");
  c->footer(
      "--csv   one row per report: report (its stable id),path,source,url,retrieved,published,agency,\n"
      "        division,province,city,county,year,template,cells_expected,cells_read,cells_ambiguous,\n"
      "        cells_unread,failed_checks,failed_rules (by name),undetermined,corrected, then per template\n"
      "        table its read counts T:expected,T:read,T:blank,T:dash,T:ambiguous,T:unread (T = t3, t4,\n"
      "        t2.art20_1, …; a lost table: T:unread = T:expected), then one column per canonical cell\n"
      "        named by its id (t3.new_received[natural_person], …; spec §8).\n"
      "        A value column holds only numbers: a blank, dash (-, —, 无, /) or ambiguous cell and a cell\n"
      "        the report does not have are empty, so pandas.read_csv and R read NA without cleaning.\n"
      "        --states adds a column <cell>:state after each (number|blank|dash|ambiguous|absent).\n"
      "--long  one row per extracted cell: report,cell,value,state,raw,unit,note,replaced,line,page,\n"
      "        source,url (value empty unless state=number; replaced: what a correction replaced; line and\n"
      "        page: where in the source it was read, empty when unknown or not paged).\n"
      "--checks  one row per consistency check: report,agency,year,rule,scope,result,left,right,source,url.\n"
      "--codebook  one row per canonical cell: cell,template,table,table_title,row_label,column_group,\n"
      "        column_label,type,unit (no --db needed).\n"
      "A report saved in several forms (text, HTML, PDF) is one row, its most complete form; --all-forms\n"
      "keeps every form (same report id, different path).\n"
      "--ndjson  the _bulk body of OpenSearch/Elasticsearch: an action line and a document per report\n"
      "        (metadata, url, tables_read, cells as an object, failed checks) and, with --sentences, per\n"
      "        sentence. The index mapping is docs/opensearch-mapping.json; loading it: docs/scaling.md.\n"
      "CSV is UTF-8 without BOM, RFC 4180 quoting, a header row, \\n line ends.\n\n"
      "Examples:\n"
      "  nianbao export --db corpus.db --csv -o reports.csv\n"
      "  nianbao export --db corpus.db --long > cells.csv\n"
      "  nianbao export --db corpus.db --ndjson --sentences -o bulk.ndjson");
  c->add_option("--db", args->db, "The corpus database built by `nianbao index`");
  auto* csv = c->add_flag("--csv", args->csv, "Wide CSV, one row per report");
  auto* lng = c->add_flag("--long", args->long_form, "Long CSV, one row per cell");
  auto* nd = c->add_flag("--ndjson", args->ndjson, "OpenSearch/Elasticsearch bulk NDJSON");
  auto* chk = c->add_flag("--checks", args->checks, "CSV, one row per consistency check");
  auto* book = c->add_flag("--codebook", args->codebook, "CSV, one row per canonical cell of the formats");
  const std::vector<CLI::Option*> modes = {csv, lng, nd, chk, book};
  for (std::size_t i = 0; i < modes.size(); ++i)
    for (std::size_t j = i + 1; j < modes.size(); ++j) modes[i]->excludes(modes[j]);
  c->add_flag("--all-forms", args->all_forms, "Every form of a report, not only its most complete one");
  c->add_flag("--states", args->states, "With --csv: a state column after each cell column")->needs(csv);
  c->add_flag("--sentences", args->sentences, "With --ndjson: also one document per sentence")->needs(nd);
  c->add_option("--index", args->index, "With --ndjson: the index name in the action lines")->capture_default_str()->needs(nd);
  c->add_option("-o,--output", args->output, "Write here instead of standard output");
  c->callback([args] {
    if (!args->csv && !args->long_form && !args->ndjson && !args->checks && !args->codebook)
      throw CLI::ValidationError("export", "choose one of --csv, --long, --checks, --codebook, --ndjson");
    if (!args->codebook && args->db.empty()) throw CLI::ValidationError("export", "--db is required");
    run_command("export", [&] {
      if (args->codebook) {
        OutputFile out(args->output);
        engine::export_codebook_csv(out.stream());
        out.commit();
        return exit_ok;
      }
      engine::Database d = engine::open_corpus(args->db);
      OutputFile out(args->output);
      if (args->csv) engine::export_wide_csv(d, out.stream(), args->states, args->all_forms);
      else if (args->long_form) engine::export_long_csv(d, out.stream(), args->all_forms);
      else if (args->checks) engine::export_checks_csv(d, out.stream(), args->all_forms);
      else engine::export_ndjson(d, out.stream(), args->index, args->sentences);
      out.commit();
      return exit_ok;
    });
  });
}

}  // namespace nianbao::cli
