// `nianbao search QUERY --db corpus.db`: sentences of the indexed reports that contain every
// term of the query, best first, with the report, the section path and a marked snippet.
// The search itself is engine/search.cc; why bigrams: docs/search.md.
#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "engine/corpus_db.h"
#include "engine/formats.h"
#include "engine/search.h"
#include "model/errors.h"
#include "pipeline/pipeline.h"

namespace nianbao::cli {

namespace {
struct SearchArgs {
  engine::SearchQuery query;
  std::string db;
  std::string in = "sentences";
  bool json = false;
};

// The hits grouped by report: reports in the order of their best hit, each report's hits best
// first (the order search gave them).
std::vector<std::vector<engine::Hit>> by_report(const std::vector<engine::Hit>& hits) {
  std::vector<std::vector<engine::Hit>> groups;
  for (const engine::Hit& h : hits) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.front().report == h.report; });
    if (it == groups.end()) groups.push_back({h});
    else it->push_back(h);
  }
  return groups;
}

void print_text(const std::vector<std::vector<engine::Hit>>& groups, std::ostream& out) {
  int n = 0;
  for (const std::vector<engine::Hit>& g : groups) {
    const engine::Hit& first = g.front();
    out << ++n << ". " << (first.agency.empty() ? "(agency unknown)" : first.agency) << ' '
        << (first.year.empty() ? "(year unknown)" : first.year) << "  " << first.source << '\n';
    for (const engine::Hit& h : g)
      out << "   " << (h.section.empty() ? "(before the first heading)" : h.section)
          << (h.kind == "table" ? "  [table]" : "") << '\n'
          << "     " << h.snippet << '\n';
    out << '\n';
  }
}

void print_json(const std::vector<std::vector<engine::Hit>>& groups, std::ostream& out) {
  using engine::json_string;
  std::vector<engine::Hit> hits;
  for (const auto& g : groups) hits.insert(hits.end(), g.begin(), g.end());
  out << "[";
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const engine::Hit& h = hits[i];
    out << (i ? ",\n " : "\n ") << "{\"rank\": " << i + 1 << ", \"report\": " << h.report
        << ", \"kind\": " << json_string(h.kind) << ", \"agency\": " << json_string(h.agency)
        << ", \"year\": " << (h.year.empty() ? "null" : h.year) << ", \"source\": " << json_string(h.source)
        << ", \"path\": " << json_string(h.path) << ", \"section\": " << json_string(h.section)
        << ", \"text\": " << json_string(h.text) << ", \"snippet\": " << json_string(h.plain_snippet)
        << ", \"highlighted\": " << json_string(h.snippet) << ", \"score\": " << h.score << "}";
  }
  out << (hits.empty() ? "]\n" : "\n]\n");
}
}  // namespace

void register_search(CLI::App& app) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* c = app.add_subcommand("search", "Full-text search of the sentences of an indexed corpus");
  c->footer(
      "Finds the sentences that contain every term of QUERY (terms are separated by spaces; each term\n"
      "is matched as a substring after NFKC folding, so 2024年 finds \"2024 年\" and full-width digits).\n"
      "Terms of 2 or more characters use the bigram index (公开 is one token, 依申请 the phrase 依申 申请);\n"
      "single characters are matched by a scan of the folded text. The first 2000 matches are ranked\n"
      "(occurrences of the first term, then\n"
      "the shorter sentence). Each hit names the report (agency, year, source), the\n"
      "section path (headings joined by \" / \") and a snippet with the matches marked «like this»\n"
      "(bold on a terminal). Hits are grouped by report: reports in the order of their best hit, each\n"
      "report's hits best first. --json prints an array of objects with plain fields, in that order.\n"
      "--in: prose sentences (default); tables: table rows and table text in paragraphs (text with no\n"
      "clause punctuation — cut cells like 商业企, labels, titles, signatures — or flattened rows of\n"
      "numbers); all. An empty query is a usage error (exit 2). A report saved in several forms is\n"
      "searched in its most complete form (--all-forms: every form).\n\n"
      "Examples:\n"
      "  nianbao search 依申请公开 --db corpus.db\n"
      "  nianbao search \"行政复议 纠正\" --db corpus.db --year 2024 --limit 5\n"
      "  nianbao search 政务新媒体 --db corpus.db --agency 平潭 --json");
  c->add_option("QUERY", args->query.text, "Terms to find, separated by spaces")->required();
  c->add_option("--db", args->db, "The corpus database built by `nianbao index`")->required();
  c->add_option("--agency", args->query.agency, "Only reports whose agency contains this text");
  c->add_option("--year", args->query.year, "Only reports of this year")->check(strict_number(1900, 2999));
  c->add_option("--template", args->query.template_id, "Only reports of this format")
      ->check(CLI::IsMember(format_ids()));
  c->add_option("--limit", args->query.limit, "At most this many hits")->capture_default_str()->check(strict_number(1, 1000000));
  c->add_option("--in", args->in, "Search prose sentences, table text (table rows, cut cells, labels), or all")
      ->capture_default_str()->check(CLI::IsMember({"sentences", "tables", "all"}));
  c->add_flag("--all-forms", args->query.all_forms, "Search every form of a report, not only its most complete one");
  c->add_flag("--json", args->json, "Print the hits as a JSON array (grouped by report, best first)");
  c->callback([args] {
    if (args->query.text.find_first_not_of(" \t\r\n") == std::string::npos)
      throw CLI::ValidationError("QUERY", "the query is empty: give a word to find (nianbao search 依申请公开 --db corpus.db)");
    run_command("search", [&] {
      engine::Database d = engine::open_corpus(args->db);
      engine::Marks marks;
      if (!args->json && ::isatty(STDOUT_FILENO) == 1) marks = {"\033[1;31m", "\033[0m"};
      args->query.kind = args->in == "sentences" ? "sentence" : args->in == "tables" ? "table" : "";
      const std::vector<engine::Hit> hits = engine::search(d, args->query, marks);
      if (args->json) {
        print_json(by_report(hits), std::cout);
      } else {
        print_text(by_report(hits), std::cout);
        if (hits.empty()) std::cerr << "nianbao: search: no sentence contains " << args->query.text << '\n';
      }
      return exit_ok;
    });
  });
}

}  // namespace nianbao::cli
