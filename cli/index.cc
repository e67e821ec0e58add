// `nianbao index OUTDIR... --db corpus.db`: our XML outputs into the SQLite corpus database
// (tables in engine/corpus_db.cc), for search, export and audit. Reads the XML, never the sources.
#include <iostream>

#include "cli/commands.h"
#include "engine/corpus_db.h"
#include "model/errors.h"

namespace nianbao::cli {

namespace {
struct IndexArgs {
  std::vector<std::string> paths;
  std::string db;
};
}  // namespace

void register_index(CLI::App& app) {
  auto args = std::make_shared<IndexArgs>();
  CLI::App* c = app.add_subcommand("index", "Load the XML outputs of batch/extract into a SQLite corpus database");
  c->footer(
      "Reads nianbao's XML outputs (files, or folders walked for *.xml) and stores them in the database\n"
      "(created if needed): reports(id, path, source, agency, year, template, title, warnings,\n"
      "failed_checks), cells(report, cell, value, state, raw), checks(report, rule, scope, result, left,\n"
      "right), sentences(id, report, ord, section, text, folded) with the full-text index sentences_fts\n"
      "(FTS5, trigram tokenizer over the folded text; see docs/search.md). A report is identified by\n"
      "the absolute path of its XML file: indexing the same path again replaces its rows, and indexing a\n"
      "folder again removes the reports of XML files deleted from it since (files that exist but cannot\n"
      "be read keep their previous rows).\n\n"
      "Exit status: 0 every file indexed; 3 some file was not a nianbao XML report (named on standard\n"
      "error, the others are indexed); 4 the database cannot be created or written.\n\n"
      "Examples:\n"
      "  nianbao index out/ --db corpus.db\n"
      "  nianbao index out-2023/ out-2024/ more/x.xml --db corpus.db");
  c->add_option("OUTDIR", args->paths, "Folders of XML outputs, or XML files")->required();
  c->add_option("--db", args->db, "The database file to create or update")->required();
  c->callback([args] {
    run_command("index", [&] {
      engine::Database d = engine::open_corpus_for_writing(args->db);
      const engine::IndexSummary s = engine::index_outputs(d, args->paths, std::cerr);
      std::cout << "nianbao index: " << s.reports << " reports indexed into " << args->db;
      if (s.removed) std::cout << ", " << s.removed << " reports removed (their XML file is gone)";
      if (s.failed) std::cout << ", " << s.failed << " files could not be read";
      std::cout << '\n';
      return s.failed ? exit_input : exit_ok;
    });
  });
}

}  // namespace nianbao::cli
