// First walk of the HTML reader: per-element text measures, class/id hints and table shapes,
// then the choice of the report body. The choice is generic (no site rules): the deepest
// element holding nearly all the page's prose (sentence punctuation outside links and chrome),
// widened to the parents that add the report's headings and tables but no menus, narrowed to
// a known article container when one holds nearly all of it.
#include "extract/internal/html_measure.h"

#include <algorithm>
#include <unordered_map>

namespace nianbao::extract::html {
namespace {

// A table cell with this much text of its own is prose: the table is page layout. Report
// tables have short cells (the longest label, 表三's 勾稽关系 note, has 35 characters).
constexpr std::uint32_t kProseCell = 150;
// A table that holds other tables is a data grid only if its own cells are this short.
constexpr std::uint32_t kLabelCell = 80;
// Below this many sentence marks a page has too little prose to find the body by them.
constexpr std::uint32_t kMinSentences = 5;

// Class/id fragments (lower case) of page chrome. Strong ones win over an article hint
// ("article_qrcode_area" is chrome); weak ones only count on elements without one.
constexpr const char* kStrongChrome[] = {
    "share",  "breadcrumb", "crumb",    "comment", "copyright", "qrcode",  "erweima", "related",
    "xglj",   "yqlj",       "friendlink", "attachment", "footer", "navbar", "sidebar", "toolbar",
    "pagination", "pager",  "login",    "advert",  "banner",    "menu",    "fenxiang"};
constexpr const char* kWeakChrome[] = {"nav",      "foot", "header", "side",  "bottom", "links",   "position",
                                       "location", "dqwz", "search", "tools", "btn",    "download"};
constexpr const char* kArticleHints[] = {"article", "content", "zoom", "editor", "ucap", "detail", "zhengwen"};

bool has_any(std::string_view haystack, const char* const* words, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (haystack.find(words[i]) != std::string_view::npos) return true;
  return false;
}

template <std::size_t N>
bool has_any(std::string_view haystack, const char* const (&words)[N]) {
  return has_any(haystack, words, N);
}

// Visible characters (code points other than ASCII spaces and controls) and sentence
// punctuation (，。；！？) of a text.
void count_text(std::string_view s, std::uint32_t& chars, std::uint32_t& sentences) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = p[i];
    chars += (c & 0xC0) != 0x80 && c > ' ';
    if (c == 0xEF && i + 2 < n && p[i + 1] == 0xBC)  // ，；！？ are EF BC 8C/9B/81/9F
      sentences += p[i + 2] == 0x8C || p[i + 2] == 0x9B || p[i + 2] == 0x81 || p[i + 2] == 0x9F;
    else if (c == 0xE3 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x82)  // 。
      ++sentences;
  }
}

// Elements whose class/id is worth looking at: containers, not inline runs.
bool carries_hints(Tag t) {
  switch (t) {
    case Tag::div: case Tag::section: case Tag::article: case Tag::main: case Tag::ul: case Tag::ol:
    case Tag::dl: case Tag::p: case Tag::table: case Tag::td: case Tag::center: case Tag::header:
    case Tag::footer: case Tag::nav: case Tag::aside: case Tag::form: case Tag::li: case Tag::other:
      return true;
    default:
      return false;
  }
}

// Shape of a table being measured: only its own rows and cells, not those of nested tables.
struct TableShape {
  std::uint32_t element = kNoElement;
  std::uint32_t rows = 0, cells = 0, row_cells = 0, widest_row = 0;
  std::uint32_t max_cell_text = 0;  // own text of the fullest cell (nested tables excluded)
  std::uint32_t nested_text = 0;    // text inside tables nested in its cells
  std::uint32_t cell = kNoElement;  // the open cell
  std::uint32_t cell_nested = 0;    // text of tables nested in the open cell
};

class Measurer {
 public:
  Measurer(const Tree& tree, const Limits& limits, std::size_t input_size) : tree_(tree), limits_(limits) {
    out_.elements.reserve(input_size / 48 + 16);
  }

  bool enter(Node n) {
    switch (recording_.enter(n)) {
      case Recording::text: {
        if (current_ == kNoElement) return false;
        const std::string_view text = tree_.text(n);
        Element& e = out_.elements[current_];
        count_text(text, e.content, e.sentences);
        if (in_h1_) out_.h1.append(text);
        return false;
      }
      case Recording::other:
        return false;
      case Recording::skipped:
        if (tree_.tag(n) == Tag::head) {
          for (Node c = tree_.first_child(n); c; c = tree_.next_sibling(c)) {
            if (tree_.tag(c) == Tag::title && !seen_title_) read_title(c);
            if (tree_.kind(c) == NodeKind::element && out_.article_title.empty() &&
                tree_.attribute(c, "name") == "ArticleTitle")
              out_.article_title = tree_.attribute(c, "content");
          }
        } else if (tree_.tag(n) == Tag::title && !seen_title_) {
          read_title(n);
        }
        return false;
      case Recording::too_deep:
        out_.too_deep = true;
        return true;  // not recorded: its text counts for the deepest recorded ancestor
      case Recording::recorded:
        break;
    }
    const Tag tag = tree_.tag(n);
    const std::uint32_t id = static_cast<std::uint32_t>(out_.elements.size());
    Element e;
    e.node = n;
    e.parent = current_;
    e.depth = recording_.depth();
    e.tag = tag;
    e.hint = hints(n, tag);
    out_.elements.push_back(e);
    current_ = id;
    if (tag == Tag::h1 && out_.h1.empty() && !in_h1_) in_h1_ = true, h1_element_ = id;
    open_table_part(tag, id);
    return true;
  }

  void leave(Node n) {
    if (!recording_.leave(n)) return;
    const Tag tag = tree_.tag(n);
    const std::uint32_t id = current_;
    Element& e = out_.elements[id];
    e.end = static_cast<std::uint32_t>(out_.elements.size());
    close_table_part(tag, id);
    if (id == h1_element_) in_h1_ = false;
    current_ = e.parent;
    if (current_ == kNoElement) return;
    Element& p = out_.elements[current_];
    if (e.hint & (kChrome | kLink)) {
      p.noise += e.content + e.noise;  // for every ancestor this is not body text
    } else {
      p.content += e.content;
      p.noise += e.noise;
      p.sentences += e.sentences;
      p.table_text += e.table_text;
    }
  }

  Measured finish() {
    for (Element& e : out_.elements) {
      if (e.parent == kNoElement) continue;
      const Element& p = out_.elements[e.parent];
      e.in_data_table = p.in_data_table || (p.tag == Tag::table && !p.layout);
    }
    return std::move(out_);
  }

 private:
  void read_title(Node n) {
    seen_title_ = true;
    for (Node c = tree_.first_child(n); c; c = tree_.next_sibling(c)) out_.title.append(tree_.text(c));
  }

  std::uint8_t hints(Node n, Tag tag) {
    std::uint8_t h = 0;
    if (tag == Tag::a) return tree_.attribute(n, "href").empty() ? 0 : kLink;
    // Not <form>: ASP.NET pages wrap the whole page in one.
    if (tag == Tag::nav || tag == Tag::aside || tag == Tag::footer || tag == Tag::header) h |= kChrome;
    if (tag == Tag::article || tag == Tag::main) h |= kArticle;
    if (!carries_hints(tag)) return h;
    buffer_.clear();
    if (tag == Tag::other) {
      // Only the name of an unknown element (<ucapcontent>); Word's <o:p> runs are many and
      // carry no class.
      buffer_.append(tree_.tag_name(n));
    } else {
      buffer_.append(tree_.attribute(n, "class")).push_back(' ');
      buffer_.append(tree_.attribute(n, "id"));
    }
    if (buffer_.size() <= 2) return h;
    for (char& c : buffer_) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    // A page repeats its classes (every list item, every row): each distinct one is matched
    // against the word lists once.
    const auto [it, fresh] = class_hints_.try_emplace(buffer_, 0);
    if (fresh) {
      const bool article = has_any(buffer_, kArticleHints);
      if (article) it->second |= kArticle;
      if (has_any(buffer_, kStrongChrome) || (!article && has_any(buffer_, kWeakChrome))) it->second |= kChrome;
    }
    return h | it->second;
  }

  void open_table_part(Tag tag, std::uint32_t id) {
    if (tag == Tag::table) {
      tables_.push_back({id});
      return;
    }
    if (tables_.empty()) return;
    TableShape& t = tables_.back();
    if (tag == Tag::tr) {
      ++t.rows;
      t.row_cells = 0;
    } else if (tag == Tag::td || tag == Tag::th) {
      t.cell = id;
      t.cell_nested = 0;
    }
  }

  void close_table_part(Tag tag, std::uint32_t id) {
    if (tables_.empty()) return;
    TableShape& t = tables_.back();
    const Element& e = out_.elements[id];
    if ((tag == Tag::td || tag == Tag::th) && t.cell == id) {
      const std::uint32_t own = e.content + e.noise - std::min(t.cell_nested, e.content + e.noise);
      t.max_cell_text = std::max(t.max_cell_text, own);
      ++t.cells;
      t.widest_row = std::max(t.widest_row, ++t.row_cells);
      t.cell = kNoElement;
    } else if (tag == Tag::table && t.element == id) {
      const std::uint32_t text = e.content + e.noise;
      const std::uint32_t own = text - std::min(t.nested_text, text);
      // Layout: no grid (one row or one column); other tables inside with most of the text,
      // or beside prose, or beside links (a page frame); a cell of prose; nothing to read;
      // too deep to keep its structure.
      const bool frame = t.nested_text > 0 && (t.nested_text * 2 > text || t.max_cell_text > kLabelCell ||
                                               e.noise * 3 > text);
      Element& table = out_.elements[id];
      table.layout = t.rows < 2 || t.widest_row < 2 || frame ||
                     (t.max_cell_text > kProseCell && t.max_cell_text * 5 > own * 2) || own == 0 ||
                     e.depth + 4 > static_cast<std::uint32_t>(limits_.max_nesting_depth);
      if (!table.layout) table.table_text = table.content;
      tables_.pop_back();
      if (!tables_.empty()) {
        tables_.back().nested_text += text;
        if (tables_.back().cell != kNoElement) tables_.back().cell_nested += text;
      }
    }
  }

  const Tree& tree_;
  const Limits& limits_;
  Measured out_;
  std::uint32_t current_ = kNoElement;
  Recording recording_{tree_, limits_};
  std::vector<TableShape> tables_;
  std::string buffer_;
  std::unordered_map<std::string, std::uint8_t> class_hints_;  // lower-cased class/id → hints
  bool seen_title_ = false;
  bool in_h1_ = false;
  std::uint32_t h1_element_ = kNoElement;
};

bool eligible(const Element& e) {
  if ((e.hint & kChrome) || e.in_data_table) return false;
  switch (e.tag) {
    case Tag::a: case Tag::tr: case Tag::thead: case Tag::tbody: case Tag::tfoot: case Tag::caption:
    case Tag::colgroup: case Tag::col: case Tag::br: case Tag::hr:
      return false;
    default:
      return true;
  }
}

long long score(const Element& e) { return static_cast<long long>(e.content) - static_cast<long long>(e.noise); }

}  // namespace

bool is_skipped(Tag t) { return t >= Tag::head && t <= Tag::img; }

bool is_block(Tag t) {
  return (t >= Tag::html && t <= Tag::option) || t == Tag::table || t == Tag::caption || t == Tag::tr ||
         t == Tag::td || t == Tag::th;
}

Measured measure(const Tree& tree, const Limits& limits, std::size_t input_size) {
  Measurer m(tree, limits, input_size);
  walk(tree, tree.root(), m);
  return m.finish();
}

std::uint32_t choose_body(const std::vector<Element>& el) {
  if (el.empty()) return kNoElement;
  // 1. The report is prose: the deepest element that holds nearly all the sentence
  //    punctuation of the page's body text (links and chrome do not count). Such elements
  //    form a chain, so the last one in document order is the deepest.
  std::uint32_t best = kNoElement;
  const std::uint32_t page_sentences = el.front().sentences;
  if (page_sentences >= kMinSentences) {
    for (std::uint32_t i = 0; i < el.size(); ++i)
      if (eligible(el[i]) && el[i].sentences * 10ull >= page_sentences * 9ull) best = i;
  } else {
    // A page with little prose: most body text net of link and chrome text; on a tie the
    // deeper element (a wrapper with nothing else in it adds nothing).
    for (std::uint32_t i = 0; i < el.size(); ++i) {
      if (!eligible(el[i])) continue;
      if (best == kNoElement || score(el[i]) > score(el[best]) ||
          (score(el[i]) == score(el[best]) && i < el[best].end))
        best = i;
    }
  }
  if (best == kNoElement) return 0;
  // 2. Up through parents that add body text and hardly any link/chrome text (the report's
  //    headings and tables beside its prose), or more prose or data tables than link/chrome
  //    text (the report split over sibling containers). The first parent that adds mostly
  //    links (menus, share bars, related links) stops the climb.
  std::uint32_t body = best;
  for (std::uint32_t a = el[best].parent; a != kNoElement; a = el[a].parent) {
    if (!eligible(el[a])) continue;
    const long long extra = static_cast<long long>(el[a].content) - el[body].content;
    const long long extra_noise = static_cast<long long>(el[a].noise) - el[body].noise;
    if (extra == 0 && extra_noise == 0) continue;  // a wrapper: nothing new
    const bool more_prose = (el[a].sentences - el[body].sentences) * 10ull > el[body].sentences;
    const bool more_tables = (el[a].table_text - el[body].table_text) * 10ull > el[body].content;
    if (!(extra_noise * 4 <= extra || ((more_prose || more_tables) && extra >= extra_noise))) break;
    body = a;
  }
  // 3. Down to a known article container (TRS_Editor, ucapcontent, #zoom, …) that holds nearly
  //    all of it and ends where it ends: what it leaves out is page furniture before the
  //    article (a document-properties table, the title bar), never the report's later parts.
  std::uint32_t narrowed = body;
  for (std::uint32_t i = body + 1; i < el[body].end; ++i)
    if ((el[i].hint & kArticle) && eligible(el[i]) && el[i].end == el[body].end &&
        el[i].content * 20ull >= el[body].content * 17ull)
      narrowed = i;
  return narrowed;
}

}  // namespace nianbao::extract::html
