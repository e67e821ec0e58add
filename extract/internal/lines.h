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
#include "normalize/normalize.h"

namespace nianbao::extract {

// A line as the detectors read it: a view of its cleaned text, made when a line is looked at.
struct Line {
  std::string_view text;     // normalize::clean_line: tabs and inner spaces kept, no controls
  std::uint32_t number = 0;  // 1-based line number in the decoded text
  std::uint32_t offset = 0;  // byte offset of the line start in the decoded text (SourcePos)
};

// The lines of a text: their cleaned text in one buffer the set owns, and per line 16 bytes
// (its start and length in the buffer, its number and offset; no allocation of its own). Starts
// are 32-bit like offsets: inputs are capped at 1 GiB, decoding at most triples a text and
// cleaning valid UTF-8 never lengthens it. lines[i] gives line i as a Line.
class Lines {
 public:
  // The buffer the lines' text is appended to; add() records its text since `from` as a line.
  std::string& buffer() { return buffer_; }
  void add(std::size_t from, std::uint32_t number, std::uint32_t offset) {
    stored_.push_back({static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(buffer_.size() - from), number, offset});
  }
  // A line of text already clean (tests, and readers that clean otherwise).
  void push(std::string_view text, std::uint32_t number, std::uint32_t offset) {
    const std::size_t from = buffer_.size();
    buffer_ += text;
    add(from, number, offset);
  }
  void reserve(std::size_t n) { stored_.reserve(n); }
  // Line `to` becomes line `from` (to <= from), and only the first n lines are kept: the
  // reader's removal of page footers in place.
  void move_line(std::size_t to, std::size_t from) {
    stored_[to] = stored_[from];
    if (!widths_.empty()) widths_[to] = widths_[from];
    marks_.clear();
  }
  void resize(std::size_t n) {
    stored_.resize(n);
    if (!widths_.empty()) widths_.resize(n, unknown_width);
    marks_.clear();
  }

  // Whether line i holds a tab, and a box-drawing glyph (U+2500–U+257F: E2 94 xx, E2 95 xx).
  // Found for every line at once on the first ask: a memchr pass over the buffer per byte looked
  // for, where each reader that asked called memchr once a line (the tab and box tables, the
  // paragraph builder, the full line width).
  bool has_tab(std::size_t i) const { return (marks(i) & tab_mark) != 0; }
  bool has_box_glyph(std::size_t i) const { return (marks(i) & box_mark) != 0; }

  // normalize::display_width of line i, measured once: the aligned-table finder, the full line
  // width and the paragraph builder all ask it of the same lines (2 bytes a line once asked: a
  // line wider than that is measured again when asked again).
  std::size_t width(std::size_t i) const {
    if (widths_.empty()) widths_.assign(stored_.size(), unknown_width);
    if (widths_[i] != unknown_width) return widths_[i];
    const std::size_t w = normalize::display_width((*this)[i].text);
    if (w < unknown_width) widths_[i] = static_cast<std::uint16_t>(w);
    return w;
  }

  std::size_t size() const { return stored_.size(); }
  bool empty() const { return stored_.empty(); }
  Line operator[](std::size_t i) const {
    const Stored& s = stored_[i];
    return {std::string_view(buffer_.data() + s.start, s.length), s.number, s.offset};
  }

  class const_iterator {
   public:
    const_iterator(const Lines& lines, std::size_t i) : lines_(&lines), i_(i) {}
    Line operator*() const { return (*lines_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const const_iterator& o) const { return i_ != o.i_; }
   private:
    const Lines* lines_;
    std::size_t i_;
  };
  const_iterator begin() const { return {*this, 0}; }
  const_iterator end() const { return {*this, stored_.size()}; }

 private:
  struct Stored {
    std::uint32_t start, length, number, offset;
  };
  static constexpr std::uint16_t unknown_width = UINT16_MAX;
  static constexpr std::uint8_t tab_mark = 1, box_mark = 2;
  std::uint8_t marks(std::size_t i) const {
    if (marks_.size() != stored_.size()) find_marks();
    return marks_[i];
  }
  void find_marks() const;  // text_reader.cc
  std::string buffer_;
  std::vector<Stored> stored_;
  mutable std::vector<std::uint16_t> widths_;  // per line once a width is asked; unknown_width: not yet
  mutable std::vector<std::uint8_t> marks_;    // per line once a mark is asked (tab_mark | box_mark)
};

// A table found in text: lines [first, end) of the line vector it was found in.
struct TextTable {
  std::size_t first = 0;
  std::size_t end = 0;
  Table table;
};

// Tab-separated runs, markdown pipe tables, box-drawn tables (│ ─ ┼) and space-aligned columns
// (pdftotext -layout). Tables do not overlap and come in line order.
std::vector<TextTable> find_text_tables(const Lines& lines, const Limits& limits,
                                        std::vector<Diagnostic>& diagnostics);

// Page footers that PDF text carries between lines: "-1-", "— 5 —", "- 12 -", "第 3 页".
bool is_page_footer(std::string_view line);

}  // namespace nianbao::extract
