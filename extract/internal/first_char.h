// Internal to extract/: cheap looks at the start of a line or a paragraph that spare the NFKC
// fold and the list-number parse for most of them (a line of prose starts with an ideograph
// that no number starts with), a fold of a prefix that does not send a cut character through
// ICU, the 、 a run-in list number may end at, and a text's first three bytes looked up in an index.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "normalize/normalize.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nianbao::extract {

// The first character after spaces and tabs when normalize::fold keeps it as it is and puts
// it first: a printable ASCII character or an ideograph of U+4E00–U+9FFF (NFKC composes
// neither into a digit, a bracket or a numeral). 0 for anything else (fold decides), and for
// nothing.
inline char32_t plain_first_char(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i == text.size()) return 0;
  const unsigned char b = static_cast<unsigned char>(text[i]);
  if (b > 0x20 && b < 0x7F) return b;
  if (normalize::is_ideograph_at(text, i)) return normalize::next_code_point(text, i);
  return 0;
}

// A numeral a Chinese list number is written with (normalize::parse_list_number): 一 … 九, 十.
inline bool is_chinese_numeral_char(char32_t c) {
  switch (c) {
    case U'一': case U'二': case U'三': case U'四': case U'五': case U'六': case U'七': case U'八': case U'九': case U'十':
      return true;
    default:
      return false;
  }
}

// False when the folded text cannot start with a list number of any style: its first character
// is known (plain_first_char) and is none of '(', an ASCII digit, a Chinese numeral.
// A line that starts with ASCII digits is looked at past them too ("31", "0 0 1", "2024 年，…":
// most such lines of PDF text are values or prose): past its ASCII digits, spaces and tabs, a list
// number needs its punctuation (、。., or a full-width form: outside ASCII but '.' and ',') or a
// digit of another form. A printable ASCII character there (or nothing) stays so in the fold,
// which only drops blanks and controls, and so does an ideograph ("2024 年"): the text is no list
// number, folded or not (whether the parse stops at a digit after a space, as on the text, or
// reads on, as on its fold).
inline bool may_start_list_number(std::string_view text) {
  const char32_t c = plain_first_char(text);
  if (c >= '0' && c <= '9') {
    std::size_t i = 0;
    while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == ' ' || text[i] == '\t')) ++i;
    if (i == text.size()) return false;
    const unsigned char after = static_cast<unsigned char>(text[i]);
    const bool ideograph_lead = after >= 0xE4 && after <= 0xE9;  // U+4000–U+9FFF: kept by NFKC, no punctuation
    const bool control = after < 0x20 || after == 0x7F;  // the fold drops it (a cleaned line has none): parse
    return (after >= 0x80 && !ideograph_lead) || after == '.' || after == ',' || control;
  }
  return c == 0 || c == '(' || is_chinese_numeral_char(c);
}

// normalize::fold(text.substr(0, max_bytes)), the same bytes: a character the cut splits is
// folded as fold folds a broken sequence (one U+FFFD per byte), without sending the whole prefix
// through ICU for it (U+FFFD is a character NFKC leaves and never composes).
inline std::string fold_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return normalize::fold(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && max_bytes - cut < 3 && normalize::is_continuation_byte(text[cut])) --cut;
  const unsigned char lead = static_cast<unsigned char>(text[cut]);
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  // Only a lead byte whose continuation bytes all precede the cut is split by it.
  bool split = cut < max_bytes && length > max_bytes - cut;
  for (std::size_t k = cut + 1; split && k < max_bytes; ++k) split = normalize::is_continuation_byte(text[k]);
  if (!split) return normalize::fold(text.substr(0, max_bytes));
  std::string out = normalize::fold(text.substr(0, cut));
  for (std::size_t k = cut; k < max_bytes; ++k) out += "\xEF\xBF\xBD";
  return out;
}

// Where the leftmost 、 (E3 80 81) at or after `at` (and 3) is that follows a byte E4 or E5 three
// bytes before it, npos if none: the only 、 a Chinese numeral (一 … 十, leads E4 and E5) may
// precede, about half of those in a report. With SSE2 (every x86-64), 32 positions at a time whose
// byte is E3, two on 81 and three before E4 or E5 (one branch per 32 bytes, where a memchr for
// 81 stopped at every character ending in it and branched on the two bytes before), the 80 between
// compared at those; the last positions one at a time.
#if defined(__SSE2__)
// Bit k: text[p + k] is E3, text[p + k + 2] 81 and text[p + k − 3] E4 or E5.
inline unsigned comma_after_numeral_lead_starts(const char* p) {
  const auto load = [](const char* q) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(q)); };
  const __m128i lead_offset = _mm_sub_epi8(load(p - 3), _mm_set1_epi8(static_cast<char>(0xE4)));  // E4, E5 → 0, 1
  const __m128i lead = _mm_cmpeq_epi8(_mm_min_epu8(lead_offset, _mm_set1_epi8(1)), lead_offset);
  const __m128i ends = _mm_and_si128(_mm_cmpeq_epi8(load(p), _mm_set1_epi8(static_cast<char>(0xE3))),
                                     _mm_cmpeq_epi8(load(p + 2), _mm_set1_epi8(static_cast<char>(0x81))));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(ends, lead)));
}
#endif
inline std::size_t find_comma_after_numeral_lead(std::string_view text, std::size_t at) {
  const char* const s = text.data();
  const std::size_t n = text.size();
  std::size_t c = at < 3 ? 3 : at;
#if defined(__SSE2__)
  for (; c + 34 <= n; c += 32) {  // positions c … c + 31: bytes c − 3 … c + 33
    for (std::uint32_t starts = comma_after_numeral_lead_starts(s + c) | comma_after_numeral_lead_starts(s + c + 16) << 16;
         starts != 0; starts &= starts - 1) {
      const std::size_t k = c + static_cast<std::size_t>(std::countr_zero(starts));
      if (s[k + 1] == '\x80') return k;
    }
  }
#endif
  for (; c + 3 <= n; ++c)
    if (s[c] == '\xE3' && s[c + 1] == '\x80' && s[c + 2] == '\x81' && (s[c - 3] == '\xE4' || s[c - 3] == '\xE5'))
      return c;
  return std::string_view::npos;
}

// A text's first three bytes as one key (s.size() >= 3): what HeadingHints' indexes sort by.
inline std::uint32_t lead_key(std::string_view s) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[0])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[1])) << 8 | static_cast<unsigned char>(s[2]);
}

// std::lower_bound of (key, 0) in a sorted index of (key, position) pairs: the first entry whose
// key is not below `key`. Its steps' count follows the size alone and each step is a conditional
// move, where std::lower_bound branched on every comparison (half of them mispredicted: the keys
// follow the text).
inline const std::pair<std::uint32_t, std::uint32_t>* first_with_lead(
    const std::vector<std::pair<std::uint32_t, std::uint32_t>>& index, std::uint32_t key) {
  const std::pair<std::uint32_t, std::uint32_t>* base = index.data();
  std::size_t n = index.size();
  if (n == 0) return base;
  while (n > 1) {  // the answer lies in [base, base + n]
    const std::size_t half = n / 2;
    base = base[half].first < key ? base + half : base;
    n -= half;
  }
  return base + (base->first < key ? 1 : 0);
}

}  // namespace nianbao::extract
