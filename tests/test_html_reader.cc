// HTML reader (extract/html_*.cc): one test per behaviour, on excerpts copied from the corpus
// pages (styles trimmed) or minimal pages made for the purpose; expectations are read off the
// HTML source. Each behaviour is checked with both parser backends.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/internal/html_dom.h"
#include "tests/corpus.h"

using namespace nianbao;
using extract::html::Backend;

namespace {

constexpr Backend kBackends[] = {Backend::gumbo, Backend::myhtml};

const char* name_of(Backend b) { return b == Backend::gumbo ? "gumbo" : "myhtml"; }

extract::Document read(std::string_view html, Backend backend, const Limits& limits = {}) {
  return extract::html::read(html, limits, backend);
}

std::vector<std::string> paragraphs(const extract::Document& d) {
  std::vector<std::string> out;
  for (const Block& b : d.blocks)
    if (b.kind == BlockKind::paragraph) out.push_back(b.text.str());
  return out;
}

std::vector<const Table*> tables(const extract::Document& d) {
  std::vector<const Table*> out;
  for (const Block& b : d.blocks)
    if (b.kind == BlockKind::table) out.push_back(&b.table());
  return out;
}

// "text@row,col:rowsxcols" for each origin cell of a row.
std::string cells(const TableRow& row) {
  std::string s;
  for (const TableCell& c : row.cells) {
    if (!s.empty()) s += " | ";
    s += c.text + "@" + std::to_string(c.row) + "," + std::to_string(c.col) + ":" + std::to_string(c.rows) + "x" +
         std::to_string(c.cols);
  }
  return s;
}

bool has_diagnostic(const extract::Document& d, const std::string& code) {
  for (const Diagnostic& x : d.diagnostics)
    if (x.code == code) return true;
  return false;
}

// 表三 of 021.html: the header block (rowspan/colspan), the first two data rows and the row that
// opens 三、本年度办理结果 (rowspan="22", cut here after one row). Styles removed.
const char* const kTable3Excerpt = R"(<div class=TRS_Editor>
<table border="1"><tbody><tr class="firstRow"><td colspan="3" rowspan="3"><p style="text-indent: 0em;">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</p></td><td colspan="7"><p style="text-indent: 0em;">申请人情况</p></td></tr><tr><td rowspan="2"><p style="text-indent: 0em;">自然人</p></td><td colspan="5"><p style="text-indent: 0em;">法人或其他组织</p></td><td rowspan="2"><p style="text-indent: 0em;">总计</p></td></tr><tr><td><p style="text-indent: 0em;">商业</p><p style="text-indent: 0em;">企业</p></td><td><p style="text-indent: 0em;">科研</p><p style="text-indent: 0em;">机构</p></td><td><p style="text-indent: 0em;">社会</p><p style="text-indent: 0em;">公益 &nbsp; &nbsp; &nbsp; &nbsp;</p><p style="text-indent: 0em;">组织 &nbsp; &nbsp; &nbsp; &nbsp;</p></td><td><p style="text-indent: 0em;">法律</p><p style="text-indent: 0em;">服务 &nbsp; &nbsp;</p><p style="text-indent: 0em;">机构 &nbsp; &nbsp;</p></td><td><p style="text-indent: 0em;">其他</p></td></tr><tr><td colspan="3"><p style="text-indent: 0em;">一、本年新收政府信息公开申请数量</p></td><td><p style="text-indent: 0em;">151</p></td><td><p style="text-indent: 0em;">3</p></td><td><p style="text-indent: 0em;">0</p></td><td><p style="text-indent: 0em;">0</p></td><td><p style="text-indent: 0em;">0</p></td><td><p style="text-indent: 0em;">0</p></td><td><p style="text-indent: 0em;">154</p></td></tr><tr><td colspan="3"><p style="text-indent: 0em;">二、上年结转政府信息公开申请数量</p></td><td><p>0</p></td><td><p>0</p></td><td><p>0</p></td><td><p>0</p></td><td><p>0</p></td><td><p>0</p></td><td><p>0</p></td></tr><tr><td rowspan="22"><p style="text-indent: 0em;">三、本年度办理结果</p></td><td colspan="2"><p style="text-indent: 0em;">（一）予以公开</p></td><td><p>106</p></td><td><p>3</p></td><td><p>0</p></td><td><p>0</p></td><td><p>0</p></td><td><p>0</p></td><td><p>109</p></td></tr></tbody></table>
</div>)";

}  // namespace

TEST_CASE("rowspan and colspan place each origin cell on the HTML grid (表三 of 021.html)") {
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(kTable3Excerpt, backend);
    const auto t = tables(d);
    REQUIRE(t.size() == 1);
    const Table& table = *t[0];
    CHECK(table.source == TableSource::html);
    CHECK(table.columns == 10);
    REQUIRE(table.rows.size() == 6);
    CHECK(cells(table.rows[0]) ==
          "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）@0,0:3x3 | 申请人情况@0,3:1x7");
    CHECK(cells(table.rows[1]) == "自然人@1,3:2x1 | 法人或其他组织@1,4:1x5 | 总计@1,9:2x1");
    // <p> inside a cell → a space; the &nbsp; padding collapses away.
    CHECK(cells(table.rows[2]) ==
          "商业 企业@2,4:1x1 | 科研 机构@2,5:1x1 | 社会 公益 组织@2,6:1x1 | 法律 服务 机构@2,7:1x1 | 其他@2,8:1x1");
    CHECK(cells(table.rows[3]) ==
          "一、本年新收政府信息公开申请数量@3,0:1x3 | 151@3,3:1x1 | 3@3,4:1x1 | 0@3,5:1x1 | 0@3,6:1x1 | "
          "0@3,7:1x1 | 0@3,8:1x1 | 154@3,9:1x1");
    // rowspan="22" on the last row of the table stops at that row.
    CHECK(cells(table.rows[5]).rfind("三、本年度办理结果@5,0:1x1 | （一）予以公开@5,1:1x2 | 106@5,3:1x1", 0) == 0);
    // Header rows: the leading rows without a number.
    CHECK(table.rows[0].header);
    CHECK(table.rows[1].header);
    CHECK(table.rows[2].header);
    CHECK_FALSE(table.rows[3].header);
    CHECK_FALSE(table.rows[5].header);
  }
}

TEST_CASE("empty Word cells (<o:p> </o:p>) are kept as cells with text \"\" (表三 of 017.html)") {
  // The 一、本年新收 row of 017.html: 法人或其他组织 columns are empty Word cells.
  const std::string empty_cell =
      R"(<td style="font-family: 微软雅黑;" width="46" valign="top">
      <p style="text-align: justify; line-height: 2; font-family: 微软雅黑;" align=""><span style="font-family: 微软雅黑;"><o:p> </o:p></span></p>
      </td>)";
  std::string row = R"(<tr>
      <td colspan="3" style="font-family: 微软雅黑;" width="323" valign="top">
      <p style="text-align: justify; line-height: 2; font-family: 微软雅黑;" align=""><span style="font-family: 微软雅黑;">一</span><span style="font-family: 微软雅黑;">、本年新收政府信息公开申请数量</span><span style="font-family: 微软雅黑;"><o:p></o:p></span></p>
      </td>
      <td style="font-family: 微软雅黑;" width="43" valign="center">
      <p style="text-align: justify; line-height: 2; font-family: 微软雅黑;" align=""><span style="font-family: 微软雅黑;">26</span><span style="font-family: 微软雅黑;"><o:p></o:p></span></p>
      </td>)";
  for (int i = 0; i < 5; ++i) row += empty_cell;
  row += R"(<td style="font-family: 微软雅黑;" width="44" valign="center">
      <p style="text-align: justify; line-height: 2; font-family: 微软雅黑;" align=""><span style="font-family: 微软雅黑;">26</span><span style="font-family: 微软雅黑;"><o:p></o:p></span></p>
      </td>
    </tr>)";
  const std::string page = "<table><tr><td colspan=3>项目</td><td>自然人</td><td colspan=5>法人或其他组织</td><td>总计</td></tr>" +
                           row + "</table>";
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(page, backend);
    const auto t = tables(d);
    REQUIRE(t.size() == 1);
    REQUIRE(t[0]->rows.size() == 2);
    CHECK(cells(t[0]->rows[1]) ==
          "一、本年新收政府信息公开申请数量@1,0:1x3 | 26@1,3:1x1 | @1,4:1x1 | @1,5:1x1 | @1,6:1x1 | @1,7:1x1 | "
          "@1,8:1x1 | 26@1,9:1x1");
  }
}

TEST_CASE("Word-pasted markup reads as clean paragraphs: inline runs join, blocks and <br> separate, links dropped") {
  // From 017.html: a heading split over <span>/<font> runs, then a body paragraph.
  const char* page =
      R"(<div class="article-content"><p style="text-indent: 2em; line-height: 2;"><span style="font-family: 微软雅黑;"><font face="方正黑体_GBK">一、</font></span><span style="mso-spacerun:yes"><font face="方正黑体_GBK">总体</font></span><span><font>情况</font></span><span><o:p></o:p></span></p>
<p class=MsoNormal><span lang=EN-US>2023</span><span>年，县发展和改革局认真贯彻执行&nbsp;有关文件精神。</span>&#8203;<span><o:p>&nbsp;</o:p></span></p>
<p class=MsoNormal><span><o:p>&nbsp;</o:p></span></p>
<p class=MsoNormal><a name="_Toc1234"><span>二、主动公开政府信息情况</span></a></p>
<p><a href="/u/cms/fj/2024.docx">附件：2023年政府信息公开工作年度报告.docx</a></p>
<div>沭阳县发展和改革局<br>2024年1月17日</div></div>)";
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(page, backend);
    // Word's <a name> bookmark is not a link; a paragraph that is all link (an attachment)
    // is left out.
    CHECK(test::join(paragraphs(d)) ==
          "一、总体情况 | 2023年，县发展和改革局认真贯彻执行 有关文件精神。 | 二、主动公开政府信息情况 | "
          "沭阳县发展和改革局 | 2024年1月17日");
  }
}

TEST_CASE("a layout table is read through as flow, the data table inside it stays a table") {
  const char* page = R"(<html><body>
<table width="100%"><tr><td colspan="2"><a href="/">首页</a> <a href="/zwgk">政务公开</a></td></tr>
<tr><td width="200"><a href="/a">机构概况</a><br><a href="/b">政策文件</a></td>
<td><p>一、总体情况</p>
<p>2024年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，持续加强政策解读和回应关切，政府信息公开工作取得新的进展，人民群众的获得感不断增强。全年主动公开政府信息一千余条，办理依申请公开事项数十件，没有发生因政府信息公开引起的行政复议和行政诉讼。</p>
<table border=1><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>0</td></tr></table>
<p>二、主动公开政府信息情况</p></td></tr></table>
</body></html>)";
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(page, backend);
    const auto t = tables(d);
    REQUIRE(t.size() == 1);  // only the data table
    CHECK(t[0]->columns == 2);
    CHECK(cells(t[0]->rows[1]) == "规章@1,0:1x1 | 0@1,1:1x1");
    const auto p = paragraphs(d);
    REQUIRE(p.size() >= 3);
    CHECK(p[0] == "一、总体情况");
    // The table sits between the two headings, in document order.
    REQUIRE(d.blocks.size() >= 4);
    CHECK(d.blocks[2].kind == BlockKind::table);
    CHECK(d.blocks[3].text == "二、主动公开政府信息情况");
  }
}

TEST_CASE("a table of one cell, or of one row, is read as paragraphs") {
  const char* page = R"(<div class="TRS_Editor"><table border="1"><tr><td><p>一、总体情况</p><p>本年度全面推进政务公开。</p></td></tr></table>
<table><tr><td>发布日期：2024-01-20</td><td>来源：区政府办</td></tr></table></div>)";
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(page, backend);
    CHECK(tables(d).empty());
    CHECK(test::join(paragraphs(d)) == "一、总体情况 | 本年度全面推进政务公开。 | 发布日期：2024-01-20 | 来源：区政府办");
  }
}

TEST_CASE("a data table nested in a cell is its own table, the outer cell text leaves it out") {
  const char* page = R"(<table border=1>
<tr><th>项目</th><th>数量</th><th>说明</th></tr>
<tr><td>行政许可</td><td>12</td><td>见下表<table border=1><tr><td>类别</td><td>件数</td></tr><tr><td>企业</td><td>7</td></tr><tr><td>个人</td><td>5</td></tr></table>（单位：件）</td></tr>
<tr><td>行政处罚</td><td>3</td><td></td></tr>
</table>)";
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(page, backend);
    const auto t = tables(d);
    REQUIRE(t.size() == 2);
    // Outer first (it starts first), then the nested one.
    CHECK(t[0]->columns == 3);
    REQUIRE(t[0]->rows.size() == 3);
    CHECK(t[0]->rows[0].header);  // <th> row
    CHECK(cells(t[0]->rows[1]) == "行政许可@1,0:1x1 | 12@1,1:1x1 | 见下表 （单位：件）@1,2:1x1");
    CHECK(t[1]->columns == 2);
    REQUIRE(t[1]->rows.size() == 3);
    CHECK(cells(t[1]->rows[2]) == "个人@2,0:1x1 | 5@2,1:1x1");
  }
}

TEST_CASE("scripts, styles, navigation, share bars and footers are left out, the page title is kept") {
  // The shape of the 平潭 pages (023.html …): menu, article with title and share bar, footer.
  const char* page = R"(<!DOCTYPE html><html><head><title>某区2024年政府信息公开工作年度报告_政府信息公开年报_某区人民政府</title>
<style>.nav { color: red }</style><script>var menu = "首页";</script></head>
<body><div class="header menu_hov"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hdjl">互动交流</a></li><li><a href="/bsfw">办事服务</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 年度报告</div>
<div class="main"><div class="article_component">
<div class="article_title">某区2024年政府信息公开工作年度报告</div>
<div class="share_box">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<div class="TRS_Editor"><p>一、总体情况</p><p>2024年，我区坚持以公开为常态、不公开为例外，全面推进政务公开工作，全年主动公开政府信息三千余条，依申请公开办理及时规范。</p>
<script>document.write("不应出现");</script><p>二、主动公开政府信息情况</p><p>详见下表。</p></div>
<div class="article_qrcode_area"><p>扫一扫在手机上查看当前页面</p></div>
<div class="xglj">相关链接：<a href="/1">关于2023年度报告的说明</a></div>
</div></div>
<div class="footer"><p>主办单位：某区人民政府办公室　版权所有　网站标识码：1234567890</p><p><a href="/map">网站地图</a> <a href="/contact">联系我们</a></p></div>
</body></html>)";
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(page, backend);
    CHECK(d.title == "某区2024年政府信息公开工作年度报告_政府信息公开年报_某区人民政府");
    CHECK(test::join(paragraphs(d)) ==
          "一、总体情况 | 2024年，我区坚持以公开为常态、不公开为例外，全面推进政务公开工作，全年主动公开政府信息三千余条，"
          "依申请公开办理及时规范。 | 二、主动公开政府信息情况 | 详见下表。");
    CHECK(has_diagnostic(d, "html.body"));
  }
}

TEST_CASE("an old table-layout page: the report is found in its content cell, menus and footer left out") {
  // No class or id hints at all: only text density tells the content from the chrome.
  std::string report_table = "<table border=1><tr><td>行政复议</td><td colspan=2>行政诉讼</td></tr>"
                             "<tr><td>结果维持</td><td>未经复议直接起诉</td><td>复议后起诉</td></tr>"
                             "<tr><td>1</td><td>0</td><td>2</td></tr></table>";
  std::string page = R"(<html><head><title>某县2022年政府信息公开工作年度报告</title></head><body>
<table width=980><tr><td><img src=logo.gif></td><td><a href=/>首页</a> | <a href=/a>机构</a> | <a href=/b>政务公开</a> | <a href=/c>办事服务</a> | <a href=/d>互动交流</a></td></tr></table>
<table width=980><tr><td width=200 valign=top>
<table><tr><td><a href=/1>通知公告</a></td></tr><tr><td><a href=/2>政策文件</a></td></tr><tr><td><a href=/3>人事信息</a></td></tr><tr><td><a href=/4>财政信息</a></td></tr></table>
<p>联系电话：0527-1234567</p></td>
<td valign=top><p align=center><b>某县2022年政府信息公开工作年度报告</b></p>
<p>一、总体情况</p><p>2022年，我县认真贯彻落实《中华人民共和国政府信息公开条例》，围绕县委县政府中心工作，全面推进政府信息公开，持续提升政务公开质量和实效。</p>
<p>二、主动公开政府信息情况</p><p>全年主动公开政府信息一千二百余条，其中规范性文件十二件。</p>
<p>四、政府信息公开行政复议、行政诉讼情况</p>)" +
                     report_table + R"(<p>五、存在的主要问题及改进情况</p><p>一是公开内容还不够全面；二是解读形式较为单一。下一步将加强培训，提升质量。</p></td></tr></table>
<table width=980><tr><td>主办：某县人民政府办公室 承办：某县大数据中心 备案号：苏ICP备12345678号</td></tr>
<tr><td><a href=/map>网站地图</a> <a href=/lx>联系我们</a></td></tr></table>
</body></html>)";
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(page, backend);
    const auto p = paragraphs(d);
    INFO(test::join(p));
    REQUIRE(p.size() == 8);
    CHECK(p[0] == "某县2022年政府信息公开工作年度报告");
    CHECK(p[1] == "一、总体情况");
    CHECK(p[5] == "四、政府信息公开行政复议、行政诉讼情况");
    CHECK(p[7].rfind("一是公开内容还不够全面", 0) == 0);
    const auto t = tables(d);
    REQUIRE(t.size() == 1);
    CHECK(t[0]->columns == 3);
    CHECK(cells(t[0]->rows[2]) == "1@2,0:1x1 | 0@2,1:1x1 | 2@2,2:1x1");
  }
}

TEST_CASE("without a <title> the first <h1> is the page title") {
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d =
        read("<body><h1>某局2023年政府信息<br>公开工作年度报告</h1><p>一、总体情况</p></body>", backend);
    CHECK(d.title == "某局2023年政府信息公开工作年度报告");
  }
}

TEST_CASE("<th> cells and <thead> rows are header rows") {
  const char* page = R"(<table><thead><tr><td>年份</td><td>件数</td></tr></thead>
<tbody><tr><th>合计</th><td>5</td></tr><tr><th>小计</th><th>说明</th></tr><tr><td>2023</td><td>3</td></tr></tbody></table>)";
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(page, backend);
    const auto t = tables(d);
    REQUIRE(t.size() == 1);
    REQUIRE(t[0]->rows.size() == 4);
    CHECK(t[0]->rows[0].header);        // <thead>
    CHECK_FALSE(t[0]->rows[1].header);  // a row label in <th>, values in <td>
    CHECK(t[0]->rows[2].header);        // all <th>
    CHECK_FALSE(t[0]->rows[3].header);
  }
}

TEST_CASE("colspan=\"1000000\" is clamped to max_span with a limit.span warning") {
  const char* page = R"(<table><tr><td colspan="1000000">总计</td></tr><tr><td>1</td><td rowspan="70000">2</td></tr></table>)";
  Limits limits;
  limits.max_span = 50;
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(page, backend, limits);
    const auto t = tables(d);
    REQUIRE(t.size() == 1);
    CHECK(t[0]->columns == 50);
    CHECK(cells(t[0]->rows[0]) == "总计@0,0:1x50");
    CHECK(cells(t[0]->rows[1]) == "1@1,0:1x1 | 2@1,1:1x1");  // rowspan clamped, then cut at the last row
    CHECK(has_diagnostic(d, "limit.span"));
  }
}

TEST_CASE("a table stops at max_table_cells with a limit.table-cells warning") {
  std::string page = "<table>";
  for (int r = 0; r < 10; ++r) page += "<tr><td>行</td><td>" + std::to_string(r) + "</td></tr>";
  page += "</table>";
  Limits limits;
  limits.max_table_cells = 7;
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(page, backend, limits);
    const auto t = tables(d);
    REQUIRE(t.size() == 1);
    std::size_t n = 0;
    for (const TableRow& r : t[0]->rows) n += r.cells.size();
    CHECK(n == 7);
    CHECK(has_diagnostic(d, "limit.table-cells"));
  }
}

TEST_CASE("100000 nested <div>s: no crash, the text is read, a limit.nesting-depth warning") {
  std::string page = "<html><body>";
  for (int i = 0; i < 100000; ++i) page += "<div>";
  page += "深处的文字";
  for (int i = 0; i < 100000; ++i) page += "</div>";
  page += "<p>之后的段落</p></body></html>";
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(page, backend);
    CHECK(test::join(paragraphs(d)) == "深处的文字 | 之后的段落");
    CHECK(has_diagnostic(d, "limit.nesting-depth"));
  }
}

TEST_CASE("content nested deeper than max_nesting_depth is still read, as plain text") {
  std::string page = "<body><p>开头</p>";
  for (int i = 0; i < 40; ++i) page += "<div><span>";
  page += "<p>甲</p><table><tr><td>乙</td><td>1</td></tr><tr><td>丙</td><td>2</td></tr></table>";
  for (int i = 0; i < 40; ++i) page += "</span></div>";
  page += "</body>";
  Limits limits;
  limits.max_nesting_depth = 20;
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(page, backend, limits);
    CHECK(tables(d).empty());
    const auto p = paragraphs(d);
    REQUIRE(p.size() == 2);
    CHECK(p[0] == "开头");
    CHECK(p[1].find("甲") != std::string::npos);
    CHECK(p[1].find("丙") != std::string::npos);
    CHECK(has_diagnostic(d, "limit.nesting-depth"));
  }
}

TEST_CASE("a block's position is the line and byte offset where its text or table starts") {
  const std::string page = "<html>\n<body>\n<p>第一段</p>\n\n<p>  第二段</p>\n<table>\n<tr><td>甲</td><td>1</td></tr>"
                           "<tr><td>乙</td><td>2</td></tr></table></body></html>";
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    const extract::Document d = read(page, backend);
    REQUIRE(d.blocks.size() == 3);
    CHECK(d.blocks[0].pos.line == 3);
    CHECK(d.blocks[0].pos.offset == page.find("第一段"));
    CHECK(d.blocks[1].pos.line == 5);
    CHECK(d.blocks[1].pos.offset == page.find("  第二段"));
    CHECK(d.blocks[2].pos.line == 6);
    CHECK(d.blocks[2].pos.offset == page.find("<table>"));
  }
}

TEST_CASE("malformed and truncated HTML never crashes") {
  std::vector<std::string> pages = {
      "",
      "<",
      "<table><td rowspan=x colspan=-3>甲<td rowspan=0>乙</table>",
      "<table><tr><td><table><tr><td>",
      "<p>未闭合<div><span>段落</p></div></span><tr><td>游离单元格",
      "<!-- 未闭合的注释 <p>甲</p>",
      "<script>var a = '</p>';",
      "<td>1</td><td>2</td></tr><tr><td>3</td>",
      "<svg><title>图</title><foreignObject><p>文字</p></foreignObject></svg><math><mi>x</mi></math>",
      std::string("<p>\0零\0字节</p>", 18),  // NUL bytes inside text
  };
  // Every corpus page cut at 40 places (in the middle of tags, attributes, UTF-8 sequences).
  for (const std::string& file : test::corpus_files()) {
    if (file.size() < 5 || file.compare(file.size() - 5, 5, ".html") != 0) continue;
    const std::string whole = test::read_file(test::corpus_path(file));
    for (std::size_t i = 1; i <= 40; ++i) pages.push_back(whole.substr(0, whole.size() * i / 41));
  }
  for (Backend backend : kBackends) {
    CAPTURE(name_of(backend));
    for (const std::string& page : pages) {
      CAPTURE(page.size());
      CHECK_NOTHROW(read(page, backend));
    }
  }
}

TEST_CASE("gumbo and MyHTML read every corpus page to the same blocks") {
  for (const std::string& file : test::corpus_files()) {
    if (file.size() < 5 || file.compare(file.size() - 5, 5, ".html") != 0) continue;
    CAPTURE(file);
    const std::string page = test::read_file(test::corpus_path(file));
    const extract::Document g = read(page, Backend::gumbo);
    const extract::Document m = read(page, Backend::myhtml);
    CHECK(g.title == m.title);
    REQUIRE(g.blocks.size() == m.blocks.size());
    for (std::size_t i = 0; i < g.blocks.size(); ++i) {
      CAPTURE(i);
      CHECK(g.blocks[i].text == m.blocks[i].text);
      CHECK(g.blocks[i].pos.offset == m.blocks[i].pos.offset);
      REQUIRE(g.blocks[i].table().rows.size() == m.blocks[i].table().rows.size());
      for (std::size_t r = 0; r < g.blocks[i].table().rows.size(); ++r)
        CHECK(cells(g.blocks[i].table().rows[r]) == cells(m.blocks[i].table().rows[r]));
    }
  }
}

TEST_CASE("every corpus page: three or more data tables and no navigation or footer text") {
  for (const std::string& file : test::corpus_files()) {
    if (file.size() < 5 || file.compare(file.size() - 5, 5, ".html") != 0) continue;
    CAPTURE(file);
    const extract::Document d = extract::read_html(test::read_file(test::corpus_path(file)));
    CHECK(tables(d).size() >= 3);  // 表二 (may be several), 表三, 表四
    for (const std::string& p : paragraphs(d)) {
      CHECK(p.find("网站地图") == std::string::npos);
      CHECK(p.find("扫一扫") == std::string::npos);
      CHECK(p.find("版权所有") == std::string::npos);
    }
  }
}

// looks_like_html compares at each '<' of the first 2 KB: the same answer as searching a
// lower-cased copy of them for each tag, on tags in any case, cut at the 2 KB edge or not.
TEST_CASE("looks_like_html: a tag of the list in any case within the first 2 KB") {
  auto by_copy = [](std::string_view bytes) {
    std::string head(bytes.substr(0, std::min<std::size_t>(bytes.size(), 2048)));
    for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* tag : {"<!doctype html", "<html", "<head", "<body", "<meta", "<div", "<p>", "<p ", "<table", "<span"})
      if (head.find(tag) != std::string::npos) return true;
    return false;
  };
  const std::vector<std::string> pieces = {"<", "<HtMl", "<P>", "<p ", "<P", "<TaBle", "<sPaN", "<!DOCTYPE HTML", "<!doctype", "<di",
                                           "v", "文", "a", " ", "\n", ">", "<<", "<meta"};
  std::uint32_t state = 7;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  for (int k = 0; k < 2000; ++k) {
    std::string text(k % 4 == 0 ? 2040 : 0, 'x');
    for (std::uint32_t n = next() % 12; n > 0; --n) text += pieces[next() % pieces.size()];
    CHECK_MESSAGE(extract::looks_like_html(text) == by_copy(text), text.substr(text.size() > 60 ? text.size() - 60 : 0));
  }
}
