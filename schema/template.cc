// Reading a template's XML (pugixml) into a Template, checked: the build-time tool that prepares
// the built-in templates (tools/templates_blob.cc) and load_template_file (template_files.cc).
#include "schema/template.h"

#include <pugixml.hpp>
#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <optional>
#include <stdexcept>

#include "normalize/normalize.h"
#include "schema/internal/labels.h"
#include "schema/internal/rules.h"
#include "schema/internal/template_load.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

// A column's type="…", or nullopt when it names none of them.
std::optional<ValueType> parse_type(std::string_view t) {
  if (t == "signed") return ValueType::signed_count;
  if (t == "money") return ValueType::money;
  if (t.empty() || t == "count") return ValueType::count;
  return std::nullopt;
}

// A table's layout="…", or nullopt when it names none of them.
std::optional<TableLayout> parse_layout(std::string_view l) {
  if (l == "label-blocks") return TableLayout::label_blocks;
  if (l == "grid") return TableLayout::grid;
  if (l == "single-row") return TableLayout::single_row;
  return std::nullopt;
}

RowDef make_row(std::string id, std::vector<std::string> labels) {
  RowDef r;
  r.id = std::move(id);
  r.labels = std::move(labels);
  for (const std::string& l : r.labels) {
    if (r.number.empty()) r.number = label_number(nz::fold(l));
    for (const std::string& k : label_keys(l))
      if (std::find(r.keys.begin(), r.keys.end(), k) == r.keys.end()) r.keys.push_back(k);
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

// One template file, or a file it includes: its text (for line numbers) and its name.
struct Source {
  std::string_view xml;
  std::string file;
  [[noreturn]] void fail(const pugi::xml_node& at, const std::string& what) const {
    throw TemplateError(file + ":" + std::to_string(line_of(xml, at.offset_debug())) + ": " + what);
  }
  // The line of a node of this file. Rules and phrases ask in document order: the count goes on
  // from the last answer instead of from the start (counting from the start for each of a
  // format's ~150 rules was a tenth of a short extract's start-up).
  int line_at(std::ptrdiff_t offset) const {
    if (offset < 0) return 0;
    if (static_cast<std::size_t>(offset) < counted_to_) counted_to_ = 0, line_ = 1;
    const std::size_t to = std::min(static_cast<std::size_t>(offset), xml.size());
    line_ += static_cast<int>(std::count(xml.begin() + static_cast<std::ptrdiff_t>(counted_to_), xml.begin() + static_cast<std::ptrdiff_t>(to), '\n'));
    counted_to_ = to;
    return line_;
  }
  mutable std::size_t counted_to_ = 0;
  mutable int line_ = 1;
};

// Reads a template and the files it includes into one Template. An <include file="x.xml"/>
// among the tables brings the tables of x.xml's <fragment> in its place, one inside <rules>
// its rules; <as-row group="id"/> inside an include turns that group into a plain data row
// (a format that prints it as one row only).
class Loader {
 public:
  Loader(Template& t, Resolver resolve) : t_(t), resolve_(std::move(resolve)) {}

  void tables(const pugi::xml_node& parent, const Source& src) {
    for (pugi::xml_node n : parent.children()) {
      const std::string_view name = n.name();
      if (name == "table") {
        table(n, src);
      } else if (name == "include") {
        with_fragment(n, src, [&](const pugi::xml_node& fragment, const Source& inc) { tables(fragment, inc); });
        for (pugi::xml_node g : n.children("as-row")) as_row(g, src);
      }
    }
  }

  void rules(const pugi::xml_node& parent, const Source& src) {
    for (pugi::xml_node n : parent.children()) {
      const std::string_view name = n.name();
      if (name == "rule") {
        t_.rules.push_back({n.attribute("id").value(), n.attribute("for-each").value(), n.text().get(), false,
                            src.line_at(n.offset_debug()), src.file});
      } else if (name == "text-rule") {
        text_rule(n, src);
      } else if (name == "finding") {
        finding(n, src);
      } else if (name == "include") {
        with_fragment(n, src, [&](const pugi::xml_node& fragment, const Source& inc) { rules(fragment.child("rules"), inc); });
      }
    }
  }

 private:
  // <finding id="F2" test="section-says" section="sec.problems"><phrase>无</phrase>…</finding>
  void finding(const pugi::xml_node& n, const Source& src) {
    FindingDef f;
    f.id = n.attribute("id").value();
    if (f.id.empty()) src.fail(n, "a <finding> has no id");
    const std::string_view test = n.attribute("test").value();
    if (test == "table-printed") f.test = FindingTest::table_printed;
    else if (test == "section-says") f.test = FindingTest::section_says;
    else if (test == "section-mentions") f.test = FindingTest::section_mentions;
    else src.fail(n, "finding " + f.id + ": test=\"" + std::string(test) + "\" is not table-printed, section-says or section-mentions");
    f.section = n.attribute("section").value();
    if (!f.section.empty() && !t_.section(f.section))
      src.fail(n, "finding " + f.id + ": no section \"" + f.section + "\" in the template");
    if (f.section.empty() && f.test != FindingTest::table_printed) src.fail(n, "finding " + f.id + ": no section=\"…\"");
    for (pugi::xml_node ph : n.children("phrase")) {
      std::string folded;
      for (const char c : nz::fold(ph.text().get()))
        if (c != ' ') folded += c;
      if (!folded.empty()) f.phrases.push_back(std::move(folded));
    }
    if (f.phrases.empty() && f.test == FindingTest::section_mentions)
      src.fail(n, "finding " + f.id + ": a section-mentions finding has at least one <phrase>");
    f.line = src.line_at(n.offset_debug());
    f.file = src.file;
    t_.findings.push_back(std::move(f));
  }

  // <text-rule id="N1"><phrase cells="a + b | c">pattern</phrase>…: phrases of one id, from a
  // template and the files it includes, are one rule.
  void text_rule(const pugi::xml_node& n, const Source& src) {
    const std::string id = n.attribute("id").value();
    if (id.empty()) src.fail(n, "a <text-rule> has no id");
    auto it = std::find_if(t_.text_rules.begin(), t_.text_rules.end(), [&](const TextRuleDef& r) { return r.id == id; });
    if (it == t_.text_rules.end()) it = t_.text_rules.insert(t_.text_rules.end(), TextRuleDef{id, {}});
    for (pugi::xml_node ph : n.children("phrase")) {
      PhraseDef def{ph.text().get(), {}, {}, src.line_at(ph.offset_debug()), src.file};
      std::string alternative;
      for (const char c : std::string(ph.attribute("cells").value()) + "|") {
        if (c != '|') {
          alternative += c;
          continue;
        }
        std::vector<std::string> sum;
        std::string cell;
        for (const char d : alternative + "+") {
          if (d == '+') {
            if (!cell.empty()) sum.push_back(cell);
            cell.clear();
          } else if (d != ' ') cell += d;
        }
        if (sum.empty()) src.fail(ph, "text rule " + id + ": a phrase names no cell (cells=\"a + b | c\")");
        def.cells.push_back(std::move(sum));
        alternative.clear();
      }
      it->phrases.push_back(std::move(def));
    }
  }

  template <class Use>
  void with_fragment(const pugi::xml_node& include, const Source& src, const Use& use) {
    const std::string name = include.attribute("file").value();
    std::string xml;
    try {
      xml = resolve_(name);
    } catch (const std::exception& e) {
      src.fail(include, "cannot include \"" + name + "\": " + e.what());
    }
    pugi::xml_document doc;
    const pugi::xml_parse_result ok = doc.load_buffer(xml.data(), xml.size());
    const Source inc{xml, name};
    if (!ok) throw TemplateError(name + ":" + std::to_string(line_of(xml, ok.offset)) + ": " + ok.description());
    const pugi::xml_node fragment = doc.child("fragment");
    if (!fragment) throw TemplateError(name + ":1: an included file holds a <fragment>");
    use(fragment, inc);
  }

  void table(const pugi::xml_node& tn, const Source& src) {
    TableDef table;
    table.id = tn.attribute("id").value();
    table.title = tn.attribute("title").value();
    table.section = tn.attribute("section").value();
    table.cell = tn.attribute("cell").value();
    table.header = tn.attribute("header").value();
    if (!table.section.empty() && !t_.section(table.section))
      src.fail(tn, "table " + table.id + ": no section \"" + table.section + "\" in the template");
    if (table.cell.find("{col}") == std::string::npos) src.fail(tn, "table " + table.id + ": its cell pattern has no {col}");
    const std::string layout = tn.attribute("layout").value();
    const std::optional<TableLayout> parsed = parse_layout(layout);
    if (!parsed)
      src.fail(tn, "table " + table.id + ": layout=\"" + layout + "\" is not label-blocks, grid or single-row");
    table.layout = *parsed;
    check_section_shared(table, tn, src);
    for (pugi::xml_node c : tn.children("column")) {
      const std::optional<ValueType> type = parse_type(c.attribute("type").value());
      if (!type)
        src.fail(c, "column " + std::string(c.attribute("key").value()) + ": type=\"" + c.attribute("type").value() +
                        "\" is not count, signed or money");
      table.columns.push_back({c.attribute("key").value(), c.text().get(), c.attribute("group").value(), *type,
                               label_key(c.text().get())});
    }
    load_rows(tn, -1, 0, table);
    if (table.layout == TableLayout::single_row) {
      if (!table.rows.empty()) src.fail(tn, "table " + table.id + ": a single-row table has no <row> or <group>");
      table.rows.push_back(make_row(table.id, {}));
    } else if (table.rows.empty()) {
      src.fail(tn, "table " + table.id + ": no <row>");
    }
    t_.tables.push_back(std::move(table));
  }

  // The mapper reads the tables of a section together: only label-blocks tables share one,
  // one right after another (a grid or a single-row table is alone in its section).
  void check_section_shared(const TableDef& table, const pugi::xml_node& tn, const Source& src) const {
    for (const TableDef& other : t_.tables) {
      if (other.section != table.section) continue;
      const bool together = table.layout == TableLayout::label_blocks && other.layout == TableLayout::label_blocks &&
                            t_.tables.back().section == table.section;
      if (!together)
        src.fail(tn, "table " + table.id + ": shares section \"" + table.section + "\" with table " + other.id +
                         "; only label-blocks tables share a section, one right after another");
    }
  }

  // The group becomes a data row: its descendants (the rows right after it) are dropped.
  void as_row(const pugi::xml_node& at, const Source& src) {
    const std::string id = at.attribute("group").value();
    for (TableDef& table : t_.tables) {
      const int g = table.find_row(id);
      if (g < 0) continue;
      if (!table.rows[g].group) src.fail(at, "as-row: " + id + " is not a group");
      int end = g + 1;
      auto inside = [&](int r) {
        for (int p = table.rows[r].parent; p >= 0; p = table.rows[p].parent)
          if (p == g) return true;
        return false;
      };
      while (end < static_cast<int>(table.rows.size()) && inside(end)) ++end;
      table.rows.erase(table.rows.begin() + g + 1, table.rows.begin() + end);
      for (RowDef& r : table.rows)
        if (r.parent >= end) r.parent -= end - g - 1;
      table.rows[g].group = table.rows[g].collapsible = false;
      return;
    }
    src.fail(at, "as-row: no group " + id + " in the included tables");
  }

  Template& t_;
  Resolver resolve_;
};

// What the engine would otherwise get silently wrong: a cell defined twice, a rule whose
// for-each or terms name nothing (it would stay undetermined in every report). Tables are
// checked as they load.
void validate(Template& t, const Source& src, const pugi::xml_node& root) {
  std::vector<std::string> sorted = t.cells;
  std::sort(sorted.begin(), sorted.end());
  if (const auto twice = std::adjacent_find(sorted.begin(), sorted.end()); twice != sorted.end())
    src.fail(root, "cell " + *twice + " is defined twice");
  for (RuleDef& rule : t.rules) {
    try {
      for (const RuleText& text : rule_texts(t, rule))
        for (const auto* side : {&text.left, &text.right})
          for (const RuleTerm& term : *side) {
            if (t.cell_of(term.cell) < 0) throw TemplateError("\"" + term.cell + "\" is not a cell of " + t.id);
            rule.cross_year = rule.cross_year || term.previous;
          }
    } catch (const TemplateError& e) {
      throw TemplateError(rule.file + ":" + std::to_string(rule.line) + ": rule " + rule.id + ": " + e.what());
    }
  }
}

// A phrase whose pattern does not compile, has not exactly one group, or names a cell the
// template does not have would never match or never be checked. Compiling the patterns is most
// of a template's load (RE2 builds the UTF-8 automata of classes like [^。;,]): the built-in
// templates leave it to the first text check (text_checks.cc), their patterns being checked
// by the tests that load their files.
void validate_text_rules(Template& t, bool compile_patterns) {
  for (TextRuleDef& rule : t.text_rules)
    for (PhraseDef& p : rule.phrases) {
      const std::string where = p.file + ":" + std::to_string(p.line) + ": text rule " + rule.id + ": ";
      if (compile_patterns) {
        auto re = std::make_shared<const re2::RE2>(p.pattern, re2::RE2::Quiet);
        if (!re->ok()) throw TemplateError(where + "pattern: " + re->error());
        if (re->NumberOfCapturingGroups() != 1) throw TemplateError(where + "a pattern has exactly one group, the number");
        p.re = std::move(re);
      }
      for (const auto& sum : p.cells)
        for (const std::string& cell : sum)
          if (t.cell_of(cell) < 0) throw TemplateError(where + "\"" + cell + "\" is not a cell of " + t.id);
    }
}

}  // namespace

std::uint64_t next_template_serial() {
  static std::atomic<std::uint64_t> loads{0};
  return ++loads;
}

Template load_template(std::string_view xml, const std::string& file, const Resolver& resolve, bool compile_patterns) {
  pugi::xml_document doc;
  const pugi::xml_parse_result ok = doc.load_buffer(xml.data(), xml.size());
  if (!ok) throw TemplateError(file + ":" + std::to_string(line_of(xml, ok.offset)) + ": " + ok.description());
  const pugi::xml_node root = doc.child("template");
  if (!root) throw TemplateError(file + ":1: not a template (no <template> element)");
  const Source src{xml, file};
  Template t;
  t.id = root.attribute("id").value();
  t.name = root.attribute("name").value();
  if (t.id.empty()) src.fail(root, "the <template> element has no id");
  for (pugi::xml_node s : root.child("signals").children("signal")) t.signals.push_back(nz::fold(s.text().get()));
  // years="2019-2020" or "2021-": the reporting years the format is for.
  const std::string years = root.attribute("years").value();
  if (const std::size_t dash = years.find('-'); dash != std::string::npos) {
    t.first_year = std::atoi(years.substr(0, dash).c_str());
    t.last_year = std::atoi(years.substr(dash + 1).c_str());
  }
  for (pugi::xml_node s : root.child("sections").children("section")) {
    const std::string heading = s.text().get();
    const std::string match = s.attribute("match") ? s.attribute("match").value() : heading;
    t.sections.push_back({s.attribute("id").value(), heading, label_key(match), label_key(heading)});
  }
  Loader loader(t, resolve);
  loader.tables(root, src);
  loader.rules(root.child("rules"), src);
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
  validate(t, src, root);
  validate_text_rules(t, compile_patterns);
  derive_label_thresholds(t);
  t.serial = next_template_serial();
  return t;
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
  out.reserve(rows.size());  // one allocation, not one per doubling
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

}  // namespace nianbao::schema
