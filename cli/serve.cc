// `nianbao serve --db corpus.db [--port N] [--bind ADDR]`: the web viewer over a corpus database
// (server/): search, an agency's figures over the years, a report beside its source.
#include <iostream>

#include "cli/commands.h"
#include "model/errors.h"
#include "server/server.h"

namespace nianbao::cli {

void register_serve(CLI::App& app) {
  auto options = std::make_shared<server::ServeOptions>();
  CLI::App* c = app.add_subcommand("serve", "Serve a web page to search the corpus and check numbers against their source");
  c->footer(
      "Pages: / (search with facets), /agency?name=… (its reports and figures by year), /report?id=…\n"
      "(the extraction beside the source: click a cell to see the line it was read from; failing\n"
      "checks on their cells). The pages use a JSON API that other tools may use too: /api/search?q=…,\n"
      "/api/facets, /api/reports/ID (cells, checks), /api/reports/ID/xml, /api/reports/ID/source,\n"
      "/api/agencies/NAME?cells=a,b. Read-only unless --corrections FILE is given: then a value\n"
      "corrected in the report page (with a reason) is appended to FILE, the report is re-indexed and\n"
      "its checks recomputed; each correction can be undone there. Use the file batch and index read\n"
      "(OUTDIR/corrections.csv) so that later runs keep them. Bound to 127.0.0.1 unless --bind says otherwise.\n"
      "Prints the address once it listens; stop it with Ctrl-C.\n\n"
      "Exit status: 3 the database is missing or not a corpus database; 4 the address cannot be bound.\n\n"
      "Example:\n"
      "  nianbao serve --db corpus.db --port 8080");
  c->add_option("--db", options->db, "The corpus database built by `nianbao index`")->required();
  c->add_option("--port", options->port, "TCP port (0 = any free port)")->capture_default_str()->check(CLI::Range(0, 65535));
  c->add_option("--bind", options->bind, "Address to listen on")->capture_default_str();
  c->add_option("--corrections", options->corrections,
                "The corrections file the report page writes (as `nianbao correct` does); without it, none");
  c->callback([options] {
    run_command("serve", [&] {
      server::serve(*options, std::cerr, [&](int port) {
        std::cout << "nianbao serve: http://" << options->bind << ":" << port << "/" << std::endl;
      });
      return exit_ok;
    });
  });
}

}  // namespace nianbao::cli
