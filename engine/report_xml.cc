// Our XML output read back with pugixml: metadata, cells, checks, sentences with section paths.
#include "engine/internal/report_xml.h"

#include <pugixml.hpp>

#include <filesystem>
#include <initializer_list>
#include <string_view>

#include "engine/internal/search_text.h"
#include "model/errors.h"
#include "schema/template.h"

namespace nianbao::engine {

namespace {

// A table row as one line of text: its cells' text joined by spaces.
std::string row_text(const pugi::xml_node& row) {
  std::string text;
  for (const pugi::xml_node& cell : row.children("cell")) {
    const std::string_view t = cell.text().get();
    if (t.empty()) continue;
    if (!text.empty()) text += ' ';
    text += t;
  }
  return text;
}

void collect_sentences(const pugi::xml_node& node, const std::string& path, std::vector<XmlSentence>& out) {
  for (const pugi::xml_node& child : node.children()) {
    const std::string_view name = child.name();
    if (name == "p") {
      for (const pugi::xml_node& s : child.children("s")) {
        std::string text = s.text().get();
        const char* kind = is_table_text(text) ? "table" : "sentence";
        out.push_back({path, std::move(text), kind});
      }
    } else if (name == "table") {
      for (const pugi::xml_node& row : child.children("row"))
        if (std::string text = row_text(row); !text.empty()) out.push_back({path, std::move(text), "table"});
    } else if (name == "section") {
      const std::string heading = child.child("heading").text().get();
      collect_sentences(child, path.empty() ? heading : path + section_separator + heading, out);
    }
  }
}

// A number as the schema writes it: -?[0-9]+(\.[0-9]+)?
bool schema_number(std::string_view s) {
  std::size_t i = !s.empty() && s[0] == '-' ? 1 : 0;
  const std::size_t digits_from = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == digits_from) return false;
  if (i == s.size()) return true;
  if (s[i] != '.' || ++i == s.size()) return false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i == s.size();
}

bool one_of(std::string_view s, std::initializer_list<std::string_view> allowed) {
  for (const std::string_view a : allowed)
    if (s == a) return true;
  return false;
}

// What the loaded report may hold, as output/nianbao.rng and the templates say: a known
// template, its own cell ids, the states and results of the schema, numbers as numbers. A
// hand-edited or foreign file fails here, before it adds columns or states to the exports.
void validate(const std::string& path, const XmlReport& r) {
  auto refuse = [&](const std::string& what) { throw InputError(path, "not a valid nianbao report: " + what); };
  const schema::Template* const t = schema::find_template(r.template_id);
  if (!t && r.template_id != "none") refuse("unknown template \"" + r.template_id + "\"");
  for (std::size_t i = 0; i < r.cells.size(); ++i) {
    const XmlCell& c = r.cells[i];
    const std::string where = "value " + std::to_string(i + 1) + " (cell \"" + c.cell + "\"): ";
    if (!t || t->cell_of(c.cell) < 0) refuse(where + "not a cell of the template " + r.template_id);
    if (!one_of(c.state, {"number", "blank", "dash", "ambiguous"})) refuse(where + "unknown state \"" + c.state + "\"");
    if (c.state == "number" && !schema_number(c.value)) refuse(where + "\"" + c.value + "\" is not a number");
  }
  for (const XmlCheck& c : r.checks)
    if (!one_of(c.result, {"pass", "fail", "undetermined"}))
      refuse("check " + c.rule + ": unknown result \"" + c.result + "\"");
  if (!r.year.empty() && !(r.year.size() == 4 && schema_number(r.year))) refuse("year \"" + r.year + "\" is not a year");
}

}  // namespace

XmlReport read_report_xml(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(path, std::filesystem::exists(path, ec) ? "not a regular file" : "no such file");
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_file(path.c_str(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed)
    throw InputError(path, std::string("not well-formed XML: ") + parsed.description(),
                     "byte " + std::to_string(parsed.offset));
  const pugi::xml_node root = doc.child("report");
  const std::string generator = root.attribute("generator").as_string();
  if (!root || generator.rfind("nianbao", 0) != 0)
    throw InputError(path, "not a report written by nianbao (no <report generator=\"nianbao …\"> root)");

  XmlReport r;
  r.path = path;
  r.generator = generator;
  r.id = root.attribute("id").as_string();
  r.source = root.attribute("source").as_string();
  r.template_id = root.attribute("template").as_string();
  r.input_kind = root.attribute("input").as_string();
  const pugi::xml_node meta = root.child("meta");
  r.title = meta.child("title").text().get();
  const pugi::xml_node agency = meta.child("agency");
  r.agency = agency.text().get();
  r.division = agency.attribute("division").as_string();
  r.province = agency.attribute("province").as_string();
  r.city = agency.attribute("city").as_string();
  r.county = agency.attribute("county").as_string();
  r.year = meta.child("year").text().get();
  const pugi::xml_node provenance = meta.child("provenance");
  r.url = provenance.attribute("url").as_string();
  r.retrieved = provenance.attribute("retrieved").as_string();
  r.published = provenance.attribute("published").as_string();

  for (const pugi::xml_node& v : root.child("values").children("value")) {
    XmlCell c;
    c.cell = v.attribute("cell").as_string();
    c.raw = v.attribute("raw").as_string();
    c.unit = v.attribute("unit").as_string();
    c.note = v.attribute("note").as_string();
    c.replaced = v.attribute("replaced").as_string();
    c.line = v.attribute("line").as_string();
    c.page = v.attribute("page").as_string();
    const pugi::xml_attribute state = v.attribute("state");
    c.state = state ? state.as_string() : "number";
    if (!state) c.value = v.text().get();
    r.cells.push_back(std::move(c));
  }
  for (const pugi::xml_node& t : root.child("tables-read").children("table-read"))
    r.table_reads.push_back({t.attribute("id").as_string(), t.attribute("expected").as_ullong(),
                             t.attribute("read").as_ullong(), t.attribute("blank").as_ullong(),
                             t.attribute("dash").as_ullong(), t.attribute("ambiguous").as_ullong(),
                             t.attribute("unread").as_ullong()});
  for (const pugi::xml_node& c : root.child("checks").children("check"))
    r.checks.push_back({c.attribute("rule").as_string(), c.attribute("scope").as_string(),
                        c.attribute("result").as_string(), c.attribute("left").as_string(),
                        c.attribute("right").as_string()});
  for (const pugi::xml_node& d : root.child("diagnostics").children("diagnostic")) {
    const std::string_view severity = d.attribute("severity").as_string();
    if (severity == "warning" || severity == "error") ++r.warnings;
  }
  collect_sentences(root.child("body"), "", r.sentences);
  validate(path, r);
  return r;
}

}  // namespace nianbao::engine
