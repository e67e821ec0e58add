// The nianbao command: registers the subcommands and returns the exit status they decided.
// Exit status is documented in --help and the README (0 ok, 2 usage, 3 input, 4 output, 1
// internal); cli/commands.cc maps what a command throws to it.
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

#include "cli/commands.h"
#include "model/errors.h"
#include "model/version.h"
#include "pipeline/pipeline.h"

int main(int argc, char** argv) {
  nianbao::keep_heap_between_reports();
  CLI::App app{
      "nianbao: annual reports (政府信息公开工作年度报告), as text or HTML in any Chinese encoding,\n"
      "into structured, validated XML: sections, paragraphs, sentences, tables, the canonical cells\n"
      "of the 2019/2021 formats and their consistency checks.\n\n"
      "Exit status: 0 success; 1 internal error; 2 usage error; 3 an input could not be read\n"
      "(not text, too large, missing) or, for batch, at least one input failed; 4 an output\n"
      "could not be written."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "nianbao " + std::string(nianbao::version));
  nianbao::cli::register_commands(app, argc > 1 ? argv[1] : nullptr);
  // A first word that is no command and no option: name the nearest command, if one is near.
  if (argc > 1 && argv[1][0] != '-' && !nianbao::cli::is_command(app, argv[1])) {
    const std::string nearest = nianbao::cli::nearest_command(app, argv[1]);
    std::cerr << "nianbao: unknown command '" << argv[1] << "'"
              << (nearest.empty() ? "" : "; did you mean '" + nearest + "'?") << "\nRun nianbao --help for the commands.\n";
    return nianbao::exit_usage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : nianbao::exit_usage;
  } catch (const std::exception& e) {
    std::cerr << "nianbao: internal error: " << e.what() << '\n';
    return nianbao::exit_internal;
  }
  return nianbao::cli::exit_status();
}
