// Test helpers for the corpus database: index XML outputs into a database file (created when
// missing), as `nianbao index` does, the log discarded; split the rows of its CSV exports.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "engine/corpus_db.h"

namespace nianbao::test {

inline engine::IndexSummary index_into(const std::string& db_path, const std::vector<std::string>& paths) {
  engine::Database d = engine::open_corpus_for_writing(db_path);
  std::ostringstream log;
  return engine::index_outputs(d, paths, log);
}

// The fields of a CSV row (RFC 4180 quotes), empty ones kept.
inline std::vector<std::string> csv_fields(const std::string& row) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < row.size(); ++i) {
    const char ch = row[i];
    if (ch == '"' && quoted && i + 1 < row.size() && row[i + 1] == '"') out.back() += '"', ++i;
    else if (ch == '"') quoted = !quoted;
    else if (ch == ',' && !quoted) out.emplace_back();
    else out.back() += ch;
  }
  return out;
}

}  // namespace nianbao::test
