// Internal to the mapper: the entries of a table region — a label with the values that
// follow it, or a table row — read from its tokens by EntryReader (mapper_entries.cc), and
// placed by mapper.cc.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "model/report.h"
#include "schema/internal/solver.h"
#include "schema/internal/stream.h"
#include "schema/template.h"

namespace nianbao::schema::detail {

struct Entry {
  // Provided, not defaulted: `emplace_back()` then makes an Entry member by member, instead of
  // zeroing it whole first (a `rep stos`, as value-initialization does with an implicit constructor).
  Entry() {}  // NOLINT(modernize-use-equals-default)
  const TableDef* table = nullptr;  // the table of the label (or the only table)
  int row = -1;                     // label row, -1 when the values came without one
  bool strong = false;              // label on the same row/line/run as the values
  bool structured = false;          // slots are table cells
  bool splittable = false;          // pieces came from flattened text: cells may be glued
  std::vector<std::string> slots;
  std::vector<std::vector<std::string>> slot_options;  // several placements of a too-wide row (slots is the first)
  std::vector<std::vector<std::string>> readings;      // per slot: OCR's other readings of the cell (scans)
  std::vector<std::string> pieces;
  std::vector<std::size_t> groups;  // pieces per number run (a paragraph, a column of a PDF table)
  std::string run;
  SourcePos pos;
  const TableDef* block = nullptr;  // 表二: the block whose title was seen last
  std::string note;                 // the label was matched approximately: how
  bool unnamed = false;             // opened by a text that names no row (a damaged label)
};

// The entries of tokens of a region where `tables` are read together (one grid table, or
// the blocks of 表二). The pieces of the number runs are cut into the entries' lists.
std::vector<Entry> read_entries(const std::vector<const TableDef*>& tables, const std::vector<Token>& tokens,
                                std::vector<Diagnostic>& diagnostics);

// Says how a reading was found (an approximate label or heading) in the note of each alternative.
inline void annotate(ChoicePoint& p, const std::string& note) {
  if (note.empty()) return;
  for (Alternative& a : p.alternatives) a.note += (a.note.empty() ? "" : "; ") + note;
}

// The placements of an entry's slots: its slot options, or its slots alone (viewed, not copied).
inline std::span<const std::vector<std::string>> placements_of(const Entry& e) {
  if (e.slot_options.empty()) return {&e.slots, 1};
  return e.slot_options;
}

// A row with cells of its own: not a group, or a group the report may print as one row.
inline bool is_value_row(const RowDef& r) { return !r.group || r.collapsible; }

}  // namespace nianbao::schema::detail
