// KeySearch (see key_search.h).
#include "normalize/key_search.h"

#include <algorithm>
#include <cstring>

#include "normalize/normalize.h"

namespace nianbao::normalize {
namespace {

// The 8 bytes at p, and the 3 bytes at p (of `left` ≥ 3 there), little-endian.
std::uint64_t eight_at(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
std::uint64_t three_at(const char* p, std::size_t left) {
  if (left >= 4) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v & 0xFFFFFFu;
  }
  return static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) |
         static_cast<std::uint64_t>(static_cast<unsigned char>(p[1])) << 8 |
         static_cast<std::uint64_t>(static_cast<unsigned char>(p[2])) << 16;
}

// Where the window of a long key starts: the last start of a character with `bytes` after it.
std::size_t window_offset(const std::string& key, std::size_t bytes) {
  std::size_t at = key.size() - bytes;
  while (at > 0 && is_continuation_byte(key[at])) --at;
  return at;
}

}  // namespace

void KeySearch::Bucketed::build() {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return slot(a.window) < slot(b.window); });
  starts.assign((std::size_t{1} << slot_bits) + 1, 0);
  for (const Entry& e : entries) ++starts[slot(e.window) + 1];
  for (std::size_t s = 1; s < starts.size(); ++s) starts[s] += starts[s - 1];
  filter.assign((std::size_t{1} << filter_bits) / 64, 0);
  for (const Entry& e : entries) filter[filter_slot(e.window) / 64] |= std::uint64_t{1} << (filter_slot(e.window) % 64);
}

KeySearch::KeySearch(std::vector<std::string> keys) : keys_(std::move(keys)) {
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    const std::string& key = keys_[k];
    longest_ = std::max(longest_, key.size());
    const auto index = static_cast<std::uint32_t>(k);
    if (key.size() < short_window || is_continuation_byte(key[0])) {
      others_.push_back(index);
      continue;
    }
    const bool is_long = key.size() >= long_window;
    const std::size_t offset = is_long ? window_offset(key, long_window) : 0;
    starts_window_[static_cast<unsigned char>(key[offset])] = true;
    if (is_long) long_.add(eight_at(key.data() + offset), index, static_cast<std::uint32_t>(offset));
    else short_.add(three_at(key.data(), key.size()), index, 0);
  }
  long_.build();
  short_.build();
}

void KeySearch::mark_at(const Bucketed& b, std::uint64_t window, std::string_view text, std::size_t at,
                        std::size_t ends_after, std::vector<bool>& found, std::size_t& marked) const {
  const std::uint32_t s = slot(window);
  for (std::uint32_t e = b.starts[s]; e < b.starts[s + 1]; ++e) {
    const Bucketed::Entry& entry = b.entries[e];
    if (entry.window != window || found[entry.key] || entry.offset > at) continue;
    const std::string& key = keys_[entry.key];
    const std::size_t start = at - entry.offset;
    if (key.size() > text.size() - start || start + key.size() <= ends_after) continue;
    if (std::memcmp(text.data() + start, key.data(), key.size()) == 0) found[entry.key] = true, ++marked;
  }
}

std::size_t KeySearch::mark(std::string_view text, std::vector<bool>& found, std::size_t ends_after) const {
  std::size_t marked = 0;
  for (const std::uint32_t k : others_) {
    if (found[k]) continue;
    const std::string& key = keys_[k];
    // An occurrence ends after `ends_after` when it starts at or after this.
    const std::size_t from = ends_after >= key.size() ? ends_after - key.size() + 1 : 0;
    if (find_bytes(text, key, from) != std::string_view::npos) found[k] = true, ++marked;
  }
  const bool any_long = !long_.entries.empty(), any_short = !short_.entries.empty();
  // A window lies inside its key: no window of an occurrence that ends after `ends_after`
  // starts before this.
  const std::size_t first = ends_after >= longest_ ? ends_after - longest_ + 1 : 0;
  const char* const t = text.data();
  for (std::size_t s = first; s + short_window <= text.size();) {
    const unsigned char c = static_cast<unsigned char>(t[s]);
    if (starts_window_[c]) {
      if (any_long && s + long_window <= text.size()) {
        const std::uint64_t w = eight_at(t + s);
        if (long_.may_hold(w)) mark_at(long_, w, text, s, ends_after, found, marked);
      }
      if (any_short) {
        const std::uint64_t w = three_at(t + s, text.size() - s);
        if (short_.may_hold(w)) mark_at(short_, w, text, s, ends_after, found, marked);
      }
    }
    // To the next start of a character: over the two continuation bytes of a three-byte
    // character (an ideograph) at once, where they are continuation bytes.
    s += (c & 0xF0) == 0xE0 && is_continuation_byte(t[s + 1]) && is_continuation_byte(t[s + 2]) ? 3 : 1;
  }
  return marked;
}

}  // namespace nianbao::normalize
