// The gumbo backend of the HTML tree interface. Gumbo allocates through a bump arena here:
// parsing is faster, and the tree is freed at once instead of by gumbo's recursive destroy
// (which a deeply nested page could overflow the stack with).
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <new>
#include <vector>

#include "extract/internal/html_dom.h"

namespace nianbao::extract::html {
namespace {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    for (void* b : blocks_) std::free(b);
  }

  void* allocate(std::size_t n) {
    n = (n + 15) & ~static_cast<std::size_t>(15);
    if (n > left_) {
      const std::size_t size = std::max(n, next_block_);
      next_block_ = std::min<std::size_t>(next_block_ * 2, 16u << 20);
      cur_ = static_cast<char*>(std::malloc(size));
      if (!cur_) throw std::bad_alloc();
      blocks_.push_back(cur_);
      left_ = size;
    }
    void* p = cur_;
    cur_ += n;
    left_ -= n;
    return p;
  }

  static void* allocate_cb(void* self, std::size_t n) { return static_cast<Arena*>(self)->allocate(n); }
  static void free_cb(void*, void*) {}  // everything goes when the arena goes

 private:
  std::vector<void*> blocks_;
  char* cur_ = nullptr;
  std::size_t left_ = 0;
  std::size_t next_block_ = 64u << 10;
};

// GumboTag → Tag, built once from gumbo's own tag names.
const std::array<Tag, GUMBO_TAG_LAST + 1>& tag_map() {
  static const auto map = [] {
    std::array<Tag, GUMBO_TAG_LAST + 1> m{};
    for (int t = 0; t < GUMBO_TAG_LAST; ++t) m[t] = tag_from_name(gumbo_normalized_tagname(static_cast<GumboTag>(t)));
    m[GUMBO_TAG_UNKNOWN] = Tag::other;
    m[GUMBO_TAG_LAST] = Tag::other;
    return m;
  }();
  return map;
}

const GumboNode* as(Node n) { return static_cast<const GumboNode*>(n.p); }

const GumboVector* children_of(const GumboNode* g) {
  if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE) return &g->v.element.children;
  if (g->type == GUMBO_NODE_DOCUMENT) return &g->v.document.children;
  return nullptr;
}

class GumboTree final : public Tree {
 public:
  explicit GumboTree(std::string_view utf8) {
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &Arena::allocate_cb;
    options.deallocator = &Arena::free_cb;
    options.userdata = &arena_;
    options.max_errors = 0;  // we do not read parse errors; do not collect them
    output_ = gumbo_parse_with_options(&options, utf8.data(), utf8.size());
  }

  Node root() const override { return {output_ ? output_->root : nullptr}; }

  Node first_child(Node n) const override {
    const GumboVector* c = children_of(as(n));
    return {c && c->length > 0 ? c->data[0] : nullptr};
  }

  Node next_sibling(Node n) const override {
    const GumboNode* g = as(n);
    if (!g->parent) return {};
    const GumboVector* c = children_of(g->parent);
    const std::size_t next = g->index_within_parent + 1;
    return {c && next < c->length ? c->data[next] : nullptr};
  }

  Node parent(Node n) const override { return {as(n)->parent}; }

  NodeKind kind(Node n) const override {
    switch (as(n)->type) {
      case GUMBO_NODE_ELEMENT: return NodeKind::element;
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: return NodeKind::text;
      default: return NodeKind::other;  // document, comment, <template> contents
    }
  }

  Tag tag(Node n) const override {
    const GumboNode* g = as(n);
    if (g->type != GUMBO_NODE_ELEMENT) return Tag::other;
    // Elements of SVG/MathML keep their own meaning (an SVG <title> is not the page title).
    if (g->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
      return g->v.element.tag == GUMBO_TAG_SVG ? Tag::svg : g->v.element.tag == GUMBO_TAG_MATH ? Tag::math : Tag::other;
    return tag_map()[g->v.element.tag];
  }

  std::string_view tag_name(Node n) const override {
    const GumboNode* g = as(n);
    if (g->type != GUMBO_NODE_ELEMENT) return {};
    if (g->v.element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(g->v.element.tag);
    GumboStringPiece name = g->v.element.original_tag;
    if (name.length == 0) return {};
    gumbo_tag_from_original_text(&name);  // "<ucapcontent ...>" → "ucapcontent" (as written)
    return {name.data, name.length};
  }

  std::string_view text(Node n) const override {
    const GumboNode* g = as(n);
    if (g->type != GUMBO_NODE_TEXT && g->type != GUMBO_NODE_WHITESPACE && g->type != GUMBO_NODE_CDATA) return {};
    return g->v.text.text ? std::string_view(g->v.text.text) : std::string_view();
  }

  std::string_view attribute(Node n, std::string_view name) const override {
    const GumboNode* g = as(n);
    if (g->type != GUMBO_NODE_ELEMENT) return {};
    const GumboVector& attrs = g->v.element.attributes;
    for (unsigned i = 0; i < attrs.length; ++i) {
      const auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
      if (name == a->name) return a->value ? std::string_view(a->value) : std::string_view();
    }
    return {};
  }

  std::size_t offset(Node n) const override {
    const GumboNode* g = as(n);
    if (g->type == GUMBO_NODE_ELEMENT) {
      if (g->parse_flags & GUMBO_INSERTION_BY_PARSER) return std::string_view::npos;
      return g->v.element.start_pos.offset;
    }
    if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE || g->type == GUMBO_NODE_CDATA)
      return g->v.text.start_pos.offset;
    return std::string_view::npos;
  }

 private:
  Arena arena_;  // declared before output_: the output lives in it
  GumboOutput* output_ = nullptr;
};

}  // namespace

std::unique_ptr<Tree> parse_gumbo(std::string_view utf8) { return std::make_unique<GumboTree>(utf8); }

}  // namespace nianbao::extract::html
