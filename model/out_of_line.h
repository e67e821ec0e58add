// A member that most records do not have, held on the heap so that a record without it pays
// one pointer instead of the whole value (a paragraph has no table; only paged inputs have boxes).
// Reading an absent value gives an empty T, as an inline member would; copies are deep.
#pragma once

#include <memory>
#include <utility>

namespace nianbao {

template <class T>
class OutOfLine {
 public:
  OutOfLine() = default;
  OutOfLine(T value) : p_(std::make_unique<T>(std::move(value))) {}  // NOLINT: a value converts, as an inline T
  OutOfLine(const OutOfLine& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  OutOfLine(OutOfLine&&) noexcept = default;
  OutOfLine& operator=(const OutOfLine& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  OutOfLine& operator=(OutOfLine&&) noexcept = default;
  ~OutOfLine() = default;

  const T& operator*() const { return p_ ? *p_ : empty(); }
  const T* operator->() const { return &**this; }
  // The value to change in place; an absent one is made (empty) first.
  T& edit() {
    if (!p_) p_ = std::make_unique<T>();
    return *p_;
  }
  bool present() const { return p_ != nullptr; }

 private:
  static const T& empty() {
    static const T none{};
    return none;
  }
  std::unique_ptr<T> p_;
};

}  // namespace nianbao
