// metadata/: the hand-written scans for years and dates (internal/years.h) against the RE2
// patterns they replace, on a few worded cases and on many strings of the pieces they look for.
#include <doctest/doctest.h>
#include <re2/re2.h>

#include <random>
#include <string>
#include <vector>

#include "metadata/internal/years.h"
#include "normalize/normalize.h"

using namespace nianbao::metadata;

namespace {

const RE2 any_year(R"(((?:19|20)\d{2}))");
const RE2 year_nian(R"(((?:19|20)\d{2})\s*年)");
const RE2 period(R"(统计(?:期限|周期|时限|时间)[^0-9。]{0,12}((?:19|20)\d{2})\s*年)");
const RE2 trailing_date(R"(\s*(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?)?\s*$)");

// Strings of the pieces the patterns look for, drawn with a fixed seed.
std::vector<std::string> pieces_strings(int count) {
  const std::vector<std::string> pieces = {"1",  "9",  "2",  "0",    "5",    " ",    "\t",   "年",   "月", "日",
                                           "统计", "期限", "时间", "周期", "时限", "。", "为", "x", "\n", "局"};
  std::mt19937 random(14);
  std::vector<std::string> out;
  for (int n = 0; n < count; ++n) {
    std::string s;
    const int length = static_cast<int>(random() % 14);
    for (int k = 0; k < length; ++k) s += pieces[random() % pieces.size()];
    out.push_back(s);
  }
  return out;
}

std::string by_re2(const RE2& re, const std::string& s) {
  std::string year;
  return RE2::PartialMatch(s, re, &year) ? year : "";
}

std::size_t trailing_by_re2(const std::string& s) {
  re2::StringPiece match;
  if (!trailing_date.Match(s, 0, s.size(), RE2::UNANCHORED, &match, 1)) return s.size();
  return static_cast<std::size_t>(match.data() - s.data());
}

}  // namespace

TEST_CASE("years and dates: the worded cases read as the patterns say") {
  CHECK(period_year("本报告统计期限为2021年1月1日至12月31日") == "2021");
  CHECK(period_year("统计时间：2023 年度") == "2023");
  CHECK(period_year("统计期限为1年，自2021年起") == "");        // a digit in the gap
  CHECK(period_year("统计期限自本机关成立以来的全部时间段2021年") == "");  // a gap of 13 characters
  CHECK(year_before_nian("2020 2021年度报告") == "2021");
  CHECK(year_before_nian("1999年") == "1999");
  CHECK(year_before_nian("2100年") == "");
  CHECK(find_year("第12019号") == std::string("第1").size());  // 2019, inside a longer number
  const std::string signed_ = "某某市人民政府 2022年3月 1日 ";
  CHECK(trailing_date_start(signed_) == signed_.find(' '));
  CHECK(trailing_date_start("某某局2022年3月") == std::string("某某局").size());
  CHECK(trailing_date_start("某某局2022年123月") == std::string("某某局2022年123月").size());
}

TEST_CASE("years and dates: the scans agree with the RE2 patterns they replace on 20000 strings") {
  int checked = 0;
  for (const std::string& s : pieces_strings(20000)) {
    std::string year;
    const std::size_t at = RE2::PartialMatch(s, any_year, &year) ? s.find(year) : std::string::npos;
    REQUIRE_MESSAGE(find_year(s) == at, s);
    REQUIRE_MESSAGE(std::string(year_before_nian(s)) == by_re2(year_nian, s), s);
    REQUIRE_MESSAGE(std::string(period_year(s)) == by_re2(period, s), s);
    REQUIRE_MESSAGE(trailing_date_start(s) == trailing_by_re2(s), s);
    ++checked;
  }
  CHECK(checked == 20000);
}

TEST_CASE("rfind_word finds what string_view::rfind finds") {
  const std::vector<std::string> strings = pieces_strings(3000);
  const std::vector<std::string> words = {"年", "，", " ", "统计", "x", "1", "年年", "", "统计期限为"};
  std::size_t found = 0;
  for (const std::string& s : strings)
    for (const std::string& w : words)
      for (std::size_t at : {std::size_t{0}, s.size() / 2, s.size(), s.size() + 5, std::string_view::npos}) {
        const std::size_t expected = std::string_view(s).rfind(w, at);
        CHECK_MESSAGE(rfind_word(s, w, at) == expected, s, " / ", w, " / ", at);
        found += expected != std::string_view::npos;
      }
  CHECK(found > 10000);
}

TEST_CASE("CitationDepth counts the brackets a walk code point by code point meets") {
  // The walk it spares, as it was: every character up to the offset asked, in turn.
  struct Walk {
    std::string_view text;
    std::size_t i = 0;
    int depth = 0;
    bool inside(std::size_t at) {
      while (i < at) {
        const std::string_view rest = text.substr(i);
        if (rest.starts_with("《") || rest.starts_with("〈")) ++depth;
        else if ((rest.starts_with("》") || rest.starts_with("〉")) && depth > 0) --depth;
        nianbao::normalize::next_code_point(text, i);
      }
      return depth > 0;
    }
  };
  // Brackets, their bytes alone and cut, other E3 characters (。、), broken and overlong sequences.
  const std::vector<std::string> pieces = {"《", "》", "〈", "〉", "。", "、", "年", "a", "\xE3", "\xE3\x80", "\x80\x8A",
                                           "\xF0\x80\x80", "\xE4\xB8", "\xC3", "\xFF", "报告"};
  std::mt19937 random(3);
  std::size_t insides = 0;
  for (int n = 0; n < 5000; ++n) {
    std::string s;
    for (int k = static_cast<int>(random() % 16); k > 0; --k) s += pieces[random() % pieces.size()];
    CitationDepth depth(s);
    Walk walk{s};
    for (std::size_t at = 0; at <= s.size() + 1; at += 1 + random() % 4) {
      const bool expected = walk.inside(at);
      CHECK_MESSAGE(depth.inside(at) == expected, s, " at ", at);
      insides += expected;
    }
  }
  CHECK(insides > 5000);
}
