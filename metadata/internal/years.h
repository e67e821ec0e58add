// Internal to metadata/: years and dates in a report's text, a backward word search and the depth
// of citations, scanned by hand. Each function does
// what the RE2 pattern in its comment did (the tests compare them on many strings); compiling
// those patterns was a tenth of a short extract's start-up (bench/README.md, "Start-up"). "Space"
// is RE2's \s: tab, newline, form feed, carriage return, space; digits are ASCII.
#pragma once

#include <cstddef>
#include <string_view>

namespace nianbao::metadata {

// Where the first year (?:19|20)\d{2} at or after `from` starts; npos if none.
std::size_t find_year(std::string_view s, std::size_t from = 0);

// The year of the first ((?:19|20)\d{2})\s*年; empty if none.
std::string_view year_before_nian(std::string_view s);

// The year of the first 统计(?:期限|周期|时限|时间)[^0-9。]{0,12}((?:19|20)\d{2})\s*年 (the
// reporting period sentence); empty if none.
std::string_view period_year(std::string_view s);

// Where a trailing date \s*(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?)?\s*$
// starts: the first position from which the rest of `s` is such a date (s.size() when none).
std::size_t trailing_date_start(std::string_view s);

// string_view::rfind(word, at): where the last `word` starting at or before `at` starts, npos if
// none. Compared only where its first byte is (found by memrchr): rfind compares the whole word
// at every byte.
std::size_t rfind_word(std::string_view text, std::string_view word, std::size_t at);

// Whether offsets of a text lie inside 《…》 or 〈…〉 (a cited document's name), asked of
// increasing offsets: the text is read once, up to the last offset asked. The brackets are
// counted where a walk over the text code point by code point (normalize::next_code_point) meets
// them; the walk is not made: the four brackets start with the byte E3, which only ever starts a
// character of that walk (never a continuation byte, it ends no broken sequence), and is found by
// memchr.
class CitationDepth {
 public:
  explicit CitationDepth(std::string_view text) : text_(text) {}
  bool inside(std::size_t at);

 private:
  std::string_view text_;
  std::size_t i_ = 0;  // the bytes before this one are counted
  int depth_ = 0;
};

}  // namespace nianbao::metadata
