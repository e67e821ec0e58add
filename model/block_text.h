// A block's text in 8 bytes (a std::string is 32): a text of up to 7 bytes is held in the 8 bytes
// themselves, a longer one on the heap behind one pointer (its size, its bytes, a NUL). A file of
// short lines is a paragraph per line: this is most of what such a paragraph costs. Read it as a
// std::string_view (it converts); assigning a text (a string, a view) replaces the old one.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace nianbao {

class BlockText {
 public:
  BlockText() = default;
  // Explicit: the one implicit conversion is to a view (an expression of a text and a string
  // has one reading).
  explicit BlockText(std::string_view s) { set(s); }
  BlockText(const BlockText& o) { set(o.view()); }
  BlockText(BlockText&& o) noexcept : word_(std::exchange(o.word_, 0)) {}
  BlockText& operator=(const BlockText& o) {
    if (this != &o) assign(o.view());
    return *this;
  }
  BlockText& operator=(BlockText&& o) noexcept {
    if (this != &o) {
      release();
      word_ = std::exchange(o.word_, 0);
    }
    return *this;
  }
  BlockText& operator=(std::string_view s) { return assign(s); }
  BlockText& operator=(const std::string& s) { return assign(s); }
  BlockText& operator=(const char* s) { return assign(s); }
  ~BlockText() { release(); }

  std::size_t size() const {
    if (word_ & inline_bit) return (word_ & 0xFF) >> 1;
    if (word_ == 0) return 0;
    std::size_t n;
    std::memcpy(&n, heap(), sizeof n);
    return n;
  }
  std::size_t length() const { return size(); }
  bool empty() const { return size() == 0; }
  const char* data() const {
    if (word_ & inline_bit) return reinterpret_cast<const char*>(&word_) + 1;
    return word_ == 0 ? "" : heap() + sizeof(std::size_t);
  }
  std::string_view view() const { return {data(), size()}; }
  operator std::string_view() const { return view(); }  // NOLINT: read as a view
  std::string str() const { return std::string(view()); }

  const char* begin() const { return data(); }
  const char* end() const { return data() + size(); }
  char operator[](std::size_t i) const { return data()[i]; }
  char front() const { return *data(); }
  char back() const { return data()[size() - 1]; }
  std::string_view substr(std::size_t from, std::size_t n = std::string_view::npos) const { return view().substr(from, n); }
  std::size_t find(std::string_view s, std::size_t from = 0) const { return view().find(s, from); }
  std::size_t find(char c, std::size_t from = 0) const { return view().find(c, from); }
  std::size_t rfind(std::string_view s, std::size_t from = std::string_view::npos) const { return view().rfind(s, from); }
  bool starts_with(std::string_view s) const { return view().starts_with(s); }
  bool ends_with(std::string_view s) const { return view().ends_with(s); }
  int compare(std::string_view s) const { return view().compare(s); }

  friend bool operator==(const BlockText& a, std::string_view b) { return a.view() == b; }
  friend auto operator<=>(const BlockText& a, std::string_view b) { return a.view() <=> b; }
  friend std::string operator+(const BlockText& a, std::string_view b) { return a.str().append(b); }
  friend std::string operator+(std::string_view a, const BlockText& b) { return std::string(a).append(b.view()); }
  friend std::string operator+(const BlockText& a, const BlockText& b) { return a.str().append(b.view()); }
  friend std::ostream& operator<<(std::ostream& out, const BlockText& t) { return out << t.view(); }

 private:
  static_assert(std::endian::native == std::endian::little, "the inline size sits in the word's first byte");
  static constexpr std::uintptr_t inline_bit = 1;  // heap pointers are aligned: their low bit is 0
  static constexpr std::size_t inline_max = sizeof(std::uintptr_t) - 1;

  const char* heap() const { return reinterpret_cast<const char*>(word_); }
  void set(std::string_view s) {
    if (s.empty()) return;
    if (s.size() <= inline_max) {
      word_ = (s.size() << 1) | inline_bit;
      std::memcpy(reinterpret_cast<char*>(&word_) + 1, s.data(), s.size());
      return;
    }
    const std::size_t n = s.size();
    char* p = static_cast<char*>(::operator new(sizeof n + n + 1));
    std::memcpy(p, &n, sizeof n);
    std::memcpy(p + sizeof n, s.data(), n);
    p[sizeof n + n] = '\0';
    word_ = reinterpret_cast<std::uintptr_t>(p);
  }
  BlockText& assign(std::string_view s) {
    BlockText t(s);  // s may be a view of this text
    release();
    word_ = std::exchange(t.word_, 0);
    return *this;
  }
  void release() {
    if (word_ != 0 && !(word_ & inline_bit)) ::operator delete(reinterpret_cast<void*>(word_));
    word_ = 0;
  }

  std::uintptr_t word_ = 0;
};

}  // namespace nianbao
