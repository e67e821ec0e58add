// Internal to output/: a small streaming XML writer — elements opened and closed in order,
// attributes and text escaped as they are written — so that a report's document is never held
// as a tree (issue 10 item 10: memory a small multiple of the input). Its layout is the one the
// writer had when it built a DOM: two-space indent, a lone text child inline (`<s>…</s>`), an
// element without content as `<name />`, and the same escapes (attributes: & < " and controls
// as &#NN;; text: & < > and controls other than tab, LF, CR).
#pragma once

#include <cstddef>
#include <cstdint>
#include <charconv>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "model/cell_id.h"
#include "output/internal/xml_scan.h"

namespace nianbao::output::internal {

// memcpy, with the short pieces most of a document is made of (names, entities, short values)
// copied inline: a call of memcpy with a size unknown here costs more than the copy.
inline void copy_bytes(char* to, std::string_view s) {
  const std::size_t n = s.size();
  if (n > 2 * 16) {
    std::memcpy(to, s.data(), n);
  } else if (n >= 16) {  // two 16-byte blocks, overlapping in the middle
    char a[16], b[16];
    std::memcpy(a, s.data(), 16);
    std::memcpy(b, s.data() + n - 16, 16);
    std::memcpy(to, a, 16);
    std::memcpy(to + n - 16, b, 16);
  } else if (n >= 8) {  // two 8-byte words, overlapping in the middle
    std::uint64_t a, b;
    std::memcpy(&a, s.data(), 8);
    std::memcpy(&b, s.data() + n - 8, 8);
    std::memcpy(to, &a, 8);
    std::memcpy(to + n - 8, &b, 8);
  } else if (n >= 4) {
    std::uint32_t a, b;
    std::memcpy(&a, s.data(), 4);
    std::memcpy(&b, s.data() + n - 4, 4);
    std::memcpy(to, &a, 4);
    std::memcpy(to + n - 4, &b, 4);
  } else {
    for (std::size_t i = 0; i < n; ++i) to[i] = s[i];
  }
}

// Bytes of room an indent needs besides its own: write_indent stores a whole row of spaces.
constexpr std::size_t indent_row = 32;

// `n` spaces: at most two for each open element, so for any document the writer makes one row of
// indent_row spaces stored whole (its bytes past `n` overwritten by what follows, `p` having room
// for indent_row more), not a copy of `n` bytes, whose size, which follows the document's
// nesting, chose the copy's branches.
inline void write_indent(char* p, std::size_t n) {
  static constexpr char spaces[indent_row + 1] = "                                ";
  if (n <= indent_row) std::memcpy(p, spaces, indent_row);
  else std::memset(p, ' ', n);
}

// ` name="` at `p`: the start of an attribute. Returns the byte after it.
inline char* write_attribute_start(char* p, std::string_view name) {
  p[0] = ' ';
  copy_bytes(p + 1, name);
  p[name.size() + 1] = '=';
  p[name.size() + 2] = '"';
  return p + name.size() + 3;
}

// `</name>` and a line feed at `p`. Returns the byte after them.
inline char* write_end_tag(char* p, std::string_view name) {
  p[0] = '<';
  p[1] = '/';
  copy_bytes(p + 2, name);
  p[name.size() + 2] = '>';
  p[name.size() + 3] = '\n';
  return p + name.size() + 4;
}

class XmlStream {
 public:
  // Into `sink` when given (flushed in chunks), else kept and returned by take().
  explicit XmlStream(std::ostream* sink = nullptr);

  // Names are string literals of the writer: taken as views, their length is known where
  // they are written, and they must outlive the element.
  // The writes of elements, attributes and short plain values are inline, so that a name (a
  // literal) is copied as the constant it is there; longer values or values needing escapes go
  // to the functions of xml_stream.cc.
  void declaration();  // <?xml version="1.0" encoding="UTF-8"?>
  void open(std::string_view name) {
    start_content();
    const std::size_t indent = 2 * open_.size();
    char* p = room(indent + indent_row + 1 + name.size());
    write_indent(p, indent);
    p[indent] = '<';
    copy_bytes(p + indent + 1, name);
    used_ += indent + 1 + name.size();
    open_.push_back(name);
    tag_open_ = true;
  }
  void attribute(std::string_view name, std::string_view value) {
    if (!short_attribute<false>(name, value)) long_attribute(name, value);
  }
  // ` name="value"` of a value already escaped (escaped_words), written as it is.
  void escaped_attribute(std::string_view name, std::string_view escaped);
  // The words joined by spaces, escaped as attribute(name, joined) would write the string built
  // by appending each word after a space when what was built so far is not empty. (A check's
  // cells: kept with its fingerprint, internal/kept_check.h, made once per thread.)
  static std::string escaped_words(const std::vector<CellId>& words);
  void attribute(std::string_view name, unsigned long long value) { number_attribute(name, value); }
  void attribute(std::string_view name, long long value) { number_attribute(name, value); }
  void attribute(std::string_view name, int value) { number_attribute(name, static_cast<long long>(value)); }
  void attribute(std::string_view name, const char* value) { attribute(name, std::string_view(value)); }
  // The element's only content; closes it: <name …>text</name>.
  void text(std::string_view value) {
    if (!short_text<false>(value)) long_text(value);
  }
  // attribute() and text() of a value made only of XML 1.0 characters (no control character but
  // tab, LF and CR, no U+FFFE or U+FFFF), checked as it is escaped; false, and nothing written,
  // for any other value.
  bool xml_attribute(std::string_view name, std::string_view value) {
    return short_attribute<true>(name, value) || long_xml_attribute(name, value);
  }
  bool xml_text(std::string_view value) { return short_text<true>(value) || long_xml_text(value); }
  static bool is_xml(std::string_view s);  // the same test alone
  void close() {
    if (!tag_open_) return close_content();
    open_.pop_back();  // an element without content: <name … />
    put(" />\n");
    tag_open_ = false;
  }
  // An element whose only content is `value`: open, text, close.
  void text_element(std::string_view name, std::string_view value) {
    open(name);
    text(value);
  }

  void flush();        // what is buffered, to the sink
  std::string take();  // the document (no sink)
  // Room for a document of about `bytes` (no sink), so that it is not moved as it grows.
  void reserve(std::size_t bytes);

 private:
  // Room for `n` more bytes in the chunk; the pointer to write them at.
  char* room(std::size_t n) {
    if (capacity_ - used_ < n) make_room(n);
    return base_ + used_;
  }
  void make_room(std::size_t n);
  void spill();  // the chunk to the sink (nothing without one)
  void put(std::string_view s) {
    if (s.size() > capacity_ - used_) return put_long(s);
    copy_bytes(base_ + used_, s);
    used_ += s.size();
  }
  void put_long(std::string_view s);
  void put_words(const std::vector<CellId>& words);  // what escaped_words gives
  void put_name(std::string_view name);  // ` name="`
  // A value with nothing to escape (and small against the chunk), written in one piece with
  // what goes around it: ` name="value"`, and `>value</name>` (which closes the element).
  void plain_attribute(std::string_view name, std::string_view value) {
    char* p = write_attribute_start(room(name.size() + value.size() + 4), name);
    copy_bytes(p, value);
    p[value.size()] = '"';
    used_ += name.size() + value.size() + 4;
  }
  void plain_text(std::string_view value) {
    const std::string_view name = open_.back();
    char* p = room(value.size() + name.size() + 5);
    p[0] = '>';
    copy_bytes(p + 1, value);
    write_end_tag(p + 1 + value.size(), name);
    used_ += value.size() + name.size() + 5;
    open_.pop_back();
    tag_open_ = false;
  }
  // plain_attribute and plain_text of a plain value of up to `max` bytes (max_short_value: by
  // copy_short_plain; max_medium_value: the longer ones, by copy_medium_plain), true; false, and
  // nothing written, for any other value.
  template <bool check_xml, std::size_t max = max_short_value>
  static bool copy_plain(char* to, std::string_view value) {
    if constexpr (max == max_short_value) return copy_short_plain<check_xml>(to, value);
    else return copy_medium_plain<check_xml>(to, value);
  }
  template <bool check_xml, std::size_t max = max_short_value>
  bool short_attribute(std::string_view name, std::string_view value) {
    if (value.size() > max) return false;
    char* p = write_attribute_start(room(name.size() + max + 4), name);
    if (!copy_plain<check_xml, max>(p, value)) return false;
    p[value.size()] = '"';
    used_ += name.size() + value.size() + 4;
    return true;
  }
  template <bool check_xml, std::size_t max = max_short_value>
  bool short_text(std::string_view value) {
    if (value.size() > max) return false;
    const std::string_view name = open_.back();
    char* p = room(max + name.size() + 5);
    p[0] = '>';
    if (!copy_plain<check_xml, max>(p + 1, value)) return false;
    write_end_tag(p + 1 + value.size(), name);
    used_ += value.size() + name.size() + 5;
    open_.pop_back();
    tag_open_ = false;
    return true;
  }
  // A number needs no escaping: ` name="digits"`, written in place.
  template <class Integer>
  void number_attribute(std::string_view name, Integer value) {
    constexpr std::size_t max_digits = 24;  // a 64-bit number in decimal, sign included
    char* p = room(name.size() + 4 + max_digits);
    char* digits = write_attribute_start(p, name);
    char* end = std::to_chars(digits, digits + max_digits, value).ptr;
    *end++ = '"';
    used_ += static_cast<std::size_t>(end - p);
  }
  // The values short_attribute and short_text cannot pass (longer, or with a byte to look at).
  void long_attribute(std::string_view name, std::string_view value);
  void long_text(std::string_view value);
  bool long_xml_attribute(std::string_view name, std::string_view value);
  bool long_xml_text(std::string_view value);
  void start_content() {  // ends the open tag before a child element
    if (!tag_open_) return;
    put(">\n");
    tag_open_ = false;
  }
  void end_text();                       // </name> of the element text() is closing
  void close_content();                  // close() of an element with content: </name>
  enum class Escaped { whole, ended, not_xml };  // ended: at a NUL; not_xml: see is_xml
  template <bool check_xml>
  Escaped escaped(std::string_view s, bool in_attribute);

  std::ostream* sink_;
  // With a sink, written into a chunk of its own (no zero-filling, no capacity test of a string
  // at every piece), spilled when full. Without one, written into the document itself, which
  // take() moves out: its size is the room made (up to 2 KB more than written: see
  // make_room), its capacity what reserve() asked for.
  std::unique_ptr<char[]> chunk_;
  std::string document_;
  char* base_ = nullptr;                 // chunk_ or document_
  std::size_t capacity_ = 0, used_ = 0;  // of base_
  std::vector<std::string_view> open_;  // names of the open elements
  bool tag_open_ = false;               // "<name attrs" written, '>' not yet
};

}  // namespace nianbao::output::internal
