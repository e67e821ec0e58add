// `nianbao search QUERY --db corpus.db`: sentences of the indexed reports that contain every
// term of the query, best first, with the report, the section path and a marked snippet.
// Matching is on the folded text (internal/search_text.h); why bigrams: docs/search.md.
#include <unistd.h>

#include <algorithm>

#include <iostream>
#include <sstream>

#include "engine/search.h"
#include "engine/internal/completeness.h"
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
  for (const std::string& t : terms) (normalize::count_code_points(t) >= 2 ? long_terms : short_terms).push_back(t);

  // The matching sentences of the reports the filters keep, in index order, at most `pool` of
  // them: terms of 2+ characters through the bigram index, single characters with LIKE. Only
  // these are ranked, so a word in every report costs `pool` rankings, not one per match.
  const std::size_t pool = std::max(max_ranked_matches, query.offset + query.limit);
  std::string where = "JOIN reports r ON r.id = s.report WHERE 1 ";
  std::vector<std::string> binds;
  if (!long_terms.empty()) {
    std::string match;
    for (const std::string& t : long_terms) match += (match.empty() ? "" : " AND ") + fts_phrase(t);
    where += "AND sentences_fts MATCH ? ";
    binds.push_back(match);
  }
  for (const std::string& t : short_terms) {
    where += "AND s.folded LIKE ? ESCAPE '\\' ";
    binds.push_back(like_pattern(t));
  }
  if (!query.agency.empty()) {
    where += "AND r.agency LIKE ? ESCAPE '\\' ";
    binds.push_back(like_pattern(query.agency));
  }
  if (!query.year.empty()) {
    where += "AND r.year = ? ";
    binds.push_back(query.year);
  }
  if (query.failing_only) where += "AND r.failed_checks > 0 ";
  if (!query.all_forms) where += "AND r.primary_form = 1 ";
  if (!query.kind.empty()) {
    where += "AND s.kind = ? ";
    binds.push_back(query.kind);
  }
  if (!query.template_id.empty()) {
    where += "AND r.template = ? ";
    binds.push_back(query.template_id);
  }
  for (const auto& [column, value] : {std::pair{"province", &query.province}, std::pair{"city", &query.city}})
    if (!value->empty()) {
      where += std::string("AND r.") + column + " = ? ";
      binds.push_back(*value);
    }
  if (!query.failing_rule.empty()) {
    where += "AND ',' || r.failed_rules || ',' LIKE ? ESCAPE '\\' ";
    binds.push_back(like_pattern("," + query.failing_rule + ","));
  }
  if (!query.completeness.empty()) {
    where += std::string("AND ") + completeness_sql + " = ? ";
    binds.push_back(query.completeness);
  }
  // Ranked by the occurrences of the first term (more first), then the shorter sentence. Not
  // bm25: FTS5 computes its weights from every match of every phrase, the cost this pool avoids.
  const std::string from = long_terms.empty() ? "FROM sentences s "
                                              : "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid ";
  const std::string ranked =
      "SELECT s.id AS sid, -((length(s.folded) - length(replace(s.folded, ?, ''))) / length(?)) AS score, "
      "length(s.folded) AS len " + from + where;
  binds.insert(binds.begin(), {terms.front(), terms.front()});
  std::string sql = "SELECT r.agency, r.year, r.source, r.path, s.section, s.text, r.id, s.kind, m.score FROM (" + ranked +
                    "LIMIT " + std::to_string(pool) + ") m JOIN sentences s ON s.id = m.sid "
                    "JOIN reports r ON r.id = s.report ORDER BY m.score, m.len, m.sid LIMIT ? OFFSET ?";

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
