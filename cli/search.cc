// `nianbao search QUERY --db corpus.db`: sentences of the indexed reports that contain every
// term of the query, best first, with the report, the section path and a marked snippet.
// Matching is on the folded text (search_text.h); why trigram + LIKE: docs/search.md.
#include <unistd.h>

#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/corpus.h"
#include "model/errors.h"
#include "normalize/normalize.h"

namespace nianbao::corpus {

namespace {

std::vector<std::string> split_terms(const std::string& query) {
  std::vector<std::string> terms;
  std::istringstream in(query);
  std::string word;
  while (in >> word) {
    std::string folded = search::fold(word);  // also drops U+3000 and other spaces
    if (!folded.empty()) terms.push_back(std::move(folded));
  }
  return terms;
}

std::string like_pattern(std::string_view text) {
  std::string out = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

std::string fts_phrase(std::string_view term) {
  std::string out = "\"";
  for (const char c : term) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::vector<Hit> search(db::Database& d, const SearchQuery& query, const search::Marks& marks) {
  const std::vector<std::string> terms = split_terms(query.text);
  if (terms.empty()) return {};
  std::vector<std::string> long_terms, short_terms;
  for (const std::string& t : terms) (normalize::count_code_points(t) >= 3 ? long_terms : short_terms).push_back(t);

  // Long terms go to the trigram index (ranked by bm25); short ones filter with LIKE and, when
  // there is no long term, rank by occurrences (more first), then by shorter sentence.
  std::string sql = "SELECT r.agency, r.year, r.source, r.path, s.section, s.text, ";
  std::vector<std::string> binds;
  if (!long_terms.empty()) {
    sql += "bm25(sentences_fts) AS score FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid ";
  } else {
    sql += "-((length(s.folded) - length(replace(s.folded, ?, ''))) / length(?)) AS score FROM sentences s ";
    binds.push_back(short_terms.front());
    binds.push_back(short_terms.front());
  }
  sql += "JOIN reports r ON r.id = s.report WHERE 1 ";
  if (!long_terms.empty()) {
    std::string match;
    for (const std::string& t : long_terms) match += (match.empty() ? "" : " AND ") + fts_phrase(t);
    sql += "AND sentences_fts MATCH ? ";
    binds.push_back(match);
  }
  for (const std::string& t : short_terms) {
    sql += "AND s.folded LIKE ? ESCAPE '\\' ";
    binds.push_back(like_pattern(t));
  }
  if (!query.agency.empty()) {
    sql += "AND r.agency LIKE ? ESCAPE '\\' ";
    binds.push_back(like_pattern(query.agency));
  }
  if (!query.year.empty()) {
    sql += "AND r.year = ? ";
    binds.push_back(query.year);
  }
  if (!query.template_id.empty()) {
    sql += "AND r.template = ? ";
    binds.push_back(query.template_id);
  }
  sql += long_terms.empty() ? "ORDER BY score, length(s.folded), s.id LIMIT ?" : "ORDER BY score, s.id LIMIT ?";

  db::Statement q = d.prepare(sql);
  int i = 1;
  for (const std::string& b : binds) q.bind(i++, b);
  q.bind(i, static_cast<std::int64_t>(query.limit));
  std::vector<Hit> hits;
  while (q.step()) {
    Hit h;
    h.agency = q.text(0);
    h.year = q.text(1);
    h.source = q.text(2);
    h.path = q.text(3);
    h.section = q.text(4);
    h.text = q.text(5);
    h.score = q.real(6);
    h.snippet = search::snippet(h.text, terms, marks);
    h.plain_snippet = search::snippet(h.text, terms, {"", ""});
    hits.push_back(std::move(h));
  }
  return hits;
}

}  // namespace nianbao::corpus

namespace nianbao::cli {

namespace {
struct SearchArgs {
  corpus::SearchQuery query;
  std::string db;
  bool json = false;
};

void print_text(const std::vector<corpus::Hit>& hits, std::ostream& out) {
  int n = 0;
  for (const corpus::Hit& h : hits) {
    out << ++n << ". " << (h.agency.empty() ? "(agency unknown)" : h.agency) << ' '
        << (h.year.empty() ? "(year unknown)" : h.year) << "  " << h.source << '\n'
        << "   " << (h.section.empty() ? "(before the first heading)" : h.section) << '\n'
        << "   " << h.snippet << "\n\n";
  }
}

void print_json(const std::vector<corpus::Hit>& hits, std::ostream& out) {
  using corpus::json_string;
  out << "[";
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const corpus::Hit& h = hits[i];
    out << (i ? ",\n " : "\n ") << "{\"rank\": " << i + 1 << ", \"agency\": " << json_string(h.agency)
        << ", \"year\": " << (h.year.empty() ? "null" : h.year) << ", \"source\": " << json_string(h.source)
        << ", \"path\": " << json_string(h.path) << ", \"section\": " << json_string(h.section)
        << ", \"text\": " << json_string(h.text) << ", \"snippet\": " << json_string(h.plain_snippet)
        << ", \"highlighted\": " << json_string(h.snippet) << ", \"score\": " << h.score << "}";
  }
  out << (hits.empty() ? "]\n" : "\n]\n");
}
}  // namespace

void register_search(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* c = app.add_subcommand("search", "Full-text search of the sentences of an indexed corpus");
  c->footer(
      "Finds the sentences that contain every term of QUERY (terms are separated by spaces; each term\n"
      "is matched as a substring after NFKC folding, so 2024年 finds \"2024 年\" and full-width digits).\n"
      "Terms of 3 or more characters use the trigram index and rank by bm25; shorter terms (公开, 复议)\n"
      "are matched by a scan of the folded text. Each hit names the report (agency, year, source), the\n"
      "section path (headings joined by \" / \") and a snippet with the matches marked «like this»\n"
      "(bold on a terminal). --json prints an array of objects with plain fields.\n\n"
      "Examples:\n"
      "  nianbao search 依申请公开 --db corpus.db\n"
      "  nianbao search \"行政复议 纠正\" --db corpus.db --year 2024 --limit 5\n"
      "  nianbao search 政务新媒体 --db corpus.db --agency 平潭 --json");
  c->add_option("QUERY", args->query.text, "Terms to find, separated by spaces")->required();
  c->add_option("--db", args->db, "The corpus database built by `nianbao index`")->required();
  c->add_option("--agency", args->query.agency, "Only reports whose agency contains this text");
  c->add_option("--year", args->query.year, "Only reports of this year")->check(CLI::Range(1900, 2999));
  c->add_option("--template", args->query.template_id, "Only reports of this format")
      ->check(CLI::IsMember({"gov-2019", "gov-2021", "none"}));
  c->add_option("--limit", args->query.limit, "At most this many hits")->capture_default_str()->check(CLI::Range(1, 1000000));
  c->add_flag("--json", args->json, "Print the hits as a JSON array");
  c->callback([args, &exit_code] {
    try {
      db::Database d = corpus::open_corpus(args->db);
      search::Marks marks;
      if (!args->json && ::isatty(STDOUT_FILENO) == 1) marks = {"\033[1;31m", "\033[0m"};
      const std::vector<corpus::Hit> hits = corpus::search(d, args->query, marks);
      if (args->json) {
        print_json(hits, std::cout);
      } else {
        print_text(hits, std::cout);
        if (hits.empty()) std::cerr << "nianbao: search: no sentence contains " << args->query.text << '\n';
      }
      exit_code = exit_ok;
    } catch (const db::DbError& e) {
      std::cerr << "nianbao: search: " << e.what() << '\n';
      exit_code = exit_input;
    }
  });
}

}  // namespace nianbao::cli
