// `nianbao batch`: many inputs → one XML each under OUTDIR, N worker processes, progress,
// a summary and OUTDIR/errors.tsv. Each worker holds one report in memory at a time, so memory
// does not grow with the number of inputs; one that crashes or hangs costs only its input.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "engine/batch.h"
#include "model/errors.h"

namespace nianbao::cli {

namespace {
struct BatchArgs {
  std::vector<std::string> inputs;
  std::string outdir;
  unsigned jobs = 0;
  double timeout = 300;
  bool force = false, stdin_list = false, quiet = false;
  std::string corrections;
  std::string sidecar;
  std::string ocr = "auto";
  Limits limits;
};
}  // namespace

// More workers than this is a typing mistake on any machine; a day per input is no limit.
constexpr unsigned kMaxJobs = 4096;
constexpr double kMaxTimeoutSeconds = 86400;

void register_batch(CLI::App& app) {
  auto args = std::make_shared<BatchArgs>();
  CLI::App* c = app.add_subcommand("batch", "Extract many reports into a folder of XML files, in parallel");
  c->footer(
      "Inputs are files (taken whatever their name), folders (walked recursively for text, web pages,\n"
      "PDFs, scanned images and Word files: *.txt *.text *.html *.htm *.shtml *.xhtml *.jsp *.php *.asp\n"
      "*.aspx *.pdf *.png *.jpg *.jpeg *.tif *.tiff *.docx *.doc *.wps; every other file found gets its\n"
      "line in errors.tsv; hidden entries and OUTDIR are skipped) and \"-\" or --stdin: a list of paths on\n"
      "standard input, one per line, each one input. PDF pages are read by OCR (--ocr) in the workers.\n\n"
      "Each input gives OUTDIR/<its path made relative>.xml (corpus/001.txt → OUTDIR/corpus/001.txt.xml;\n"
      "a path with a root or a leading .. gets ~ and 8 hex digits of its hash before .xml, so a name\n"
      "depends on its input alone). An input whose output is newer than it is and records it as its\n"
      "source is skipped (--force redoes it). One bad input never stops the batch: every input ends as an output\n"
      "or as a line of OUTDIR/errors.tsv (input<TAB>reason). Inputs are worked on in separate worker\n"
      "processes: an input that crashes nianbao, or takes longer than --timeout, is listed in errors.tsv\n"
      "and the batch goes on. Progress goes to standard error (a bar on a terminal, a line every 10 s\n"
      "otherwise), the summary to standard output.\n\n"
      "--sidecar FILE: a CSV with a header naming its columns, path (required) and any of url, agency,\n"
      "year, published, retrieved; one row per input (a path relative to FILE's folder, or absolute).\n"
      "Its values win over what is read and are recorded as given (<meta><provenance>), as extract's\n"
      "--meta does; a URL without a retrieval date is dated by the input file's modification day.\n\n"
      "Exit status: 0 every input has its output; 3 at least one input failed (see errors.tsv);\n"
      "4 OUTDIR or errors.tsv cannot be written.\n\n"
      "Examples:\n"
      "  nianbao batch corpus/ -o out/\n"
      "  nianbao batch a.txt b.html reports/2024/ -o out/ -j 2\n"
      "  find /data -name '*.html' | nianbao batch - -o out/ --force\n"
      "  nianbao batch crawl/ -o out/ --sidecar crawl/sources.csv");
  c->add_option("INPUT", args->inputs, "Report files, folders, or - for a list of paths on standard input");
  c->add_option("-o,--output", args->outdir, "The output folder (created if needed)")->required();
  c->add_option("-j,--jobs", args->jobs, "Worker processes (default: the number of cores)")
      ->check(strict_number(1, kMaxJobs));
  c->add_option("--timeout", args->timeout, "Seconds one input may take before its worker is stopped (0: no limit)")
      ->default_val(args->timeout)->check(strict_number(0, kMaxTimeoutSeconds, false));
  c->add_flag("--stdin", args->stdin_list, "Read the list of input paths from standard input (same as -)");
  c->add_flag("--force", args->force, "Redo inputs whose output is up to date");
  c->add_flag("-q,--quiet", args->quiet, "No progress or per-input error lines, only the summary");
  c->add_option("--sidecar", args->sidecar, "A CSV of given metadata per input: path,url,agency,year,published")
      ->check(CLI::ExistingFile);
  c->add_option("--corrections", args->corrections,
                "Corrections applied to every report (default: OUTDIR/corrections.csv; kept by --force)");
  add_ocr_option(*c, args->ocr);
  add_limit_options(*c, args->limits);
  c->callback([args] {
    std::vector<std::string> inputs = args->inputs;
    if (args->stdin_list) inputs.push_back("-");
    if (inputs.empty()) throw CLI::ValidationError("INPUT", "name at least one input, folder, or - for standard input");
    engine::BatchOptions options;
    options.outdir = args->outdir;
    options.jobs = args->jobs ? args->jobs : std::max(1u, std::thread::hardware_concurrency());
    options.force = args->force;
    options.timeout_seconds = args->timeout;
    options.quiet = args->quiet;
    options.progress_bar = ::isatty(STDERR_FILENO) == 1;
    options.limits = args->limits;
    options.corrections = args->corrections;
    options.sidecar = args->sidecar;
    options.pages.ocr = ocr_mode(args->ocr);
    run_command("batch", [&] {
      const std::vector<engine::BatchInput> plan = engine::plan_batch(inputs, std::cin, args->outdir, {args->sidecar, args->corrections});
      if (plan.empty()) std::cerr << "nianbao: batch: no inputs: the folders hold no report files and the list was empty\n";
      const engine::BatchSummary s = engine::run_batch(plan, options, std::cerr);
      const unsigned used = static_cast<unsigned>(std::min<std::size_t>(options.jobs, std::max<std::size_t>(1, plan.size())));
      std::cout << engine::format_summary(s, used) << std::flush;
      if (s.errors > 0) std::cerr << "nianbao: batch: " << s.errors << " of " << s.inputs
                                  << " inputs failed, listed in " << (std::filesystem::path(args->outdir) / "errors.tsv").string() << '\n';
      return s.errors > 0 ? exit_input : exit_ok;
    });
  });
}

}  // namespace nianbao::cli
