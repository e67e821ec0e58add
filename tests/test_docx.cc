// The DOCX reader (Word 2007+, OOXML): a .docx made in the test from each corpus web page (its
// paragraphs, its level-1 numbers as Word list numbering, its tables with gridSpan and vMerge)
// yields the page's hand-checked expectations; a hand-written package from the OOXML spec places
// cells on the grid; Word 97/WPS files and damaged packages are clear errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "extract/extract.h"
#include "model/errors.h"
#include "output/output.h"
#include "tests/corpus.h"
#include "tests/docx.h"

using namespace nianbao;

namespace {

std::vector<std::string> differences(const Report& r, const test::Expected& e) {
  std::vector<std::string> diff;
  std::set<std::string> seen;
  for (const CellValue& v : r.values) {
    seen.insert(v.cell);
    const auto it = e.cells.find(v.cell);
    if (it == e.cells.end()) diff.push_back(v.cell + ": not in the source, got " + test::state_of(v));
    else if (it->second != test::state_of(v)) diff.push_back(v.cell + ": expected " + it->second + ", got " + test::state_of(v));
  }
  for (const auto& [cell, want] : e.cells)
    if (!seen.count(cell)) diff.push_back(cell + ": expected " + want + ", missing");
  return diff;
}

ExtractOptions named(const std::string& source) {
  ExtractOptions options;
  options.source = source;
  return options;
}

// The error an input gives, as the command prints it ("" when it is read).
std::string error_of(const std::string& bytes, const std::string& source) {
  try {
    extract_report(bytes, named(source));
  } catch (const InputError& e) {
    return e.describe();
  }
  return "";
}

std::vector<std::string> failing(const Report& r) {
  std::set<std::string> rules;
  for (const Check& c : r.checks)
    if (c.result == CheckResult::fail) rules.insert(c.rule);
  return {rules.begin(), rules.end()};
}

const char* const kGridFixture =
    // Row 1: A spans two grid columns and starts a vertical merge; B. Row 2: the merge goes on
    // under A (its continuation cell spans the same two columns); C. Row 3 starts one grid
    // column late (gridBefore): D, E. A header row (tblHeader) first.
    R"(<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>)"
    R"(<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>表头</w:t></w:r></w:p></w:tc></w:tr>)"
    R"(<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>)"
    R"(<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>)"
    R"(<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc>)"
    R"(<w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>)"
    R"(<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>D</w:t></w:r></w:p></w:tc>)"
    R"(<w:tc><w:p/></w:tc></w:tr></w:tbl>)";

}  // namespace

TEST_CASE("a .docx made from each corpus web page yields its expected cells, template, sections and failing rules") {
  std::size_t expected = 0, right = 0, files = 0;
  for (const std::string& file : test::corpus_files()) {
    if (file.find(".htm") == std::string::npos) continue;
    CAPTURE(file);
    ++files;
    ExtractOptions options;
    options.source = file + ".docx";
    const Report r = extract_report(test::docx_of_corpus_page(file), options);
    const test::Expected e = test::expected_for(file);
    CHECK(r.input_kind == "docx");
    CHECK(r.template_id == e.template_id);
    CHECK(test::join(test::level1_headings(r)) == test::join(e.sections));
    const std::vector<std::string> diff = differences(r, e);
    expected += e.cells.size();
    right += e.cells.size() - std::count_if(diff.begin(), diff.end(), [](const std::string& d) {
               return d.find("not in the source") == std::string::npos;
             });
    CHECK_MESSAGE(diff.empty(), test::join(diff, "\n"));
    std::vector<std::string> fails = e.fails;
    std::sort(fails.begin(), fails.end());
    CHECK(test::join(failing(r)) == test::join(fails));
    bool docx_table = false;
    for (const Block& b : r.blocks) docx_table |= b.kind == BlockKind::table && b.table().source == TableSource::docx;
    CHECK(docx_table);
    CHECK(test::validate_against_schema(output::to_xml(r)) == "");
  }
  CHECK(files >= 7);
  MESSAGE("cells read from the .docx of " << files << " corpus pages: " << right << " / " << expected);
}

TEST_CASE("gridSpan, vMerge and gridBefore place a .docx table's cells on the grid with their spans") {
  const Report r = extract_report(test::docx_package(kGridFixture), named("grid.docx"));
  const Block* t = nullptr;
  for (const Block& b : r.blocks)
    if (b.kind == BlockKind::table) t = &b;
  REQUIRE(t);
  CHECK(t->table().source == TableSource::docx);
  CHECK(t->table().columns == 3);
  REQUIRE(t->table().rows.size() == 4);
  CHECK(t->table().rows[0].header);
  const auto& r1 = t->table().rows[1].cells;
  REQUIRE(r1.size() == 2);
  CHECK((r1[0].text == "A" && r1[0].col == 0 && r1[0].rows == 2 && r1[0].cols == 2));
  CHECK((r1[1].text == "1" && r1[1].col == 2 && r1[1].rows == 1));
  const auto& r2 = t->table().rows[2].cells;  // the continuation is covered: only "2"
  REQUIRE(r2.size() == 1);
  CHECK((r2[0].text == "2" && r2[0].col == 2));
  const auto& r3 = t->table().rows[3].cells;
  REQUIRE(r3.size() == 2);
  CHECK((r3[0].text == "D" && r3[0].col == 1));
  CHECK((r3[1].text.empty() && r3[1].col == 2));  // an empty cell stays a blank, in its column
}

TEST_CASE("Word's list numbers, soft breaks, deleted text and the core properties are read as Word shows them") {
  const std::string body =
      R"(<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>某县2023年政府信息公开工作年度报告</w:t></w:r></w:p>)"
      R"(<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>总体情况</w:t></w:r></w:p>)"
      R"(<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>主动公开</w:t></w:r></w:p>)"
      R"(<w:p><w:r><w:t>第一行</w:t><w:br/><w:t xml:space="preserve">第二行</w:t><w:delText>删去的</w:delText></w:r>)"
      R"(<w:del><w:r><w:delText>删去</w:delText></w:r></w:del></w:p>)"
      R"(<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>存在的主要问题</w:t></w:r></w:p>)"
      R"(<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>问题</w:t></w:r></w:p>)";
  const std::string core =
      R"(<cp:coreProperties xmlns:cp="c" xmlns:dc="d" xmlns:dcterms="t"><dc:title>年度报告</dc:title>)"
      R"(<dc:creator>某县政府办</dc:creator><dcterms:created>2024-01-20T08:00:00Z</dcterms:created></cp:coreProperties>)";
  const extract::Document d = extract::read_docx(test::docx_package(body, test::kChineseNumbering, core), "n.docx");
  std::vector<std::string> texts;
  for (const Block& b : d.blocks) texts.push_back(b.text.str());
  CHECK(test::join(texts) ==
        "某县2023年政府信息公开工作年度报告 | 一、总体情况 | （一）主动公开 | 第一行 | 第二行 | 二、存在的主要问题 | （一）问题");
  CHECK(d.title == "某县2023年政府信息公开工作年度报告");
  CHECK(d.info.title == "年度报告");
  CHECK(d.info.author == "某县政府办");
  CHECK(d.info.created == "2024-01-20");
}

TEST_CASE("headings numbered by their paragraph style are read with the numbers Word draws") {
  // Heading1 carries list 1 at level 0; Heading2 carries list 1 without a level, which the list
  // links to Heading2 (w:lvl/w:pStyle); 报告标题 is based on Heading1; numId 0 removes a number.
  const std::string numbering =
      R"(<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      R"(<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>)"
      R"(<w:pStyle w:val="Heading1"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>)"
      R"(<w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading2"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>)"
      R"(<w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num></w:numbering>)";
  const std::string styles =
      R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      R"(<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:ilvl w:val="0"/>)"
      R"(<w:numId w:val="1"/></w:numPr></w:pPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="1"/>)"
      R"(</w:numPr></w:pPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Report"><w:name w:val="报告标题"/><w:basedOn w:val="Heading1"/></w:style>)"
      R"(</w:styles>)";
  const auto p = [](const std::string& style, const std::string& text, const std::string& props = "") {
    return R"(<w:p><w:pPr><w:pStyle w:val=")" + style + R"("/>)" + props + "</w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
  };
  const std::string body = p("Heading1", "总体情况") + p("Heading2", "主动公开") + p("Heading2", "依申请公开") +
                           p("Report", "存在的主要问题") + p("Heading2", "问题") +
                           p("Heading1", "不编号", R"(<w:numPr><w:numId w:val="0"/></w:numPr>)");
  const extract::Document d = extract::read_docx(test::docx_package(body, numbering, "", styles), "s.docx");
  std::vector<std::string> texts;
  for (const Block& b : d.blocks) texts.push_back(b.text.str());
  CHECK(test::join(texts) == "一、总体情况 | （一）主动公开 | （二）依申请公开 | 二、存在的主要问题 | （一）问题 | 不编号");
}

TEST_CASE("a Word 97 or WPS file is refused naming a converter, a damaged or foreign package names the file") {
  const std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0');
  for (const char* name : {"report.doc", "report.wps"}) {
    CAPTURE(name);
    const std::string e = error_of(ole, name);
    CHECK(e.rfind(std::string(name) + ": ", 0) == 0);
    CHECK(e.find("libreoffice --headless --convert-to docx") != std::string::npos);
  }
  const std::string xlsx = test::zip_package({{"xl/workbook.xml", "<workbook/>"}});
  CHECK(error_of(xlsx, "book.docx").rfind("book.docx: a ZIP archive without word/document.xml", 0) == 0);
  std::string cut = test::docx_package("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
  cut.resize(cut.size() / 2);
  CHECK(error_of(cut, "cut.docx").rfind("cut.docx: not a readable .docx: the ZIP archive is damaged", 0) == 0);
  const std::string bad_xml = test::zip_package({{"word/document.xml", "<w:document><w:body><w:p>"}});
  CHECK(error_of(bad_xml, "bad.docx").rfind("bad.docx: word/document.xml in the .docx is not well-formed XML", 0) == 0);
}
