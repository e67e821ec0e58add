// Heading knowledge from the template data, for extract::build_sections: the level-1 section
// headings of every format and the variants of headings.xml (known), table row labels that look
// like headings (not_headings), and the words a run-in heading ends with.
#include <pugixml.hpp>

#include <algorithm>

#include "normalize/normalize.h"
#include "schema/internal/labels.h"
#include "schema/schema.h"
#include "schema/template.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

void add_unique(std::vector<std::string>& v, std::string s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

extract::HeadingHints load_hints() {
  extract::HeadingHints h;
  for (const Template& t : templates()) {
    for (const SectionDef& s : t.sections) add_unique(h.known, strip_number(nz::fold(s.heading)));
    for (const TableDef& table : t.tables)
      for (const RowDef& row : table.rows)
        for (const std::string& label : row.labels) add_unique(h.not_headings, strip_number(nz::fold(label)));
  }
  pugi::xml_document doc;
  const std::string_view xml = data_file("headings.xml");
  doc.load_buffer(xml.data(), xml.size());
  for (pugi::xml_node k : doc.child("headings").children("known")) add_unique(h.known, nz::fold(k.text().get()));
  for (pugi::xml_node w : doc.child("headings").children("end-word")) add_unique(h.end_words, nz::fold(w.text().get()));
  return h;
}

}  // namespace

const extract::HeadingHints& heading_hints() {
  static const extract::HeadingHints hints = load_hints();
  return hints;
}

}  // namespace nianbao::schema
