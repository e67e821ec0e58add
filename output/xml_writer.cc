// The XML writer (pugixml): a thin walk over the report model. Sections nest by their block
// ranges; every string passes through normalize::clean-level sanitising so the output is
// well-formed whatever the input held.
#include <cstdio>
#include <pugixml.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "model/version.h"
#include "normalize/normalize.h"
#include "output/internal/names.h"
#include "output/output.h"

namespace nianbao::output {

namespace embedded {
std::string_view file(std::string_view name);  // the data files compiled in (cmake/Embed.cmake)
}

namespace {

namespace nz = nianbao::normalize;
using namespace nianbao::output::internal;

// Attribute and text values: what XML 1.0 cannot carry (control characters, U+FFFE/F) is
// dropped; clean text, the usual case, is set without a copy.
bool xml_clean(std::string_view s) {
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
    // U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters either.
    if (c == 0xEF && i + 2 < n && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
        static_cast<unsigned char>(s[i + 2]) >= 0xBE)
      return false;
  }
  return true;
}

void put(pugi::xml_text t, std::string_view s) {
  if (xml_clean(s)) t.set(s.data(), s.size());
  else t = nz::clean_line(s).c_str();
}

void put(pugi::xml_attribute a, std::string_view s) {
  if (xml_clean(s)) a.set_value(s.data(), s.size());
  else a = nz::clean_line(s).c_str();
}

void set_line(pugi::xml_node n, const SourcePos& pos) {
  if (pos.line > 0) n.append_attribute("line") = static_cast<unsigned long long>(pos.line);
  if (pos.page > 0) n.append_attribute("page") = pos.page;
}

// "x0 y0 x1 y1" in points, one decimal.
void set_box(pugi::xml_node n, const Box& b) {
  if (b.empty()) return;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.1f %.1f %.1f %.1f", b.x0, b.y0, b.x1, b.y1);
  n.append_attribute("box") = buf;
}

void write_block(pugi::xml_node parent, const Block& b) {
  if (b.kind == BlockKind::paragraph) {
    pugi::xml_node p = parent.append_child("p");
    set_line(p, b.pos);
    set_box(p, b.box);
    if (b.sentences.empty()) {
      put(p.append_child("s").text(), b.text);
    } else {
      for (const std::string& s : b.sentences) put(p.append_child("s").text(), s);
    }
    return;
  }
  const Table& t = b.table;
  pugi::xml_node table = parent.append_child("table");
  table.append_attribute("source") = table_source_name(t.source);
  table.append_attribute("cols") = std::max(0, t.columns);
  set_line(table, b.pos);
  set_box(table, b.box);
  for (const TableRow& row : t.rows) {
    pugi::xml_node r = table.append_child("row");
    if (row.header) r.append_attribute("role") = "label";
    for (const TableCell& c : row.cells) {
      pugi::xml_node cell = r.append_child("cell");
      // The schema promises non-negative positions and positive spans, whatever a reader did.
      cell.append_attribute("r") = std::max(0, c.row);
      cell.append_attribute("c") = std::max(0, c.col);
      cell.append_attribute("rows") = std::max(1, c.rows);
      cell.append_attribute("cols") = std::max(1, c.cols);
      if (!c.text.empty()) put(cell.text(), c.text);
    }
  }
}

class BodyWriter {
 public:
  explicit BodyWriter(const Report& r) : r_(r), tree_(r) {}

  void write(pugi::xml_node body) {
    for (std::size_t i = 0; i < tree_.leading_end(); ++i) write_block(body, r_.blocks[i]);
    for (std::size_t s : tree_.roots()) write_section(body, s);
  }

 private:
  void write_section(pugi::xml_node parent, std::size_t index) {
    const Section& s = r_.sections[index];
    pugi::xml_node node = parent.append_child("section");
    node.append_attribute("level") = s.level;
    put(node.append_attribute("num"), s.num);
    set_line(node, s.pos);
    put(node.append_child("heading").text(), s.heading);
    for (std::size_t i = s.first_block; i < tree_.own_end(index); ++i) write_block(node, r_.blocks[i]);
    for (std::size_t c : tree_.children(index)) write_section(node, c);
  }

  const Report& r_;
  SectionTree tree_;
};

void write_value(pugi::xml_node values, const CellValue& v) {
  pugi::xml_node n = values.append_child("value");
  n.append_attribute("cell") = v.cell.c_str();
  if (!v.raw.empty() || v.state == ValueState::number) put(n.append_attribute("raw"), v.raw);
  if (!v.unit.empty()) n.append_attribute("unit") = v.unit.c_str();
  if (!v.note.empty()) put(n.append_attribute("note"), v.note);
  set_line(n, v.pos);
  if (!v.replaced.empty()) put(n.append_attribute("replaced"), v.replaced);
  switch (v.state) {
    case ValueState::number: n.text() = v.number.c_str(); break;
    case ValueState::blank: n.append_attribute("state") = "blank"; break;
    case ValueState::dash: n.append_attribute("state") = "dash"; break;
    case ValueState::ambiguous:
      n.append_attribute("state") = "ambiguous";
      for (const std::string& c : v.candidates) n.append_child("candidate").text() = c.c_str();
      break;
  }
}

}  // namespace

std::string to_xml(const Report& r) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("report");
  root.append_attribute("source") = source_name(r.source).c_str();
  put(root.append_attribute("encoding"), r.encoding);
  root.append_attribute("encoding-method") = r.encoding_method.empty() ? "default" : r.encoding_method.c_str();
  root.append_attribute("input") = input_name(r.input_kind);
  if (r.pages > 0) root.append_attribute("pages") = r.pages;
  if (r.ocr_pages > 0) root.append_attribute("ocr-pages") = r.ocr_pages;
  root.append_attribute("template") = r.template_id.c_str();
  root.append_attribute("replaced") = static_cast<unsigned long long>(r.replaced);
  root.append_attribute("generator") = (std::string("nianbao ") + std::string(version)).c_str();
  if (!r.id.empty()) root.append_attribute("id") = r.id.c_str();

  pugi::xml_node meta = root.append_child("meta");
  if (!r.title.empty()) put(meta.append_child("title").text(), r.title);
  if (!r.agency.empty()) {
    pugi::xml_node agency = meta.append_child("agency");
    const Division& d = r.division;
    if (!d.code.empty()) agency.append_attribute("division") = d.code.c_str();
    if (!d.province.empty()) put(agency.append_attribute("province"), d.province);
    if (!d.city.empty()) put(agency.append_attribute("city"), d.city);
    if (!d.county.empty()) put(agency.append_attribute("county"), d.county);
    if (!r.agency_as_read.empty()) put(agency.append_attribute("as-read"), r.agency_as_read);
    put(agency.text(), r.agency);
  }
  if (!r.year.empty()) meta.append_child("year").text() = r.year.c_str();
  if (!r.info.title.empty() || !r.info.author.empty() || !r.info.created.empty()) {
    pugi::xml_node info = meta.append_child("document-info");
    if (!r.info.title.empty()) put(info.append_attribute("title"), r.info.title);
    if (!r.info.author.empty()) put(info.append_attribute("author"), r.info.author);
    if (!r.info.created.empty()) info.append_attribute("created") = r.info.created.c_str();
  }
  const Provenance& p = r.provenance;
  if (!p.url.empty() || !p.retrieved.empty() || !p.published.empty() || !p.given.empty()) {
    pugi::xml_node n = meta.append_child("provenance");
    if (!p.url.empty()) put(n.append_attribute("url"), p.url);
    if (!p.retrieved.empty()) n.append_attribute("retrieved") = p.retrieved.c_str();
    if (!p.published.empty()) n.append_attribute("published") = p.published.c_str();
    std::string given;
    for (const std::string& k : p.given) given += (given.empty() ? "" : " ") + k;
    if (!given.empty()) n.append_attribute("given") = given.c_str();
  }

  BodyWriter(r).write(root.append_child("body"));

  if (r.template_id != "none" || !r.values.empty()) {
    pugi::xml_node values = root.append_child("values");
    for (const CellValue& v : r.values) write_value(values, v);
    if (!r.table_reads.empty()) {
      pugi::xml_node reads = root.append_child("tables-read");
      for (const TableRead& t : r.table_reads) {
        pugi::xml_node n = reads.append_child("table-read");
        n.append_attribute("id") = t.table.c_str();
        for (const auto& [name, count] : {std::pair<const char*, std::size_t>{"expected", t.expected}, {"read", t.read},
                                          {"blank", t.blank}, {"dash", t.dash}, {"ambiguous", t.ambiguous},
                                          {"unread", t.unread}})
          n.append_attribute(name) = static_cast<unsigned long long>(count);
      }
    }
    pugi::xml_node checks = root.append_child("checks");
    for (const Check& c : r.checks) {
      pugi::xml_node n = checks.append_child("check");
      n.append_attribute("rule") = c.rule.c_str();
      if (!c.scope.empty()) n.append_attribute("scope") = c.scope.c_str();
      n.append_attribute("result") = check_result_name(c.result);
      if (!c.left.empty()) n.append_attribute("left") = c.left.c_str();
      if (!c.right.empty()) n.append_attribute("right") = c.right.c_str();
      std::string cells;
      for (const std::string& id : c.cells) cells += (cells.empty() ? "" : " ") + id;
      if (!cells.empty()) n.append_attribute("cells") = cells.c_str();
    }
  }
  if (!r.diagnostics.empty()) {
    pugi::xml_node diags = root.append_child("diagnostics");
    for (const Diagnostic& d : r.diagnostics) {
      pugi::xml_node n = diags.append_child("diagnostic");
      n.append_attribute("severity") = severity_name(d.severity);
      n.append_attribute("code") = d.code.c_str();
      set_line(n, d.pos);
      put(n.text(), d.message);
    }
  }
  struct StringWriter : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
  } writer;
  writer.out.reserve(64 * 1024);
  doc.save(writer, "  ", pugi::format_indent, pugi::encoding_utf8);
  return std::move(writer.out);
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
