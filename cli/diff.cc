// `nianbao diff AGENCY YEAR1 YEAR2 --db corpus.db`: one agency's two reports side by side, every
// cell with the change (engine/questions.cc).
#include <iostream>

#include "cli/commands.h"
#include "engine/corpus_db.h"
#include "engine/questions.h"
#include "model/errors.h"
#include "pipeline/files.h"

namespace nianbao::cli {

namespace {
struct DiffArgs {
  std::string db, agency, output = "-", format = "csv";
  int before = 0, after = 0;
};
}  // namespace

void register_diff(CLI::App& app) {
  auto args = std::make_shared<DiffArgs>();
  CLI::App* c = app.add_subcommand("diff", "One agency's reports of two years side by side, every cell with the change");
  c->footer(
      "Finds AGENCY as audit matches agencies (its division and its name without places): by name or\n"
      "an alias (洪泽区人民政府 = 淮安市洪泽区人民政府), by the end of its name, by its division code\n"
      "(320813) when one agency there has reports, or by its key (320813/人民政府). A name that fits\n"
      "several agencies is a usage error that lists them. Of a report saved in several forms, its most\n"
      "complete form is read; of several reports of the agency for one year, the most complete.\n\n"
      "CSV (default): cell,row_label,column_label,YEAR1,YEAR2,change,YEAR1:state,YEAR2:state — one row\n"
      "per cell of either report's format, in template order; a value column holds only numbers;\n"
      "change = YEAR2 − YEAR1 when both are numbers; a state is number, blank, dash, ambiguous, unread\n"
      "(the format has the cell, the report gave none) or none (not in that year's format).\n"
      "--format json: one object (agency, division, before/after: year, report, source; cells).\n\n"
      "Exit status: 0 printed; 2 the agency or a year is not in the corpus (the message lists the\n"
      "choices); 3 the database is missing or unreadable; 4 the output cannot be written.\n\n"
      "Examples:\n"
      "  nianbao diff 洪泽区人民政府 2023 2024 --db corpus.db\n"
      "  nianbao diff 320813 2023 2024 --db corpus.db -o hongze.csv");
  c->add_option("AGENCY", args->agency, "The agency: a name, an alias, a division code or a key")->required();
  c->add_option("YEAR1", args->before, "The earlier year")->required()->check(strict_number(1900, 2999));
  c->add_option("YEAR2", args->after, "The later year")->required()->check(strict_number(1900, 2999));
  c->add_option("--db", args->db, "The corpus database built by `nianbao index`")->required();
  c->add_option("--format", args->format, "csv or json")->capture_default_str()->check(CLI::IsMember({"csv", "json"}));
  c->add_option("-o,--output", args->output, "Write here instead of standard output");
  c->callback([args] {
    run_command("diff", [&] {
      engine::Database d = engine::open_corpus(args->db);
      const engine::DiffResult r = engine::diff(d, args->agency, args->before, args->after);
      std::cerr << "nianbao diff: " << r.agency << (r.division.empty() ? "" : " (" + r.division + ")") << ": "
                << r.before_year << " " << r.before_source << " → " << r.after_year << " " << r.after_source << '\n';
      OutputFile out(args->output);
      if (args->format == "json") engine::print_diff_json(r, out.stream());
      else engine::print_diff_csv(r, out.stream());
      out.commit();
      return exit_ok;
    });
  });
}

}  // namespace nianbao::cli
