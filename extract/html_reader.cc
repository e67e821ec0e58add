// HTML reader: the report body of a page, without its site chrome, as paragraphs and tables.
// Parse (html_dom.h) → measure every element and choose the body (html_measure.h) → read the
// body in document order: inline elements concatenate, block elements end a paragraph, data
// tables become grids (html_table.h), layout tables are read through as flow, and a <pre>
// block is read by the text reader with its line breaks.
#include <algorithm>
#include <cstring>
#include <memory>

#include "extract/extract.h"
#include "extract/internal/html_dom.h"
#include "extract/internal/html_measure.h"
#include "extract/internal/html_table.h"
#include "normalize/normalize.h"

namespace nianbao::extract {
namespace {

namespace nz = nianbao::normalize;
using html::Element;
using html::Node;
using html::NodeKind;
using html::Tag;
using html::Tree;

// Line numbers for byte offsets that mostly come in increasing order.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}

  SourcePos at(std::size_t offset) {
    if (offset == std::string_view::npos || offset > text_.size()) return {};
    if (offset < offset_) offset_ = 0, line_ = 1;
    while (offset_ < offset) {
      const void* nl = std::memchr(text_.data() + offset_, '\n', offset - offset_);
      if (!nl) break;
      offset_ = static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) + 1;
      ++line_;
    }
    offset_ = offset;
    return text_pos(line_, offset);
  }

 private:
  std::string_view text_;
  std::size_t offset_ = 0;
  std::size_t line_ = 1;
};

std::size_t visible_bytes(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += c > ' ';
  return n;
}

// Second walk: reads the subtree of the body element into blocks. Element numbers follow the
// first walk's (same recording rule), so its measures and table decisions apply here.
class Reader {
 public:
  Reader(const Tree& tree, const html::Measured& measured, std::uint32_t body, const Limits& limits,
         std::string_view input, Document& doc)
      : tree_(tree), el_(measured.elements), limits_(limits), lines_(input), doc_(doc), next_(body),
        recording_(tree, limits, el_[body].depth - 1) {
    // A paragraph ends at a block element's start or end, a table is an element: at most two
    // blocks per element of the body, and one more (a <pre> adds its lines beyond). Reserved
    // once instead of regrown; the pages never filled are never resident.
    doc_.blocks.reserve(2 * static_cast<std::size_t>(el_[body].end - body) + 1);
  }

  bool enter(Node n) {
    switch (recording_.enter(n)) {
      case html::Recording::text:
        add_text(tree_.text(n), n);
        return false;
      case html::Recording::other:
      case html::Recording::skipped:
        return false;
      case html::Recording::too_deep:
        return true;  // read as inline text
      case html::Recording::recorded:
        break;
    }
    const Tag tag = tree_.tag(n);
    const std::uint32_t id = next_++;
    const Element& e = el_[id];
    if (e.hint & html::kChrome) {
      next_ = e.end;  // not read, and neither is anything inside
      return false;
    }
    open_.push_back({n, (e.hint & html::kLink) != 0});
    open(n, tag, e);
    return true;
  }

  void leave(Node n) {
    recording_.leave(n);
    if (open_.empty() || !(open_.back().node == n)) return;  // skipped, chrome or flattened
    if (open_.back().link) --in_link_;
    open_.pop_back();
    close(n, tree_.tag(n));
  }

  void finish() {
    if (in_pre_ > 0) read_pre();  // a <pre> the page never closed
    flush_paragraph();
  }

 private:
  // A table being read as data.
  struct DataTable {
    DataTable(const Limits& limits, std::vector<Diagnostic>& diagnostics, SourcePos at)
        : grid(limits, diagnostics, at), pos(at) {}
    html::TableGrid grid;
    SourcePos pos;
    std::size_t block = std::string::npos;  // index of its block, made at its first row
    Node cell;                              // the open <td>/<th>, if any
    std::string cell_text;
    int rowspan = 1, colspan = 1;
    bool th = false;
    bool in_thead = false;
  };
  // Every table on the path, so a <tr>/<td> is matched with its own table.
  struct OpenTable {
    Node node;
    DataTable* data;  // null for a layout table
  };
  struct Open {
    Node node;
    bool link;
  };

  void open(Node n, Tag tag, const Element& e) {
    if (e.hint & html::kLink) ++in_link_;
    if (in_pre_ > 0 && !cell_owner()) {  // inside <pre>: a line break, or more of its text
      if (tag == Tag::pre) ++in_pre_;
      else if (tag == Tag::br || is_block(tag)) pre_text_.push_back('\n');
      return;
    }
    if (tag == Tag::pre && !cell_owner() && !own_data_table()) {
      boundary();
      in_pre_ = 1;
      pre_text_.clear();
      pre_pos_ = lines_.at(tree_.offset(n));
      return;
    }
    if (tag == Tag::table) {
      boundary();  // a paragraph ends, or the text of the cell around it gets a space
      DataTable* data = nullptr;
      if (!e.layout) {
        data_.push_back(std::make_unique<DataTable>(limits_, doc_.diagnostics, lines_.at(tree_.offset(n))));
        data = data_.back().get();
      }
      tables_.push_back({n, data});
      return;
    }
    DataTable* t = own_data_table();
    if (!t) {
      if (is_block(tag)) boundary();
      return;
    }
    switch (tag) {
      case Tag::thead: t->in_thead = true; break;
      case Tag::tr:
        if (t->block == std::string::npos) {
          t->block = doc_.blocks.size();
          Block b;
          b.kind = BlockKind::table;
          b.pos = t->pos;
          doc_.blocks.push_back(std::move(b));
        }
        t->grid.start_row(t->in_thead, lines_.at(tree_.offset(n)));
        break;
      case Tag::td:
      case Tag::th:
        t->cell = n;
        t->cell_text.clear();
        t->rowspan = html::parse_span(tree_.attribute(n, "rowspan"));
        t->colspan = html::parse_span(tree_.attribute(n, "colspan"));
        t->th = tag == Tag::th;
        break;
      default:
        if (is_block(tag)) boundary();
    }
  }

  void close(Node n, Tag tag) {
    if (in_pre_ > 0 && !cell_owner()) {
      if (tag == Tag::pre && --in_pre_ == 0) read_pre();
      else if (is_block(tag)) pre_text_.push_back('\n');
      return;
    }
    if (tag == Tag::table && !tables_.empty() && tables_.back().node == n) {
      DataTable* t = tables_.back().data;
      tables_.pop_back();
      if (!t) {
        boundary();
        return;
      }
      Table table = t->grid.finish();
      if (t->block != std::string::npos) doc_.blocks[t->block].edit_table() = std::move(table);
      data_.pop_back();
      return;
    }
    DataTable* t = own_data_table();
    if (!t) {
      if (is_block(tag)) boundary();
      return;
    }
    if ((tag == Tag::td || tag == Tag::th) && t->cell == n) {
      t->grid.add_cell(nz::clean(t->cell_text), t->rowspan, t->colspan, t->th);
      t->cell = Node{};
    } else if (tag == Tag::thead || tag == Tag::tbody || tag == Tag::tfoot) {
      t->grid.end_group();
      if (tag == Tag::thead) t->in_thead = false;
    } else if (is_block(tag) && tag != Tag::tr) {
      boundary();
    }
  }

  // The data table whose rows and cells the current element would be, if any.
  DataTable* own_data_table() { return tables_.empty() ? nullptr : tables_.back().data; }

  // The open cell of the innermost data table: text of layout tables nested in it belongs to it.
  DataTable* cell_owner() {
    if (data_.empty()) return nullptr;
    DataTable* t = data_.back().get();
    return t->cell ? t : nullptr;
  }

  void add_text(std::string_view text, Node n) {
    if (text.empty()) return;
    if (DataTable* t = cell_owner()) {
      t->cell_text.append(text);
      return;
    }
    if (in_pre_ > 0) {
      pre_text_.append(text);
      return;
    }
    const std::size_t visible = visible_bytes(text);
    if (visible > 0 && paragraph_visible_ == 0) paragraph_pos_ = position(n);
    paragraph_.append(text);
    paragraph_visible_ += visible;
    if (in_link_ > 0) paragraph_link_ += visible;
  }

  // Where a node starts; for text the parser moved or made up (MyHTML gives such text no
  // position), where its innermost element with a position starts.
  SourcePos position(Node n) {
    std::size_t offset = tree_.offset(n);
    for (auto it = open_.rbegin(); offset == std::string_view::npos && it != open_.rend(); ++it)
      offset = tree_.offset(it->node);
    return lines_.at(offset);
  }

  // A block element starts or ends: a new paragraph, or a space inside a table cell.
  void boundary() {
    if (DataTable* t = cell_owner()) {
      t->cell_text.push_back(' ');
      return;
    }
    flush_paragraph();
  }

  // A <pre> block is preformatted text: a text report pasted into a page keeps its lines, so
  // it is read by the text reader (paragraphs, numbered headings, text tables), with positions
  // counted from the <pre>.
  void read_pre() {
    Document pre = read_text(pre_text_, limits_);
    for (Block& b : pre.blocks) {
      b.pos = {pre_pos_.line + (b.pos.line > 0 ? b.pos.line - 1 : 0), pre_pos_.offset};
      doc_.blocks.push_back(std::move(b));
    }
    for (Diagnostic& d : pre.diagnostics) {
      d.pos = {pre_pos_.line + (d.pos.line > 0 ? d.pos.line - 1 : 0), pre_pos_.offset};
      doc_.diagnostics.push_back(std::move(d));
    }
    pre_text_.clear();
  }

  void flush_paragraph() {
    if (paragraph_visible_ > 0 && paragraph_link_ * 2 <= paragraph_visible_) {
      std::string text = nz::clean(paragraph_);
      if (!text.empty()) {
        Block b;
        b.kind = BlockKind::paragraph;
        b.text = std::move(text);
        b.pos = paragraph_pos_;
        doc_.blocks.push_back(std::move(b));
      }
    }
    paragraph_.clear();
    paragraph_visible_ = paragraph_link_ = 0;
    paragraph_pos_ = {};
  }

  const Tree& tree_;
  const std::vector<Element>& el_;
  const Limits& limits_;
  LineCounter lines_;
  Document& doc_;
  std::uint32_t next_;   // number of the next element entered
  html::Recording recording_;  // element depth, and which elements are numbered
  std::vector<Open> open_;  // recorded elements entered and not yet left
  std::vector<OpenTable> tables_;
  std::vector<std::unique_ptr<DataTable>> data_;
  int in_link_ = 0;
  std::string paragraph_;
  std::size_t paragraph_visible_ = 0;
  std::size_t paragraph_link_ = 0;  // visible bytes of link text: a paragraph of links is chrome
  SourcePos paragraph_pos_;
  int in_pre_ = 0;         // depth of open <pre> elements read as text
  std::string pre_text_;   // their text, line breaks kept
  SourcePos pre_pos_;
};

// "<div class="TRS_Editor">" for the diagnostic that says where the body was read from.
std::string describe(const Tree& tree, Node n) {
  std::string d = "<";
  d.append(tree.tag_name(n));
  for (const char* attr : {"id", "class"}) {
    const std::string_view v = tree.attribute(n, attr);
    if (v.empty()) continue;
    std::size_t cut = std::min<std::size_t>(v.size(), 60);
    while (cut < v.size() && cut > 0 && nz::is_continuation_byte(v[cut])) --cut;  // whole UTF-8
    d.append(" ").append(attr).append("=\"").append(v.substr(0, cut)).append("\"");
  }
  d.append(">");
  return d;
}

}  // namespace

namespace html {

Document read(std::string_view utf8, const Limits& limits, Backend backend) {
  Document doc;
  bool flattened = false;
  const std::unique_ptr<Tree> tree = parse(utf8, backend, limits.max_nesting_depth, flattened);
  const Measured measured = measure(*tree, limits, utf8.size());
  // The CMS's own title of the article, without the site's name, before the page's <title>.
  doc.title = nz::clean(measured.article_title);
  if (doc.title.empty()) doc.title = nz::clean(measured.title);
  if (doc.title.empty()) doc.title = nz::clean(measured.h1);
  if (flattened || measured.too_deep)
    doc.diagnostics.push_back({Severity::warning, "limit.nesting-depth",
                               "HTML elements nested deeper than " + std::to_string(limits.max_nesting_depth) +
                                   " levels; their content is read as plain text (--max-nesting-depth)",
                               {}});
  const std::uint32_t body = choose_body(measured.elements);
  if (body == kNoElement) return doc;
  const Node node = measured.elements[body].node;
  const Element& b = measured.elements[body];
  const Element& page = measured.elements.front();
  const std::uint32_t left_out = (page.content + page.noise) - std::min(page.content + page.noise, b.content + b.noise);
  if (body != 0 && left_out > 0)
    doc.diagnostics.push_back({Severity::info, "html.body",
                               "report body read from " + describe(*tree, node) + "; " + std::to_string(left_out) +
                                   " characters of page text outside it (navigation, footer, …) left out",
                               LineCounter(utf8).at(tree->offset(node))});
  Reader reader(*tree, measured, body, limits, utf8, doc);
  walk(*tree, node, reader);
  reader.finish();
  return doc;
}

}  // namespace html

Document read_html(std::string_view utf8, const Limits& limits) {
  return html::read(utf8, limits, html::kDefaultBackend);
}

}  // namespace nianbao::extract
