// engine/batch: many inputs → one XML each under an output folder, in worker processes, with
// progress, a summary and OUTDIR/errors.tsv. One report in memory at a time per worker; an
// input that crashes or hangs costs that input only.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "model/limits.h"

namespace nianbao::engine {

struct BatchInput {
  std::string path;    // as named (walked from a folder, given, or read from the list)
  std::string output;  // output_name(path, OUTDIR), unique within the batch
  std::string error;   // set when the input is known to fail before reading (walk error)
};

// Files under `folder` (recursively) whose extension, lower-cased, is one of `extensions`;
// hidden entries and the folder `skip` are left out; sorted. `error` says why a walk stopped.
// When `others` is given, every other entry that is not a folder (another extension, no
// extension, not a regular file) is added to it with the reason it is not taken, sorted.
struct OtherFile {
  std::string path, reason;
};
std::vector<std::string> find_files(const std::string& folder, const std::vector<std::string>& extensions,
                                    const std::string& skip, std::string& error,
                                    std::vector<OtherFile>* others = nullptr);

// Inputs from the command line: files (taken whatever their name), folders (walked
// recursively for report_extensions(), hidden entries and `outdir` skipped, sorted; every other
// file found is an input with an error saying why it is not read, so that it gets its line in
// errors.tsv), and "-"
// (one path per line read from `list`; each line is one input, a folder there is an error).
// Output names are output_name(input, outdir); an input named twice is worked on once, and two
// inputs whose names collide (a hash collision) make the second an error. `own_files` are the
// files the batch itself reads (its sidecar, its corrections): a folder walk passes them by.
std::vector<BatchInput> plan_batch(const std::vector<std::string>& args, std::istream& list,
                                   const std::string& outdir, const std::vector<std::string>& own_files = {});

// The output of `input` under `outdir`, a function of the input alone: the input path made
// relative (lexically normal), with ".xml" appended; when that dropped a root or a leading ".."
// (so that two inputs could share it), "~" and 8 hex digits of a hash of the normal path come
// before ".xml" (/data/a.txt → OUTDIR/data/a.txt~1b2c3d4e.xml).
std::string output_name(const std::string& input, const std::string& outdir);

struct BatchOptions {
  std::string outdir;
  unsigned jobs = 0;          // worker processes; 0 = number of cores
  double timeout_seconds = 300;  // one input's time limit in its worker; 0 = none
  bool force = false;         // redo inputs whose output is up to date
  bool progress_bar = false;  // redraw one status line (a TTY); else plain log lines
  bool quiet = false;         // no progress, only the summary
  double log_interval = 10;   // seconds between plain progress lines
  Limits limits;
  extract::PageOptions pages;  // PDFs and scans: which pages OCR reads (--ocr), in the workers
  // The corrections file applied to every report (pipeline/corrections.h); "" = OUTDIR/corrections.csv.
  // An output older than it is redone.
  std::string corrections;
  // A sidecar CSV of given metadata per input (path,url,agency,year,published; pipeline/provenance.h),
  // "" = none. An output older than it is redone.
  std::string sidecar;
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
// (engine/internal/worker_pool.h); failures, including a worker that crashed or overran its timeout on an
// input, are written to OUTDIR/errors.tsv (input, reason) as they happen and never stop the
// batch. Progress and the failures go to `log`. Throws OutputError when OUTDIR or errors.tsv
// cannot be written. An input is skipped as up to date only when its output is newer and records
// that input as its source.
BatchSummary run_batch(const std::vector<BatchInput>& inputs, const BatchOptions& options, std::ostream& log);

std::string format_summary(const BatchSummary& s, unsigned jobs);

}  // namespace nianbao::engine
