// Internal to schema/: the document as the table mapper reads it — a stream of text runs,
// number runs and table rows in source order — and the matching of text against the row
// labels of a template table.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/report.h"
#include "schema/template.h"

namespace nianbao::schema {

struct Token {
  enum Kind { text_run, number_run, table_row } kind = text_run;
  std::string text;                  // text: as printed; number: the run as printed
  std::vector<std::string> pieces;   // number: the run cut at spaces (digits, sign, '.', unit)
  std::vector<std::string> cells;    // row: the texts of the row's origin cells
  std::vector<std::vector<std::string>> readings;  // row: per cell, OCR's other readings (TableCell)
  bool loose = false;                // number: its paragraph holds nothing but numbers
  bool after_text = false;           // number: follows a text run in the same paragraph
  bool label_only = false;           // text: the whole paragraph is this one text run
  bool next_is_number = false;       // text: a number run follows in the same paragraph
  std::size_t block = 0;
  SourcePos pos;
};

// Tokens of blocks [first, end) of the report.
std::vector<Token> tokenize(const Report& report, std::size_t first, std::size_t end);

// Text run / number run split of one paragraph, exposed for tests: "规章000规范性文件898989" →
// text "规章", number "000", text "规范性文件", number "898989". A digit glued before a label
// number ("00000002.其他…") goes to the label.
std::vector<Token> tokenize_paragraph(std::string_view text);

struct LabelMatch {
  const TableDef* table = nullptr;
  int row = -1;    // index into table->rows, -1 when nothing matched
  int score = 0;   // higher is better: exact > ends-with > prefix/fragment
};

// The row label of `tables` that `text` names. With `fragments`, a piece of a label broken
// across lines (PDF text) also matches; otherwise the text must equal, end with or start with
// a label.
LabelMatch match_label(const std::vector<const TableDef*>& tables, std::string_view text, bool fragments);
LabelMatch match_label(const std::vector<const TableDef*>& tables, const LabelText& text, bool fragments);

// True if `text` names one of the table's column headers (e.g. "总计" in a flattened 表四).
bool ends_with_column_label(const TableDef& table, std::string_view text);

}  // namespace nianbao::schema
