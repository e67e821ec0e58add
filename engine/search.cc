// `nianbao search QUERY --db corpus.db`: sentences of the indexed reports that contain every
// term of the query, best first, with the report, the section path and a marked snippet.
// Matching is on the folded text (internal/search_text.h); why trigram + LIKE: docs/search.md.
#include <unistd.h>

#include <iostream>
#include <sstream>

#include "engine/search.h"
#include "engine/internal/search_text.h"
#include "model/errors.h"
#include "normalize/normalize.h"

namespace nianbao::engine {

namespace {

std::vector<std::string> split_terms(const std::string& query) {
  std::vector<std::string> terms;
  std::istringstream in(query);
  std::string word;
  while (in >> word) {
    std::string folded = search_fold(word);  // also drops U+3000 and other spaces
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

std::vector<Hit> search(Database& d, const SearchQuery& query, const Marks& marks) {
  const std::vector<std::string> terms = split_terms(query.text);
  if (terms.empty()) return {};
  if (terms.size() > max_search_terms)
    throw UsageError("the query has " + std::to_string(terms.size()) + " terms, more than the limit of " +
                     std::to_string(max_search_terms) + "; search for fewer");
  std::vector<std::string> long_terms, short_terms;
  for (const std::string& t : terms) (normalize::count_code_points(t) >= 3 ? long_terms : short_terms).push_back(t);

  // Long terms go to the trigram index (ranked by bm25); short ones filter with LIKE and, when
  // there is no long term, rank by occurrences (more first), then by shorter sentence.
  std::string sql = "SELECT r.agency, r.year, r.source, r.path, s.section, s.text, r.id, s.kind, ";
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
  if (query.failing_only) sql += "AND r.failed_checks > 0 ";
  if (!query.all_forms) sql += "AND r.primary_form = 1 ";
  if (!query.kind.empty()) {
    sql += "AND s.kind = ? ";
    binds.push_back(query.kind);
  }
  if (!query.template_id.empty()) {
    sql += "AND r.template = ? ";
    binds.push_back(query.template_id);
  }
  sql += long_terms.empty() ? "ORDER BY score, length(s.folded), s.id LIMIT ?" : "ORDER BY score, s.id LIMIT ?";
  sql += " OFFSET ?";

  Statement q = d.prepare(sql);
  int i = 1;
  for (const std::string& b : binds) q.bind(i++, b);
  q.bind(i++, static_cast<std::int64_t>(query.limit));
  q.bind(i, static_cast<std::int64_t>(query.offset));
  std::vector<Hit> hits;
  while (q.step()) {
    Hit h;
    h.agency = q.text(0);
    h.year = q.text(1);
    h.source = q.text(2);
    h.path = q.text(3);
    h.section = q.text(4);
    h.text = q.text(5);
    h.report = q.integer(6);
    h.kind = q.text(7);
    h.score = q.real(8);
    h.snippet = snippet(h.text, terms, marks);
    h.plain_snippet = snippet(h.text, terms, {"", ""});
    hits.push_back(std::move(h));
  }
  return hits;
}

}  // namespace nianbao::engine
