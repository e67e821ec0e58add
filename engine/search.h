// engine/search: full-text search of the sentences of an indexed corpus, best first, with the
// report, the section path and a marked snippet of each hit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/database.h"

namespace nianbao::engine {

// How matches are marked in a snippet.
struct Marks {
  std::string open = "«";
  std::string close = "»";
};

struct SearchQuery {
  std::string text;      // terms separated by spaces; every term must occur (substring)
  std::string agency;    // substring of the agency, "" = any
  std::string year;      // exact, "" = any
  std::string template_id;
  std::size_t limit = 20;
  std::size_t offset = 0;     // hits skipped (paging)
  bool failing_only = false;  // only reports with a failing check
  bool all_forms = false;     // every form of a report, not only its most complete one
  std::string kind = "sentence";  // sentence (prose) | table (table rows and table text) | "" = both
  std::string province = {}, city = {};  // exact, "" = any
  std::string completeness = {};  // complete | partial | sparse | none, "" = any
  std::string failing_rule = {};  // only reports where this rule fails, "" = any
};

struct Hit {
  std::int64_t report = 0;  // the report's id in the database
  std::string agency, year, source, path, section, text;
  std::string kind;  // sentence | table
  std::string snippet;        // a window of the text around the matches, matches marked
  std::string plain_snippet;  // the same window without marks
  double score = 0;  // -occurrences of the first term (lower is better)
};

// A query has at most this many terms: far more than a person types, and each term is one
// more clause of the SQL (about a thousand terms overflow SQLite's expression depth).
constexpr std::size_t max_search_terms = 64;

// The matches ranked for one query: the first this many in index order (after the filters),
// and at least as many as the page asks for. A word in most reports matches hundreds of
// thousands of sentences on a large corpus; ranking them all took 200–325 ms on 2 000 reports
// (bench/README.md), these few stay within the 50 ms a search page may take.
constexpr std::size_t max_ranked_matches = 2000;

// Best first. A query of more than max_search_terms terms is a UsageError. Terms of 2+ characters
// use the FTS5 bigram index (a phrase of their bigrams); single characters, which it cannot
// match, filter with LIKE over the folded text.
std::vector<Hit> search(Database& db, const SearchQuery& query, const Marks& marks);

}  // namespace nianbao::engine
