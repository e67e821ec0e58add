// Numbers as printed: table cells (parse_cell_number), the value a cell's text stands for
// (number_value), and list numbers (一、 （一） 1. （1）) at the start of a line or label.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <iterator>
#include <string_view>

#include "normalize/normalize.h"

namespace nianbao::normalize {

namespace {

// The words meaning none are three ideographs at most (9 bytes).
constexpr std::size_t longest_none_word = 9;

bool is_none_word(std::string_view folded) {
  return folded.size() <= longest_none_word &&
         std::find(std::begin(none_words), std::end(none_words), folded) != std::end(none_words);
}

}  // namespace

// Digits a plain integer may have: 18 always fit a 64-bit integer.
constexpr std::size_t max_plain_integer_digits = 18;

std::string_view plain_integer(std::string_view text) {
  std::string_view v = text;
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (v.empty() || v.size() > max_plain_integer_digits ||
      !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return {};
  return v;
}

CellNumber parse_cell_number(std::string_view cell_text) {
  CellNumber r;
  // Fast path: a plain integer ("0", "3119"), the cell tables hold most.
  if (const std::string_view v = plain_integer(cell_text); !v.empty()) {
    const std::size_t nz_at = v.find_first_not_of('0');
    r.kind = CellNumber::number;
    r.value = nz_at == std::string_view::npos ? "0" : std::string(v.substr(nz_at));
    return r;
  }
  const std::string t = fold(cell_text);
  if (t.empty()) {
    r.kind = CellNumber::blank;
    return r;
  }
  // Dash tokens: any run of dash characters, a slash, or words meaning "none / not applicable".
  static const std::u32string dashes = U"-\u2010\u2011\u2012\u2013\u2014\u2015\u2500\u30FC\uFF0D/\\";
  {
    std::size_t i = 0;
    bool all_dash = true;
    while (i < t.size()) {
      const char32_t c = next_code_point(t, i);
      if (dashes.find(c) == std::u32string::npos) {
        all_dash = false;
        break;
      }
    }
    if (all_dash || is_none_word(t)) {
      r.kind = CellNumber::dash;
      return r;
    }
  }
  std::size_t i = 0;
  std::string value;
  if (t[i] == '+' || t[i] == '-') {
    if (t[i] == '-') value += '-';
    ++i;
  }
  const std::size_t digits_start = i;
  std::string integer;
  while (i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) || t[i] == ',')) {
    if (t[i] != ',') integer += t[i];
    ++i;
  }
  if (integer.empty() || t[digits_start] == ',') {
    r.kind = CellNumber::text;
    return r;
  }
  std::string fraction;
  if (i + 1 < t.size() && t[i] == '.' && std::isdigit(static_cast<unsigned char>(t[i + 1]))) {
    ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) fraction += t[i++];
  }
  // Canonical form: no leading zeros, no trailing fractional zeros kept as printed.
  const std::size_t nz = integer.find_first_not_of('0');
  integer = nz == std::string::npos ? "0" : integer.substr(nz);
  value += integer;
  if (!fraction.empty()) value += "." + fraction;
  if (value == "-0") value = "0";
  std::string_view rest(t);
  rest.remove_prefix(i);
  static const char* const units[] = {"万元", "亿元", "元", "件", "个", "条", "项", "次", "人", "%", "起", "份", "家"};
  for (const char* u : units) {
    const std::string_view us(u);
    if (rest.substr(0, us.size()) == us) {
      r.unit = u;
      rest.remove_prefix(us.size());
      break;
    }
  }
  if (!rest.empty()) {
    // An annotation: "22（其中修订 16 件）" keeps 22; anything else means the cell is text.
    if (rest.front() == '(' || rest.substr(0, 3) == "\xE3\x80\x94" /*〔*/ || rest.front() == '[') {
      r.annotated = true;
    } else {
      r.kind = CellNumber::text;
      return r;
    }
  }
  r.kind = CellNumber::number;
  r.value = value;
  return r;
}

long double number_value(std::string_view text) {
  long long n = 0;
  const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (err == std::errc() && end == text.data() + text.size()) return static_cast<long double>(n);
  if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    long double x = 0;  // too many digits for an integer: no string, no strtold
    for (const char c : text) x = x * 10 + (c - '0');
    return x;
  }
  return std::strtold(std::string(text).c_str(), nullptr);  // decimals, a sign, a unit after
}

namespace {

constexpr std::u32string_view chinese_digits = U"一二三四五六七八九";
constexpr std::size_t max_chinese_numeral = 3;  // 一 … 九十九: no report numbers a hundred items
constexpr std::size_t max_arabic_numeral = 2;   // 1 … 99; three digits are a value ("100.")

bool is_chinese_numeral(char32_t c) {
  switch (c) {
    case U'一': case U'二': case U'三': case U'四': case U'五': case U'六': case U'七': case U'八': case U'九': case U'十':
      return true;  // chinese_digits and 十
    default:
      return false;
  }
}
bool is_arabic_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
bool is_space(char32_t c) { return c == ' ' || c == '\t'; }

// The half-width form of the punctuation a list number is written with (NFKC for these).
char32_t list_punctuation(char32_t c) {
  switch (c) {
    case U'（': return '(';
    case U'）': return ')';
    case U'．': return '.';
    case U'，': return ',';
    default: return c;
  }
}

// The value of a Chinese numeral of at most three characters: 三 3, 十二 12, 二十 20, 二十三 23.
int chinese_value(std::u32string_view s) {
  int value = 0, current = 0;
  for (const char32_t c : s) {
    if (c == U'十') {
      value += (current == 0 ? 1 : current) * 10;
      current = 0;
    } else {
      current = static_cast<int>(chinese_digits.find(c)) + 1;
    }
  }
  return value + current;
}

// A cursor over the code points of `text` that folds list punctuation and skips spaces; the
// code point at `at` is decoded once, when the cursor gets there.
struct Cursor {
  explicit Cursor(std::string_view t) : text(t) { load(); }
  std::string_view text;
  std::size_t at = 0;
  std::size_t next = 0;  // where the code point at `at` ends
  char32_t current = 0;  // the code point at `at`, list punctuation folded (0 at the end)
  void load() {
    next = at;
    current = at < text.size() ? list_punctuation(next_code_point(text, next)) : 0;
  }
  char32_t peek() const { return current; }
  void advance() {
    at = next;
    load();
  }
  void skip_spaces() {
    while (at < text.size() && is_space(current)) advance();
  }
};

}  // namespace

int chinese_numeral_value(std::string_view numeral) {
  std::u32string cps;
  for (std::size_t i = 0; i < numeral.size();) {
    const char32_t c = next_code_point(numeral, i);
    if (!is_chinese_numeral(c)) return 0;
    cps += c;
  }
  return chinese_value(cps);
}

ListNumber parse_list_number(std::string_view text) {
  Cursor in{text};
  in.skip_spaces();
  const char32_t first = in.peek();
  if (first != '(' && !is_chinese_numeral(first) && !is_arabic_digit(first)) return {};  // no numeral below
  const bool bracketed = first == '(';
  if (bracketed) {
    in.advance();
    in.skip_spaces();
  }
  const std::size_t numeral_start = in.at;
  char32_t digits[max_chinese_numeral > max_arabic_numeral ? max_chinese_numeral : max_arabic_numeral];
  std::size_t count = 0;
  const bool chinese = is_chinese_numeral(in.peek());
  const std::size_t max_count = chinese ? max_chinese_numeral : max_arabic_numeral;
  while (in.at < text.size() && (chinese ? is_chinese_numeral(in.peek()) : is_arabic_digit(in.peek()))) {
    if (count == max_count) return {};  // one numeral more than a list number has
    digits[count++] = in.peek();          // numerals and digits are no list punctuation: as written
    in.advance();
  }
  if (count == 0) return {};
  const std::u32string_view numeral(digits, count);
  ListNumber r;
  r.numeral = text.substr(numeral_start, in.at - numeral_start);
  if (chinese) {
    r.value = chinese_value(numeral);
  } else {
    for (const char32_t c : numeral) r.value = r.value * 10 + static_cast<int>(c >= 0xFF10 ? c - 0xFF10 : c - '0');
  }
  in.skip_spaces();
  const char32_t after = in.peek();
  if (bracketed) {
    if (after != ')') return {};
  } else if (after != U'、' && after != '.' && after != ',' && after != U'。') {
    return {};
  } else {
    r.separator = after;
  }
  in.advance();
  in.skip_spaces();
  // "1.5", "1、5": a number, not a list number.
  if (!bracketed && !chinese && is_arabic_digit(in.peek())) return {};
  r.style = chinese ? (bracketed ? ListNumber::chinese_paren : ListNumber::chinese)
                    : (bracketed ? ListNumber::arabic_paren : ListNumber::arabic);
  r.length = in.at;
  return r;
}

}  // namespace nianbao::normalize
