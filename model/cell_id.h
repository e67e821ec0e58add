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
  // The lasting string a shared id is (its identity: two shared ids are equal when this is),
  // null for an id held by value.
  const std::string* shared_address() const { return shared_; }
  std::size_t size() const { return str().size(); }

  friend bool operator==(const CellId& a, const CellId& b) {
    return (a.shared_ && a.shared_ == b.shared_) || a.str() == b.str();
  }
  friend bool operator==(const CellId& a, std::string_view b) { return a.str() == b; }
  friend std::strong_ordering operator<=>(const CellId& a, const CellId& b) { return a.str() <=> b.str(); }

 private:
  const std::string* shared_ = nullptr;
  std::string own_;
};

}  // namespace nianbao
