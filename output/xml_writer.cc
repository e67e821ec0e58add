// The XML writer: a walk over the report model written as a stream (output/internal/xml_stream.h),
// so the document is never held as a tree. Sections nest by their block ranges; every string
// passes through normalize::clean-level sanitising so the output is well-formed whatever the
// input held.
#include <algorithm>
#include <cstdio>
#include <ostream>

#include "model/version.h"
#include "normalize/normalize.h"
#include "output/internal/kept_check.h"
#include "output/internal/names.h"
#include "output/internal/xml_stream.h"
#include "output/output.h"

namespace nianbao::output {

namespace embedded {
std::string_view file(std::string_view name);  // the data files compiled in (cmake/Embed.cmake)
}

namespace {

namespace nz = nianbao::normalize;
using namespace nianbao::output::internal;

// Attribute and text values: what XML 1.0 cannot carry (control characters, U+FFFE/F) is
// dropped; clean text, the usual case, is written without a copy.
void put_text(XmlStream& x, std::string_view s) {
  if (!x.xml_text(s)) x.text(nz::clean_line(s));
}

void put_text(XmlStream& x, std::string_view element, std::string_view s) {
  x.open(element);
  put_text(x, s);
}

// put and set_line are inline where they are called, so that the attribute's name is a constant
// there (a call of either cost more than its short value's write).
[[gnu::always_inline]] inline void put(XmlStream& x, std::string_view attribute, std::string_view s) {
  if (!x.xml_attribute(attribute, s)) x.attribute(attribute, nz::clean_line(s));
}

[[gnu::always_inline]] inline void set_line(XmlStream& x, const SourcePos& pos) {
  if (pos.line > 0) x.attribute("line", static_cast<unsigned long long>(pos.line));
  if (pos.page > 0) x.attribute("page", pos.page);
}

// "x0 y0 x1 y1" in points, one decimal.
void set_box(XmlStream& x, const Box& b) {
  if (b.empty()) return;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.1f %.1f %.1f %.1f", b.x0, b.y0, b.x1, b.y1);
  x.attribute("box", buf);
}

void write_table(XmlStream& x, const Block& b) {
  const Table& t = b.table();
  x.open("table");
  x.attribute("source", table_source_name(t.source));
  x.attribute("cols", std::max(0, t.columns));
  set_line(x, b.pos);
  set_box(x, b.box());
  for (const TableRow& row : t.rows) {
    x.open("row");
    if (row.header) x.attribute("role", "label");
    for (const TableCell& c : row.cells) {
      x.open("cell");
      // The schema promises non-negative positions and positive spans, whatever a reader did.
      x.attribute("r", std::max(0, c.row));
      x.attribute("c", std::max(0, c.col));
      x.attribute("rows", std::max(1, c.rows));
      x.attribute("cols", std::max(1, c.cols));
      if (!c.text.empty()) put_text(x, c.text);
      else x.close();
    }
    x.close();
  }
  x.close();
}

void write_block(XmlStream& x, const Block& b) {
  if (b.kind == BlockKind::table) return write_table(x, b);
  x.open("p");
  set_line(x, b.pos);
  set_box(x, b.box());
  for (std::size_t k = 0; k < b.sentence_count(); ++k) put_text(x, "s", b.sentence(k));
  x.close();
}

class BodyWriter {
 public:
  explicit BodyWriter(const Report& r) : r_(r), tree_(r) {}

  void write(XmlStream& x) {
    x.open("body");
    for (std::size_t i = 0; i < tree_.leading_end(); ++i) write_block(x, r_.blocks[i]);
    for (std::size_t s : tree_.roots()) write_section(x, s);
    x.close();
  }

 private:
  void write_section(XmlStream& x, std::size_t index) {
    const Section& s = r_.sections[index];
    x.open("section");
    x.attribute("level", s.level);
    put(x, "num", s.num);
    set_line(x, s.pos);
    put_text(x, "heading", s.heading);
    for (std::size_t i = s.first_block; i < tree_.own_end(index); ++i) write_block(x, r_.blocks[i]);
    for (std::size_t c : tree_.children(index)) write_section(x, c);
    x.close();
  }

  const Report& r_;
  SectionTree tree_;
};

void write_value(XmlStream& x, const CellValue& v) {
  x.open("value");
  x.attribute("cell", v.cell);
  if (!v.raw.empty() || v.state == ValueState::number) put(x, "raw", v.raw);
  if (!v.unit.empty()) x.attribute("unit", v.unit);
  if (!v.note.empty()) put(x, "note", v.note);
  set_line(x, v.pos);
  if (!v.replaced.empty()) put(x, "replaced", v.replaced);
  switch (v.state) {
    case ValueState::number: x.text(v.number); return;
    case ValueState::blank: x.attribute("state", "blank"); break;
    case ValueState::dash: x.attribute("state", "dash"); break;
    case ValueState::ambiguous:
      x.attribute("state", "ambiguous");
      for (const std::string& c : v.candidates) x.text_element("candidate", c);
      break;
  }
  x.close();
}

void write_meta(XmlStream& x, const Report& r) {
  x.open("meta");
  if (!r.title.empty()) put_text(x, "title", r.title);
  if (!r.agency.empty()) {
    x.open("agency");
    const Division& d = r.division;
    if (!d.code.empty()) x.attribute("division", d.code);
    if (!d.province.empty()) put(x, "province", d.province);
    if (!d.city.empty()) put(x, "city", d.city);
    if (!d.county.empty()) put(x, "county", d.county);
    if (!r.agency_as_read.empty()) put(x, "as-read", r.agency_as_read);
    put_text(x, r.agency);
  }
  if (!r.year.empty()) x.text_element("year", r.year);
  if (!r.info.title.empty() || !r.info.author.empty() || !r.info.created.empty()) {
    x.open("document-info");
    if (!r.info.title.empty()) put(x, "title", r.info.title);
    if (!r.info.author.empty()) put(x, "author", r.info.author);
    if (!r.info.created.empty()) x.attribute("created", r.info.created);
    x.close();
  }
  const Provenance& p = r.provenance;
  if (!p.url.empty() || !p.retrieved.empty() || !p.published.empty() || !p.given.empty()) {
    x.open("provenance");
    if (!p.url.empty()) put(x, "url", p.url);
    if (!p.retrieved.empty()) x.attribute("retrieved", p.retrieved);
    if (!p.published.empty()) x.attribute("published", p.published);
    std::string given;
    for (const std::string& k : p.given) given += (given.empty() ? "" : " ") + k;
    if (!given.empty()) x.attribute("given", given);
    x.close();
  }
  x.close();
}

void write_values(XmlStream& x, const Report& r) {
  x.open("values");
  for (const CellValue& v : r.values) write_value(x, v);
  x.close();
  if (!r.table_reads.empty()) {
    x.open("tables-read");
    for (const TableRead& t : r.table_reads) {
      x.open("table-read");
      x.attribute("id", t.table);
      for (const auto& [name, count] : {std::pair<const char*, std::size_t>{"expected", t.expected}, {"read", t.read},
                                        {"blank", t.blank}, {"dash", t.dash}, {"ambiguous", t.ambiguous},
                                        {"unread", t.unread}})
        x.attribute(name, static_cast<unsigned long long>(count));
      x.close();
    }
    x.close();
  }
  x.open("checks");
  for (const Check& c : r.checks) {
    x.open("check");
    x.attribute("rule", c.rule);
    if (!c.scope.empty()) x.attribute("scope", c.scope);
    x.attribute("result", check_result_name(c.result));
    const KeptCheck kept = kept_check(r.template_id, c);  // one lookup for the two
    x.attribute("fingerprint", kept.fingerprint);
    if (!c.left.empty()) x.attribute("left", c.left);
    if (!c.right.empty()) x.attribute("right", c.right);
    if (std::any_of(c.cells.begin(), c.cells.end(), [](const std::string& id) { return !id.empty(); }))
      x.escaped_attribute("cells", kept.cells_xml);
    if (!c.note.empty()) put(x, "note", c.note);
    set_line(x, c.pos);
    x.close();
  }
  x.close();
}

void write_diagnostics(XmlStream& x, const Report& r) {
  x.open("diagnostics");
  for (const Diagnostic& d : r.diagnostics) {
    x.open("diagnostic");
    x.attribute("severity", severity_name(d.severity));
    x.attribute("code", d.code);
    set_line(x, d.pos);
    put_text(x, d.message);
  }
  x.close();
}

void write_report(XmlStream& x, const Report& r) {
  x.declaration();
  x.open("report");
  x.attribute("source", source_name(r.source));
  put(x, "encoding", r.encoding);
  x.attribute("encoding-method", r.encoding_method.empty() ? "default" : r.encoding_method);
  x.attribute("input", input_name(r.input_kind));
  if (r.pages > 0) x.attribute("pages", r.pages);
  if (r.ocr_pages > 0) x.attribute("ocr-pages", r.ocr_pages);
  x.attribute("template", r.template_id);
  x.attribute("replaced", static_cast<unsigned long long>(r.replaced));
  x.attribute("generator", std::string("nianbao ") + std::string(version));
  if (!r.id.empty()) x.attribute("id", r.id);
  write_meta(x, r);
  BodyWriter(r).write(x);
  if (r.template_id != "none" || !r.values.empty()) write_values(x, r);
  if (!r.diagnostics.empty()) write_diagnostics(x, r);
  x.close();
}

// About the size of a report's document, so that to_xml writes it into one string, not moved as
// it grows: the text of the blocks and table cells, and for each thing written the bytes of its
// tags and attributes (fitted on the corpus and a sample of the fuzz inputs: the documents of
// more than 30 KB come out 0.7 to 1.25 times the fit; one that outgrows it is moved once or twice).
std::size_t expected_size(const Report& r) {
  constexpr std::size_t head = 1024, per_block = 40, per_sentence = 20, per_cell = 75, per_section = 60,
                        per_value = 150, per_check = 450, per_diagnostic = 150;
  std::size_t n = head + per_section * r.sections.size() + per_value * r.values.size() +
                  per_check * r.checks.size() + per_diagnostic * r.diagnostics.size();
  for (const Block& b : r.blocks) {
    n += per_block + b.text.size();
    if (b.kind == BlockKind::table) {
      for (const TableRow& row : b.table().rows)
        for (const TableCell& c : row.cells) n += per_cell + c.text.size();
    } else {
      n += per_sentence * b.sentence_count();
    }
  }
  return n + n / 2;  // room for the documents that outgrow the fit (untouched memory when not used)
}

}  // namespace

std::string to_xml(const Report& r) {
  XmlStream x;
  x.reserve(expected_size(r));
  write_report(x, r);
  return x.take();
}

void write_xml(const Report& r, std::ostream& out) {
  XmlStream x(&out);
  write_report(x, r);
  x.flush();
}

std::string source_name(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size();) {
    const std::size_t start = i;
    const char32_t c = nz::next_code_point(path, i);
    const std::size_t len = i - start;
    const bool valid = (c != 0xFFFD || path.substr(start, len) == "\xEF\xBF\xBD") && !(len == 2 && c < 0x80) &&
                       !(len == 3 && c < 0x800) && !(len == 4 && (c < 0x10000 || c > 0x10FFFF)) &&
                       !(c >= 0xD800 && c <= 0xDFFF);
    if (valid && c >= 0x20 && c != '%' && c != 0x7F && c != 0xFFFE && c != 0xFFFF) {
      out.append(path.substr(start, i - start));
      continue;
    }
    for (std::size_t k = start; k < i; ++k) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned>(static_cast<unsigned char>(path[k])));
      out += buf;
    }
  }
  return out;
}

std::string recorded_source(std::string_view head) {
  const std::size_t root = head.find("<report ");
  if (root == std::string_view::npos) return "";
  const std::size_t tag_end = head.find('>', root);
  const std::size_t attr = head.find(" source=\"", root);
  if (attr == std::string_view::npos || (tag_end != std::string_view::npos && attr > tag_end)) return "";
  const std::size_t begin = attr + 9, end = head.find('"', begin);
  if (end == std::string_view::npos) return "";
  static const std::pair<std::string_view, char> entities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    bool replaced = false;
    for (const auto& [entity, c] : entities)
      if (head.compare(i, entity.size(), entity) == 0) {
        out += c;
        i += entity.size() - 1;
        replaced = true;
        break;
      }
    if (!replaced) out += head[i];
  }
  return out;
}

std::string_view relax_ng() { return embedded::file("nianbao.rng"); }

}  // namespace nianbao::output
