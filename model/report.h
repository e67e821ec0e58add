// The one in-memory report model: every stage fills a part of it and the writers read it.
// document → blocks (paragraphs, tables) in source order → sections over block ranges →
// template cells (values) → consistency checks. No stage keeps a private copy of the text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/block_text.h"
#include "model/cell_id.h"
#include "model/out_of_line.h"

namespace nianbao {

// Where something came from in the decoded text: 1-based line (0 = unknown) and byte offset;
// for a paged input (PDF, scan) the 1-based page (0 = not paged). 32 bits each: an input is at
// most Limits::max_input_bytes_cap, its decoded text at most three times that.
struct SourcePos {
  std::uint32_t line = 0;
  std::uint32_t offset = 0;
  std::int32_t page = 0;
};

// The position of a line and byte offset of a decoded text (each fits 32 bits: see SourcePos).
inline SourcePos text_pos(std::size_t line, std::size_t offset) {
  return {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(offset)};
}

// A rectangle on a page, in PDF points from the page's top-left corner (all 0 = unknown).
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

// One origin cell of a table. A merged cell is kept once, at its top-left grid position,
// with its spans; the covered grid positions hold nothing.
struct TableCell {
  std::string text;  // whitespace-collapsed display text ("" for an empty cell)
  int row = 0;       // grid row of the origin (0-based)
  int col = 0;       // grid column of the origin (0-based)
  int rows = 1;      // rowspan >= 1
  int cols = 1;      // colspan >= 1
  // OCR: other readings of a doubtful text (a glyph the recogniser was unsure of), empty
  // when the text is certain; the template's rules choose among them or the value is ambiguous.
  std::vector<std::string> readings{};
};

struct TableRow {
  std::vector<TableCell> cells;  // origin cells that start in this row, left to right
  bool header = false;           // a header (label) row: th cells or the table's heading rows
  SourcePos pos;                 // the row's own line (its <tr>, its text line); 0 = the table's
};

enum class TableSource : std::uint8_t { html, tab_separated, pipe, box, space_aligned, pdf, docx };

struct Table {
  TableSource source = TableSource::html;
  int columns = 0;  // width of the grid
  std::vector<TableRow> rows;
};

enum class BlockKind : std::uint8_t { paragraph, table };

// What most paragraphs do not have, held out of line behind one pointer of the block: its
// sentence ends (absent: one sentence), its table (a table block) and its box (paged inputs).
struct BlockExtras {
  std::vector<std::size_t> sentence_ends;
  Table table;
  Box box;
};

// A paragraph or a table, in document order: 32 bytes. A file of short lines is a block per line
// or two: what a paragraph does not have (a table, a box, a second sentence) is held out of line,
// and a short text in the block itself.
struct Block {
  BlockKind kind = BlockKind::paragraph;
  SourcePos pos;  // next to `kind`: together 16 bytes
  BlockText text;  // paragraph text, as in the source, whitespace collapsed
  OutOfLine<BlockExtras> extras;  // absent: no table, no box, one sentence

  // When kind == table.
  const Table& table() const { return extras->table; }
  Table& edit_table() { return extras.edit().table; }
  // Where it is on its page (paged inputs; a table continued on later pages: its first part).
  const Box& box() const { return extras->box; }
  Box& edit_box() { return extras.edit().box; }
  // Filled by segmentation: the byte offsets in `text` where each sentence but the last ends
  // (empty: the paragraph is one sentence).
  const std::vector<std::size_t>& sentence_ends() const { return extras->sentence_ends; }
  std::vector<std::size_t>& edit_sentence_ends() { return extras.edit().sentence_ends; }

  // The sentences of a paragraph, views of `text`: concatenated they give `text`.
  std::size_t sentence_count() const { return sentence_ends().size() + 1; }
  std::string_view sentence(std::size_t k) const {
    const std::vector<std::size_t>& ends = sentence_ends();
    const std::size_t from = k == 0 ? 0 : ends[k - 1];
    const std::size_t to = k < ends.size() ? ends[k] : text.size();
    return text.substr(from, to - from);
  }
};

// A file of short lines is a block per line: its size is most of such a file's peak memory
// (tests/test_hostile_memory.cc bounds it; bench/README.md, "Peak memory").
static_assert(sizeof(Block) <= 32, "a Block grew past 32 bytes");

// A numbered heading and the blocks it governs: [first_block, end_block) includes the
// blocks of its sub-sections. `parent` is -1 for level-1 sections.
struct Section {
  int level = 1;         // 一、=1  （一）=2  1.=3  （1）=4
  std::string num;       // the number as written, e.g. "一", "1"
  std::string heading;   // the heading as in the source, e.g. "一、总体情况"
  int parent = -1;
  std::size_t first_block = 0;
  std::size_t end_block = 0;
  SourcePos pos;
};

// The value of one canonical template cell (ids of the template spec §8).
// Blank is not zero: an empty source cell is state blank, never 0.
enum class ValueState { number, blank, dash, ambiguous };

struct CellValue {
  // Provided (not defaulted): value-initialisation (values.emplace_back()) would otherwise zero
  // all 31 words first with a rep stos, then set each member again; every member has its own
  // initialiser, so nothing is left unset.
  CellValue() {}  // NOLINT(modernize-use-equals-default)
  CellId cell;         // canonical id, e.g. "t3.new_received[natural_person]"
  ValueState state = ValueState::number;
  std::string number;  // canonical decimal ("12", "-3", "96171.6") when state == number
  std::string raw;     // the source text of the cell
  std::string unit;    // 元, 万元, 件 when the cell carried one
  std::vector<std::string> candidates;  // state == ambiguous: the possible numbers
  std::string note;    // how the value was obtained when not read directly (e.g. "split")
  SourcePos pos;       // the line of the source block the value was read from (0 = unknown)
  std::string replaced;  // a corrected value: what was read before (a number, blank, dash, ambiguous, absent)
};

enum class CheckResult { pass, fail, undetermined };

struct Check {
  std::string rule;   // R3.1 …
  std::string scope;  // column key, row id or ""
  CheckResult result = CheckResult::undetermined;
  std::string left;   // the evaluated sides, e.g. "3119+34" = "3153"
  std::string right;
  std::vector<CellId> cells;  // the canonical cells of both sides, left then right
  std::string note;  // how a result was reached when not from the values alone ("fails under each of …")
  SourcePos pos;     // a text check (N1): where the sentence stands
};

// How much of one template table a report gave: its cells (under the layout the report
// prints) by state, and those not read at all. A lost table stands out: unread == expected.
struct TableRead {
  std::string table;  // template table id, e.g. "t3", "t2.art20_1"
  std::size_t expected = 0, read = 0, blank = 0, dash = 0, ambiguous = 0, unread = 0;
};

enum class Severity { info, warning, error };

// Something the tool could not read or had to bound: said in the output, never silent.
struct Diagnostic {
  Severity severity = Severity::warning;
  std::string code;     // short stable id, e.g. "limit.table-cells", "table.unmapped"
  std::string message;  // for people
  SourcePos pos;
};

// Where an agency sits: a GB/T 2260 code (county 320813, city 320800, province 310000) and
// the names of its province, city and county ("" for the levels above the code's).
struct Division {
  std::string code;  // "" when not resolved
  std::string province, city, county;
};

// What a PDF says of itself (its Info dictionary), when it says it.
struct DocumentInfo {
  std::string title, author;
  std::string created;  // CreationDate as YYYY-MM-DD
};

// Where a report came from, as its user gave it (batch --sidecar, extract --meta/--source-url):
// the page it was published on, the day it was retrieved and published (YYYY-MM-DD), and which
// metadata keys were given rather than read (they win over what the report says).
struct Provenance {
  std::string url, retrieved, published;
  std::vector<std::string> given;  // e.g. "agency", "year", "url"
};

struct Report {
  std::string id;               // stable, from the content (pipeline/identity.h)
  std::string source;           // file name as given ("-" for stdin)
  std::string encoding;         // e.g. "UTF-8", "GB18030"
  std::string encoding_method;  // bom | declared | detected | override | default
  std::size_t replaced = 0;     // invalid sequences replaced by U+FFFD
  std::string input_kind;       // html | text | pdf | image | docx
  int pages = 0;                // pages of a paged input (PDF, scan); pages read by OCR below
  int ocr_pages = 0;
  DocumentInfo info;
  Provenance provenance;

  std::string title;   // the report's title
  std::string agency;  // the publishing agency, when stated
  std::string year;    // the reporting year, when stated
  Division division;   // where the agency sits, from its name (metadata/divisions.h)
  std::string agency_as_read;  // the agency as the report writes it, when corrected (OCR place name)

  std::vector<Block> blocks;      // all blocks in document order
  std::vector<Section> sections;  // in document order (pre-order of the tree)

  std::string template_id = "none";  // gov-2019 | gov-2021 | none
  std::vector<CellValue> values;
  std::vector<TableRead> table_reads;  // one per template table, in template order
  std::vector<Check> checks;
  std::vector<Diagnostic> diagnostics;
};

}  // namespace nianbao
