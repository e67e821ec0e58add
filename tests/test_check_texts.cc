// schema/rules: how a check writes its sides (each term as its printed number or its value
// rendered, '?' without one, then the sum), held to the definition on generated operands.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "schema/internal/rules.h"

using namespace nianbao;
using namespace nianbao::schema;

// How a check writes a term, as rules.cc defined it before whole numbers went through double:
// a whole number within long long as its digits, one within 1e-9 of a whole number as that, any
// other value with ten significant digits.
static std::string rendered_by_definition(long double v) {
  if (std::fabs(v) < 9.0e18L && v == static_cast<long double>(static_cast<long long>(v)))
    return std::to_string(static_cast<long long>(v));
  if (std::fabs(v - std::round(v)) < 1e-9L) return std::to_string(std::llround(v));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", static_cast<double>(v));
  return buf;
}

TEST_CASE("a term whose printed number renders as itself is copied, and reads as rendering its value would") {
  const RuleInstance r{"R", "", "t", {0}, {1}};
  std::vector<std::string> texts{"0", "-0", "00", "007", "-007", "1", "-1", "10", "999999999999999", "-999999999999999",
                                 "1000000000000000", "9007199254740993", "12.5", "-3.25", "1e5", "", "-", "+5", "1,234"};
  std::mt19937_64 random(20261205);
  for (int k = 0; k < 20000; ++k) {
    std::string t = std::to_string(random() >> (random() % 64));
    if (k % 7 == 0) t = "0" + t;
    if (k % 5 == 0) t = "-" + t;
    if (k % 11 == 0) t += ".5";
    texts.push_back(t);
  }
  std::size_t copied = 0;
  for (const std::string& t : texts) {
    CAPTURE(t);
    const long double v = normalize::number_value(t);
    const std::vector<Operand> operands{v, v};
    const std::vector<std::string_view> printed{t, t};
    std::string left, right, left_printed, right_printed;
    CHECK(evaluate(r, operands, &left, &right) == evaluate(r, operands, &left_printed, &right_printed, &printed));
    CHECK(left_printed == left);
    CHECK(right_printed == right);
    if (renders_as_itself(t)) {
      CHECK(left == t);
      ++copied;
    }
  }
  CHECK(!renders_as_itself("-0"));
  CHECK(!renders_as_itself("007"));
  CHECK(copied > texts.size() / 2);
}

// Whether a check copies a printed number as it is: an optional '-', then "0" alone or up to 15
// digits without a leading zero (exact in a double, and written with the same digits).
static bool renders_as_itself_by_definition(const std::string& t) {
  const std::string digits = t.starts_with('-') ? t.substr(1) : t;
  if (digits.empty() || digits.size() > 15 || (digits[0] == '0' && t != "0")) return false;
  return digits.find_first_not_of("0123456789") == std::string::npos;
}

// A side of a check as the rule's definition writes it: its terms joined by '+', each the
// printed number when it renders as itself, else its value rendered, '?' without one; after
// two terms or more all known, '=' and the sum.
static std::string side_by_definition(const std::vector<int>& terms, const std::vector<Operand>& values,
                                      const std::vector<std::string>& printed) {
  std::string out;
  long double sum = 0;
  bool known = true;
  for (int i : terms) {
    if (!out.empty()) out += '+';
    const bool ok = i >= 0 && static_cast<std::size_t>(i) < values.size() && values[i];
    known = known && ok;
    if (!ok) out += '?';
    else if (renders_as_itself_by_definition(printed[i])) out += printed[i];
    else out += rendered_by_definition(*values[i]);
    if (ok) sum += *values[i];
  }
  if (terms.size() > 1 && known) out += '=' + rendered_by_definition(sum);
  return out;
}

TEST_CASE("a check's sides, written from each operand's text made once, read as the definition writes them") {
  std::mt19937_64 random(20261205);
  const std::vector<std::string> shapes{"0",  "-0", "007", "12.5", "-3.25", "999999999999999", "1000000000000000", "",
                                        "12.", "3,", "-"};
  std::size_t long_sides = 0, self_rendered = 0, unknown = 0;
  for (int k = 0; k < 3000; ++k) {
    const std::size_t cells = 1 + random() % 60;
    std::vector<Operand> values(cells);
    std::vector<std::string> printed(cells);
    for (std::size_t c = 0; c < cells; ++c) {
      if (random() % 5 == 0) continue;  // no number: '?'
      std::string t = random() % 6 == 0 ? shapes[random() % shapes.size()] : std::to_string(random() >> (random() % 64));
      if (random() % 4 == 0 && t.size() < 16) t = "-" + t;
      printed[c] = t;
      values[c] = t.empty() ? static_cast<long double>(random() % 1000) / 8 : normalize::number_value(t);
      self_rendered += renders_as_itself_by_definition(t);
      CHECK(renders_as_itself(t) == renders_as_itself_by_definition(t));
    }
    RuleInstance r{"R", "", "t", {}, {}};
    for (auto* side : {&r.left, &r.right}) {
      const std::size_t terms = random() % 3 == 0 ? random() % 40 : random() % 6;  // past the stack's 24 at times
      for (std::size_t j = 0; j < terms; ++j) {
        const int i = random() % 10 == 0 ? -1 : static_cast<int>(random() % (cells + 1));  // unknown, one past the end
        unknown += i < 0 || static_cast<std::size_t>(i) >= cells;
        side->push_back(i);
      }
      long_sides += terms > 24;
    }
    const std::vector<std::string_view> views(printed.begin(), printed.end());
    const OperandTexts texts(values, &views);
    std::string left = "stale", right = "stale";
    const CheckResult result = evaluate(r, values, texts, left, right);
    CAPTURE(k);
    CHECK(left == side_by_definition(r.left, values, printed));
    CHECK(right == side_by_definition(r.right, values, printed));
    CHECK(result == evaluate(r, values));
  }
  CHECK(long_sides > 100);
  CHECK(self_rendered > 10000);
  CHECK(unknown > 1000);
}

TEST_CASE("a check writes each term as the rule's definition does: whole numbers, near-whole ones, fractions, at the edges of double") {
  const RuleInstance r{"R", "", "t", {0}, {1}};
  std::vector<long double> values{0.0L, -0.0L, 1.0L, -1.0L, 0.5L, -0.5L, 1.0L / 3, 12.25L, 1e-10L, 3.0L + 1e-10L,
                                  3.0L - 1e-12L, 9.0e18L, -9.0e18L, 1e19L, 1e300L};
  for (const long double edge : {4503599627370496.0L, 9007199254740992.0L, 18014398509481984.0L})
    for (const long double delta : {-2.0L, -1.0L, -0.5L, -0.25L, 0.0L, 0.25L, 0.5L, 1.0L, 2.0L})
      for (const long double sign : {1.0L, -1.0L}) values.push_back(sign * (edge + delta));
  std::mt19937_64 random(20261205);
  for (int k = 0; k < 20000; ++k) {
    const long double whole = static_cast<long double>(random() >> (random() % 64));
    const long double part = static_cast<long double>(random() % 1000) / (k % 2 ? 100 : 1000);
    values.push_back((k % 3 ? whole : whole + part) * (k % 5 ? 1 : -1));
  }
  std::string left, right;
  std::size_t whole_numbers = 0;
  for (const long double v : values) {
    const std::vector<Operand> operands{v, v};
    evaluate(r, operands, &left, &right);
    CAPTURE(static_cast<double>(v));
    CHECK(left == rendered_by_definition(v));
    whole_numbers += left.find_first_of(".e") == std::string::npos;
  }
  CHECK(whole_numbers > values.size() / 2);  // both paths were taken
  CHECK(whole_numbers < values.size());
}
