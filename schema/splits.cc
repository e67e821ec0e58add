// Digit-run splitting: the cells' types (count: 0 or no leading zero; signed: optional sign;
// money: decimals and a unit at the end) and the reading of one cut. The walk over cut
// positions is a template in splits.h.
#include "schema/internal/splits.h"

#include "normalize/normalize.h"

namespace nianbao::schema {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool digits(std::string_view s, std::size_t from, std::size_t to) {
  if (from >= to) return false;
  for (std::size_t i = from; i < to; ++i)
    if (!is_digit(s[i])) return false;
  return true;
}

// An integer without a superfluous leading zero: "0", "12", not "012".
bool canonical_integer(std::string_view s, std::size_t from, std::size_t to) {
  return digits(s, from, to) && (to - from == 1 || s[from] != '0');
}

constexpr std::string_view wan_yuan = "万元", yuan = "元";

}  // namespace

namespace splits_detail {

bool valid_money(std::string_view s) {
  std::size_t end = s.size();
  if (s.ends_with(wan_yuan)) end -= wan_yuan.size();
  else if (s.ends_with(yuan)) end -= yuan.size();
  for (std::size_t i = 0; i < end; ++i)
    if (s[i] == '.') return canonical_integer(s, 0, i) && digits(s, i + 1, end);
  return canonical_integer(s, 0, end);
}

long double money_value(std::string_view cut) { return normalize::number_value(cut); }

WalkArrays& thread_walk_arrays() {
  thread_local WalkArrays arrays;
  return arrays;
}

}  // namespace splits_detail

bool read_single_cell(std::string_view text, ValueType type, Reading& cell) {
  const std::size_t n = text.size();
  if (n == 0) return false;
  cell.state = ValueState::number;
  cell.candidates.clear();
  cell.raw = text;
  cell.unit.clear();
  switch (type) {
    case ValueType::count:
      if (!canonical_integer(text, 0, n)) return false;
      cell.value = text;
      return true;
    case ValueType::signed_count: {
      const std::size_t from = (text[0] == '-' || text[0] == '+') ? 1 : 0;
      if (!canonical_integer(text, from, n)) return false;
      cell.value = text[0] == '+' ? text.substr(1) : text;
      if (cell.value == "-0") cell.value = "0";
      return true;
    }
    case ValueType::money: {
      std::size_t end = n;
      if (text.ends_with(wan_yuan)) { end = n - wan_yuan.size(); cell.unit = wan_yuan; }
      else if (text.ends_with(yuan)) { end = n - yuan.size(); cell.unit = yuan; }
      const std::size_t dot = text.find('.');
      if (dot != std::string_view::npos && dot < end) {
        if (!canonical_integer(text, 0, dot) || !digits(text, dot + 1, end)) return false;
      } else if (!canonical_integer(text, 0, end)) {
        return false;
      }
      cell.value = text.substr(0, end);
      return true;
    }
  }
  return false;
}

}  // namespace nianbao::schema
