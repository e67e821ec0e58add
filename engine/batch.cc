// Batch extraction: many inputs → one XML each under OUTDIR, N worker processes, progress,
// a summary and OUTDIR/errors.tsv. Each worker holds one report in memory at a time, so memory
// does not grow with the number of inputs; one that crashes or hangs costs only its input.
#include <unistd.h>

#include <algorithm>
#include <map>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <iostream>
#include <sstream>
#include <thread>

#include "engine/batch.h"
#include "engine/internal/worker_pool.h"
#include "model/errors.h"
#include "output/output.h"
#include "pipeline/files.h"
#include "pipeline/pipeline.h"

namespace nianbao::engine {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// The start of an output that holds its <report source=…> (a path is at most PATH_MAX bytes,
// up to 3× that percent-encoded).
constexpr std::size_t kRecordedSourceBytes = 16384;

enum class Outcome { clean, warnings, failed_checks, skipped, error };

struct Result {
  Outcome outcome = Outcome::error;
  std::string reason;
};

// Up to date: the output is newer than the input and than the corrections file, and is this
// input's report (its source=), so an output left by another input of the same name is never
// taken for this one's, and a correction added since is applied.
bool up_to_date(const BatchInput& in, const std::string& corrections, const std::string& sidecar) {
  std::error_code e3;
  if (!sidecar.empty() && fs::last_write_time(sidecar, e3) >= fs::last_write_time(in.output, e3)) return false;
  if (!corrections.empty() && fs::exists(corrections, e3) &&
      fs::last_write_time(corrections, e3) >= fs::last_write_time(in.output, e3))
    return false;
  std::error_code e1, e2;
  const auto out_time = fs::last_write_time(in.output, e1);
  const auto in_time = fs::last_write_time(in.path, e2);
  if (e1 || e2 || out_time <= in_time) return false;
  std::ifstream out(in.output, std::ios::binary);
  std::string head(kRecordedSourceBytes, '\0');
  out.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(out.gcount()));
  return output::recorded_source(head) == output::source_name(in.path);
}

Result process(const BatchInput& in, const BatchOptions& options, const std::vector<Correction>& corrections,
               const std::map<std::string, GivenMeta>& sidecar) {
  if (!in.error.empty()) return {Outcome::error, in.error};
  if (!options.force && up_to_date(in, options.corrections, options.sidecar)) return {Outcome::skipped, ""};
  try {
    ExtractOptions extract;
    extract.source = in.path;
    extract.limits = options.limits;
    extract.pages = options.pages;
    extract.corrections = corrections;
    if (const auto given = sidecar.find(sidecar_key(in.path)); given != sidecar.end()) {
      extract.meta = given->second;
      extract.retrieved = retrieval_date(in.path);
    }
    const std::string bytes = read_input(in.path, extract.limits.max_input_bytes);
    const Report report = extract_report(bytes, extract);
    const std::string xml = output::to_xml(report);
    try {
      write_output(in.output, xml, in.path);
    } catch (const std::exception& e) {
      return {Outcome::error, std::string("cannot write the output: ") + e.what()};
    }
    const bool failed = std::any_of(report.checks.begin(), report.checks.end(),
                                    [](const Check& c) { return c.result == CheckResult::fail; });
    const bool warned = std::any_of(report.diagnostics.begin(), report.diagnostics.end(),
                                    [](const Diagnostic& d) { return d.severity != Severity::info; });
    return {failed ? Outcome::failed_checks : warned ? Outcome::warnings : Outcome::clean, ""};
  } catch (const InputError& e) {
    return {Outcome::error, (e.where.empty() ? "" : e.where + ": ") + std::string(e.what())};
  } catch (const std::exception& e) {
    return {Outcome::error, std::string("internal error: ") + e.what()};
  }
}

// A TSV field: tabs and line breaks would break the row.
std::string tsv_field(std::string text) {
  for (char& c : text)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return text;
}

std::string duration(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "?";
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, s / 60 % 60);
  else if (s >= 60) std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%lds", s);
  return buf;
}

// The progress of a batch: counts and the status line (kept by the parent process).
struct Progress {
  std::size_t done = 0, worked = 0, errors = 0;
  BatchSummary summary;
  Clock::time_point start = Clock::now();
  bool bar_drawn = false;

  std::string status(std::size_t total) const {
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const double rate = elapsed > 0 ? worked / elapsed : 0;
    const double eta = rate > 0 ? (total - done) / rate : -1;
    char buf[160];
    std::snprintf(buf, sizeof buf, "%zu/%zu  %.1f/s  ETA %s  errors %zu", done, total, rate,
                  done == total ? "0s" : duration(eta).c_str(), errors);
    return buf;
  }
  std::string bar(std::size_t total) const {
    constexpr int width = 30;
    const int filled = total ? static_cast<int>(width * done / total) : width;
    return "\r\033[K[" + std::string(filled, '#') + std::string(width - filled, '.') + "] " + status(total);
  }
};

// A worker's answer for one input: the outcome as one character, then the reason.
std::string encode(const Result& r) { return static_cast<char>('0' + static_cast<int>(r.outcome)) + r.reason; }

Result decode(const std::string& message) {
  if (message.empty() || message[0] < '0' || message[0] > '0' + static_cast<int>(Outcome::error))
    return {Outcome::error, "internal error: a worker answered an unreadable message"};
  return {static_cast<Outcome>(message[0] - '0'), message.substr(1)};
}

// Failpoint for the tests of crash isolation: with NIANBAO_FAILPOINT_CRASH_ON=SUFFIX in the
// environment, the worker dies of SIGSEGV on an input whose path ends with SUFFIX.
void failpoint_crash(const std::string& path) {
  const char* const suffix = std::getenv("NIANBAO_FAILPOINT_CRASH_ON");
  if (!suffix || !*suffix) return;
  const std::string_view s(suffix);
  if (path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0) {
    std::signal(SIGSEGV, SIG_DFL);
    std::raise(SIGSEGV);
  }
}

}  // namespace

BatchSummary run_batch(const std::vector<BatchInput>& inputs, const BatchOptions& given, std::ostream& log) {
  BatchOptions options = given;
  if (options.corrections.empty()) options.corrections = (fs::path(options.outdir) / "corrections.csv").string();
  // Read once, before the workers start: a bad corrections file stops the batch with its line.
  const std::vector<Correction> corrections = read_corrections(options.corrections);
  const std::map<std::string, GivenMeta> sidecar = options.sidecar.empty() ? std::map<std::string, GivenMeta>()
                                                                           : read_sidecar(options.sidecar);
  std::error_code ec;
  fs::create_directories(options.outdir, ec);
  if (ec) throw OutputError(options.outdir + ": cannot create the output folder: " + ec.message());
  const std::string errors_path = (fs::path(options.outdir) / "errors.tsv").string();
  // A new file put in place (never a link or a file planted at that name), written as it goes.
  std::FILE* const errors = ::fdopen(create_replacing(errors_path), "w");
  if (!errors) throw OutputError(errors_path + ": cannot write");
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> errors_owner(errors, std::fclose);
  auto error_line = [&](const std::string& a, const std::string& b) {
    const std::string line = a + '\t' + b + '\n';
    std::fwrite(line.data(), 1, line.size(), errors);
    std::fflush(errors);
  };
  error_line("input", "reason");

  const std::size_t total = inputs.size();
  WorkerPoolOptions pool;
  pool.workers = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  pool.timeout_seconds = options.timeout_seconds;
  pool.tick_ms = options.progress_bar ? 200 : 1000;

  Progress p;
  p.summary.inputs = total;
  auto account = [&](std::size_t i, const Result& r) {
    ++p.done;
    switch (r.outcome) {
      case Outcome::clean: ++p.summary.clean; break;
      case Outcome::warnings: ++p.summary.warnings; break;
      case Outcome::failed_checks: ++p.summary.failed_checks; break;
      case Outcome::skipped: ++p.summary.skipped; break;
      case Outcome::error: ++p.summary.errors; break;
    }
    if (r.outcome != Outcome::skipped) ++p.worked;
    if (r.outcome == Outcome::error) {
      ++p.errors;
      error_line(tsv_field(inputs[i].path), tsv_field(r.reason));
      if (!options.quiet) {
        if (p.bar_drawn) log << "\r\033[K";
        log << "nianbao: batch: " << inputs[i].path << ": " << r.reason << '\n';
        p.bar_drawn = false;
      }
    }
  };
  auto last_line = Clock::now();
  auto tick = [&] {
    if (options.quiet || p.done == total) return;
    if (options.progress_bar) {
      log << p.bar(total) << std::flush;
      p.bar_drawn = true;
    } else if (std::chrono::duration<double>(Clock::now() - last_line).count() >= options.log_interval) {
      log << "nianbao batch: " << p.status(total) << '\n' << std::flush;
      last_line = Clock::now();
    }
  };
  // Build the lazily initialised shared data (templates, ICU break rules and dictionaries)
  // once, before the workers are forked: they share it instead of each building it.
  try {
    ExtractOptions warm;
    warm.source = "(warm-up)";
    output::to_xml(extract_report("一、总体情况\n本年度。\n", warm));
  } catch (const std::exception&) {
  }
  run_in_workers(
      total, pool,
      [&](std::size_t i) {
        failpoint_crash(inputs[i].path);
        return encode(process(inputs[i], options, corrections, sidecar));
      },
      [&](std::size_t i, const std::string& message) { account(i, decode(message)); },
      [&](std::size_t i, const std::string& reason) {
        if (!inputs[i].output.empty()) remove_temporary_outputs(inputs[i].output);  // no partial output left
        account(i, {Outcome::error, reason});
      },
      tick);
  if (options.progress_bar && !options.quiet) log << p.bar(total) << '\n' << std::flush;
  const bool write_failed = std::ferror(errors) != 0;
  if (std::fclose(errors_owner.release()) != 0 || write_failed) throw OutputError(errors_path + ": write failed");
  p.summary.seconds = std::chrono::duration<double>(Clock::now() - p.start).count();
  return p.summary;
}

std::string format_summary(const BatchSummary& s, unsigned jobs) {
  std::ostringstream out;
  const std::size_t worked = s.inputs - s.skipped;
  char head[160];
  std::snprintf(head, sizeof head, "%zu inputs in %.1f s (%.1f reports/s, %u workers)", s.inputs, s.seconds,
                s.seconds > 0 ? worked / s.seconds : 0.0, jobs);
  out << "nianbao batch: " << head << '\n'
      << "  ok                    " << s.clean << '\n'
      << "  with warnings         " << s.warnings << "   (diagnostics in the XML)\n"
      << "  with failed checks    " << s.failed_checks << "   (<check result=\"fail\"> in the XML)\n"
      << "  skipped (up to date)  " << s.skipped << '\n'
      << "  errors                " << s.errors << "   (no output; listed in errors.tsv)\n";
  return out.str();
}

}  // namespace nianbao::engine
