// Digit-run splitting: a depth-first walk over cut positions, each cell matching its type
// (count: 0 or no leading zero; signed: optional sign; money: decimals and a unit at the end).
#include "schema/internal/splits.h"

#include <algorithm>
#include <cctype>

namespace nianbao::schema {
namespace {

bool digits(const std::string& s, std::size_t from, std::size_t to) {
  if (from >= to) return false;
  for (std::size_t i = from; i < to; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// An integer without a superfluous leading zero: "0", "12", not "012".
bool canonical_integer(const std::string& s, std::size_t from, std::size_t to) {
  return digits(s, from, to) && (to - from == 1 || s[from] != '0');
}

std::string strip_plus(const std::string& s) { return !s.empty() && s[0] == '+' ? s.substr(1) : s; }

}  // namespace

bool read_single_cell(const std::string& text, ValueType type, Reading& cell) {
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
      cell.value = strip_plus(text);
      if (cell.value == "-0") cell.value = "0";
      return true;
    }
    case ValueType::money: {
      std::size_t end = n;
      if (text.size() >= 6 && text.compare(n - 6, 6, "万元") == 0) { end = n - 6; cell.unit = "万元"; }
      else if (text.size() >= 3 && text.compare(n - 3, 3, "元") == 0) { end = n - 3; cell.unit = "元"; }
      const std::size_t dot = text.find('.');
      if (dot != std::string::npos && dot < end) {
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

namespace {

// Is s[from, to) one cell of `type`? (No allocation: the walk calls this at every cut.)
bool valid_cell(const std::string& s, std::size_t from, std::size_t to, ValueType type) {
  if (from >= to) return false;
  switch (type) {
    case ValueType::count: return canonical_integer(s, from, to);
    case ValueType::signed_count: {
      const std::size_t f = (s[from] == '-' || s[from] == '+') ? from + 1 : from;
      return canonical_integer(s, f, to);
    }
    case ValueType::money: {
      std::size_t end = to;
      if (end - from >= 6 && s.compare(end - 6, 6, "万元") == 0) end -= 6;
      else if (end - from >= 3 && s.compare(end - 3, 3, "元") == 0) end -= 3;
      for (std::size_t i = from; i < end; ++i)
        if (s[i] == '.') return canonical_integer(s, from, i) && digits(s, i + 1, end);
      return canonical_integer(s, from, end);
    }
  }
  return false;
}

// The longest text a cut-out cell may have: 12 digits for a count (a trillion requests is
// already no report's), a sign more for a signed count, 24 bytes for an amount with decimals
// and a unit. A run too long for its cells has no reading, instead of a number of readings
// that grows with its length.
std::size_t max_cell_bytes(ValueType type) {
  return type == ValueType::money ? 24 : type == ValueType::signed_count ? 13 : 12;
}

}  // namespace

bool enumerate_splits(const std::vector<std::string>& pieces, const std::vector<ValueType>& types,
                      std::size_t& budget, const std::function<bool(const std::vector<std::string_view>&)>& emit) {
  return enumerate_splits(pieces, types, budget, nullptr, emit);
}

bool enumerate_splits(const std::vector<std::string>& pieces, const std::vector<ValueType>& types,
                      std::size_t& budget, const std::function<bool(const std::vector<std::string_view>&)>& accept_prefix,
                      const std::function<bool(const std::vector<std::string_view>&)>& emit) {
  const std::size_t n_cells = types.size();
  std::vector<std::string_view> cells;
  cells.reserve(n_cells);
  bool stopped = false, exhausted = false;
  // Remaining characters from a piece on, to prune branches that cannot fill the cells.
  std::vector<std::size_t> chars_after(pieces.size() + 1, 0);
  for (std::size_t p = pieces.size(); p-- > 0;) chars_after[p] = chars_after[p + 1] + pieces[p].size();
  // The most characters the cells from one on can hold.
  std::vector<std::size_t> room_from(n_cells + 1, 0);
  for (std::size_t c = n_cells; c-- > 0;) room_from[c] = room_from[c + 1] + max_cell_bytes(types[c]);
  // Depth-first over cut positions; `walk` is a plain recursive lambda (depth ≤ cells).
  auto walk = [&](auto&& self, std::size_t piece, std::size_t offset) -> void {
    if (stopped || exhausted) return;
    if (budget == 0) {
      exhausted = true;
      return;
    }
    --budget;
    const std::size_t k = cells.size();
    if (piece == pieces.size()) {
      if (k == n_cells && !emit(cells)) stopped = true;
      return;
    }
    if (k == n_cells) return;
    const std::size_t cells_left = n_cells - k;
    if (cells_left < pieces.size() - piece) return;         // every piece needs a cell
    if (chars_after[piece] - offset < cells_left) return;  // every cell needs a character
    if (chars_after[piece] - offset > room_from[k]) return;  // more than the cells can hold
    const std::string& s = pieces[piece];
    const ValueType type = types[k];
    const std::size_t longest = std::min(s.size(), offset + max_cell_bytes(type));
    // A count (or signed count) is valid_cell exactly while its digits run on without a
    // leading zero: the first end past a non-digit, or past a leading 0, ends the valid cuts.
    const bool integer = type == ValueType::count || type == ValueType::signed_count;
    const std::size_t digits_from =
        type == ValueType::signed_count && (s[offset] == '-' || s[offset] == '+') ? offset + 1 : offset;
    for (std::size_t end = offset + 1; end <= longest; ++end) {
      if (integer) {
        if (end <= digits_from) continue;  // the sign alone
        if (!std::isdigit(static_cast<unsigned char>(s[end - 1]))) break;
        if (end - digits_from > 1 && s[digits_from] == '0') break;
      } else if (!valid_cell(s, offset, end, type)) {
        continue;
      }
      cells.push_back(std::string_view(s).substr(offset, end - offset));
      if (!accept_prefix || accept_prefix(cells)) {
        if (end == s.size()) self(self, piece + 1, 0);
        else self(self, piece, end);
      }
      cells.pop_back();
      if (stopped || exhausted) return;
    }
  };
  walk(walk, 0, 0);
  return !exhausted;
}

}  // namespace nianbao::schema
