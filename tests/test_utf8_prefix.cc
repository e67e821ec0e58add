// normalize::valid_utf8_prefix: the 16-byte blocks give what a sequence-by-sequence reading of
// table 3-7 of the Unicode standard gives, on the corpus texts and on generated texts that put
// every kind of well-formed and broken sequence at every offset of a block.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "tests/corpus.h"

using namespace nianbao;
namespace nz = nianbao::normalize;

namespace {

// The definition, one sequence at a time: the offset of the first byte that starts no
// well-formed sequence (table 3-7), or s.size().
std::size_t reference_prefix(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80) len = 1;
    else if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;
    else if (c == 0xED) len = 3, hi = 0x9F;
    else if (c >= 0xE1 && c <= 0xEF) len = 3;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c == 0xF4) len = 4, hi = 0x8F;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    if (len == 0 || i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return i;
    }
    i += len;
  }
  return s.size();
}

}  // namespace

TEST_CASE("valid_utf8_prefix: the corpus texts are well-formed, and a broken byte anywhere in them is found where it is") {
  std::size_t texts = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() + "/corpus")) {
    if (entry.path().extension() != ".txt") continue;
    const std::string text = test::read_file(entry.path().string());
    ++texts;
    CHECK(nz::valid_utf8_prefix(text) == reference_prefix(text));
    // A stray continuation byte, a cut ideograph and an overlong form, each at 40 places.
    for (const std::string& broken : {std::string("\x80"), std::string("\xE4\xB8"), std::string("\xC0\xAF")})
      for (std::size_t k = 1; k <= 40; ++k) {
        std::string damaged = text;
        damaged.insert(text.size() * k / 41, broken);
        CHECK(nz::valid_utf8_prefix(damaged) == reference_prefix(damaged));
      }
  }
  CHECK(texts >= 10);
}

TEST_CASE("valid_utf8_prefix: generated texts of every sequence kind, at every offset of a block") {
  // Well-formed: ASCII, ideographs, Chinese punctuation (E3, EF, E2 leads), two-byte forms, the
  // narrow leads at their bounds (E0 A0, ED 9F, F0 90, F4 8F), four-byte forms. Broken: a stray
  // continuation byte, C0/C1/F5/FF, a cut sequence, each narrow lead out of its bounds, a lead
  // followed by a lead.
  const std::vector<std::string> good = {"a",        "2024",         "一",           "告",           "。",
                                         "，",       "\xE2\x80\x9C", "\xC2\xA0",     "\xD0\xB0",     "\xE0\xA0\x80",
                                         "\xED\x9F\xBF", "\xEE\x80\x80", "\xF0\x90\x80\x80", "\xF0\x9F\x98\x80",
                                         "\xF4\x8F\xBF\xBF", "\xF2\xA0\x80\x80", "\xE1\x80\x80"};
  const std::vector<std::string> bad = {"\x80", "\xBF", "\xC0\xAF", "\xC1\xBF", "\xF5\x80\x80\x80", "\xFF", "\xE4\xB8",
                                        "\xE0\x9F\xBF", "\xED\xA0\x80", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80",
                                        "\xE4\xE4\xB8\x80", "\xC2", "\xF0\x9F\x98"};
  std::uint32_t state = 1204;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  std::size_t broken_found = 0;
  for (int k = 0; k < 4000; ++k) {
    std::string s;
    // Mostly well-formed text (long runs cross many blocks); a broken piece in about a third.
    for (std::uint32_t n = next() % 90; n > 0; --n) s += good[next() % 8 < 6 ? next() % 6 : next() % good.size()];
    if (next() % 3 == 0) s.insert(next() % (s.size() + 1), bad[next() % bad.size()]);
    for (std::uint32_t n = next() % 20; n > 0; --n) s += good[next() % good.size()];
    const std::size_t expected = reference_prefix(s);
    broken_found += expected < s.size();
    CHECK(nz::valid_utf8_prefix(s) == expected);
    CHECK(nz::is_valid_utf8(s) == (expected == s.size()));
    // Every start offset: the blocks then begin at every position of a sequence.
    for (std::size_t from = 1; from < 16 && from < s.size(); ++from) {
      const std::string tail = s.substr(from);
      CHECK(nz::valid_utf8_prefix(tail) == reference_prefix(tail));
    }
  }
  CHECK(broken_found > 1000);
}
