// What a thread works out once and reuses across reports (check fingerprints, escaped id lists,
// memos of lookups): kept in a hash map with a capacity. A thread that has kept that many
// entries clears them and starts again, so a long-lived process meeting reports of unknown
// shapes never grows. A reference it returns holds until the next find_or_make. What an entry
// holds is allocated as kept across reports (model/long_lived.h).
#pragma once

#include <cstddef>
#include <functional>
#include <unordered_map>
#include <utility>

#include "model/long_lived.h"

namespace nianbao {

// Entries found by a hash the caller computes and confirmed by the caller's test of identity
// (different identities may share a hash, and the entry holds what identifies it).
template <class Entry>
class KeptByHash {
 public:
  explicit KeptByHash(std::size_t capacity) : capacity_(capacity) {}

  template <class Same, class Make>
  const Entry& find_or_make(std::size_t hash, Same&& same, Make&& make) {
    for (auto [it, end] = kept_.equal_range(hash); it != end; ++it)
      if (same(it->second)) return it->second;
    if (kept_.size() >= capacity_) kept_.clear();
    const LongLivedAllocations kept_across_reports;
    return kept_.emplace(hash, make())->second;
  }

  std::size_t size() const { return kept_.size(); }

 private:
  std::size_t capacity_;
  std::unordered_multimap<std::size_t, Entry> kept_;
};

// Values found by their key.
template <class Key, class Value, class Hash = std::hash<Key>>
class Kept {
 public:
  explicit Kept(std::size_t capacity) : capacity_(capacity) {}

  template <class Make>
  const Value& find_or_make(const Key& key, Make&& make) {
    if (const auto it = kept_.find(key); it != kept_.end()) return it->second;
    if (kept_.size() >= capacity_) kept_.clear();
    const LongLivedAllocations kept_across_reports;
    return kept_.emplace(key, make()).first->second;
  }

  std::size_t size() const { return kept_.size(); }

 private:
  std::size_t capacity_;
  std::unordered_map<Key, Value, Hash> kept_;
};

}  // namespace nianbao
