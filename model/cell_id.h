// model: a canonical cell id as a check names it ("t3.new_received[total]"). A template's ids
// are made once and shared by every report it reads: a check of 表三 names 22 cells, and a
// string each was most of what building, writing and freeing a report's checks cost. An id
// from anywhere else (a test, a report read back) is held by value.
#pragma once

#include <compare>
#include <string>
#include <string_view>

namespace nianbao {

class CellId {
 public:
  CellId() = default;
  CellId(std::string id) : own_(std::move(id)) {}  // NOLINT: an id is a string
  CellId(std::string_view id) : own_(id) {}        // NOLINT
  CellId(const char* id) : own_(id) {}             // NOLINT
  // `lasting` outlives every report that will hold this id (a built-in template's id): it is
  // shared, not copied.
  static CellId shared(const std::string& lasting) {
    CellId id;
    id.shared_ = &lasting;
    return id;
  }

  const std::string& str() const { return shared_ ? *shared_ : own_; }
  operator const std::string&() const { return str(); }  // NOLINT: read as the string it is
  operator std::string_view() const { return str(); }    // NOLINT
  bool empty() const { return str().empty(); }
  // What the id's readers ask of a string.
  const char* c_str() const { return str().c_str(); }
  const char* data() const { return str().data(); }
  char operator[](std::size_t i) const { return str()[i]; }
  std::size_t find(std::string_view s, std::size_t from = 0) const { return str().find(s, from); }
  std::size_t rfind(std::string_view s, std::size_t from = std::string::npos) const { return str().rfind(s, from); }
  bool starts_with(std::string_view s) const { return str().starts_with(s); }
  std::string substr(std::size_t from, std::size_t n = std::string::npos) const { return str().substr(from, n); }
  friend std::string operator+(const CellId& a, std::string_view b) { return a.str() + std::string(b); }
  friend std::string operator+(const std::string& a, const CellId& b) { return a + b.str(); }
  friend std::string operator+(const char* a, const CellId& b) { return a + b.str(); }
  // The lasting string a shared id is (its identity: two shared ids are equal when this is),
  // null for an id held by value.
  const std::string* shared_address() const { return shared_; }
  std::size_t size() const { return str().size(); }

  friend bool operator==(const CellId& a, const CellId& b) {
    return (a.shared_ && a.shared_ == b.shared_) || a.str() == b.str();
  }
  friend bool operator==(const CellId& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const CellId& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const CellId& a, const char* b) { return a.str() == b; }
  friend std::strong_ordering operator<=>(const CellId& a, const CellId& b) { return a.str() <=> b.str(); }

 private:
  const std::string* shared_ = nullptr;
  std::string own_;
};

}  // namespace nianbao
