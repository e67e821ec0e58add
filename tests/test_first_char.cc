// The cheap looks at the start of a line (extract/internal/first_char.h) against what they spare:
// a line they call no list number must be none for normalize::parse_list_number, on the line as
// it is (sections) and on its fold (the text reader's numbered lines). Lines that start with
// digits, built from the pieces that decide it: blanks, more digits, punctuation, controls.
// The 、 finder of run-in level-1 numbers against its byte-by-byte definition.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "extract/internal/first_char.h"
#include "normalize/normalize.h"

namespace nz = nianbao::normalize;

TEST_CASE("may_start_list_number: a line it rules out is no list number, folded or not") {
  const std::vector<std::string> leads{"", "  ", "\t"};
  const std::vector<std::string> digits{"1", "12", "2024", "1234567"};
  const std::vector<std::string> middles{"", " ", "\t ", " 2", "\t3", " 0 0"};
  const std::vector<std::string> afters{"", "、", "。", ".", ",", "．", "，", "、x", "年", "一", "a", "x、", "-",
                                        ")", "（", "\x01、", "\x7f、", "１、", "\u3000、", "\u200b、", " 、",
                                        "五、", "\xe5、", "元"};
  const std::vector<std::string> tails{"", "总体情况", "5"};
  int ruled_out = 0;
  for (const std::string& lead : leads)
    for (const std::string& d : digits)
      for (const std::string& m : middles)
        for (const std::string& a : afters)
          for (const std::string& t : tails) {
            const std::string line = lead + d + m + a + t;
            if (nianbao::extract::may_start_list_number(line)) continue;
            ++ruled_out;
            CAPTURE(line);
            CHECK(!nz::parse_list_number(line));
            CHECK(!nz::parse_list_number(nz::fold(line)));
          }
  CHECK(ruled_out > 0);
  CHECK(!nianbao::extract::may_start_list_number("31"));
  CHECK(!nianbao::extract::may_start_list_number("2024 年，全年"));
  CHECK(nianbao::extract::may_start_list_number("1 2、总体情况"));  // folds to "12、"
  CHECK(nianbao::extract::may_start_list_number("3．总体情况"));
}

namespace {

// find_comma_after_numeral_lead by its definition: each position in turn.
std::size_t comma_after_numeral_lead_by_bytes(std::string_view text, std::size_t at) {
  for (std::size_t c = std::max<std::size_t>(at, 3); c + 3 <= text.size(); ++c)
    if (text.substr(c, 3) == "、" && (text[c - 3] == '\xE4' || text[c - 3] == '\xE5')) return c;
  return std::string_view::npos;
}

}  // namespace

TEST_CASE("find_comma_after_numeral_lead: the leftmost 、 after an E4 or E5 lead, 32 positions at a time as one by one") {
  std::mt19937 random(20261205);
  // Numerals and other ideographs of leads E4 and E5 (一 十 不 他) and others (政 公), 、 and the
  // characters sharing bytes with it (ぁ E3 81 81, 〃 E3 80 83, 。), its bytes alone, ASCII.
  const std::vector<std::string> pieces{"一", "十", "四", "不", "他", "政", "公", "、", "、", "ぁ", "〃", "。", "，",
                                        "\xE3", "\x80", "\x81", "\xE4", "\xE5", "\xE3\x80", "a", " ", "7", "一、"};
  std::size_t found = 0, skipped = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string s;
    for (std::size_t i = 0, n = random() % 80; i < n; ++i) s += pieces[random() % pieces.size()];
    CAPTURE(s);
    for (std::size_t at = 0; at <= s.size() + 1; at += 1 + random() % 7) {
      CAPTURE(at);
      const std::size_t c = nianbao::extract::find_comma_after_numeral_lead(s, at);
      REQUIRE(c == comma_after_numeral_lead_by_bytes(s, at));
      if (c != std::string_view::npos) ++found;
    }
    // The 、 it passes over have no numeral right before them (find_level1_number needs one).
    for (std::size_t c = 3; c + 3 <= s.size(); ++c) {
      if (s.compare(c, 3, "、") != 0 || s[c - 3] == '\xE4' || s[c - 3] == '\xE5') continue;
      ++skipped;
      std::size_t i = c - 3;
      CHECK(!(nz::is_ideograph_at(s, c - 3) && nianbao::extract::is_chinese_numeral_char(nz::next_code_point(s, i))));
    }
  }
  CHECK(found > 10000);
  CHECK(skipped > 1000);
}

TEST_CASE("first_with_lead: std::lower_bound of (key, 0) in sorted indexes of every size up to 40") {
  std::mt19937 random(20261205);
  int probes = 0;
  for (std::size_t size = 0; size <= 40; ++size)
    for (int round = 0; round < 20; ++round) {
      std::vector<std::pair<std::uint32_t, std::uint32_t>> index;
      for (std::size_t k = 0; k < size; ++k)  // few keys, so that runs of one key are common
        index.emplace_back(static_cast<std::uint32_t>(random() % 12), static_cast<std::uint32_t>(k));
      std::sort(index.begin(), index.end());
      for (std::uint32_t key = 0; key <= 13; ++key, ++probes) {
        CAPTURE(size);
        CAPTURE(key);
        const auto expected = std::lower_bound(index.begin(), index.end(), std::pair{key, std::uint32_t{0}});
        CHECK(nianbao::extract::first_with_lead(index, key) - index.data() == expected - index.begin());
      }
    }
  CHECK(probes > 10000);
  CHECK(nianbao::extract::lead_key("一、") == 0xE4B880u);
}
