// The damage generator: variants of a labelled corpus report with one class of damage seen in
// published reports (typos in headings and labels, OCR confusions, line endings, a blank total,
// a table split with its header repeated, a table's heading removed, two sections' headings
// swapped, a table moved under the previous heading), each with the report's
// expectations carried over — the cells a damage changes on purpose say so in `changed`.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tests/corpus.h"

namespace nianbao::test {

struct Variant {
  std::string text;                            // the damaged source; "" when the damage does not apply
  std::map<std::string, std::string> changed;  // cell id → its new expectation (e.g. "blank")
  bool as_text = false;                        // an HTML page turned into text: read it as text
};

struct Damage {
  std::string name;  // "heading-typo", …
  Variant (*apply)(const std::string& source, const Expected& expected);
};

// Every class of damage, in the order the figures are printed.
const std::vector<Damage>& damages();

namespace damage {
// Text helpers of the generators (damage.cc, damage_cells.cc).
std::vector<std::string> lines_of(const std::string& s);          // split at '\n'
std::string join_lines(const std::vector<std::string>& lines);    // joined with '\n'
std::string trimmed(const std::string& s);                        // without spaces, tabs, CR around
inline bool is_tab_row(const std::string& l) { return l.find('\t') != std::string::npos; }
inline bool is_pipe_row(const std::string& l) { return l.rfind("|", 0) == 0; }

// The cell-layout damages (damage_cells.cc): the tables one cell per line, an empty cell an
// empty line, with 表三's first total emptied.
Variant cell_per_line(const std::string& source, const Expected& e);
// PDF-to-markdown: each data row's label split over two cells ("| （三）不 | 予公开 | …").
Variant label_split(const std::string& source, const Expected& e);
// PDF-to-markdown: each header row cut in two rows, every header text cut mid-word.
Variant header_fragments(const std::string& source, const Expected& e);
}  // namespace damage

}  // namespace nianbao::test
