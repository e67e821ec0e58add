// The scan of sentence segmentation (normalize/sentence_scan.h): its SSE2 windows held to the
// character-by-character definition at every start of generated mixtures, and the definition
// held to ICU's sentence-break classes (what it crosses ends no sentence and starts no rule).
#include <doctest/doctest.h>

#include <unicode/uchar.h>

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "normalize/sentence_scan.h"

namespace nz = nianbao::normalize;

namespace {

// What a loop over sentence_plain_length gives: the definition the windows are held to.
std::size_t plain_run_end_by_characters(const std::string& s, std::size_t i) {
  for (std::size_t length; i < s.size() && (length = nz::sentence_plain_length(s, i)) != 0;) i += length;
  return i;
}

// The sentence-break classes that end a sentence or start a rule of UAX #29.
bool may_end_sentence(char32_t c) {
  switch (u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_SENTENCE_BREAK)) {
    case U_SB_STERM: case U_SB_ATERM: case U_SB_SEP: case U_SB_CR: case U_SB_LF: case U_SB_EXTEND: case U_SB_FORMAT:
      return true;
    default:
      return false;
  }
}

}  // namespace

TEST_CASE("sentence_plain_run_end: what a loop over sentence_plain_length gives, at every start of generated mixtures") {
  // Crossed: ideographs, letters, digits, spaces, the commonest marks, the edges of each range
  // crossed (U+4000, U+4DFF, U+9FFF, 〩 U+3029, U+3003, ‐ U+2010, ‣ U+2023, U+FF00, ＿ U+FF3F) and
  // the other ASCII. Stopping: 。！？．!.? and controls, the neighbours of those edges (U+302A,
  // U+200F, U+2024, U+FF40, U+3040, U+3400), other characters (· ○ é U+20000), cut sequences,
  // stray continuation bytes, bytes no character has.
  const std::vector<std::string> crossed = {"中", "文", "报", "告", "年", "2024", " ", "Ab", "，", "、", "（", "）", "“",
                                            "”", "：", "；", "《", "》", "—", "…", "％", "-", "|", "~", "\x7F",
                                            "\xE4\x80\x80", "\xE4\xB7\xBF", "\xE9\xBF\xBF", "\xE3\x80\xA9", "\xE3\x80\x83",
                                            "\xE2\x80\x90", "\xE2\x80\xA3", "\xEF\xBC\x80", "\xEF\xBC\xBF"};
  const std::vector<std::string> stopping = {"。", "！", "？", "．", "!", ".", "?", "\t", "\n", "\r", "\x1F",
                                             "\xE3\x80\xAA", "\xE2\x80\x8F", "\xE2\x80\xA4", "\xEF\xBD\x80", "\xE3\x81\x80",
                                             "\xE3\x90\x80", "·", "○", "é", "\xF0\xA0\x80\x80", "\xE4\xB8", "\xE4", "\xEF\xBC",
                                             "\xE3\x80", "\xE2\x80", "\x80", "\xBF", "\xFF", "\xC0"};
  std::uint32_t state = 2026;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  std::size_t long_runs = 0, runs_to_end = 0, checks = 0;
  for (int k = 0; k < 4000; ++k) {
    std::string s;
    const std::uint32_t stop_in = 2 + next() % 30;  // texts of rare stops and of frequent ones
    for (std::uint32_t n = next() % 48; n > 0; --n)
      s += next() % stop_in == 0 ? stopping[next() % stopping.size()] : crossed[next() % crossed.size()];
    for (std::size_t i = 0; i <= s.size(); ++i) {
      const std::size_t end = plain_run_end_by_characters(s, i);
      CAPTURE(s);
      CAPTURE(i);
      CHECK(nz::sentence_plain_run_end(s, i) == end);
      long_runs += end - i >= 32;
      runs_to_end += end == s.size() && end - i >= 16;
      ++checks;
    }
  }
  CHECK(checks > 200000);
  CHECK(long_runs > 20000);    // windows in a row, their carries taken
  CHECK(runs_to_end > 10000);  // the last bytes read in the text's last 16
}

TEST_CASE("sentence_plain_length: what it crosses ends no sentence and starts no rule, and it crosses the commonest marks") {
  for (unsigned b = 0; b < 0x80; ++b) {
    const std::string s(1, static_cast<char>(b));
    CAPTURE(b);
    if (nz::sentence_plain_length(s, 0) != 0) CHECK_FALSE(may_end_sentence(b));
    CHECK(nz::sentence_plain_length(s + "中", 0) == nz::sentence_plain_length(s, 0));
  }
  // Every three-byte sequence of leads E0–EF: crossed ones are well-formed, 3 bytes, and not
  // what may end a sentence; cut, they are not crossed.
  std::size_t crossed = 0;
  for (unsigned b0 = 0xE0; b0 <= 0xEF; ++b0)
    for (unsigned b1 = 0x80; b1 <= 0xBF; ++b1)
      for (unsigned b2 = 0x80; b2 <= 0xBF; ++b2) {
        const std::string s = {static_cast<char>(b0), static_cast<char>(b1), static_cast<char>(b2)};
        const std::size_t length = nz::sentence_plain_length(s, 0);
        CHECK(nz::sentence_plain_length(s.substr(0, 2), 0) == 0);
        if (length == 0) continue;
        REQUIRE(length == 3);
        std::size_t i = 0;
        const char32_t c = nz::next_code_point(s, i);
        CAPTURE(static_cast<std::uint32_t>(c));
        CHECK(i == 3);
        CHECK(c != 0xFFFD);
        CHECK_FALSE(may_end_sentence(c));
        ++crossed;
      }
  CHECK(crossed > 6 * 4096);  // the ideographs' leads E4–E9 and the marks
  // A lead followed by anything but two continuation bytes is not crossed.
  for (const char* s : {"\xE4\x41\x80", "\xE4\x80\x41", "\xEF\xBC\xC0", "\xE3\x80", "\xE2"}) CHECK(nz::sentence_plain_length(s, 0) == 0);
  // The marks of Chinese text the scan must cross for its windows to pay.
  for (const char* mark : {"，", "、", "（", "）", "“", "”", "：", "；", "《", "》", "〔", "〕", "—", "…", "％"})
    CHECK_MESSAGE(nz::sentence_plain_length(mark, 0) == 3, mark);
  for (const char* mark : {"。", "！", "？", "．", "!", ".", "?", "\n"}) CHECK_MESSAGE(nz::sentence_plain_length(mark, 0) == 0, mark);
}

TEST_CASE("sentence_piece_has_letters: a letter or ideograph decoded character by character, for every piece of generated texts") {
  const auto by_characters = [](const std::string& piece) {
    for (std::size_t i = 0; i < piece.size();) {
      const char32_t c = nz::next_code_point(piece, i);
      if (nz::is_cjk(c) || (c < 0x80 && std::isalpha(static_cast<int>(c)))) return true;
    }
    return false;
  };
  // Letters and their ASCII neighbours (@ [ ` {), digits, marks, ideographs and their lead
  // bytes' neighbours (U+4DFF, U+4E00, U+9FFF, U+A000), other CJK (U+3400, U+F900, U+20000), cut
  // and broken sequences.
  const std::vector<std::string> pieces = {"1", "2024", ".", "。", "，", "（", "）", " ", "a", "Z", "@", "[", "`", "{",
                                           "中", "\xE4\xB7\xBF", "\xE4\xB8\x80", "\xE9\xBF\xBF", "\xEA\x80\x80",
                                           "\xE3\x90\x80", "\xEF\xA4\x80", "\xF0\xA0\x80\x80", "\xE5\x80", "\xE5", "\x80",
                                           "\xE5\x41\x80", "\xFF"};
  std::uint32_t state = 88;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  std::size_t with = 0, without = 0;
  for (int k = 0; k < 3000; ++k) {
    std::string text;
    for (std::uint32_t n = next() % 24; n > 0; --n) text += pieces[next() % 4 != 0 ? next() % 8 : next() % pieces.size()];
    for (std::size_t start = 0; start <= text.size(); ++start)
      for (std::size_t end = start; end <= text.size(); ++end) {
        const bool expected = by_characters(text.substr(start, end - start));
        CAPTURE(text);
        CAPTURE(start);
        CAPTURE(end);
        CHECK(nz::sentence_piece_has_letters(text, start, end) == expected);
        (expected ? with : without) += text.size() - start >= 16;
      }
  }
  CHECK(with > 100000);  // pieces answered by the window, and ones walked to their end
  CHECK(without > 100000);
}
