// Test helper for the corpus database: index XML outputs into a database file (created when
// missing), as `nianbao index` does, the log discarded.
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

}  // namespace nianbao::test
