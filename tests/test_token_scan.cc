// schema/stream: the tokenizer's scan for where a number run may start (number_start_candidate)
// passes no code point that the tokenizer, decoding one at a time, would read as a digit or a
// sign, and stops only at a code point's start; on generated paragraphs of prose, full-width
// digits and signs, U+2212, overlong and broken UTF-8, at every start.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "schema/internal/stream.h"

using namespace nianbao;
namespace nz = nianbao::normalize;

namespace {

// A code point as the tokenizer's number scanner reads it: a digit or a sign, the full-width
// forms and U+2212 included (stream.cc's ascii_form).
bool reads_as_digit_or_sign(char32_t c) {
  return (c >= '0' && c <= '9') || c == '+' || c == '-' || (c >= 0xFF10 && c <= 0xFF19) || c == 0xFF0B || c == 0xFF0D ||
         c == 0x2212;
}

// Pieces a paragraph is made of: prose, its full-width punctuation, the digits and signs in
// every form, and byte sequences the decoder reads as one (overlong) or as U+FFFD.
const std::vector<std::string>& pieces() {
  static const std::vector<std::string> all = {
      "申请", "件", "一", "a", " ", ".", ",", "(", "7", "42", "+", "-", "、", "。", "“", "”",
      "\xEF\xBC\x8C", "\xEF\xBC\x88", "\xEF\xBC\x89", "\xEF\xBC\x9A", "\xEF\xBC\x8E",  // ，（）：．
      "\xEF\xBC\x90", "\xEF\xBC\x99", "\xEF\xBC\x8B", "\xEF\xBC\x8D",                  // ０９＋－
      "\xEF\xBC\x8F", "\xEF\xBC\x9A", "\xEF\xBD\x90",                                  // ／： ｐ
      "\xE2\x88\x92", "\xE2\x88\x91", "\xE2\x80\x94", "\xE2\x88",                      // − ∑ — cut
      "\xC0\xB0", "\xC0\xAD", "\xC1\xAD", "\xC0\xAB", "\xE0\x80\xB5", "\xF0\x80\x80\xB2", "\xF8\x80\x80\xB3",
      "\xF0\x8F\xBC\x90", "\xF0\x9F\x98\x80", "\xEF\xBC", "\xEF", "\x80", "\xBC", "\x92", "\xC0"};
  return all;
}

std::string generated(std::mt19937& rng) {
  std::uniform_int_distribution<std::size_t> length(0, 40), piece(0, pieces().size() - 1), prose(0, 3);
  std::string out;
  const std::size_t n = length(rng);
  for (std::size_t i = 0; i < n; ++i) {
    // Mostly ideographs, as a paragraph is: runs long enough for the 16-byte windows.
    if (prose(rng) != 0) out += "政府信息公开";
    out += pieces()[piece(rng)];
  }
  return out;
}

// The code point starts as the tokenizer walks them (one decoded code point at a time).
std::vector<std::size_t> starts(std::string_view text) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < text.size();) {
    out.push_back(i);
    nz::next_code_point(text, i);
  }
  return out;
}

}  // namespace

TEST_CASE("the tokenizer's scan passes no digit or sign and stops at a code point's start") {
  std::mt19937 rng(20261205);
  std::size_t checked = 0, skipped_bytes = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string text = generated(rng);
    const std::vector<std::size_t> at = starts(text);
    std::vector<bool> is_start(text.size() + 1, false), is_number(text.size() + 1, false);
    for (const std::size_t p : at) {
      is_start[p] = true;
      std::size_t q = p;
      is_number[p] = reads_as_digit_or_sign(nz::next_code_point(text, q));
    }
    is_start[text.size()] = true;
    for (const std::size_t k : at) {
      const std::size_t c = schema::number_start_candidate(text, k);
      REQUIRE(c >= k);
      REQUIRE(c <= text.size());
      CHECK_MESSAGE(is_start[c], "stopped inside a character at ", c, " of ", text.size());
      std::size_t passed = 0;  // digits and signs before the stop
      for (std::size_t p = k; p < c; ++p) passed += is_start[p] && is_number[p];
      CHECK_MESSAGE(passed == 0, "passed a digit or sign between ", k, " and ", c);
      skipped_bytes += c - k;
      ++checked;
    }
  }
  CHECK(checked > 200000);
  CHECK(skipped_bytes > 1000000);  // the scan does cross text (a scan that never moves passes nothing)
}

TEST_CASE("the tokenizer reads a full-width or U+2212 number after a long run of prose") {
  const std::string prose = "政府信息公开工作年度报告，本机关共收到申请：";
  for (const std::string number : {"\xEF\xBC\x91\xEF\xBC\x92", "\xE2\x88\x92" "7", "\xEF\xBC\x8B" "3", "15"}) {
    const std::string paragraph = prose + number + "件";  // the tokens are views into it
    const std::vector<schema::Token> t = schema::tokenize_paragraph(paragraph);
    REQUIRE(t.size() == 3);
    CHECK(t[1].kind == schema::Token::number_run);
    CHECK(t[1].text == number);
  }
}
