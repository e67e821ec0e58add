// The subcommands of `nianbao`, each registered on the CLI11 app with its options and help.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/pipeline.h"
#include "model/limits.h"

namespace nianbao::cli {

void register_commands(CLI::App& app);
// The exit status the command that ran decided.
int exit_status();

// Options shared by every command that extracts: the bounds of model/limits.h.
void add_limit_options(CLI::App& command, Limits& limits);

// How PDFs and scans are read (--ocr, --pages), as given and as applied to ExtractOptions.
struct PagedArgs {
  std::string ocr = "auto";
  std::string pages;
};
void add_paged_options(CLI::App& command, PagedArgs& paged);
void apply_paged_options(const PagedArgs& paged, ExtractOptions& options);

void register_extract(CLI::App& app, int& status);
void register_batch(CLI::App& app, int& status);
void register_index(CLI::App& app, int& status);
void register_search(CLI::App& app, int& status);
void register_export(CLI::App& app, int& status);
void register_audit(CLI::App& app, int& status);

}  // namespace nianbao::cli
