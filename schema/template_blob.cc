// The prepared form of the built-in templates (internal/template_load.h): every field of a
// Template, written and read by one list of fields per struct, so the two cannot disagree.
// Reading it is a copy per string and vector; parsing the XML (pugixml, label keys, rule
// expansion, label thresholds) was most of a short extract's start-up.
#include <cstring>
#include <stdexcept>
#include <type_traits>

#include "schema/internal/template_load.h"

namespace nianbao::schema {
namespace {

// The fields of each struct, in one order for writing and reading.
template <class A> void fields(A& a, ColumnDef& c) { a(c.key, c.label, c.group, c.type, c.key_text); }
template <class A> void fields(A& a, RowDef& r) {
  a(r.id, r.labels, r.keys, r.key_edits, r.key_points, r.key_bits, r.number, r.parent, r.group, r.collapsible, r.depth);
}
template <class A> void fields(A& a, TableDef& t) {
  a(t.id, t.title, t.section, t.cell, t.header, t.layout, t.columns, t.rows, t.cell_index);
}
template <class A> void fields(A& a, RuleDef& r) { a(r.id, r.for_each, r.expression, r.cross_year, r.line, r.file); }
template <class A> void fields(A& a, PhraseDef& p) { a(p.pattern, p.cells, p.line, p.file); }
template <class A> void fields(A& a, TextRuleDef& r) { a(r.id, r.phrases); }
template <class A> void fields(A& a, FindingDef& f) { a(f.id, f.test, f.section, f.phrases, f.line, f.file); }
template <class A> void fields(A& a, SectionDef& s) { a(s.id, s.heading, s.match, s.heading_key, s.heading_edits); }
template <class A> void fields(A& a, Template::CellRef& c) { a(c.table, c.row, c.col); }
template <class A> void fields(A& a, Template& t) {
  a(t.id, t.name, t.signals, t.first_year, t.last_year, t.sections, t.tables, t.rules, t.text_rules, t.findings,
    t.cells, t.cell_refs);
}
// (label_index is not data: build_sections builds it from not_headings.)
template <class A> void fields(A& a, extract::HeadingHints& h) { a(h.known, h.not_headings, h.end_words); }

// A field added to a struct of template.h must be added to its list above: these sizes (x86-64,
// libstdc++) change with it and stop the build until it is.
static_assert(sizeof(ColumnDef) == 136 && sizeof(RowDef) == 200 && sizeof(TableDef) == 240 && sizeof(RuleDef) == 136 &&
                  sizeof(PhraseDef) == 112 && sizeof(TextRuleDef) == 56 && sizeof(FindingDef) == 136 &&
                  sizeof(SectionDef) == 136 && sizeof(Template::CellRef) == 12 && sizeof(Template) == 272 &&
                  sizeof(extract::HeadingHints) == 88,
              "a field of template.h changed: list it in the fields() of template_blob.cc, then update these sizes");

template <class T>
constexpr bool is_scalar_field = std::is_arithmetic_v<T> || std::is_enum_v<T>;

struct Writer {
  std::string out;
  template <class... T> void operator()(T&... v) { (one(v), ...); }
  void size(std::size_t n) { raw(static_cast<std::uint32_t>(n)); }
  template <class T> void raw(const T& v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
  template <class C> void one(std::basic_string<C>& s) {
    size(s.size());
    out.append(reinterpret_cast<const char*>(s.data()), s.size() * sizeof(C));
  }
  template <class T> void one(std::vector<T>& v) {
    size(v.size());
    for (T& x : v) one(x);
  }
  template <class T> void one(T& v) {
    if constexpr (is_scalar_field<T>) raw(v);
    else fields(*this, v);
  }
};

struct Reader {
  std::string_view in;
  template <class... T> void operator()(T&... v) { (one(v), ...); }
  const char* take(std::size_t n) {
    if (n > in.size()) throw std::runtime_error("prepared templates: cut short");
    const char* at = in.data();
    in.remove_prefix(n);
    return at;
  }
  template <class T> void raw(T& v) { std::memcpy(&v, take(sizeof v), sizeof v); }
  std::size_t size() {
    std::uint32_t n = 0;
    raw(n);
    return n;
  }
  template <class C> void one(std::basic_string<C>& s) {
    const std::size_t n = size();
    if constexpr (sizeof(C) == 1) {
      s.assign(reinterpret_cast<const C*>(take(n)), n);
    } else {  // wider code units may sit unaligned in the bytes
      s.resize(n);
      std::memcpy(s.data(), take(n * sizeof(C)), n * sizeof(C));
    }
  }
  template <class T> void one(std::vector<T>& v) {
    v.resize(size());
    for (T& x : v) one(x);
  }
  template <class T> void one(T& v) {
    if constexpr (is_scalar_field<T>) raw(v);
    else fields(*this, v);
  }
};

}  // namespace

std::string serialize_templates(const std::vector<Template>& templates) {
  Writer w;
  // The writer only reads the fields; they are listed once for both directions, non-const.
  w.one(const_cast<std::vector<Template>&>(templates));
  for (const Template& t : templates)
    for (const TextRuleDef& r : t.text_rules)
      for (const PhraseDef& p : r.phrases)
        if (p.re) throw std::logic_error("prepared templates: a phrase's pattern is compiled");
  return std::move(w.out);
}

std::vector<Template> deserialize_templates(std::string_view bytes) {
  Reader r{bytes};
  std::vector<Template> out;
  r.one(out);
  if (!r.in.empty()) throw std::runtime_error("prepared templates: bytes left over");
  for (Template& t : out) t.serial = next_template_serial();
  return out;
}

std::string serialize_heading_hints(const extract::HeadingHints& hints) {
  Writer w;
  w.one(const_cast<extract::HeadingHints&>(hints));
  return std::move(w.out);
}

extract::HeadingHints deserialize_heading_hints(std::string_view bytes) {
  Reader r{bytes};
  extract::HeadingHints out;
  r.one(out);
  if (!r.in.empty()) throw std::runtime_error("prepared heading hints: bytes left over");
  return out;
}

}  // namespace nianbao::schema
