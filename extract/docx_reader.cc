// DOCX reader: a Word 2007+ document (OOXML, a ZIP of XML parts, read with libzip and pugixml)
// as the same blocks as a web page. The body of word/document.xml in order: paragraphs (w:p)
// with their list numbers (word/numbering.xml) → paragraphs, a soft break (w:br) ending one;
// tables (w:tbl) → the HTML table model (gridBefore and gridSpan place a cell on the grid,
// vMerge restart/continue make its row span); docProps/core.xml → the document's own title,
// author and creation date.
#include <zip.h>

#include <algorithm>
#include <map>
#include <memory>
#include <pugixml.hpp>

#include "extract/extract.h"
#include "extract/internal/docx_numbering.h"
#include "extract/internal/html_table.h"
#include "model/errors.h"
#include "normalize/normalize.h"

namespace nianbao::extract {
namespace {

namespace nz = normalize;
using docx::local;

// Leading centred paragraphs that make the title (a title of more lines is a heading block).
constexpr std::size_t kMaxTitleParagraphs = 3;

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipDiscard>;

Zip open_zip(std::string_view bytes, const std::string& source) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
  if (!z) {
    if (src) zip_source_free(src);
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw InputError(source, "not a readable .docx: the ZIP archive is damaged (" + why + ")");
  }
  zip_error_fini(&error);
  return Zip(z);
}

// A part of the package, unpacked up to `max` bytes (a ZIP bomb is refused, not unpacked);
// false when the package has no such part.
bool read_part(zip_t* z, const char* name, std::size_t max, const std::string& source, std::string& out) {
  const zip_int64_t index = zip_name_locate(z, name, ZIP_FL_NOCASE);
  if (index < 0) return false;
  zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(index), 0);
  if (!f) throw InputError(source, std::string(name) + " in the .docx cannot be unpacked: " + zip_strerror(z));
  char buf[1 << 16];
  zip_int64_t n = 0;
  while ((n = zip_fread(f, buf, sizeof buf)) > 0) {
    if (out.size() + static_cast<std::size_t>(n) > max) {
      zip_fclose(f);
      throw InputError(source, std::string(name) + " in the .docx unpacks to more than " + std::to_string(max) +
                                   " bytes (--max-input-bytes)");
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  const std::string why = n < 0 ? zip_file_strerror(f) : "";
  zip_fclose(f);
  if (n < 0) throw InputError(source, std::string(name) + " in the .docx is damaged (" + why + ")");
  return true;
}

pugi::xml_document parse_part(const std::string& xml, const char* name, const std::string& source) {
  pugi::xml_document doc;
  const pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!r)
    throw InputError(source, std::string(name) + " in the .docx is not well-formed XML at byte " +
                                 std::to_string(r.offset) + ": " + r.description());
  return doc;
}

pugi::xml_node child(pugi::xml_node n, std::string_view name) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (local(c) == name) return c;
  return {};
}

int int_value(pugi::xml_node n, int fallback) {
  const std::string_view v = docx::value(n);
  const int parsed = html::parse_span(v);
  return parsed < 0 ? fallback : parsed;
}

// The text of a paragraph as the lines its soft breaks make. Deleted text, field codes and
// drawings' alternate content are not text; a tab is a space.
class ParagraphText {
 public:
  explicit ParagraphText(int max_depth) : max_depth_(max_depth) {}
  std::vector<std::string> lines(pugi::xml_node p, const std::string& prefix) {
    lines_.assign(1, prefix);
    walk(p, 0);
    std::vector<std::string> out;
    for (const std::string& l : lines_)
      if (std::string c = nz::clean(l); !c.empty()) out.push_back(std::move(c));
    return out;
  }
  bool cut = false;  // deeper markup than max_depth was left out

 private:
  void walk(pugi::xml_node n, int depth) {
    if (depth > max_depth_) {
      cut = true;
      return;
    }
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      const std::string_view name = local(c);
      if (name == "t") lines_.back() += c.child_value();
      else if (name == "tab" || name == "noBreakHyphen") lines_.back() += name == "tab" ? " " : "-";
      else if (name == "br" || name == "cr") lines_.emplace_back();
      else if (name == "p" && c != n) {  // a text box's paragraph inside this one
        lines_.emplace_back();
        walk(c, depth + 1);
        lines_.emplace_back();
      } else if (name != "del" && name != "delText" && name != "instrText" && name != "pPr" && name != "rPr" &&
                 name != "Fallback")
        walk(c, depth + 1);
    }
  }
  int max_depth_;
  std::vector<std::string> lines_;
};

struct Reader {
  Reader(const Limits& l, Document& d, docx::Numbering& n) : limits(l), doc(d), numbering(n) {}
  const Limits& limits;
  Document& doc;
  docx::Numbering& numbering;
  ParagraphText text{limits.max_nesting_depth};
  std::vector<std::string> title_lines;
  bool title_open = true;  // still in the leading centred paragraphs

  void paragraph(pugi::xml_node p) {
    const pugi::xml_node props = child(p, "pPr");
    const std::vector<std::string> lines = text.lines(p, numbering.label(props));
    if (lines.empty()) return;
    const bool centred = docx::value(child(props, "jc")) == "center";
    if (title_open && centred && title_lines.size() < kMaxTitleParagraphs)
      title_lines.insert(title_lines.end(), lines.begin(), lines.end());
    else title_open = false;
    for (const std::string& l : lines) {
      Block b;
      b.text = l;
      doc.blocks.push_back(std::move(b));
    }
  }

  // The text of a cell: its paragraphs (and nested tables' paragraphs) joined.
  std::string cell_text(pugi::xml_node tc, int depth) {
    std::vector<std::string> pieces;
    collect_cell(tc, depth, pieces);
    return nz::join_lines(pieces);
  }
  void collect_cell(pugi::xml_node n, int depth, std::vector<std::string>& pieces) {
    if (depth > limits.max_nesting_depth) {
      text.cut = true;
      return;
    }
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (local(c) == "p") {
        for (std::string& l : text.lines(c, numbering.label(child(c, "pPr")))) pieces.push_back(std::move(l));
      } else if (local(c) != "tcPr") {
        collect_cell(c, depth + 1, pieces);
      }
    }
  }

  void table(pugi::xml_node tbl, int depth);
  void body(pugi::xml_node n, int depth) {
    if (depth > limits.max_nesting_depth) {
      text.cut = true;
      return;
    }
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      const std::string_view name = local(c);
      if (name == "p") paragraph(c);
      else if (name == "tbl") table(c, depth);
      else if (name == "sdt" || name == "sdtContent" || name == "customXml" || name == "ins" || name == "smartTag")
        body(c, depth + 1);
    }
  }
};

// One w:tc as placed on the table's grid.
struct GridCell {
  std::string text;
  int col = 0, span = 1;
  enum Merge { none, restart, next } merge = none;
  int rows = 1;          // rows it spans (vMerge), counted below
  bool covered = false;  // a continuation of the cell above: not an origin
};

void Reader::table(pugi::xml_node tbl, int depth) {
  std::vector<std::vector<GridCell>> rows;
  std::vector<bool> repeated_header;  // w:tblHeader: the row repeats on every page as a header
  for (pugi::xml_node tr = tbl.first_child(); tr; tr = tr.next_sibling()) {
    if (local(tr) != "tr") continue;
    const pugi::xml_node props = child(tr, "trPr");
    int col = std::clamp(int_value(child(props, "gridBefore"), 0), 0, limits.max_span);
    std::vector<GridCell>& row = rows.emplace_back();
    repeated_header.push_back(static_cast<bool>(child(props, "tblHeader")));
    for (pugi::xml_node tc = tr.first_child(); tc; tc = tc.next_sibling()) {
      if (local(tc) != "tc") continue;
      const pugi::xml_node tc_props = child(tc, "tcPr");
      GridCell cell;
      cell.col = col;
      cell.span = std::clamp(int_value(child(tc_props, "gridSpan"), 1), 1, limits.max_span);
      if (const pugi::xml_node m = child(tc_props, "vMerge"))
        cell.merge = docx::value(m) == "restart" ? GridCell::restart : GridCell::next;
      cell.text = cell_text(tc, depth + 1);
      col = std::min(col + cell.span, limits.max_span);
      row.push_back(std::move(cell));
    }
  }
  // A vMerge continuation joins the cell at its grid column in the row above (Word's rule).
  struct Open {
    std::size_t row, index, last_row;  // the origin cell, and the last row it covers
  };
  std::map<int, Open> open;  // grid column → the cell that a continuation below would join
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t i = 0; i < rows[r].size(); ++i) {
      GridCell& c = rows[r][i];
      const auto it = open.find(c.col);
      if (c.merge == GridCell::next && it != open.end() && it->second.last_row + 1 == r) {
        GridCell& origin = rows[it->second.row][it->second.index];
        ++origin.rows;
        c.covered = true;
        if (!c.text.empty()) origin.text = nz::join_lines({origin.text, c.text});
        it->second.last_row = r;
      } else {
        open[c.col] = {r, i, r};
      }
    }
  html::TableGrid grid(limits, doc.diagnostics, {});
  for (std::size_t r = 0; r < rows.size(); ++r) {
    grid.start_row(repeated_header[r]);
    for (GridCell& c : rows[r]) {
      if (c.covered) continue;
      grid.skip_to(c.col);
      grid.add_cell(std::move(c.text), c.rows, c.span, false);
    }
  }
  Block b;
  b.kind = BlockKind::table;
  b.edit_table() = grid.finish();
  b.edit_table().source = TableSource::docx;
  if (!b.table().rows.empty()) doc.blocks.push_back(std::move(b));
  title_open = false;
}

// docProps/core.xml: dc:title, dc:creator, dcterms:created (W3CDTF, its date part).
void read_core(const pugi::xml_document& core, DocumentInfo& info) {
  const pugi::xml_node props = core.first_child();
  for (pugi::xml_node c = props.first_child(); c; c = c.next_sibling()) {
    const std::string_view name = local(c);
    if (name == "title") info.title = nz::clean(c.child_value());
    else if (name == "creator") info.author = nz::clean(c.child_value());
    else if (name == "created") info.created = nz::clean(std::string_view(c.child_value()).substr(0, 10));
  }
}

}  // namespace

Document read_docx(std::string_view bytes, const std::string& source, const Limits& limits) {
  const Zip zip = open_zip(bytes, source);
  std::string xml;
  if (!read_part(zip.get(), "word/document.xml", limits.max_input_bytes, source, xml))
    throw InputError(source, "a ZIP archive without word/document.xml: not a .docx (an .xlsx, .pptx or other archive?)");
  const pugi::xml_document document = parse_part(xml, "word/document.xml", source);
  xml.clear();
  docx::Numbering numbering;
  if (read_part(zip.get(), "word/numbering.xml", limits.max_input_bytes, source, xml))
    numbering = docx::Numbering(parse_part(xml, "word/numbering.xml", source));
  xml.clear();
  if (read_part(zip.get(), "word/styles.xml", limits.max_input_bytes, source, xml))
    numbering.add_styles(parse_part(xml, "word/styles.xml", source));
  Document doc;
  Reader reader{limits, doc, numbering};
  const pugi::xml_node body = child(document.first_child(), "body");
  if (!body) throw InputError(source, "word/document.xml has no w:body: not a Word document");
  reader.body(body, 0);
  if (reader.text.cut)
    doc.diagnostics.push_back({Severity::warning, "limit.nesting-depth",
                               "markup nested deeper than " + std::to_string(limits.max_nesting_depth) +
                                   " levels left out (--max-nesting-depth)", {}});
  xml.clear();
  if (read_part(zip.get(), "docProps/core.xml", limits.max_input_bytes, source, xml))
    read_core(parse_part(xml, "docProps/core.xml", source), doc.info);
  doc.title = nz::join_lines(reader.title_lines);
  if (doc.title.empty()) doc.title = doc.info.title;
  return doc;
}

}  // namespace nianbao::extract
