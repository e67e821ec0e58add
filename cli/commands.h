// The subcommands of `nianbao`, each registered on the CLI11 app with its options and help, and
// the one place where what a command throws becomes its documented exit status.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "model/limits.h"
#include "pipeline/pipeline.h"

namespace nianbao::cli {

// Registers every subcommand, or only `first_word`'s when it names one: a process runs one
// command, and registering the others (CLI11 options, help, validators) was a sixth of a short
// extract's start-up. Its parse and help are the same either way.
void register_commands(CLI::App& app, const char* first_word = nullptr);
// The exit status the command that ran decided.
int exit_status();

// The subcommand of `app` nearest to a mistyped `name` (edit distance at most a third of its
// length, at least 1), or "" when none is near enough to suggest.
std::string nearest_command(const CLI::App& app, const std::string& name);
bool is_command(const CLI::App& app, const std::string& name);

// Runs a command's body and records its exit status: what the body returns, or the status of
// what it threw — an Error its own status (InputError 3, OutputError 4, a database's 3 or 4),
// anything else 1 (internal error), each with one line on standard error naming the command.
// CLI11's own errors (usage) pass through to the parser, which exits 2.
void run_command(const std::string& name, const std::function<int()>& body);

// A number written in plain decimal digits (with a fraction when !integer), within [min, max]:
// CLI11 alone reads 0x7e8, 0b1, 1e3 and 2_024 as numbers, which a user never means here.
CLI::Validator strict_number(double min, double max, bool integer = true);

// Options shared by every command that extracts: the bounds of model/limits.h.
void add_limit_options(CLI::App& command, Limits& limits);

// How PDFs and scans are read (--ocr, --pages), as given and as applied to ExtractOptions.
struct PagedArgs {
  std::string ocr = "auto";
  std::string pages;
};
void add_paged_options(CLI::App& command, PagedArgs& paged);
void apply_paged_options(const PagedArgs& paged, ExtractOptions& options);
// --ocr alone (batch reads every page), and the mode it names.
void add_ocr_option(CLI::App& command, std::string& ocr);
extract::Ocr ocr_mode(const std::string& ocr);

void register_extract(CLI::App& app);
void register_batch(CLI::App& app);
void register_index(CLI::App& app);
void register_search(CLI::App& app);
void register_export(CLI::App& app);
void register_audit(CLI::App& app);
void register_diff(CLI::App& app);
void register_aggregate(CLI::App& app);
void register_correct(CLI::App& app);
void register_serve(CLI::App& app);

}  // namespace nianbao::cli
