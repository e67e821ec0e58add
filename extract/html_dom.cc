// The parser-independent part of the HTML tree interface: our tag names, the choice of
// backend, and the nesting guard that keeps both parsers out of their quadratic worst case.
#include "extract/internal/html_dom.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace nianbao::extract::html {
namespace {

struct NamedTag {
  const char* name;
  Tag tag;
};

constexpr NamedTag kTags[] = {
    {"head", Tag::head},       {"title", Tag::title},       {"script", Tag::script},
    {"style", Tag::style},     {"noscript", Tag::noscript}, {"template", Tag::template_},
    {"iframe", Tag::iframe},   {"object", Tag::object},     {"embed", Tag::object},
    {"svg", Tag::svg},         {"math", Tag::math},         {"select", Tag::select},
    {"button", Tag::button},   {"textarea", Tag::textarea}, {"input", Tag::input},
    {"img", Tag::img},         {"html", Tag::html},         {"body", Tag::body},
    {"p", Tag::p},             {"div", Tag::div},           {"section", Tag::section},
    {"article", Tag::article}, {"main", Tag::main},         {"blockquote", Tag::blockquote},
    {"pre", Tag::pre},         {"listing", Tag::pre},       {"xmp", Tag::pre},
    {"address", Tag::address}, {"center", Tag::center},     {"figure", Tag::figure},
    {"figcaption", Tag::figcaption}, {"details", Tag::details}, {"summary", Tag::summary},
    {"fieldset", Tag::fieldset}, {"legend", Tag::legend},   {"dl", Tag::dl},
    {"dt", Tag::dt},           {"dd", Tag::dd},             {"ul", Tag::ul},
    {"ol", Tag::ol},           {"li", Tag::li},             {"menu", Tag::menu},
    {"dir", Tag::ul},          {"h1", Tag::h1},             {"h2", Tag::h2},
    {"h3", Tag::h3},           {"h4", Tag::h4},             {"h5", Tag::h5},
    {"h6", Tag::h6},           {"hr", Tag::hr},             {"br", Tag::br},
    {"nav", Tag::nav},         {"header", Tag::header},     {"footer", Tag::footer},
    {"aside", Tag::aside},     {"form", Tag::form},         {"option", Tag::option},
    {"optgroup", Tag::option}, {"table", Tag::table},       {"caption", Tag::caption},
    {"colgroup", Tag::colgroup}, {"col", Tag::col},         {"thead", Tag::thead},
    {"tbody", Tag::tbody},     {"tfoot", Tag::tfoot},       {"tr", Tag::tr},
    {"td", Tag::td},           {"th", Tag::th},             {"a", Tag::a},
    {"frameset", Tag::object}, {"noframes", Tag::noscript}, {"noembed", Tag::noscript},
    {"span", Tag::inline_},    {"font", Tag::inline_},      {"b", Tag::inline_},
    {"strong", Tag::inline_},  {"i", Tag::inline_},         {"em", Tag::inline_},
    {"u", Tag::inline_},       {"s", Tag::inline_},         {"strike", Tag::inline_},
    {"sub", Tag::inline_},     {"sup", Tag::inline_},       {"small", Tag::inline_},
    {"big", Tag::inline_},     {"label", Tag::inline_},     {"abbr", Tag::inline_},
    {"code", Tag::inline_},    {"cite", Tag::inline_},      {"q", Tag::inline_},
    {"ins", Tag::inline_},     {"del", Tag::inline_},       {"mark", Tag::inline_},
    {"time", Tag::inline_},    {"tt", Tag::inline_},        {"var", Tag::inline_},
    {"kbd", Tag::inline_},     {"samp", Tag::inline_},      {"nobr", Tag::inline_},
    {"wbr", Tag::inline_},     {"bdi", Tag::inline_},       {"bdo", Tag::inline_},
    {"ruby", Tag::inline_},    {"rt", Tag::inline_},        {"rp", Tag::inline_},
};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 : a[i];
    const char y = b[i] >= 'A' && b[i] <= 'Z' ? b[i] + 32 : b[i];
    if (x != y) return false;
  }
  return true;
}

enum class NameClass { counted, raw_text, uncounted };

// Up to 8 bytes of a name, lower-cased, packed into an integer: compared at the cost of one
// comparison instead of a memcmp per candidate name.
constexpr std::uint64_t pack(std::string_view name) {
  std::uint64_t k = 0;
  for (std::size_t i = 0; i < name.size() && i < 8; ++i) {
    const char c = (name[i] >= 'A' && name[i] <= 'Z') ? static_cast<char>(name[i] + 32) : name[i];
    k |= static_cast<std::uint64_t>(static_cast<unsigned char>(c)) << (8 * i);
  }
  return k;
}

// How the nesting scanner treats an element name (compared without case):
// raw_text — the tokenizer reads its content as text up to its end tag;
// uncounted — void elements, and elements the parser closes implicitly (by a sibling or an
// ancestor's end), which do not deepen the tree in a way that matters.
// (A switch on the packed name: the compiler makes it a binary search, about six comparisons
// per tag instead of one per listed name.)
NameClass classify(std::string_view name) {
  if (name.empty() || name.size() > 8) return NameClass::counted;
  switch (pack(name)) {
    case pack("script"): case pack("style"): case pack("textarea"): case pack("title"): case pack("xmp"):
    case pack("iframe"): case pack("noembed"): case pack("noframes"): case pack("noscript"):
      return NameClass::raw_text;
    case pack("p"): case pack("li"): case pack("dt"): case pack("dd"): case pack("option"):
    case pack("optgroup"): case pack("rb"): case pack("rp"): case pack("rt"): case pack("rtc"):
    case pack("html"): case pack("head"): case pack("body"): case pack("tr"): case pack("td"):
    case pack("th"): case pack("thead"): case pack("tbody"): case pack("tfoot"): case pack("colgroup"):
    case pack("caption"): case pack("area"): case pack("base"): case pack("br"): case pack("col"):
    case pack("embed"): case pack("hr"): case pack("img"): case pack("input"): case pack("link"):
    case pack("meta"): case pack("param"): case pack("source"): case pack("track"): case pack("wbr"):
    case pack("keygen"): case pack("basefont"): case pack("bgsound"): case pack("frame"): case pack("image"):
      return NameClass::uncounted;
    default:
      return NameClass::counted;
  }
}

bool is_name_char(char c) {
  return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '/' && c != '>';
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Blank [from, to) of `out`, keeping line breaks so line numbers stay right.
void blank(std::string& out, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i)
    if (out[i] != '\n' && out[i] != '\r') out[i] = ' ';
}

// One scan; with `out` null it only answers whether the bound is exceeded.
bool scan_nesting(std::string_view s, int max_depth, std::string* out) {
  const std::size_t limit = static_cast<std::size_t>(std::max(max_depth, 1));
  std::vector<std::string_view> open;  // names of the counted open elements
  std::size_t suppressed = 0;          // open elements beyond the bound
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const void* lt = std::memchr(s.data() + i, '<', n - i);
    if (!lt) break;
    i = static_cast<std::size_t>(static_cast<const char*>(lt) - s.data());
    if (i + 3 < n && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {
      const std::size_t close = s.find("-->", i + 4);
      i = close == std::string_view::npos ? n : close + 3;
      continue;
    }
    if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
      const std::size_t close = s.find('>', i + 2);
      i = close == std::string_view::npos ? n : close + 1;
      continue;
    }
    const bool end_tag = i + 1 < n && s[i + 1] == '/';
    std::size_t j = i + 1 + (end_tag ? 1 : 0);
    if (j >= n || !is_alpha(s[j])) {
      ++i;
      continue;
    }
    const std::size_t name_start = j;
    while (j < n && is_name_char(s[j])) ++j;
    const std::string_view name = s.substr(name_start, j - name_start);
    // The end of the tag: the next '>' that is not inside a quoted attribute value. Tags are
    // short: a byte loop beats a memchr per kind of character; a quoted value is skipped whole.
    std::size_t k = j;
    while (k < n) {
      const char c = s[k];
      if (c == '>') break;
      if (c == '"' || c == '\'') {
        std::size_t before = k;
        while (before > j && (s[before - 1] == ' ' || s[before - 1] == '\t' || s[before - 1] == '\n')) --before;
        if (before > j && s[before - 1] == '=') {  // a value, not a stray quote
          const auto* close = static_cast<const char*>(std::memchr(s.data() + k + 1, c, n - k - 1));
          k = close ? static_cast<std::size_t>(close - s.data()) + 1 : n;
          continue;
        }
      }
      ++k;
    }
    const bool self_closing = k < n && k > j && s[k - 1] == '/';
    const std::size_t tag_end = k < n ? k + 1 : n;
    const NameClass cls = classify(name);
    if (!end_tag && cls == NameClass::raw_text) {
      // Skip to the matching end tag; the raw text inside holds no markup.
      std::size_t at = tag_end;
      for (;;) {
        at = s.find("</", at);
        if (at == std::string_view::npos || iequals(s.substr(at + 2, name.size()), name)) break;
        at += 2;
      }
      i = at == std::string_view::npos ? n : at;
      continue;
    }
    i = tag_end;
    if (cls != NameClass::counted || (self_closing && !end_tag)) continue;
    if (!end_tag) {
      if (suppressed > 0 || open.size() >= limit) {
        if (!out) return true;
        blank(*out, name_start - 1, tag_end);
        ++suppressed;
      } else {
        open.push_back(name);
      }
      continue;
    }
    if (suppressed > 0) {
      if (out) blank(*out, name_start - 2, tag_end);
      --suppressed;
      continue;
    }
    // Like the parser: an end tag closes the nearest open element of its name, if any.
    for (std::size_t d = open.size(); d > 0; --d) {
      if (iequals(open[d - 1], name)) {
        open.resize(d - 1);
        break;
      }
    }
  }
  return false;
}

}  // namespace

Tag tag_from_name(std::string_view lower_name) {
  for (const NamedTag& t : kTags)
    if (lower_name == t.name) return t.tag;
  return Tag::other;
}

std::string bound_nesting(std::string_view utf8, int max_depth) {
  if (!scan_nesting(utf8, max_depth, nullptr)) return {};
  std::string out(utf8);
  scan_nesting(utf8, max_depth, &out);
  return out;
}

std::unique_ptr<Tree> parse(std::string_view utf8, Backend backend, int max_depth, bool& flattened) {
  auto run = [backend](std::string_view in) {
    return backend == Backend::gumbo ? parse_gumbo(in) : parse_myhtml(in);
  };
  std::string bounded = bound_nesting(utf8, max_depth);
  flattened = !bounded.empty();
  if (!flattened) return run(utf8);
  auto input = std::make_unique<std::string>(std::move(bounded));
  std::unique_ptr<Tree> tree = run(*input);
  tree->keep_input(std::move(input));
  return tree;
}

}  // namespace nianbao::extract::html
