// The lines of a space-aligned table read as fields (text_tables_fields.cc): each line's summary,
// which the finder keeps for every line of the text, and its fields, read again for the lines of a
// table. Internal to extract/ (text_tables_aligned.cc).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/internal/lines.h"

namespace nianbao::extract::text_tables {

// A field of a line: text between runs of two or more spaces, or one number of a run of
// numbers written with single spaces ("0 0 0").
struct Field {
  std::string_view text;  // a view of the line it was read from
  int start = 0, end = 0;  // display columns [start, end)
  bool value = false;
  int center2() const { return start + end; }  // twice the center, to stay in integers
};

// What the detector keeps of every line (the fields themselves are read again for the lines
// of a table, so that memory stays small on huge inputs).
struct LineInfo {  // 20 bytes: one per line of the text, all alive while tables are looked for
  bool blank : 1 = true;
  bool readable : 1 = true;    // short enough to be a table row
  bool numeric : 1 = false;    // a table row with values
  bool sentence : 1 = false;   // holds 。！？: prose, never inside a table
  bool lead_in : 1 = false;    // ends with ：, introduces what follows
  bool heading : 1 = false;    // a level-1 heading alone on its line
  bool numbered : 1 = false;   // starts with a row number of any level
  bool comma : 1 = false;      // holds ，；, (prose punctuation)
  // analyse(…, defer_one_field) of a line read as one field: only blank, readable, fields (1),
  // numeric (false) and width (-1) are set; analyse(text) gives the rest.
  bool pending : 1 = false;
  // Field counts fit 16 bits: a readable line is at most max_row_bytes (64 KiB), fields are
  // separated by two spaces.
  std::uint16_t fields = 0;
  std::uint16_t labels = 0;  // leading fields that are not values
  std::uint16_t values = 0;  // trailing value fields
  int width = 0;             // display columns; -1 for a line of one field: Lines::width then
  int indent = 0;            // display column of the first field
  int value_start = 0;       // display column of the first trailing value
};

// The summary of a line; its fields go to `keep` when given. With `defer_one_field` a line read
// as one field (never a numeric row) is only marked pending. Without `keep`, `split` (when given)
// receives the fields of a line that had to be split into them, what `keep` would have received;
// it is left as it is for a line the summary needed no split for.
LineInfo analyse(std::string_view text, std::vector<Field>* keep = nullptr, bool defer_one_field = false,
                 std::vector<Field>* split = nullptr);

// The width a full line of running text has (80th percentile of wide lines), 0 if unknown;
// infos[i] is the summary of lines[i].
int full_width(const std::vector<LineInfo>& infos, const Lines& lines);

}  // namespace nianbao::extract::text_tables
