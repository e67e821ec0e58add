// `nianbao audit --db corpus.db`: the cross-year rules of the templates (spec §5.2 S1, S2)
// over the indexed reports of each agency (engine/audit.cc). Findings are data, not errors.
#include <iostream>

#include "cli/commands.h"
#include "engine/audit.h"
#include "engine/corpus_db.h"
#include "model/errors.h"

namespace nianbao::cli {

void register_audit(CLI::App& app) {
  auto db = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* c = app.add_subcommand("audit", "Cross-year consistency of each agency's reports (spec §5.2 S1, S2)");
  c->footer(
      "For every agency and every pair of its reports for consecutive years Y−1, Y, checks the\n"
      "cross-year rules of year Y's template (rules with previous(cell) in schema/templates/):\n"
      "  S1  t3.carried_over[c](Y) = t3.carried_forward[c](Y−1), for each column c of 表三\n"
      "  S2  t2.art20_1.X.in_force(Y) = in_force(Y−1) + issued(Y) − repealed(Y), X = regulations,\n"
      "      normative_docs, when year Y−1's format has these cells too (2021 format)\n"
      "and lists the years that do not chain, with the numbers. Agencies are matched on the agency\n"
      "name as extracted, folded (NFKC, whitespace removed); reports without an agency or a year are\n"
      "counted and left out. Reports of one agency and year with identical numbers are audited once\n"
      "(\"+N identical\"). A rule with a missing, blank, dash or ambiguous operand is undetermined.\n"
      "Soft rules can legitimately break (e.g. revisions counted as 制发): findings are data.\n\n"
      "Exit status: 0 when the audit ran (whatever it found); 3 the database is missing or unreadable.\n\n"
      "Examples:\n"
      "  nianbao audit --db corpus.db\n"
      "  nianbao audit --db corpus.db --json > audit.json");
  c->add_option("--db", *db, "The corpus database built by `nianbao index`")->required();
  c->add_flag("--json", *json, "Print the result as one JSON object");
  c->callback([db, json] {
    run_command("audit", [&] {
      engine::Database d = engine::open_corpus(*db);
      const engine::AuditResult r = engine::audit(d);
      if (*json) engine::print_audit_json(r, std::cout);
      else engine::print_audit(r, std::cout);
      return exit_ok;
    });
  });
}

}  // namespace nianbao::cli
