// Internal to extract/: the first walk of the HTML reader. Measures every element of the
// parser's tree (how much body text and how much link/chrome text it holds, class/id hints,
// the shape of tables) and chooses the element that holds the report body.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "extract/internal/html_dom.h"
#include "model/limits.h"

namespace nianbao::extract::html {

inline constexpr std::uint32_t kNoElement = UINT32_MAX;

// Hint bits from an element's name, class and id.
inline constexpr std::uint8_t kChrome = 1;   // navigation, footer, share bar, breadcrumb, …
inline constexpr std::uint8_t kArticle = 2;  // a known article container (TRS_Editor, #zoom, …)
inline constexpr std::uint8_t kLink = 4;     // <a href>: its text is link text (Word's <a name> is not)

// One element, indexed by its pre-order number among the recorded elements. An element is
// recorded when it is not skipped (is_skipped) and not nested deeper than max_nesting_depth;
// both walks apply the same rule, so the numbers agree.
struct Element {
  Node node;
  std::uint32_t parent = kNoElement;
  std::uint32_t end = 0;      // one past the number of its last descendant
  std::uint32_t depth = 0;    // <html> is 1
  std::uint32_t content = 0;     // characters of text below that read as body text
  std::uint32_t noise = 0;       // characters of link text and of chrome elements below
  std::uint32_t sentences = 0;   // ，。；！？ in the body text below: prose, not menus or labels
  std::uint32_t table_text = 0;  // characters of body text below that are in data tables
  Tag tag = Tag::other;
  std::uint8_t hint = 0;
  bool layout = false;         // a table read as flow rather than as data
  bool in_data_table = false;  // inside a cell of a data table
};

struct Measured {
  std::vector<Element> elements;
  std::string title;  // text of the first <title>
  std::string h1;     // text of the first <h1>
  std::string article_title;  // <meta name="ArticleTitle" content> (government CMS pages)
  bool too_deep = false;
};

// Elements skipped with all they contain (scripts, styles, forms controls, <head> …).
bool is_skipped(Tag t);
// Elements that end a paragraph before and after them.
bool is_block(Tag t);

// The one recording rule of both walks (measure, then read), so that their element numbers
// agree. Told of every node a walk enters and leaves, it keeps the element depth and says
// what the node is: an element is recorded unless it is skipped (not entered) or nested
// deeper than max_nesting_depth (entered, its text going to the deepest recorded ancestor).
class Recording {
 public:
  enum Step { text, other, skipped, too_deep, recorded };
  Recording(const Tree& tree, const Limits& limits, std::uint32_t depth = 0)
      : tree_(tree), max_depth_(static_cast<std::uint32_t>(limits.max_nesting_depth)), depth_(depth) {}
  Step enter(Node n) {
    switch (tree_.kind(n)) {
      case NodeKind::text: return text;
      case NodeKind::other: return other;
      case NodeKind::element: break;
    }
    ++depth_;
    if (is_skipped(tree_.tag(n))) return skipped;
    return depth_ > max_depth_ ? too_deep : recorded;
  }
  // Whether `n`, left now, was a recorded element.
  bool leave(Node n) {
    if (tree_.kind(n) != NodeKind::element) return false;
    const bool was_recorded = !is_skipped(tree_.tag(n)) && depth_ <= max_depth_;
    --depth_;
    return was_recorded;
  }
  std::uint32_t depth() const { return depth_; }  // of the element entered last (<html> is 1)

 private:
  const Tree& tree_;
  std::uint32_t max_depth_;
  std::uint32_t depth_;
};

Measured measure(const Tree& tree, const Limits& limits, std::size_t input_size);

// The element whose subtree is read as the report body (kNoElement when the page is empty).
std::uint32_t choose_body(const std::vector<Element>& elements);

}  // namespace nianbao::extract::html
