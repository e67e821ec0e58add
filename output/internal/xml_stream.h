// Internal to output/: a small streaming XML writer — elements opened and closed in order,
// attributes and text escaped as they are written — so that a report's document is never held
// as a tree (issue 10 item 10: memory a small multiple of the input). Its layout is the one the
// writer had when it built a DOM: two-space indent, a lone text child inline (`<s>…</s>`), an
// element without content as `<name />`, and the same escapes (attributes: & < " and controls
// as &#NN;; text: & < > and controls other than tab, LF, CR).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::output::internal {

class XmlStream {
 public:
  // Into `sink` when given (flushed in chunks), else kept and returned by take().
  explicit XmlStream(std::ostream* sink = nullptr);

  void declaration();  // <?xml version="1.0" encoding="UTF-8"?>
  void open(const char* name);
  void attribute(const char* name, std::string_view value);
  void attribute(const char* name, unsigned long long value);
  void attribute(const char* name, long long value);
  void attribute(const char* name, int value) { attribute(name, static_cast<long long>(value)); }
  // The element's only content; closes it: <name …>text</name>.
  void text(std::string_view value);
  void close();
  // An element whose only content is `value`: open, text, close.
  void text_element(const char* name, std::string_view value) {
    open(name);
    text(value);
  }

  void flush();        // what is buffered, to the sink
  std::string take();  // the document (no sink)

 private:
  void start_content();  // ends the open tag before a child element
  void indent();
  void escaped(std::string_view s, bool in_attribute);

  std::ostream* sink_;
  std::string out_;
  std::vector<const char*> open_;  // names of the open elements
  bool tag_open_ = false;          // "<name attrs" written, '>' not yet
};

}  // namespace nianbao::output::internal
