// 64-bit FNV-1a over fields: the one hash of stable identifiers (report ids, check fingerprints).
// Each field is followed by a separator byte that no field contains, so ("ab","c") ≠ ("a","bc").
#pragma once

#include <cstdint>
#include <string_view>

namespace nianbao::normalize {

struct Fnv1a {
  explicit Fnv1a(unsigned char separator) : separator_(separator) {}
  void add(std::string_view field) {
    add_part(field);
    end_field();
  }
  // A field given in parts (no separator between them), then its end.
  void add_part(std::string_view part) {
    for (unsigned char c : part) step(c);
  }
  void end_field() { step(separator_); }
  std::uint64_t value() const { return h_; }

 private:
  void step(unsigned char c) { h_ = (h_ ^ c) * 0x100000001b3ULL; }
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
  unsigned char separator_;
};

}  // namespace nianbao::normalize
