// `nianbao search QUERY --db corpus.db`: sentences of the indexed reports that contain every
// term of the query, best first, with the report, the section path and a marked snippet.
// Matching is on the folded text (internal/search_text.h); why bigrams: docs/search.md.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <tuple>

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

// A piece of SQL and the values of its parameters, in order.
struct Sql {
  std::string text;
  std::vector<std::string> binds;
  void add(std::string clause, std::string value) {
    text += std::move(clause);
    binds.push_back(std::move(value));
  }
};

// The filters on the report (`reports r`), as "AND …" clauses.
Sql report_filters(const SearchQuery& query) {
  Sql f;
  if (!query.agency.empty()) f.add("AND r.agency LIKE ? ESCAPE '\\' ", like_pattern(query.agency));
  if (!query.year.empty()) f.add("AND r.year = ? ", query.year);
  if (query.failing_only) f.text += "AND r.failed_checks > 0 ";
  if (!query.all_forms) f.text += "AND r.primary_form = 1 ";
  if (!query.template_id.empty()) f.add("AND r.template = ? ", query.template_id);
  for (const auto& [column, value] : {std::pair{"province", &query.province}, std::pair{"city", &query.city}})
    if (!value->empty()) f.add(std::string("AND r.") + column + " = ? ", *value);
  if (!query.failing_rule.empty())
    f.add("AND ',' || r.failed_rules || ',' LIKE ? ESCAPE '\\' ", like_pattern("," + query.failing_rule + ","));
  if (!query.completeness.empty()) f.add(std::string("AND ") + completeness_sql + " = ? ", query.completeness);
  return f;
}

void bind_all(Statement& q, const std::vector<std::string>& binds, int& i) {
  for (const std::string& b : binds) q.bind(i++, b);
}

// A span of sentence ids, both ends included.
struct IdRange {
  std::int64_t first = 0, last = 0;
};

// The spans of sentence ids that hold the sentences of the reports the filters keep: a report's
// sentences are consecutive ids (indexed in one go), and the reports between two kept ones that
// the filters drop split a span. So a filter that keeps few reports (one agency; the primary
// forms of a corpus of copies) costs a seek per kept report in the index instead of a walk
// over every match of the others. Empty when no report is kept; nullopt when the spans are
// more than max_id_ranges (the kept reports are many: walking every match is then cheaper).
constexpr std::size_t max_id_ranges = 256;

std::optional<std::vector<IdRange>> kept_ranges(Database& d, const Sql& filters) {
  Statement q = d.prepare("SELECT first_sentence, last_sentence, (1 " + filters.text + ") FROM reports r "
                          "WHERE first_sentence IS NOT NULL ORDER BY first_sentence");
  int i = 1;
  bind_all(q, filters.binds, i);
  std::vector<IdRange> out;
  bool extend = false;  // the last report was kept: the next kept one continues its span
  while (q.step()) {
    const bool kept = q.integer(2) != 0;
    if (kept && extend) out.back().last = q.integer(1);
    else if (kept) out.push_back({q.integer(0), q.integer(1)});
    extend = kept;
    if (out.size() > max_id_ranges) return std::nullopt;
  }
  return out;
}

struct Candidate {
  std::int64_t id = 0;
  double score = 0;
  std::int64_t length = 0;
};

// The matching sentences of the reports the filters keep, in id order, at most `pool` of them.
std::vector<Candidate> candidates(Database& d, const std::vector<std::string>& terms, const SearchQuery& query,
                                  std::size_t pool) {
  std::vector<std::string> long_terms, scanned_terms;
  for (const std::string& t : terms) (normalize::count_code_points(t) >= 2 ? long_terms : scanned_terms).push_back(t);
  const Sql filters = report_filters(query);
  const std::optional<std::vector<IdRange>> ranges = kept_ranges(d, filters);
  const std::vector<IdRange> spans = ranges ? *ranges : std::vector<IdRange>{{INT64_MIN, INT64_MAX}};
  // FTS5 bounds its walk by a span's last id only when it has a row to give: an AND of phrases
  // that occur apart but never together leaps past the span to the end of the index, once per
  // span (行政复议 决定 on 10 000 copies). Over several spans, only the longest term (the most
  // selective, as a rule) goes through the index; the others are checked in the folded text.
  std::vector<std::string> indexed = long_terms;
  if (spans.size() > 1 && long_terms.size() > 1) {
    const auto longest = std::max_element(long_terms.begin(), long_terms.end(), [](const auto& a, const auto& b) {
      return normalize::count_code_points(a) < normalize::count_code_points(b);
    });
    indexed = {*longest};
    long_terms.erase(longest);
    scanned_terms.insert(scanned_terms.end(), long_terms.begin(), long_terms.end());
  }
  Sql where{"JOIN reports r ON r.id = s.report WHERE 1 ", {}};
  if (!indexed.empty()) {
    std::string match;
    for (const std::string& t : indexed) match += (match.empty() ? "" : " AND ") + fts_phrase(t);
    where.add("AND sentences_fts MATCH ? ", match);
  }
  for (const std::string& t : scanned_terms) where.add("AND instr(s.folded, ?) > 0 ", t);
  if (!query.kind.empty()) where.add("AND s.kind = ? ", query.kind);
  where.text += filters.text;
  where.binds.insert(where.binds.end(), filters.binds.begin(), filters.binds.end());
  // Ranked by the occurrences of the first term (more first), then the shorter sentence. Not
  // bm25: FTS5 computes its weights from every match of every phrase, the cost this pool avoids.
  const std::string id = indexed.empty() ? "s.id" : "sentences_fts.rowid";
  const std::string from = indexed.empty() ? "FROM sentences s "
                                           : "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid ";
  Statement q = d.prepare("SELECT s.id, -((length(s.folded) - length(replace(s.folded, ?1, ''))) / length(?1)), "
                          "length(s.folded) " + from + where.text + "AND " + id + " BETWEEN ? AND ? LIMIT ?");
  std::vector<Candidate> out;
  for (const IdRange& span : spans) {
    int i = 1;
    q.bind(i++, terms.front());
    bind_all(q, where.binds, i);
    q.bind(i, span.first).bind(i + 1, span.last).bind(i + 2, static_cast<std::int64_t>(pool - out.size()));
    while (q.step()) out.push_back({q.integer(0), q.real(1), q.integer(2)});
    q.reset();
    if (out.size() >= pool) break;
  }
  return out;
}

}  // namespace

std::vector<Hit> search(Database& d, const SearchQuery& query, const Marks& marks) {
  const std::vector<std::string> terms = split_terms(query.text);
  if (terms.empty()) return {};
  if (terms.size() > max_search_terms)
    throw UsageError("the query has " + std::to_string(terms.size()) + " terms, more than the limit of " +
                     std::to_string(max_search_terms) + "; search for fewer");
  // Only the pool is ranked, so a word in every report costs `pool` rankings, not one per match.
  const std::size_t pool = std::max(max_ranked_matches, query.offset + query.limit);
  std::vector<Candidate> ranked = candidates(d, terms, query, pool);
  std::sort(ranked.begin(), ranked.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.score, a.length, a.id) < std::tie(b.score, b.length, b.id);
  });
  Statement q = d.prepare("SELECT r.agency, r.year, r.source, r.path, s.section, s.text, r.id, s.kind "
                          "FROM sentences s JOIN reports r ON r.id = s.report WHERE s.id = ?");
  std::vector<Hit> hits;
  for (std::size_t k = query.offset; k < ranked.size() && hits.size() < query.limit; ++k) {
    q.bind(1, ranked[k].id);
    if (!q.step()) {
      q.reset();
      continue;
    }
    Hit h;
    h.agency = q.text(0);
    h.year = q.text(1);
    h.source = q.text(2);
    h.path = q.text(3);
    h.section = q.text(4);
    h.text = q.text(5);
    h.report = q.integer(6);
    h.kind = q.text(7);
    h.score = ranked[k].score;
    h.snippet = snippet(h.text, terms, marks);
    h.plain_snippet = snippet(h.text, terms, {"", ""});
    hits.push_back(std::move(h));
    q.reset();
  }
  return hits;
}

}  // namespace nianbao::engine
