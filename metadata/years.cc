// Years and dates in a report's text (internal/years.h): hand-written scans for what were RE2
// patterns, so that no process compiles them.
#include "metadata/internal/years.h"

#include <algorithm>
#include <cstring>

namespace nianbao::metadata {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

std::size_t skip_space(std::string_view s, std::size_t at) {
  while (at < s.size() && is_space(s[at])) ++at;
  return at;
}

bool year_at(std::string_view s, std::size_t at) {
  return at + 4 <= s.size() && ((s[at] == '1' && s[at + 1] == '9') || (s[at] == '2' && s[at + 1] == '0')) &&
         is_digit(s[at + 2]) && is_digit(s[at + 3]);
}

bool word_at(std::string_view s, std::size_t at, std::string_view word) {
  return at <= s.size() && s.substr(at, word.size()) == word;
}

// A year and 年 after optional space: where that ends, or npos.
std::size_t year_nian_end(std::string_view s, std::size_t at) {
  if (!year_at(s, at)) return std::string_view::npos;
  const std::size_t nian = skip_space(s, at + 4);
  return word_at(s, nian, "年") ? nian + std::string_view("年").size() : std::string_view::npos;
}

// \s*\d{1,2}\s*WORD from `at`: where it ends, or npos.
std::size_t day_or_month_end(std::string_view s, std::size_t at, std::string_view word) {
  std::size_t i = skip_space(s, at), digits = 0;
  while (i + digits < s.size() && is_digit(s[i + digits])) ++digits;
  if (digits == 0 || digits > 2) return std::string_view::npos;
  i = skip_space(s, i + digits);
  return word_at(s, i, word) ? i + word.size() : std::string_view::npos;
}

// Whether all of s[at..] is a trailing date (the pattern of trailing_date_start).
bool date_to_end(std::string_view s, std::size_t at) {
  std::size_t i = skip_space(s, at);
  if (i == s.size()) return true;
  i = year_nian_end(s, i);
  if (i == std::string_view::npos) return false;
  for (std::string_view word : {"月", "日"}) {
    if (skip_space(s, i) == s.size()) return true;
    i = day_or_month_end(s, i, word);
    if (i == std::string_view::npos) return false;
  }
  return skip_space(s, i) == s.size();
}

std::size_t code_point_length(unsigned char lead) { return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

}  // namespace

std::size_t find_year(std::string_view s, std::size_t from) {
  for (std::size_t i = from; i + 4 <= s.size(); ++i)
    if (year_at(s, i)) return i;
  return std::string_view::npos;
}

std::string_view year_before_nian(std::string_view s) {
  for (std::size_t at = find_year(s); at != std::string_view::npos; at = find_year(s, at + 1))
    if (year_nian_end(s, at) != std::string_view::npos) return s.substr(at, 4);
  return {};
}

std::string_view period_year(std::string_view s) {
  // The gap between the words and the year: at most this many characters, none a digit or 。.
  constexpr int max_gap_chars = 12;
  constexpr std::string_view lead = "统计";
  for (std::size_t at = s.find(lead); at != std::string_view::npos; at = s.find(lead, at + 1)) {
    std::size_t i = at + lead.size();
    bool named = false;
    for (std::string_view word : {"期限", "周期", "时限", "时间"})
      if (word_at(s, i, word)) {
        named = true, i += word.size();
        break;
      }
    if (!named) continue;
    for (int gap = 0;; ++gap) {
      if (year_nian_end(s, i) != std::string_view::npos) return s.substr(i, 4);
      if (gap == max_gap_chars || i >= s.size() || is_digit(s[i]) || word_at(s, i, "。")) break;
      i += code_point_length(static_cast<unsigned char>(s[i]));
    }
  }
  return {};
}

std::size_t trailing_date_start(std::string_view s) {
  for (std::size_t at = 0; at < s.size(); ++at)
    if (date_to_end(s, at)) return at;
  return s.size();
}

std::size_t rfind_word(std::string_view text, std::string_view word, std::size_t at) {
  if (word.size() > text.size()) return std::string_view::npos;
  std::size_t end = std::min(at, text.size() - word.size()) + 1;  // the starts left: [0, end)
  if (word.empty()) return end - 1;
  while (end > 0) {
    const void* hit = memrchr(text.data(), word[0], end);
    if (!hit) break;
    const std::size_t p = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
    if (text.compare(p, word.size(), word) == 0) return p;
    end = p;
  }
  return std::string_view::npos;
}

bool CitationDepth::inside(std::size_t at) {
  const std::size_t end = std::min(at, text_.size());
  while (i_ < end) {
    const void* hit = std::memchr(text_.data() + i_, 0xE3, end - i_);
    if (!hit) break;
    i_ = static_cast<std::size_t>(static_cast<const char*>(hit) - text_.data());
    const std::string_view rest = text_.substr(i_);
    if (rest.starts_with("《") || rest.starts_with("〈")) ++depth_;
    else if ((rest.starts_with("》") || rest.starts_with("〉")) && depth_ > 0) --depth_;
    ++i_;  // the character's other bytes are no E3
  }
  i_ = std::max(i_, end);
  return depth_ > 0;
}

}  // namespace nianbao::metadata
