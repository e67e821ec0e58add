// schema/: templates read from files outside the built-in set, and what loading one checks
// (a misspelt cell in a rule, an unknown table or section fails with the file and line).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "schema/internal/rules.h"
#include "schema/internal/template_load.h"
#include "schema/schema.h"
#include "schema/template.h"
#include "tests/temp_dir.h"

using namespace nianbao;
using namespace nianbao::schema;

namespace {

// A minimal template: one table of two rows and two columns, and the rules given.
std::string small_template(const std::string& rules) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<template id=\"small\" name=\"small\">\n"
         "  <sections><section id=\"sec.a\">一、情况</section></sections>\n"
         "  <table id=\"t1\" title=\"表\" section=\"sec.a\" cell=\"{row}[{col}]\" layout=\"grid\">\n"
         "    <column key=\"x\">甲</column>\n"
         "    <column key=\"y\">乙</column>\n"
         "    <row id=\"t1.a\"><label>收入</label></row>\n"
         "    <row id=\"t1.b\"><label>支出</label></row>\n"
         "    <row id=\"t1.c\"><label>结余</label></row>\n"
         "  </table>\n"
         "  <rules>\n" + rules + "  </rules>\n</template>\n";
}

// The message loading `xml` from a file fails with ("" when it loads).
std::string load_error(const std::string& xml) {
  test::TempDir dir;
  const std::string path = dir / "small.xml";
  test::write_file(path, xml);
  try {
    load_template_file(path);
  } catch (const TemplateError& e) {
    const std::string what = e.what();
    return what.starts_with(path) ? "FILE" + what.substr(path.size()) : what;
  }
  return "";
}

}  // namespace

TEST_CASE("a template file with valid rules loads, and a subtracted term is checked on the other side") {
  test::TempDir dir;
  test::write_file(dir / "small.xml",
                   small_template("    <rule id=\"B\" for-each=\"column:t1\">t1.c[$c] = t1.a[$c] - t1.b[$c]</rule>\n"));
  const Template t = load_template_file(dir / "small.xml");
  CHECK(t.id == "small");
  CHECK(t.cells.size() == 6);
  REQUIRE(t.rules.size() == 1);
  CHECK(t.rules[0].line == 12);
  CHECK_FALSE(t.rules[0].cross_year);
  const std::vector<RuleInstance>& rules = expand_rules(t, {});
  REQUIRE(rules.size() == 2);  // one per column
  CHECK(rules[0].scope == "x");
  // t1.c[x] + t1.b[x] = t1.a[x]
  CHECK(rules[0].left == std::vector<int>{t.cell_of("t1.c[x]"), t.cell_of("t1.b[x]")});
  CHECK(rules[0].right == std::vector<int>{t.cell_of("t1.a[x]")});
}

TEST_CASE("a misspelt cell in a rule fails the load with the file, the line and the term") {
  const std::string e =
      load_error(small_template("    <rule id=\"B\">t1.c[x] = t1.a[x] - t1.b[x]</rule>\n"
                                "    <rule id=\"C\" for-each=\"column:t1\">t1.c[$c] = t1.a[$c] + t1.bb[$c]</rule>\n"));
  CHECK(e == "FILE:13: rule C: \"t1.bb[x]\" is not a cell of small");
}

TEST_CASE("a malformed rule, an unknown for-each table or section, and bad XML fail the load with the line") {
  CHECK(load_error(small_template("    <rule id=\"D\">t1.c[x] = t1.a[x] +</rule>\n")) ==
        "FILE:12: rule D: a rule ends with + or -");
  CHECK(load_error(small_template("    <rule id=\"E\">t1.c[x] t1.a[x]</rule>\n")) ==
        "FILE:12: rule E: a rule has exactly one '='");
  CHECK(load_error(small_template("    <rule id=\"F\" for-each=\"column:t9\">t1.c[$c] = t1.a[$c]</rule>\n")) ==
        "FILE:12: rule F: for-each \"column:t9\" is not column:TABLE or row:TABLE of this template");
  std::string xml = small_template("");
  xml.replace(xml.find("section=\"sec.a\""), 15, "section=\"sec.b\"");
  CHECK(load_error(xml) == "FILE:4: table t1: no section \"sec.b\" in the template");
  CHECK(load_error("<template id=\"x\"><table></template>").starts_with("FILE:1: "));
}

TEST_CASE("previous(cell) makes a cross-year rule, which the checks of one report leave out") {
  test::TempDir dir;
  test::write_file(dir / "small.xml",
                   small_template("    <rule id=\"S\" for-each=\"column:t1\">t1.a[$c] = previous(t1.c[$c])</rule>\n"));
  const Template t = load_template_file(dir / "small.xml");
  REQUIRE(t.rules.size() == 1);
  CHECK(t.rules[0].cross_year);
  CHECK(expand_rules(t, {}).empty());
  const std::vector<RuleText> texts = rule_texts(t, t.rules[0]);
  REQUIRE(texts.size() == 2);
  REQUIRE(texts[1].right.size() == 1);
  CHECK(texts[1].right[0].cell == "t1.c[y]");
  CHECK(texts[1].right[0].previous);
  CHECK_FALSE(texts[1].left[0].previous);
}

TEST_CASE("an included fragment brings its tables and rules in place, as-row makes a group one data row") {
  test::TempDir dir;
  test::write_file(dir / "shared.xml",
                   "<fragment id=\"shared\">\n"
                   "  <table id=\"t9\" title=\"共\" section=\"sec.a\" cell=\"{row}[{col}]\" layout=\"label-blocks\">\n"
                   "    <column key=\"n\">数</column>\n"
                   "    <group id=\"t9.g\" label=\"（一）合并\">\n"
                   "      <row id=\"t9.g.a\"><label>1.甲</label></row>\n"
                   "      <row id=\"t9.g.b\"><label>2.乙</label></row>\n"
                   "    </group>\n"
                   "    <row id=\"t9.z\"><label>（二）其他</label></row>\n"
                   "  </table>\n"
                   "  <rules><rule id=\"Z\">t9.z[n] = t9.g[n]</rule></rules>\n"
                   "</fragment>\n");
  std::string xml = small_template("    <include file=\"shared.xml\"/>\n");
  xml.insert(xml.find("  <rules>"), "  <include file=\"shared.xml\"><as-row group=\"t9.g\"/></include>\n");
  xml.replace(xml.find("layout=\"grid\""), 13, "layout=\"label-blocks\"");  // t1 and t9 share sec.a
  test::write_file(dir / "small.xml", xml);
  const Template t = load_template_file(dir / "small.xml");
  REQUIRE(t.tables.size() == 2);
  const TableDef& shared = t.tables[1];
  CHECK(shared.id == "t9");
  REQUIRE(shared.rows.size() == 2);  // the group's two rows are gone
  CHECK(shared.rows[0].id == "t9.g");
  CHECK_FALSE(shared.rows[0].group);
  CHECK(shared.rows[1].parent == -1);
  REQUIRE(t.rules.size() == 1);
  CHECK(t.rules[0].file == "shared.xml");
  CHECK(t.rules[0].line == 10);
  CHECK(expand_rules(t, {}).size() == 1);
}

TEST_CASE("a misspelt cell in an included rule names the included file and its line") {
  test::TempDir dir;
  test::write_file(dir / "shared.xml", "<fragment id=\"shared\">\n  <rules>\n    <rule id=\"Z\">t1.a[x] = t1.q[x]</rule>\n  </rules>\n</fragment>\n");
  test::write_file(dir / "small.xml", small_template("    <include file=\"shared.xml\"/>\n"));
  try {
    load_template_file(dir / "small.xml");
    FAIL("the template loaded");
  } catch (const TemplateError& e) {
    CHECK(std::string(e.what()) == "shared.xml:3: rule Z: \"t1.q[x]\" is not a cell of small");
  }
}

TEST_CASE("a table's layout is declared: a missing or unknown one, rows in a single-row table, a bad column type fail with the line") {
  std::string xml = small_template("");
  xml.replace(xml.find(" layout=\"grid\""), 14, "");
  CHECK(load_error(xml) == "FILE:4: table t1: layout=\"\" is not label-blocks, grid or single-row");
  xml = small_template("");
  xml.replace(xml.find("layout=\"grid\""), 13, "layout=\"blocks\"");
  CHECK(load_error(xml) == "FILE:4: table t1: layout=\"blocks\" is not label-blocks, grid or single-row");
  xml = small_template("");
  xml.replace(xml.find("layout=\"grid\""), 13, "layout=\"single-row\"");
  CHECK(load_error(xml) == "FILE:4: table t1: a single-row table has no <row> or <group>");
  xml = small_template("");
  xml.replace(xml.find("<column key=\"y\">"), 17, "<column key=\"y\" type=\"float\">");
  CHECK(load_error(xml) == "FILE:6: column y: type=\"float\" is not count, signed or money");
}

TEST_CASE("only label-blocks tables share a section, one right after another, a grid is alone in its section") {
  const std::string second =
      "  <table id=\"t2\" title=\"乙表\" section=\"sec.a\" cell=\"{row}[{col}]\" layout=\"label-blocks\">\n"
      "    <column key=\"n\">数</column>\n"
      "    <row id=\"t2.a\"><label>其他</label></row>\n"
      "  </table>\n";
  std::string xml = small_template("");
  xml.insert(xml.find("  <rules>"), second);
  CHECK(load_error(xml) ==
        "FILE:11: table t2: shares section \"sec.a\" with table t1; only label-blocks tables share a section, one right "
        "after another");
  xml.replace(xml.find("layout=\"grid\""), 13, "layout=\"label-blocks\"");
  CHECK(load_error(xml) == "");
  // A table of another section between two label blocks of sec.a splits them.
  xml = small_template("");
  xml.replace(xml.find("layout=\"grid\""), 13, "layout=\"label-blocks\"");
  xml.replace(xml.find("</sections>"), 11, "<section id=\"sec.b\">二、其他</section></sections>");
  std::string other = second;
  other.replace(other.find("sec.a"), 5, "sec.b");
  other.replace(other.find("t2\""), 3, "t3\"");
  for (std::size_t at = other.find("t2."); at != std::string::npos; at = other.find("t2.")) other.replace(at, 3, "t3.");
  xml.insert(xml.find("  <rules>"), other + second);
  CHECK(load_error(xml).starts_with("FILE:15: table t2: shares section \"sec.a\" with table t1;"));
}

TEST_CASE("the built-in template files load from their files with every text-rule pattern compiled and checked") {
  // The built-in set loads without compiling its patterns (the first text check compiles
  // them): loading the same files from disk is what checks them.
  for (const char* name : {"gov-2019.xml", "gov-2021.xml"}) {
    const Template t = load_template_file(std::string(NIANBAO_SOURCE_DIR) + "/schema/templates/" + name);
    std::size_t phrases = 0;
    for (const TextRuleDef& rule : t.text_rules)
      for (const PhraseDef& p : rule.phrases) {
        CHECK_MESSAGE(p.re != nullptr, p.pattern);
        ++phrases;
      }
    CHECK(phrases > 0);
    const Template* built_in = find_template(t.id);
    REQUIRE(built_in != nullptr);
    CHECK(built_in->text_rules.size() == t.text_rules.size());
  }
}

TEST_CASE("a finding names one of its three tests and a section of the template, or the load fails with the line") {
  CHECK(load_error(small_template("    <finding id=\"F1\" test=\"table-printed\"/>\n")) == "");
  CHECK(load_error(small_template("    <finding id=\"F9\" test=\"table-present\"/>\n")) ==
        "FILE:12: finding F9: test=\"table-present\" is not table-printed, section-says or section-mentions");
  CHECK(load_error(small_template("    <finding id=\"F9\" test=\"section-says\" section=\"sec.z\"/>\n")) ==
        "FILE:12: finding F9: no section \"sec.z\" in the template");
  CHECK(load_error(small_template("    <finding id=\"F9\" test=\"section-mentions\" section=\"sec.a\"/>\n")) ==
        "FILE:12: finding F9: a section-mentions finding has at least one <phrase>");
  // The built-in formats: F1 and F2 in both, F3 (the fee, in 六) in the 2021 format only.
  for (const auto& [id, findings] : {std::pair{"gov-2019", 2}, std::pair{"gov-2021", 3}}) {
    const Template* t = find_template(id);
    REQUIRE(t);
    CHECK(t->findings.size() == static_cast<std::size_t>(findings));
  }
}

TEST_CASE("the built-in templates are their XML files as loaded and checked, every field kept by the prepared form") {
  // The program reads the templates prepared at build time (tools/templates_blob.cc); here they
  // are loaded from the source files as the program loaded them before, and compared field by field.
  const std::filesystem::path folder = std::filesystem::path(NIANBAO_SOURCE_DIR) / "schema" / "templates";
  auto read = [](const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  std::vector<Template> loaded;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string xml = read(entry.path());
    if (xml.find("<template ") == std::string::npos) continue;
    loaded.push_back(load_template(xml, "schema/templates/" + entry.path().filename().string(),
                                   [&](const std::string& name) { return read(folder / name); }, false));
  }
  std::sort(loaded.begin(), loaded.end(), [](const Template& a, const Template& b) { return a.id < b.id; });
  REQUIRE(loaded.size() == templates().size());
  REQUIRE(loaded.size() >= 2);
  for (std::size_t i = 0; i < loaded.size(); ++i) {
    CHECK(loaded[i].id == templates()[i].id);
    CHECK(loaded[i].cells == templates()[i].cells);
    CHECK(loaded[i].tables.back().rows.back().key_points == templates()[i].tables.back().rows.back().key_points);
  }
  CHECK(serialize_templates(loaded) == serialize_templates(templates()));
  CHECK(templates()[0].serial != templates()[1].serial);

  // The heading knowledge prepared with them: that of the loaded files and headings.xml.
  const extract::HeadingHints hints = compute_heading_hints(loaded, read(folder.parent_path() / "headings.xml"));
  CHECK(serialize_heading_hints(hints) == serialize_heading_hints(heading_hints()));
  CHECK(std::find(heading_hints().known.begin(), heading_hints().known.end(), "其他需要报告的事项") !=
        heading_hints().known.end());
  CHECK(!heading_hints().not_headings.empty());
  CHECK(!heading_hints().end_words.empty());
}

TEST_CASE("prepared templates cut short or with bytes left over are refused") {
  const std::string bytes = serialize_templates(templates());
  CHECK(deserialize_templates(bytes).size() == templates().size());
  CHECK_THROWS_AS(deserialize_templates(std::string_view(bytes).substr(0, bytes.size() - 1)), std::runtime_error);
  CHECK_THROWS_AS(deserialize_templates(bytes + "x"), std::runtime_error);
}
