// Loading the template data files (pugixml) and the label keys matching compares.
#include "schema/template.h"

#include <pugixml.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>

#include "normalize/normalize.h"
#include "schema/rules.h"

namespace nianbao::schema::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& files();
}

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

// Length of the leading row number in a folded label (0 if none).
std::size_t number_length(std::string_view f) { return nz::parse_list_number(f).length; }

// Keep letters, digits and ideographs; drop punctuation, quotes and symbols.
std::string strip_punctuation(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    const char32_t c = nz::next_code_point(s, i);
    if (c < 0x80 ? std::isalnum(static_cast<int>(c)) != 0 : nz::is_cjk(c)) out.append(s.substr(start, i - start));
  }
  return out;
}

// Remove parenthesised parts of a folded label: "部分公开(区分处理的,…)" → "部分公开".
std::string without_parentheticals(std::string_view f) {
  std::string out;
  int depth = 0;
  for (char c : f) {
    if (c == '(') ++depth;
    else if (c == ')') depth = depth > 0 ? depth - 1 : 0;
    else if (depth == 0) out += c;
  }
  return out;
}

ValueType parse_type(std::string_view t) {
  if (t == "signed") return ValueType::signed_count;
  if (t == "money") return ValueType::money;
  if (t.empty() || t == "count") return ValueType::count;
  throw std::runtime_error("template: unknown column type '" + std::string(t) + "'");
}

RowDef make_row(std::string id, std::vector<std::string> labels) {
  RowDef r;
  r.id = std::move(id);
  r.labels = std::move(labels);
  for (const std::string& l : r.labels) {
    const std::string f = nz::fold(l);
    if (r.number.empty()) r.number = label_number(f);
    for (std::string k : {label_key(l), strip_punctuation(without_parentheticals(f.substr(number_length(f))))}) {
      if (!k.empty() && std::find(r.keys.begin(), r.keys.end(), k) == r.keys.end()) r.keys.push_back(k);
    }
  }
  return r;
}

void load_rows(const pugi::xml_node& parent_node, int parent, int depth, TableDef& table) {
  for (pugi::xml_node n : parent_node.children()) {
    const std::string name = n.name();
    if (name != "row" && name != "group") continue;
    std::vector<std::string> labels;
    if (name == "group" && n.attribute("label")) labels.push_back(n.attribute("label").value());
    for (pugi::xml_node l : n.children("label")) labels.push_back(l.text().get());
    RowDef r = make_row(n.attribute("id").value(), labels);
    r.parent = parent;
    r.depth = depth;
    r.group = name == "group";
    r.collapsible = std::string_view(n.attribute("collapsible").value()) == "yes";
    table.rows.push_back(std::move(r));
    if (name == "group") load_rows(n, static_cast<int>(table.rows.size() - 1), depth + 1, table);
  }
}

int line_of(std::string_view xml, std::ptrdiff_t offset) {
  if (offset < 0) return 0;
  const std::string_view before = xml.substr(0, static_cast<std::size_t>(offset));
  return static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
}

// What the engine would otherwise get silently wrong: a table in no known section, a rule
// whose for-each or terms name nothing (it would stay undetermined in every report).
void validate(Template& t, std::string_view xml, std::string_view file, const pugi::xml_node& root) {
  auto fail = [&](int line, const std::string& what) {
    throw TemplateError(std::string(file) + ":" + std::to_string(line) + ": " + what);
  };
  if (t.id.empty()) fail(line_of(xml, root.offset_debug()), "the <template> element has no id");
  std::size_t ti = 0;
  for (pugi::xml_node tn : root.children("table")) {
    const TableDef& table = t.tables[ti++];
    if (!table.section.empty() && !t.section(table.section))
      fail(line_of(xml, tn.offset_debug()), "table " + table.id + ": no section \"" + table.section + "\" in the template");
    if (table.cell.find("{col}") == std::string::npos)
      fail(line_of(xml, tn.offset_debug()), "table " + table.id + ": its cell pattern has no {col}");
  }
  std::vector<std::string> sorted = t.cells;
  std::sort(sorted.begin(), sorted.end());
  if (const auto twice = std::adjacent_find(sorted.begin(), sorted.end()); twice != sorted.end())
    fail(line_of(xml, root.offset_debug()), "cell " + *twice + " is defined twice");
  for (RuleDef& rule : t.rules) {
    try {
      for (const RuleText& text : rule_texts(t, rule))
        for (const auto* side : {&text.left, &text.right})
          for (const RuleTerm& term : *side) {
            if (t.cell_of(term.cell) < 0) throw TemplateError("\"" + term.cell + "\" is not a cell of " + t.id);
            rule.cross_year = rule.cross_year || term.previous;
          }
    } catch (const TemplateError& e) {
      fail(rule.line, "rule " + rule.id + ": " + e.what());
    }
  }
}

Template load_template(std::string_view xml, std::string_view file) {
  pugi::xml_document doc;
  const pugi::xml_parse_result ok = doc.load_buffer(xml.data(), xml.size());
  if (!ok) throw TemplateError(std::string(file) + ":" + std::to_string(line_of(xml, ok.offset)) + ": " + ok.description());
  const pugi::xml_node root = doc.child("template");
  if (!root) throw TemplateError(std::string(file) + ":1: not a template (no <template> element)");
  Template t;
  t.id = root.attribute("id").value();
  t.name = root.attribute("name").value();
  for (pugi::xml_node s : root.child("signals").children("signal")) t.signals.push_back(nz::fold(s.text().get()));
  for (pugi::xml_node s : root.child("sections").children("section")) {
    const std::string heading = s.text().get();
    const std::string match = s.attribute("match") ? s.attribute("match").value() : heading;
    t.sections.push_back({s.attribute("id").value(), heading, label_key(match)});
  }
  for (pugi::xml_node tn : root.children("table")) {
    TableDef table;
    table.id = tn.attribute("id").value();
    table.title = tn.attribute("title").value();
    table.section = tn.attribute("section").value();
    table.cell = tn.attribute("cell").value();
    table.header = tn.attribute("header").value();
    table.single_row = std::string_view(tn.attribute("layout").value()) == "single-row";
    for (pugi::xml_node c : tn.children("column"))
      table.columns.push_back({c.attribute("key").value(), c.text().get(), c.attribute("group").value(),
                               parse_type(c.attribute("type").value()), label_key(c.text().get())});
    load_rows(tn, -1, 0, table);
    if (table.single_row) table.rows.push_back(make_row(table.id, {}));
    t.tables.push_back(std::move(table));
  }
  for (pugi::xml_node r : root.child("rules").children("rule"))
    t.rules.push_back({r.attribute("id").value(), r.attribute("for-each").value(), r.text().get(), false,
                       line_of(xml, r.offset_debug())});
  for (int ti = 0; ti < static_cast<int>(t.tables.size()); ++ti) {
    TableDef& table = t.tables[ti];
    table.cell_index.assign(table.rows.size(), std::vector<int>(table.columns.size(), -1));
    for (int r = 0; r < static_cast<int>(table.rows.size()); ++r)
      for (int c = 0; c < static_cast<int>(table.columns.size()); ++c) {
        table.cell_index[r][c] = static_cast<int>(t.cells.size());
        t.cells.push_back(table.cell_id(table.rows[r], table.columns[c]));
        t.cell_refs.push_back({ti, r, c});
      }
  }
  validate(t, xml, file, root);
  static std::atomic<std::uint64_t> loads{0};
  t.serial = ++loads;
  return t;
}

}  // namespace

std::string label_number(std::string_view folded_label) {
  const std::size_t n = number_length(folded_label);
  if (n == 0) return "";
  std::string_view num = folded_label.substr(0, n);
  if (num.front() != '(') {
    // drop the trailing punctuation: "1." → "1", "三、" → "三"
    if (num.back() == '.' || num.back() == ',') num.remove_suffix(1);
    else num.remove_suffix(3);
  }
  return std::string(num);
}

std::string strip_number(std::string_view folded_label) {
  return std::string(folded_label.substr(number_length(folded_label)));
}

std::string label_key(std::string_view label) {
  const std::string f = nz::fold(label);
  return strip_punctuation(std::string_view(f).substr(number_length(f)));
}

LabelText label_text(std::string_view text) {
  const std::string f = nz::fold(text);
  return {strip_punctuation(std::string_view(f).substr(number_length(f))), label_number(f)};
}

std::string TableDef::cell_id(const RowDef& row, const ColumnDef& col) const {
  std::string out;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell.compare(i, 5, "{row}") == 0) {
      out += row.id;
      i += 4;
    } else if (cell.compare(i, 5, "{col}") == 0) {
      out += col.key;
      i += 4;
    } else {
      out += cell[i];
    }
  }
  return out;
}

std::vector<int> TableDef::data_rows(const std::vector<int>& collapsed) const {
  std::vector<int> out;
  auto inside_collapsed = [&](int i) {
    for (int p = rows[i].parent; p >= 0; p = rows[p].parent)
      if (std::find(collapsed.begin(), collapsed.end(), p) != collapsed.end()) return true;
    return false;
  };
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
    if (inside_collapsed(i)) continue;
    const bool as_row = !rows[i].group || std::find(collapsed.begin(), collapsed.end(), i) != collapsed.end();
    if (as_row) out.push_back(i);
  }
  return out;
}

std::vector<int> TableDef::collapsible_groups() const {
  std::vector<int> out;
  for (int i = 0; i < static_cast<int>(rows.size()); ++i)
    if (rows[i].collapsible) out.push_back(i);
  return out;
}

int TableDef::find_row(std::string_view row_id) const {
  for (int i = 0; i < static_cast<int>(rows.size()); ++i)
    if (rows[i].id == row_id) return i;
  return -1;
}

int Template::cell_of(std::string_view cell_id) const {
  // A handful of lookups per rule expansion (cached), so a linear scan is enough.
  for (std::size_t i = 0; i < cells.size(); ++i)
    if (cells[i] == cell_id) return static_cast<int>(i);
  return -1;
}

const SectionDef* Template::section(std::string_view section_id) const {
  for (const SectionDef& s : sections)
    if (s.id == section_id) return &s;
  return nullptr;
}

const TableDef* Template::table(std::string_view table_id) const {
  for (const TableDef& t : tables)
    if (t.id == table_id) return &t;
  return nullptr;
}

std::string_view data_file(std::string_view name) {
  for (const auto& [file, content] : embedded::files())
    if (file == name) return content;
  throw std::runtime_error("missing data file " + std::string(name));
}

const std::vector<Template>& templates() {
  static const std::vector<Template> all = [] {
    std::vector<Template> out;
    for (const auto& [file, content] : embedded::files())
      if (content.find("<template ") != std::string_view::npos) out.push_back(load_template(content, "schema/templates/" + std::string(file)));
    std::sort(out.begin(), out.end(), [](const Template& a, const Template& b) { return a.id < b.id; });
    return out;
  }();
  return all;
}

Template load_template_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TemplateError(path + ": cannot read the template file");
  const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return load_template(xml, path);
}

const Template* find_template(std::string_view id) {
  for (const Template& t : templates())
    if (t.id == id) return &t;
  return nullptr;
}

}  // namespace nianbao::schema
