// The corpus commands as functions, for the CLI and the tests: batch extraction of many inputs
// into an output folder, the SQLite corpus database built from those outputs (index), and what
// reads it (search, export, audit). Each function streams: one report in memory at a time.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/search_text.h"
#include "cli/sqlite_db.h"
#include "model/limits.h"

namespace nianbao::corpus {

// ---------------------------------------------------------------------------------------
// batch (cli/batch_inputs.cc, cli/batch.cc)

struct BatchInput {
  std::string path;    // as named (walked from a folder, given, or read from the list)
  std::string output;  // OUTDIR/<relative path>.xml, unique within the batch
  std::string error;   // set when the input is known to fail before reading (walk error)
};

// The extensions a folder walk takes as reports (lower case, with the dot).
const std::vector<std::string>& report_extensions();

// Files under `folder` (recursively) whose extension, lower-cased, is one of `extensions`;
// hidden entries and the folder `skip` are left out; sorted. `error` says why a walk stopped.
std::vector<std::string> find_files(const std::string& folder, const std::vector<std::string>& extensions,
                                    const std::string& skip, std::string& error);

// Inputs from the command line: files (taken whatever their name), folders (walked
// recursively for report_extensions(), hidden entries and `outdir` skipped, sorted), and "-"
// (one path per line read from `list`; each line is one input, a folder there is an error).
// Output names mirror the input path made relative (root and leading ".." dropped), with ".xml"
// appended; a name already taken gets "~2", "~3", … before ".xml".
std::vector<BatchInput> plan_batch(const std::vector<std::string>& args, std::istream& list,
                                   const std::string& outdir);

struct BatchOptions {
  std::string outdir;
  unsigned jobs = 0;          // worker processes; 0 = number of cores
  double timeout_seconds = 300;  // one input's time limit in its worker; 0 = none
  bool force = false;         // redo inputs whose output is up to date
  bool progress_bar = false;  // redraw one status line (a TTY); else plain log lines
  bool quiet = false;         // no progress, only the summary
  double log_interval = 10;   // seconds between plain progress lines
  Limits limits;
};

struct BatchSummary {
  std::size_t inputs = 0;
  std::size_t clean = 0;          // written, no warning diagnostic, no failed check
  std::size_t warnings = 0;       // written with warning diagnostics, no failed check
  std::size_t failed_checks = 0;  // written with at least one failed consistency check
  std::size_t skipped = 0;        // output up to date, not redone
  std::size_t errors = 0;         // no output: listed in OUTDIR/errors.tsv
  double seconds = 0;
};

// Extract every input into its output (atomically), `jobs` at a time in worker processes
// (cli/worker_pool.h); failures, including a worker that crashed or overran its timeout on an
// input, are written to OUTDIR/errors.tsv (input, reason) as they happen and never stop the
// batch. Progress and the failures go to `log`. Throws std::runtime_error when OUTDIR or
// errors.tsv cannot be written.
BatchSummary run_batch(const std::vector<BatchInput>& inputs, const BatchOptions& options, std::ostream& log);

std::string format_summary(const BatchSummary& s, unsigned jobs);

// ---------------------------------------------------------------------------------------
// The corpus database (cli/corpus_db.cc)

// Open an existing corpus database for reading; a DbError says when it is missing or is not a
// corpus database.
db::Database open_corpus(const std::string& path);
// Open or create one for indexing (creates the tables).
db::Database open_corpus_for_writing(const std::string& path);

struct IndexSummary {
  std::size_t reports = 0;  // XML files indexed
  std::size_t failed = 0;   // XML files that could not be read (named in `log`)
  std::size_t removed = 0;  // reports under an indexed folder whose XML file is gone
};

// Index our XML outputs (files, or folders walked for *.xml) into `db`. Re-indexing a path
// replaces its rows; the reports of an indexed folder whose XML file was deleted are removed.
// Throws DbError when the database cannot be written.
IndexSummary index_outputs(db::Database& db, const std::vector<std::string>& paths, std::ostream& log);

// All canonical cell ids of the templates (spec §8), in template order (gov-2021 first).
const std::vector<std::string>& canonical_cells();

// ---------------------------------------------------------------------------------------
// search (cli/search.cc)

struct SearchQuery {
  std::string text;      // terms separated by spaces; every term must occur (substring)
  std::string agency;    // substring of the agency, "" = any
  std::string year;      // exact, "" = any
  std::string template_id;
  std::size_t limit = 20;
};

struct Hit {
  std::string agency, year, source, path, section, text;
  std::string snippet;        // a window of the text around the matches, matches marked
  std::string plain_snippet;  // the same window without marks
  double score = 0;  // bm25 (lower is better) or, for short terms only, -occurrences
};

// Best first. Terms of 3+ characters use the FTS5 trigram index (bm25 order); terms of 1–2
// characters, which a trigram index cannot match, filter with LIKE over the folded text.
std::vector<Hit> search(db::Database& db, const SearchQuery& query, const search::Marks& marks);

// ---------------------------------------------------------------------------------------
// export (cli/export.cc, cli/export_ndjson.cc)

// One row per report: report, path, source, agency, year, template, failed_checks, then one
// column per canonical cell with its number (empty when the cell is blank, dash, ambiguous or
// absent); with `states`, a column "<cell>:state" after each value column.
void export_wide_csv(db::Database& db, std::ostream& out, bool states);
// One row per cell: report, cell, value, state.
void export_long_csv(db::Database& db, std::ostream& out);
// OpenSearch/Elasticsearch _bulk body: one document per report, and per sentence when asked.
void export_ndjson(db::Database& db, std::ostream& out, const std::string& index, bool sentences);
// The document key of a cell in the bulk documents: "t3.new_received[total]" → "t3_new_received__total".
std::string ndjson_cell_key(const std::string& cell);

// ---------------------------------------------------------------------------------------
// audit (cli/audit.cc)

struct AuditFinding {
  std::string rule;   // S1 | S2
  std::string agency;
  int year = 0;       // the later year Y
  std::string scope;  // S1: column key; S2: regulations | normative_docs
  std::string expected;  // what the rule computes from Y−1 (and Y)
  std::string actual;    // what year Y's report says
  std::string formula;   // the numbers, e.g. "carried_over(2024)=3 ≠ carried_forward(2023)=5"
  std::string source, previous_source;
  std::size_t copies = 0, previous_copies = 0;  // other reports with the same numbers (audited once)
};

struct AuditResult {
  std::size_t agencies = 0;     // agencies with at least one report with a year
  std::size_t pairs = 0;        // (Y−1, Y) report pairs of one agency (identical reports once)
  std::size_t chained = 0;      // rule instances that hold
  std::size_t undetermined = 0; // instances with a missing, blank, dash or ambiguous operand
  std::size_t skipped_reports = 0;  // reports without agency or year
  std::vector<AuditFinding> findings;
};

AuditResult audit(db::Database& db);
void print_audit(const AuditResult& result, std::ostream& out);
void print_audit_json(const AuditResult& result, std::ostream& out);

// ---------------------------------------------------------------------------------------
// Output helpers shared by the writers (cli/formats.cc)

std::string csv_field(std::string_view text);   // quoted when it needs to be (RFC 4180)
std::string json_string(std::string_view text); // a JSON string literal, quotes included

}  // namespace nianbao::corpus
