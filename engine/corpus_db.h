// engine/corpus_db: the SQLite corpus database built from nianbao's XML outputs — opening it
// and indexing outputs into it (reports, cells, checks, sentences and their full-text index).
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "engine/database.h"

namespace nianbao::engine {

// Open an existing corpus database for reading; a DbError says when it is missing or is not a
// corpus database.
Database open_corpus(const std::string& path);
// Open or create one for indexing (creates the tables).
Database open_corpus_for_writing(const std::string& path);

struct IndexSummary {
  std::size_t reports = 0;  // XML files indexed
  std::size_t failed = 0;   // XML files that could not be read (named in `log`)
  std::size_t removed = 0;  // reports under an indexed folder whose XML file is gone
};

// Index our XML outputs (files, or folders walked for *.xml) into `db`. Re-indexing a path
// replaces its rows; the reports of an indexed folder whose XML file was deleted are removed.
// Throws DbError when the database cannot be written.
IndexSummary index_outputs(Database& db, const std::vector<std::string>& paths, std::ostream& log);

// All canonical cell ids of the templates (spec §8), in template order (gov-2021 first).
const std::vector<std::string>& canonical_cells();

}  // namespace nianbao::engine
