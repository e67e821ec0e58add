// KeySearch: a fixed set of byte strings (a format's row labels, a table's own texts) looked for
// in a text in one pass, where find_bytes would read the text once per key: the answer is the
// same as a find_bytes of each key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::normalize {

class KeySearch {
 public:
  explicit KeySearch(std::vector<std::string> keys);

  std::size_t size() const { return keys_.size(); }
  const std::vector<std::string>& keys() const { return keys_; }

  // Marks found[k] (found has size() entries) for each key k not yet marked that occurs in
  // `text` ending after byte `ends_after` (0: anywhere), as find_bytes(text, key, from) from the
  // first start whose occurrence would end there; returns how many it marked.
  std::size_t mark(std::string_view text, std::vector<bool>& found, std::size_t ends_after = 0) const;

 private:
  // Keys are looked up by a window of their bytes that starts a character, at each start of a
  // character of the text that may start it (a window that starts with a lead or an ASCII byte
  // can start nowhere else). Keys of eight bytes or more by the eight bytes at the last start of
  // a character that leaves eight: labels share their first ideographs (政府信息公开…, 其他…)
  // more than their last, and a window of a common word would make every place of it a
  // candidate. Keys of three to seven bytes by their first three; shorter keys, and keys that
  // start inside a character, by find_bytes.
  struct Bucketed {
    struct Entry {
      std::uint64_t window;
      std::uint32_t key;
      std::uint32_t offset;  // of the window in the key
    };
    std::vector<Entry> entries;         // by slot of their window
    std::vector<std::uint32_t> starts;  // per slot, its first entry; one more at the end
    std::vector<std::uint64_t> filter;  // a bit per filter slot of a window in entries
    void add(std::uint64_t window, std::uint32_t key, std::uint32_t offset) { entries.push_back({window, key, offset}); }
    void build();
    bool may_hold(std::uint64_t window) const {
      const std::uint32_t f = filter_slot(window);
      return (filter[f / 64] >> (f % 64)) & 1;
    }
  };
  // Buckets: 256, for the tens of keys of a table or a format (a few share one). Before a bucket
  // is read, a filter of 8 192 bits (1 KB) rules out nearly every place of the text. Small: a
  // search is kept per table of each template for the life of the process.
  static constexpr unsigned slot_bits = 8, filter_bits = 13;
  static std::uint64_t mixed(std::uint64_t window) { return window * 0x9E3779B97F4A7C15ull; }
  static std::uint32_t slot(std::uint64_t window) { return static_cast<std::uint32_t>(mixed(window) >> (64 - slot_bits)); }
  static std::uint32_t filter_slot(std::uint64_t window) {
    return static_cast<std::uint32_t>(mixed(window) >> (64 - filter_bits));
  }
  void mark_at(const Bucketed& b, std::uint64_t window, std::string_view text, std::size_t at,
               std::size_t ends_after, std::vector<bool>& found, std::size_t& marked) const;

  std::vector<std::string> keys_;
  static constexpr std::size_t long_window = 8, short_window = 3;
  Bucketed long_, short_;
  std::vector<std::uint32_t> others_;  // keys found by find_bytes
  bool starts_window_[256] = {};       // first bytes of the windows of the keys
  std::size_t longest_ = 0;
};

}  // namespace nianbao::normalize
