// `nianbao correct FILE REPORT CELL VALUE --reason …`: add one correction to a corrections file;
// extract (--corrections), batch and index apply it on every run (pipeline/corrections.h).
#include <chrono>
#include <ctime>
#include <iostream>

#include "cli/commands.h"
#include "model/errors.h"
#include "pipeline/corrections.h"

namespace nianbao::cli {
namespace {

std::string today_utc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

void register_correct(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto c = std::make_shared<Correction>();
  CLI::App* cmd = app.add_subcommand("correct", "Record a corrected cell value in a corrections file");
  cmd->footer(
      "Appends report,cell,value,reason,who,when to FILE (created with its header). REPORT is the\n"
      "report's stable id (<report id> in the XML, `report` in the exports); VALUE a number, blank or\n"
      "dash. batch applies OUTDIR/corrections.csv on every run (--force keeps corrections), index\n"
      "FOLDER/corrections.csv, extract --corrections FILE: the value records what it replaced and the\n"
      "checks are recomputed.\n\n"
      "Example:\n"
      "  nianbao correct out/corrections.csv 69b974fd996e07b2 't3.new_received[total]' 154 \\\n"
      "      --reason \"表三 printed 145; the text says 154\" --who lin");
  cmd->add_option("FILE", *file, "The corrections file")->required();
  cmd->add_option("REPORT", c->report, "The report's id")->required();
  cmd->add_option("CELL", c->cell, "The canonical cell id, e.g. t3.new_received[total]")->required();
  cmd->add_option("VALUE", c->value, "The right value: a number, blank or dash")->required();
  cmd->add_option("--reason", c->reason, "Why (the evidence)")->required();
  cmd->add_option("--who", c->who, "Who corrected it");
  cmd->add_option("--when", c->when, "When (default: now, UTC)");
  cmd->callback([file, c] {
    if (!is_canonical_cell(c->cell)) throw CLI::ValidationError("CELL", c->cell + " is no canonical cell id (see export --codebook)");
    run_command("correct", [&] {
      Correction add = *c;
      if (add.when.empty()) add.when = today_utc();
      append_correction(*file, add);
      std::cout << "nianbao correct: " << add.report << ' ' << add.cell << " = " << add.value << " recorded in " << *file
                << '\n';
      return exit_ok;
    });
  });
}

}  // namespace nianbao::cli
