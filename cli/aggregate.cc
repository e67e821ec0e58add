// `nianbao aggregate --db corpus.db [--by province,year] [--cell ID]...`: sums of cells per
// group, with the reports and the missing values counted (engine/questions.cc).
#include "cli/commands.h"
#include "engine/corpus_db.h"
#include "engine/questions.h"
#include "model/errors.h"
#include "pipeline/files.h"

namespace nianbao::cli {

namespace {
struct AggregateArgs {
  engine::AggregateQuery query;
  std::string db, output = "-";
};
}  // namespace

void register_aggregate(CLI::App& app) {
  auto args = std::make_shared<AggregateArgs>();
  CLI::App* c = app.add_subcommand("aggregate", "Sums of cells by province / city / year, with reports and missing values counted");
  c->footer(
      "Groups the reports (each report once: its most complete form) by the --by columns (default\n"
      "province,year; of province, city, county, division, agency, year, template; agency: as audit\n"
      "matches agencies, named by its fullest name) and, for each group and each cell, prints a CSV row:\n"
      "  GROUP...,cell,reports,values,missing,sum\n"
      "reports: reports in the group; values: those whose cell is a number (summed in sum); missing:\n"
      "those whose format has the cell but that give no number (blank, dash, ambiguous or not read).\n"
      "reports − values − missing is the reports whose format lacks the cell (a 2019 report and a 2021\n"
      "cell). A group with no report having the cell in its format has no row for it. An empty group\n"
      "field is a report without it (no division resolved, no year).\n"
      "--cell takes a cell id or the start of ids (t3.new_received = its seven columns; repeat it);\n"
      "default: every canonical cell (nianbao export --codebook lists them).\n\n"
      "Exit status: 0 printed; 2 an unknown --by column or --cell; 3 the database is missing or\n"
      "unreadable; 4 the output cannot be written.\n\n"
      "Examples:\n"
      "  nianbao aggregate --db corpus.db --cell 't3.new_received[total]'\n"
      "  nianbao aggregate --db corpus.db --by city,year --cell t4 -o t4-by-city.csv\n"
      "  nianbao aggregate --db corpus.db --by agency --year 2024 --cell 't3.new_received[total]' --sort sum");
  c->add_option("--db", args->db, "The corpus database built by `nianbao index`")->required();
  c->add_option("--by", args->query.by, "Group by these columns, comma-separated")
      ->delimiter(',')->capture_default_str()->check(CLI::IsMember(engine::aggregate_groups()));
  c->add_option("--cell", args->query.cells, "A cell id, or the start of ids (repeatable)");
  c->add_option("--year", args->query.year, "Only reports of this year")->check(strict_number(1900, 2999));
  auto sort = std::make_shared<std::string>("group");
  c->add_option("--sort", *sort, "group (by group, then cell) or sum (largest first)")
      ->capture_default_str()->check(CLI::IsMember({"group", "sum"}));
  c->add_option("-o,--output", args->output, "Write here instead of standard output");
  c->callback([args, sort] {
    run_command("aggregate", [&] {
      args->query.by_sum = *sort == "sum";
      engine::Database d = engine::open_corpus(args->db);
      const std::vector<engine::AggregateRow> rows = engine::aggregate(d, args->query);
      OutputFile out(args->output);
      engine::print_aggregate_csv(args->query, rows, out.stream());
      out.commit();
      return exit_ok;
    });
  });
}

}  // namespace nianbao::cli
