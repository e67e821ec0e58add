// Internal to extract/: the text reader's view of its input, one cleaned line at a time,
// and the text-table detectors that run over those lines before paragraphs are built.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/limits.h"
#include "model/report.h"

namespace nianbao::extract {

// A line is a view: its cleaned text lives in one buffer the reader owns for all lines, so a
// line costs 24 bytes and no allocation of its own (an empty line: a view of nothing).
struct Line {
  std::string_view text;     // normalize::clean_line: tabs and inner spaces kept, no controls
  std::uint32_t number = 0;  // 1-based line number in the decoded text
  std::uint32_t offset = 0;  // byte offset of the line start in the decoded text (SourcePos)
};

// A table found in text: lines [first, end) of the line vector it was found in.
struct TextTable {
  std::size_t first = 0;
  std::size_t end = 0;
  Table table;
};

// Tab-separated runs, markdown pipe tables, box-drawn tables (│ ─ ┼) and space-aligned columns
// (pdftotext -layout). Tables do not overlap and come in line order.
std::vector<TextTable> find_text_tables(const std::vector<Line>& lines, const Limits& limits,
                                        std::vector<Diagnostic>& diagnostics);

// Page footers that PDF text carries between lines: "-1-", "— 5 —", "- 12 -", "第 3 页".
bool is_page_footer(std::string_view line);

}  // namespace nianbao::extract
