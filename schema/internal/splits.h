// Internal to schema/: reading a flattened digit run as table cells. Web pages flattened to
// text run adjacent cells together ("230 000023" is 23 0 0 0 0 0 23); every way to cut the
// run into the row's cells, by the cells' types, is enumerated, within a budget.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "schema/internal/solver.h"
#include "schema/template.h"

namespace nianbao::schema {

namespace splits_detail {

// The longest text a cut-out cell may have: 12 digits for a count (a trillion requests is
// already no report's), a sign more for a signed count, 24 bytes for an amount with decimals
// and a unit. A run too long for its cells has no reading, instead of a number of readings
// that grows with its length.
constexpr std::size_t max_cell_bytes(ValueType type) {
  return type == ValueType::money ? 24 : type == ValueType::signed_count ? 13 : 12;
}

// Is `cut` one cell of the money type? (No allocation: the walk calls this at every cut.)
bool valid_money(std::string_view cut);

// normalize::number_value of a money cut (decimals, a unit after).
long double money_value(std::string_view cut);

// No prefix is refused (enumerate_splits without accept_prefix).
struct AcceptAll {
  bool operator()(std::size_t, long double) const { return true; }
};

// A walk's arrays (the cells cut, and two per run to prune by). A run's walk is short (a row
// of 7 cells is a few dozen nodes), and three allocations were a third of its cost: the
// thread's walks share one set, which grows to the longest run and stays.
struct WalkArrays {
  std::vector<std::string_view> cells;
  std::vector<std::size_t> chars_after, room_from;
  bool busy = false;  // a walk holds them
};

// The thread's set (splits.cc).
WalkArrays& thread_walk_arrays();

// The depth-first walk over cut positions (depth ≤ cells). A template, so that the callbacks
// are inlined: the walk visits up to the whole budget's nodes per run.
template <class Accept, class Emit>
class SplitWalk {
 public:
  SplitWalk(const std::vector<std::string>& pieces, const std::vector<ValueType>& types, std::size_t& budget,
            Accept& accept, Emit& emit)
      : pieces_(pieces), types_(types), budget_(budget), accept_(accept), emit_(emit) {
    // A walk started from a callback of another (none is) gets arrays of its own.
    WalkArrays& shared = thread_walk_arrays();
    arrays_ = shared.busy ? &own_ : &shared;
    arrays_->busy = true;
  }
  ~SplitWalk() { arrays_->busy = false; }
  SplitWalk(const SplitWalk&) = delete;
  SplitWalk& operator=(const SplitWalk&) = delete;

  bool run() {
    n_cells_ = types_.size();
    n_pieces_ = pieces_.size();
    arrays_->cells.assign(n_cells_, std::string_view());
    cells_ = arrays_->cells.data();
    // Remaining characters from a piece on, to prune branches that cannot fill the cells.
    std::vector<std::size_t>& chars_after = arrays_->chars_after;
    chars_after.assign(n_pieces_ + 1, 0);
    for (std::size_t p = n_pieces_; p-- > 0;) chars_after[p] = chars_after[p + 1] + pieces_[p].size();
    chars_after_ = chars_after.data();
    // The most characters the cells from one on can hold.
    std::vector<std::size_t>& room_from = arrays_->room_from;
    room_from.assign(n_cells_ + 1, 0);
    for (std::size_t c = n_cells_; c-- > 0;) room_from[c] = room_from[c + 1] + max_cell_bytes(types_[c]);
    room_from_ = room_from.data();
    left_ = budget_;
    walk(0, 0, 0);
    budget_ = left_;
    return !exhausted_;
  }

 private:
  static constexpr bool checks_prefix = !std::is_same_v<std::remove_cv_t<Accept>, AcceptAll>;

  // A node: `k` cells cut, the next from byte `offset` of piece `piece`. Each node costs one
  // unit of the budget, whatever it finds (the budget is the report's). Returns false when the
  // walk is over (stopped by emit, or the budget spent).
  bool walk(std::size_t piece, std::size_t offset, std::size_t k) {
    if (left_ == 0) {
      exhausted_ = true;
      return false;
    }
    --left_;
    if (piece == n_pieces_) {
      return k != n_cells_ || emit_(static_cast<const std::vector<std::string_view>&>(arrays_->cells));
    }
    if (k == n_cells_) return true;
    const std::size_t cells_left = n_cells_ - k;
    const std::size_t chars = chars_after_[piece] - offset;
    if (cells_left < n_pieces_ - piece) return true;  // every piece needs a cell
    if (chars < cells_left) return true;              // every cell needs a character
    if (chars > room_from_[k]) return true;           // more than the cells can hold
    const std::string_view s = pieces_[piece];
    const ValueType type = types_[k];
    const std::size_t longest = std::min(s.size(), offset + max_cell_bytes(type));
    if (type == ValueType::money) {
      for (std::size_t end = offset + 1; end <= longest; ++end) {
        const std::string_view cut = s.substr(offset, end - offset);
        if (!valid_money(cut)) continue;
        if (!step(cut, checks_prefix ? money_value(cut) : 0.0L, piece, end, k, s.size())) return false;
      }
      return true;
    }
    // A count (or signed count) is a valid cell exactly while its digits run on without a
    // leading zero: the first end past a non-digit, or past a leading 0, ends the valid cuts.
    // Its value (what normalize::number_value reads) grows with each digit.
    const bool sign = type == ValueType::signed_count && (s[offset] == '-' || s[offset] == '+');
    const std::size_t digits_from = sign ? offset + 1 : offset;
    const bool negative = sign && s[offset] == '-';
    // After a leading 0, no digit more: "0" alone.
    const std::size_t last = digits_from < s.size() && s[digits_from] == '0' ? std::min(longest, digits_from + 1) : longest;
    long long magnitude = 0;
    for (std::size_t end = digits_from + 1; end <= last; ++end) {
      const char c = s[end - 1];
      if (c < '0' || c > '9') break;
      magnitude = magnitude * 10 + (c - '0');
      const long double value = static_cast<long double>(negative ? -magnitude : magnitude);
      if (!step(s.substr(offset, end - offset), value, piece, end, k, s.size())) return false;
    }
    return true;
  }

  // Cuts `cut` (ending at `end` of piece `piece`, `size` bytes long) as cell k and walks on;
  // false when the walk is over.
  bool step(std::string_view cut, long double value, std::size_t piece, std::size_t end, std::size_t k,
            std::size_t size) {
    cells_[k] = cut;
    if (!accept_(k, value)) return true;
    return end == size ? walk(piece + 1, 0, k + 1) : walk(piece, end, k + 1);
  }

  const std::vector<std::string>& pieces_;
  const std::vector<ValueType>& types_;
  std::size_t& budget_;
  Accept& accept_;
  Emit& emit_;
  WalkArrays own_;                  // unused unless the thread's set is busy
  WalkArrays* arrays_ = nullptr;    // the thread's set, or own_
  std::string_view* cells_ = nullptr;  // the cells cut, by position (those past the depth stale)
  const std::size_t* chars_after_ = nullptr;
  const std::size_t* room_from_ = nullptr;
  std::size_t n_cells_ = 0, n_pieces_ = 0;
  std::size_t left_ = 0;  // budget_, kept here during the walk
  bool exhausted_ = false;
};

}  // namespace splits_detail

// Call `emit(cells)` for each reading of `pieces` (the run cut at spaces; a space is always a
// cell boundary) as exactly types.size() cells, given as the texts of the cells (a
// std::vector<std::string_view> of views into `pieces`; read_single_cell turns one into a
// value). `emit` returns false to stop. Each step costs one unit of `budget`; returns false
// when the budget ran out before the enumeration finished.
template <class Emit>
bool enumerate_splits(const std::vector<std::string>& pieces, const std::vector<ValueType>& types, std::size_t& budget,
                      Emit&& emit) {
  splits_detail::AcceptAll accept;
  return splits_detail::SplitWalk<splits_detail::AcceptAll, std::remove_reference_t<Emit>>(pieces, types, budget,
                                                                                            accept, emit)
      .run();
}

// The same, with `accept_prefix(k, value)` asked after cell k is cut (`value`: the number
// normalize::number_value reads in it): false prunes every reading that starts so (a group of
// cells whose sum is already wrong).
template <class Accept, class Emit>
bool enumerate_splits(const std::vector<std::string>& pieces, const std::vector<ValueType>& types, std::size_t& budget,
                      Accept&& accept_prefix, Emit&& emit) {
  return splits_detail::SplitWalk<std::remove_reference_t<Accept>, std::remove_reference_t<Emit>>(
             pieces, types, budget, accept_prefix, emit)
      .run();
}

// Is `text` (a cut of a run) one cell of the given type as a whole? Then `cell` is its
// reading: a number (canonical value, "-18", "75394432.52"), the cut as raw, the unit (元 /
// 万元) the cut ended with.
bool read_single_cell(std::string_view text, ValueType type, Reading& cell);

}  // namespace nianbao::schema
