// Internal to schema/: an index of small integers (a label matcher's keys) by a 4-byte word (a
// key's first or last bytes), for lookups whose outcome follows the text: a hash table, one or
// two probes per word, where a binary search branched on every halving.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace nianbao::schema {

// Indices (of a matcher's keys) by a 4-byte word, the first or last bytes of a key: a hash table
// of the distinct words at most a quarter full, each with its indices in increasing order. A
// text's word is found in a probe or two, where a binary search took a branch per halving, half
// of them mispredicted (the words are the text's, which no predictor learns).
class WordIndex {
 public:
  WordIndex() = default;
  explicit WordIndex(std::vector<std::pair<std::uint32_t, std::uint32_t>> entries);  // (word, index)
  // The indices listed with `word`, in increasing order; empty when none.
  std::span<const std::uint32_t> find(std::uint32_t word) const;

 private:
  struct Slot {
    std::uint32_t word = 0, begin = 0, end = 0;  // its indices: indices_[begin, end); empty slot: begin == end
  };
  std::vector<Slot> slots_;  // a power of two of them, or none
  std::vector<std::uint32_t> indices_;
  unsigned shift_ = 0;  // a word's home slot: the top bits of its hash
};

}  // namespace nianbao::schema
