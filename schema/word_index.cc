// WordIndex (see word_index.h): open addressing with linear probing, built once per matcher.
#include "schema/internal/word_index.h"

#include <algorithm>

namespace nianbao::schema {

namespace {
// A word's hash (Fibonacci hashing: its top bits are the home slot) and the table's fill: at
// most a quarter of the slots used, so that nearly every word, listed or not, takes one probe.
constexpr std::uint32_t word_hash_factor = 0x9E3779B1u;
constexpr std::size_t slots_per_word = 4;
std::uint32_t word_hash(std::uint32_t word) { return word * word_hash_factor; }
}  // namespace

WordIndex::WordIndex(std::vector<std::pair<std::uint32_t, std::uint32_t>> entries) {
  std::sort(entries.begin(), entries.end());
  std::size_t words = 0;
  for (std::size_t e = 0; e < entries.size(); ++e) words += e == 0 || entries[e].first != entries[e - 1].first;
  if (words == 0) return;
  unsigned bits = 1;
  while ((std::size_t{1} << bits) < words * slots_per_word) ++bits;
  slots_.resize(std::size_t{1} << bits);
  shift_ = 32 - bits;
  indices_.reserve(entries.size());
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t e = 0; e < entries.size();) {
    const std::uint32_t word = entries[e].first;
    const auto begin = static_cast<std::uint32_t>(indices_.size());
    for (; e < entries.size() && entries[e].first == word; ++e) indices_.push_back(entries[e].second);
    std::size_t at = word_hash(word) >> shift_;
    while (slots_[at].begin != slots_[at].end) at = (at + 1) & mask;
    slots_[at] = {word, begin, static_cast<std::uint32_t>(indices_.size())};
  }
}

std::span<const std::uint32_t> WordIndex::find(std::uint32_t word) const {
  if (slots_.empty()) return {};
  const std::size_t mask = slots_.size() - 1;
  // A word listed is found before any empty slot (it was put in the first one after its home).
  for (std::size_t at = word_hash(word) >> shift_;; at = (at + 1) & mask) {
    const Slot& s = slots_[at];
    if (s.word == word || s.begin == s.end) return {indices_.data() + s.begin, s.end - s.begin};
  }
}

}  // namespace nianbao::schema
