// The MyHTML backend of the HTML tree interface. MyHTML runs single-threaded here; the parser
// object and finished trees are kept per thread and reused, since setting them up costs more
// than parsing a typical report page.
#include <myhtml/api.h>

#include <array>
#include <new>
#include <vector>

#include "extract/internal/html_dom.h"

namespace nianbao::extract::html {
namespace {

// One MyHTML instance per thread and the trees it has parsed and cleaned, ready for reuse.
class Engine {
 public:
  Engine() {
    myhtml_ = myhtml_create();
    if (!myhtml_ || myhtml_init(myhtml_, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK)
      throw std::bad_alloc();
    // MyHTML tag id → Tag for the ids it knows statically; unknown elements get larger ids.
    myhtml_tree_t* t = take();
    for (std::size_t id = MyHTML_TAG_FIRST_ENTRY; id < MyHTML_TAG_LAST_ENTRY; ++id) {
      std::size_t length = 0;
      const char* name = myhtml_tag_name_by_id(t, id, &length);
      tags_[id] = name ? tag_from_name(std::string_view(name, length)) : Tag::other;
    }
    spare_.push_back(t);
  }
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine() {
    for (myhtml_tree_t* t : spare_) myhtml_tree_destroy(t);
    myhtml_destroy(myhtml_);
  }

  static Engine& current() {
    thread_local Engine engine;
    return engine;
  }

  myhtml_tree_t* take() {
    if (!spare_.empty()) {
      myhtml_tree_t* t = spare_.back();
      spare_.pop_back();
      return t;
    }
    myhtml_tree_t* t = myhtml_tree_create();
    if (!t || myhtml_tree_init(t, myhtml_) != MyHTML_STATUS_OK) throw std::bad_alloc();
    return t;
  }

  // A tree that held a large page is freed rather than kept with its grown pools.
  void give_back(myhtml_tree_t* t, std::size_t input_size) {
    if (input_size > (8u << 20) || spare_.size() >= 2) {
      myhtml_tree_destroy(t);
      return;
    }
    myhtml_tree_clean(t);
    spare_.push_back(t);
  }

  Tag tag(myhtml_tag_id_t id) const { return id < MyHTML_TAG_LAST_ENTRY ? tags_[id] : Tag::other; }

 private:
  myhtml_t* myhtml_ = nullptr;
  std::vector<myhtml_tree_t*> spare_;
  std::array<Tag, MyHTML_TAG_LAST_ENTRY> tags_{};
};

myhtml_tree_node_t* as(Node n) { return static_cast<myhtml_tree_node_t*>(const_cast<void*>(n.p)); }

bool is_text_id(myhtml_tag_id_t id) { return id == MyHTML_TAG__TEXT; }

class MyHtmlTree final : public Tree {
 public:
  explicit MyHtmlTree(std::string_view utf8) : engine_(&Engine::current()), size_(utf8.size()) {
    tree_ = engine_->take();
    myhtml_parse(tree_, MyENCODING_UTF_8, utf8.data(), utf8.size());
  }
  ~MyHtmlTree() override {
    if (&Engine::current() == engine_) engine_->give_back(tree_, size_);
    else myhtml_tree_destroy(tree_);
  }

  Node root() const override { return {myhtml_tree_get_node_html(tree_)}; }
  Node first_child(Node n) const override { return {myhtml_node_child(as(n))}; }
  Node next_sibling(Node n) const override { return {myhtml_node_next(as(n))}; }
  Node parent(Node n) const override { return {myhtml_node_parent(as(n))}; }

  NodeKind kind(Node n) const override {
    const myhtml_tag_id_t id = myhtml_node_tag_id(as(n));
    if (is_text_id(id)) return NodeKind::text;
    if (id == MyHTML_TAG__COMMENT || id == MyHTML_TAG__DOCTYPE || id == MyHTML_TAG__UNDEF ||
        id == MyHTML_TAG__END_OF_FILE)
      return NodeKind::other;
    return NodeKind::element;
  }

  Tag tag(Node n) const override {
    myhtml_tree_node_t* node = as(n);
    const myhtml_tag_id_t id = myhtml_node_tag_id(node);
    // Elements of SVG/MathML keep their own meaning (an SVG <title> is not the page title).
    if (myhtml_node_namespace(node) != MyHTML_NAMESPACE_HTML)
      return id == MyHTML_TAG_SVG ? Tag::svg : id == MyHTML_TAG_MATH ? Tag::math : Tag::other;
    return engine_->tag(id);
  }

  std::string_view tag_name(Node n) const override {
    std::size_t length = 0;
    const char* name = myhtml_tag_name_by_id(tree_, myhtml_node_tag_id(as(n)), &length);
    return name ? std::string_view(name, length) : std::string_view();
  }

  std::string_view text(Node n) const override {
    myhtml_tree_node_t* node = as(n);
    if (!is_text_id(myhtml_node_tag_id(node))) return {};
    std::size_t length = 0;
    const char* t = myhtml_node_text(node, &length);
    return t ? std::string_view(t, length) : std::string_view();
  }

  std::string_view attribute(Node n, std::string_view name) const override {
    myhtml_tree_attr_t* a = myhtml_attribute_by_key(as(n), name.data(), name.size());
    if (!a) return {};
    std::size_t length = 0;
    const char* v = myhtml_attribute_value(a, &length);
    return v ? std::string_view(v, length) : std::string_view();
  }

  std::size_t offset(Node n) const override {
    myhtml_tree_node_t* node = as(n);
    // Elements the parser inserted have no token, hence no position (length 0).
    const myhtml_position_t p = is_text_id(myhtml_node_tag_id(node)) ? myhtml_node_raw_position(node)
                                                                     : myhtml_node_element_position(node);
    return p.length > 0 ? p.begin : std::string_view::npos;
  }

 private:
  Engine* engine_;
  std::size_t size_;
  myhtml_tree_t* tree_ = nullptr;
};

}  // namespace

std::unique_ptr<Tree> parse_myhtml(std::string_view utf8) { return std::make_unique<MyHtmlTree>(utf8); }

}  // namespace nianbao::extract::html
