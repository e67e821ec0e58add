// Internal to extract/: the one small interface between the HTML reader and an HTML5 parser.
// A backend parses and exposes its own tree through it (no second DOM is built); the reader
// walks that tree iteratively. Two backends exist, gumbo and MyHTML (see extract/HTML.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "extract/extract.h"

namespace nianbao::extract::html {

// The elements the reader treats specially; every other element is `other` (read as inline).
// The groups are ranges that is_skipped()/is_block() (html_measure.h) test: keep them together.
enum class Tag : std::uint8_t {
  other,
  // Skipped with all they contain.
  head, title, script, style, noscript, template_, iframe, object, svg, math, select, button, textarea,
  input, img,
  // Block-level: a paragraph ends before and after them.
  html, body, p, div, section, article, main, blockquote, pre, address, center, figure, figcaption,
  details, summary, fieldset, legend, dl, dt, dd, ul, ol, li, menu, h1, h2, h3, h4, h5, h6, hr, br,
  nav, header, footer, aside, form, option,
  // Tables.
  table, caption, colgroup, col, thead, tbody, tfoot, tr, td, th,
  // Inline: a link, and the known inline elements (read through, no class/id hints looked at).
  a, inline_,
};

// Our tag for a lower-case HTML element name ("td" → Tag::td, "span" → Tag::inline_,
// "o:p" → Tag::other).
Tag tag_from_name(std::string_view lower_name);

enum class NodeKind : std::uint8_t { element, text, other };

// A node of the backend's tree; valid as long as the Tree that returned it.
struct Node {
  const void* p = nullptr;
  explicit operator bool() const { return p != nullptr; }
  bool operator==(const Node& o) const { return p == o.p; }
};

// A parsed document. Navigation is by first child / next sibling / parent, so a walk needs no
// recursion and works on any depth the parser produced.
class Tree {
 public:
  virtual ~Tree() = default;
  virtual Node root() const = 0;  // the <html> element
  virtual Node first_child(Node n) const = 0;
  virtual Node next_sibling(Node n) const = 0;
  virtual Node parent(Node n) const = 0;
  virtual NodeKind kind(Node n) const = 0;
  virtual Tag tag(Node n) const = 0;
  // Element name (for unknown elements as written: compare without case), e.g. "ucapcontent".
  virtual std::string_view tag_name(Node n) const = 0;
  // Decoded text of a text node (entities resolved), "" for other nodes.
  virtual std::string_view text(Node n) const = 0;
  // Decoded value of an attribute (name in lower case), "" when absent.
  virtual std::string_view attribute(Node n, std::string_view name) const = 0;
  // Byte offset in the parsed input where the node starts; npos when the parser made it up.
  virtual std::size_t offset(Node n) const = 0;

  // Keeps a rewritten copy of the input alive as long as the tree that points into it.
  void keep_input(std::unique_ptr<std::string> input) { input_ = std::move(input); }

 private:
  std::unique_ptr<std::string> input_;
};

// Pre-order walk of the subtree of `top` without recursion: v.enter(node) says whether to go
// into the node's children; v.leave(node) follows for every node entered, after its children.
template <class Visitor>
void walk(const Tree& tree, Node top, Visitor& v) {
  if (!top) return;
  Node n = top;
  for (;;) {
    const Node child = v.enter(n) ? tree.first_child(n) : Node{};
    if (child) {
      n = child;
      continue;
    }
    for (;;) {
      v.leave(n);
      if (n == top) return;
      if (const Node next = tree.next_sibling(n)) {
        n = next;
        break;
      }
      n = tree.parent(n);
    }
  }
}

enum class Backend { gumbo, myhtml };

// The parser read_html uses (the measurements behind the choice are in extract/HTML.md).
inline constexpr Backend kDefaultBackend = Backend::myhtml;

// Parse UTF-8 HTML. Never throws on malformed input; element nesting deeper than `max_depth`
// is flattened before parsing (both parsers are quadratic in nesting depth), in which case
// `flattened` is set. Offsets stay those of `utf8`.
std::unique_ptr<Tree> parse(std::string_view utf8, Backend backend, int max_depth, bool& flattened);

// read_html with a chosen parser (tests and the benchmark compare the two).
Document read(std::string_view utf8, const Limits& limits, Backend backend);

// The backends (html_gumbo.cc, html_myhtml.cc).
std::unique_ptr<Tree> parse_gumbo(std::string_view utf8);
std::unique_ptr<Tree> parse_myhtml(std::string_view utf8);

// Start and end tags nested deeper than `max_depth` blanked out (same byte length, newlines
// kept), or an empty string when the input stays within the bound. A lightweight tag scanner
// that follows the parser's main implied-end rules; exact depth is checked again by the walk.
std::string bound_nesting(std::string_view utf8, int max_depth);

}  // namespace nianbao::extract::html
