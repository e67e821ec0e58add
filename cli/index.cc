// `nianbao index OUTDIR... --db corpus.db`: our XML outputs into the SQLite corpus database
// (tables in engine/corpus_db.cc), for search, export and audit. Reads the XML, never the sources.
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "engine/batch.h"
#include "engine/corpus_db.h"
#include "model/errors.h"

namespace nianbao::cli {

namespace {
struct IndexArgs {
  std::vector<std::string> paths;
  std::string db;
  std::string corrections;
};
}  // namespace

void register_index(CLI::App& app) {
  auto args = std::make_shared<IndexArgs>();
  CLI::App* c = app.add_subcommand("index", "Load the XML outputs of batch/extract into a SQLite corpus database");
  c->footer(
      "Reads nianbao's XML outputs (files, or folders walked for *.xml) and stores them in the database\n"
      "(created if needed): reports(id, path, report_id, source, url, retrieved, published, agency,\n"
      "year, template, title, division…, warnings, failed_checks, cells_*), cells(report, cell, value,\n"
      "state, raw, unit, note, replaced, line, page), table_reads(report, tbl, expected, read, blank,\n"
      "dash, ambiguous, unread), checks(report, rule, scope, result, left, right), sentences(id, report,\n"
      "ord, section, kind: sentence | table, text, folded) with the full-text index sentences_fts\n"
      "(FTS5, bigrams of the folded text; see docs/search.md). A report is identified by\n"
      "the absolute path of its XML file: indexing the same path again replaces its rows, and indexing a\n"
      "folder again removes the reports of XML files deleted from it since (files that exist but cannot\n"
      "be read keep their previous rows). The forms of one report (same report id) are all stored; the\n"
      "most complete is marked primary_form, the one search, export and audit use by default.\n"
      "Corrections (--corrections FILE, else FOLDER/corrections.csv of each folder indexed) apply to\n"
      "the values of their report, checks recomputed.\n\n"
      "Exit status: 0 every file indexed; 3 some file was not a nianbao XML report (named on standard\n"
      "error, the others are indexed), an input does not exist, or no XML report was found (nothing\n"
      "is created then); 4 the database cannot be created or written.\n\n"
      "Examples:\n"
      "  nianbao index out/ --db corpus.db\n"
      "  nianbao index out-2023/ out-2024/ more/x.xml --db corpus.db");
  c->add_option("OUTDIR", args->paths, "Folders of XML outputs, or XML files")->required();
  c->add_option("--db", args->db, "The database file to create or update")->required();
  c->add_option("--corrections", args->corrections, "The corrections file (default: FOLDER/corrections.csv)");
  c->callback([args] {
    run_command("index", [&] {
      std::size_t xml = 0;
      std::vector<Correction> corrections = read_corrections(args->corrections);
      for (const std::string& p : args->paths) {
        std::error_code ec;
        if (!std::filesystem::exists(p, ec)) throw InputError(p, "no such file or folder (nothing indexed)");
        if (!std::filesystem::is_directory(p, ec)) {
          ++xml;
          continue;
        }
        std::string error;
        xml += engine::find_files(p, {".xml"}, "", error).size();
        if (args->corrections.empty())
          for (Correction& found : read_corrections((std::filesystem::path(p) / "corrections.csv").string()))
            corrections.push_back(std::move(found));
      }
      if (xml == 0)
        throw InputError(args->paths.front(), "no XML reports found (run `nianbao batch` into this folder first; nothing indexed)");
      engine::Database d = engine::open_corpus_for_writing(args->db);
      const engine::IndexSummary s = engine::index_outputs(d, args->paths, std::cerr, corrections);
      std::cout << "nianbao index: " << s.reports << " reports indexed into " << args->db;
      if (s.corrected) std::cout << ", " << s.corrected << " values corrected";
      if (s.removed) std::cout << ", " << s.removed << " reports removed (their XML file is gone)";
      if (s.failed) std::cout << ", " << s.failed << " files could not be read";
      std::cout << '\n';
      return s.failed ? exit_input : exit_ok;
    });
  });
}

}  // namespace nianbao::cli
