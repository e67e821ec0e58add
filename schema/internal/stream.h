// Internal to schema/: the document as the table mapper reads it — a stream of text runs,
// number runs and table rows in source order. (Matching text against the labels of a template
// is labels.h.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/report.h"
#include "schema/internal/labels.h"
#include "schema/template.h"

namespace nianbao::schema {

struct Token {
  enum Kind { text_run, number_run, table_row } kind = text_run;
  // Texts are views of the report's blocks (of the paragraph given to tokenize_paragraph), which
  // outlive the tokens: a region's rows and runs are not copied.
  std::string_view text;             // text: as printed; number: the run as printed
  std::vector<std::string_view> cells;  // row: the texts of the row's origin cells
  // row: per cell, OCR's other readings (TableCell); empty when no cell has any (all but scans)
  std::vector<std::vector<std::string>> readings;
  bool loose = false;                // number: its paragraph holds nothing but numbers
  bool after_text = false;           // number: follows a text run in the same paragraph
  bool label_only = false;           // text: the whole paragraph is this one text run
  bool next_is_number = false;       // text: a number run follows in the same paragraph
  std::size_t block = 0;
  SourcePos pos;
};

// Tokens of blocks [first, end) of the report; the first paragraph from byte `first_offset`
// of its text, and with `end_offset` > 0 also block `end` up to that byte (a table that starts
// or ends inside a flattened paragraph).
std::vector<Token> tokenize(const Report& report, std::size_t first, std::size_t end, std::size_t first_offset = 0,
                            std::size_t end_offset = 0);

// Text run / number run split of one paragraph, exposed for tests: "规章000规范性文件898989" →
// text "规章", number "000", text "规范性文件", number "898989". A digit glued before a label
// number ("00000002.其他…") goes to the label.
std::vector<Token> tokenize_paragraph(std::string_view text);

// Where the tokenizer next looks, from byte `k` (a code point's start) of a paragraph: the first
// byte at or after it that may start a number run — an ASCII digit or sign, the lead of a
// full-width digit or sign (EF BC 90–99, 8B, 8D) or of U+2212 (E2 88 92), or a lead the decoder
// may read as an overlong form of one (C0 E0 F0 F8) — found 15 bytes at a time and in the
// text's last 16; the text's end when there is none; `k` itself in a text under 16 bytes. No code
// point that starts before it is a digit or a sign in ASCII form. Exposed for tests.
std::size_t number_start_candidate(std::string_view text, std::size_t k);

// A number run's pieces (`run`: a number token's text), appended to `out`: the run cut at
// spaces, each piece in ASCII form (full-width digits and signs as ASCII; "２３０ 000023元" →
// "230", "000023元"). Cut when a reader takes the run (not every run is read, and a row's runs
// go into one list), not kept with each token.
void append_number_pieces(std::string_view run, std::vector<std::string>& out);

}  // namespace nianbao::schema
