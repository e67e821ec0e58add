// Heading knowledge from the template data, for extract::build_sections: the level-1 section
// headings of every format and the variants of headings.xml (known), table row labels that look
// like headings (not_headings), and the words a run-in heading ends with. Computed at build time
// with the templates (tools/templates_blob.cc) and read back by heading_hints().
#include <pugixml.hpp>

#include <algorithm>
#include <stdexcept>

#include "normalize/normalize.h"
#include "schema/internal/labels.h"
#include "schema/internal/template_load.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

void add_unique(std::vector<std::string>& v, std::string s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

}  // namespace

extract::HeadingHints compute_heading_hints(const std::vector<Template>& templates, std::string_view headings_xml) {
  extract::HeadingHints h;
  for (const Template& t : templates) {
    for (const SectionDef& s : t.sections) add_unique(h.known, strip_number(nz::fold(s.heading)));
    for (const TableDef& table : t.tables)
      for (const RowDef& row : table.rows)
        for (const std::string& label : row.labels) add_unique(h.not_headings, strip_number(nz::fold(label)));
  }
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(headings_xml.data(), headings_xml.size());
  if (!parsed) throw std::runtime_error(std::string("headings.xml: ") + parsed.description());
  for (pugi::xml_node k : doc.child("headings").children("known")) add_unique(h.known, nz::fold(k.text().get()));
  for (pugi::xml_node w : doc.child("headings").children("end-word")) add_unique(h.end_words, nz::fold(w.text().get()));
  return h;
}

}  // namespace nianbao::schema
