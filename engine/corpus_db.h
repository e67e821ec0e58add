// engine/corpus_db: the SQLite corpus database built from nianbao's XML outputs — opening it
// and indexing outputs into it (reports, cells, checks, sentences and their full-text index).
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "engine/database.h"
#include "pipeline/corrections.h"

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
  std::size_t corrected = 0;  // values a correction set
};

// Index our XML outputs (files, or folders walked for *.xml) into `db`. Re-indexing a path
// replaces its rows; the reports of an indexed folder whose XML file was deleted are removed.
// Throws DbError when the database cannot be written.
// `corrections` (pipeline/corrections.h) apply to the reports with their id, checks recomputed,
// whether or not the XML already holds them.
IndexSummary index_outputs(Database& db, const std::vector<std::string>& paths, std::ostream& log,
                           const std::vector<Correction>& corrections = {});

// The canonical cell ids of one template (its format), in template order; none for "none".
const std::vector<std::string>& template_cells(const std::string& template_id);
// The table ids of the templates (t2.art20_1, t3, t4, …), gov-2021's first, each once: the
// tables <tables-read> counts cells of.
const std::vector<std::string>& template_tables();
// The counts of a <table-read>, in the order of the exports' columns "<table>:<count>".
inline constexpr const char* table_read_counts[] = {"expected", "read", "blank", "dash", "ambiguous", "unread"};
// All canonical cell ids of the templates (spec §8), in template order (gov-2021 first).
const std::vector<std::string>& canonical_cells();

}  // namespace nianbao::engine
