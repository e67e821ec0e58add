// The cheap looks at the start of a line (extract/internal/first_char.h) against what they spare:
// a line they call no list number must be none for normalize::parse_list_number, on the line as
// it is (sections) and on its fold (the text reader's numbered lines). Lines that start with
// digits, built from the pieces that decide it: blanks, more digits, punctuation, controls.
#include <doctest/doctest.h>

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
