// extract/ sections: numbered headings, heading vs enumerated sentence, run-in headings of
// flattened text, nesting; and the text reader's paragraphs (PDF line joins, page footers).
#include <doctest/doctest.h>

#include <memory>
#include <random>

#include "extract/extract.h"
#include "extract/internal/lines.h"
#include "schema/schema.h"
#include "tests/corpus.h"

using namespace nianbao;

namespace {

struct Outline {
  std::vector<Section> sections;
  std::vector<Block> blocks;
};

Outline outline(const std::string& text) {
  Outline o;
  o.blocks = extract::read_text(text).blocks;
  o.sections = extract::build_sections(o.blocks, schema::heading_hints());
  return o;
}

}  // namespace

TEST_CASE("headings of four levels nest by level") {
  const Outline o = outline(
      "一、总体情况\n\n（一）主动公开情况\n\n1.政策解读\n\n（1）解读方式\n\n正文。\n\n（二）依申请公开情况\n\n二、主动公开政府信息情况\n");
  REQUIRE(o.sections.size() == 6);
  CHECK(o.sections[0].heading == "一、总体情况");
  CHECK(o.sections[0].level == 1);
  CHECK(o.sections[0].num == "一");
  CHECK(o.sections[1].parent == 0);
  CHECK(o.sections[2].level == 3);
  CHECK(o.sections[2].parent == 1);
  CHECK(o.sections[3].level == 4);
  CHECK(o.sections[3].parent == 2);
  CHECK(o.sections[4].heading == "（二）依申请公开情况");
  CHECK(o.sections[4].parent == 0);
  CHECK(o.sections[5].parent == -1);
}

TEST_CASE("a heading run into its paragraph is split off: （一）主动公开情况。2024 年…") {
  const Outline o = outline("（一）主动公开情况。2024 年，市政府网站主动公开各类政府信息 5500 余条。\n");
  REQUIRE(o.sections.size() == 1);
  CHECK(o.sections[0].heading == "（一）主动公开情况。");
  REQUIRE(o.blocks.size() == 1);
  CHECK(o.blocks[0].text == "2024 年，市政府网站主动公开各类政府信息 5500 余条。");
}

TEST_CASE("an enumerated sentence is a paragraph, not a heading: （二）是加大平台建设力度，…") {
  const Outline o = outline(
      "(二) 是加大平台建设力度，统筹运用各类公示公开渠道，全面落实政务公开各项目标任务。\n\n"
      "(一) 我局政府政务公开工作取得了一定成绩，但还存在一些问题。\n");
  CHECK(o.sections.empty());
  CHECK(o.blocks.size() == 2);
}

TEST_CASE("a short numbered paragraph of its own is a heading even with a comma") {
  const Outline o = outline("（三）完善公开制度规范，加强政府信息管理\n\n严格落实政务公开源头管理原则。\n");
  REQUIRE(o.sections.size() == 1);
  CHECK(o.sections[0].heading == "（三）完善公开制度规范，加强政府信息管理");
}

TEST_CASE("a table label broken across PDF lines is not a heading: （三）不 / 予公开") {
  const Outline o = outline("三、收到和处理政府信息公开申请情况\n\n（三）不\n\n予公开\n\n（四）无\n\n法提供\n");
  CHECK(o.sections.size() == 1);
}

TEST_CASE("table row labels that look numbered are not headings") {
  const Outline o = outline("三、收到和处理政府信息公开申请情况\n\n一、本年新收政府信息公开申请数量\n\n3001\n\n（一）予以公开\n\n1.属于国家秘密\n\n"
                            "（七）总计 0 0 0 0 0 0 0\n\n四、结转下年度继续办理\n");
  REQUIRE(o.sections.size() == 1);
  CHECK(o.sections[0].heading == "三、收到和处理政府信息公开申请情况");
}

TEST_CASE("level-1 headings of a report flattened onto one line end where the body starts") {
  // Excerpts of corpus/014.txt (one line): each heading runs straight into its body.
  const Outline o = outline(
      "平潭综合实验区2018年度政府信息公开工作年度报告 根据《条例》要求，区管委会办公室编制完成了本报告。本报告由概述、主动公开政府信息情况等六个部分组成。"
      "一、概述2018年以来,我区认真贯彻落实《条例》和《办法》，结合工作实际，细化职责分工，认真组织实施，确保政府信息公开工作有序推进。"
      "二、主动公开政府信息情况（一）主动公开政府信息的数量2018年全区主动公开政府信息共计若干条，均已按要求公开。"
      "三、政府信息依申请公开工作情况2018年未收到有关政府信息公开申请。"
      "四、因政府信息公开申请行政复议、提起行政诉讼的情况2018年未收到有关政府信息公开行政复议、提起行政诉讼的申请。"
      "五、主要问题和改进措施虽然，我区2018年度政务公开工作取得了一定成效，但还存在一些不足。"
      "六、政府信息公开情况统计表指标名称计量单位2018年度历年累计主动公开文件数条2\n");
  std::vector<std::string> headings;
  for (const Section& s : o.sections) headings.push_back(s.heading);
  CHECK(headings == std::vector<std::string>{"一、概述", "二、主动公开政府信息情况", "三、政府信息依申请公开工作情况",
                                              "四、因政府信息公开申请行政复议、提起行政诉讼的情况", "五、主要问题和改进措施",
                                              "六、政府信息公开情况统计表"});
  // The text before the first heading stays a paragraph of the front matter.
  CHECK(o.sections[0].first_block == 1);
  CHECK(o.blocks[0].text.find("年度报告") != std::string::npos);
}

TEST_CASE("PDF text: a sentence broken across lines and a page footer joins again") {
  // corpus/001.txt lines 22-27: a paragraph broken by the page footer "-1-".
  const std::string text =
      "（一）主动公开情况。2024 年，市政府网站主动公开各类政\n"
      "府信息 5500 余条，全年新增公开市政府规章 1 件、市政府及市\n"
      "政府办政策性文件 11 件，通过文字、图片等形式制作政策解读\n"
      "21 个，制作《淮安市人民政府公报》6 期。紧紧围绕保障民生、\n"
      "业用工和促进返乡人员就业创业专项活动”“建设‘四最’一流\n"
      "-1-\n"
      "\n"
      "营商环境高质量推进产业发展”等新闻发布会 12 场，努力传递政府\n"
      "声音、宣传政策法规、回应舆论关切。\n";
  const auto blocks = extract::read_text(text).blocks;
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].text.find("一流营商环境") != std::string::npos);
  CHECK(blocks[0].text.find("-1-") == std::string::npos);
  CHECK(blocks[0].text.find("主动公开各类政府信息") != std::string::npos);
}

TEST_CASE("page footers of several shapes are recognised") {
  CHECK(extract::is_page_footer("-1-"));
  CHECK(extract::is_page_footer("                                           -3-"));
  CHECK(extract::is_page_footer("— 5 —"));
  CHECK(extract::is_page_footer("- 12 -"));
  CHECK(extract::is_page_footer("第 3 页"));
  CHECK_FALSE(extract::is_page_footer("-18"));
  CHECK_FALSE(extract::is_page_footer("三、收到和处理政府信息公开申请情况"));
}

TEST_CASE("a markdown heading marker is dropped from the heading") {
  const Outline o = outline("## 一、总体情况\n\n2025年，我县坚持以习近平新时代中国特色社会主义思想为指导。\n");
  REQUIRE(o.sections.size() == 1);
  CHECK(o.sections[0].heading == "一、总体情况");
}

TEST_CASE("a level-1 number that goes backwards or comes before the real one is no new section") {
  // A damaged row label of 表三 ("一、" after 三、) and a row numbered 四、 before the real 四、.
  const Outline o = outline(
      "一、总体情况\n\n正文。\n\n三、收到和处理政府信息公开申请情况\n\n一、本年新收政府信公开申请数量\n\n"
      "四、结转下年继续办理\n\n四、政府信息公开行政复议、行政诉讼情况\n\n五、存在的主要问题及改进情况\n");
  std::vector<std::string> level1;
  for (const Section& s : o.sections)
    if (s.level == 1) level1.push_back(s.heading);
  CHECK(level1 == std::vector<std::string>{"一、总体情况", "三、收到和处理政府信息公开申请情况",
                                           "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"});
}

TEST_CASE("in flattened text, a row numbered 四、 with a label typo before the real 四、 is no new section") {
  // corpus/015.txt (one line), its 表三 label 四、结转下年度继续办理 missing a character (度).
  std::string text = test::read_file(test::corpus_path("015.txt"));
  const std::string label = "四、结转下年度继续办理";
  const std::size_t at = text.find(label);
  REQUIRE(at != std::string::npos);
  text.replace(at, label.size(), "四、结转下年继续办理");
  const Outline o = outline(text);
  std::vector<std::string> level1;
  for (const Section& s : o.sections)
    if (s.level == 1) level1.push_back(s.heading);
  CHECK(level1 == std::vector<std::string>{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                           "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                                           "六、其他需要报告的事项"});
}

TEST_CASE("a known heading numbered 一 starts the numbering again") {
  const Outline o = outline("一、总体情况\n\n二、工作机制\n\n三、工作成效\n\n一、主动公开政府信息情况\n\n二、收到和处理政府信息公开申请情况\n");
  int level1 = 0;
  for (const Section& s : o.sections) level1 += s.level == 1;
  CHECK(level1 == 5);
}

namespace {

// Headings and block texts of `blocks` split by build_sections with `hints`.
std::string sections_of(std::vector<Block> blocks, const extract::HeadingHints& hints) {
  std::string out;
  for (const Section& s : extract::build_sections(blocks, hints)) out += s.heading + "\n";
  out += "--\n";
  for (const Block& b : blocks) out += std::string(b.text) + "\n";
  return out;
}

}  // namespace

TEST_CASE("table labels found through the index of their first bytes are those tested one by one") {
  const extract::HeadingHints& hints = schema::heading_hints();
  sections_of({}, hints);                     // builds the index from these hints, if no test did
  const extract::HeadingHints copy = hints;  // its labels live elsewhere: it tests them one by one
  std::vector<std::string> texts;
  for (const std::string& file : test::corpus_files())
    if (file.ends_with(".txt")) texts.push_back(test::read_file(test::corpus_path(file)));
  // Every label and its prefixes (a label broken across lines), numbered, with a digit tail and
  // a changed first byte, as paragraphs of their own and run into a flattened text.
  std::string paragraphs = "一、概述\n\n", flat;
  for (const std::string& label : hints.not_headings) {
    for (std::size_t cut = 1; cut <= label.size(); ++cut) {
      if (cut < label.size() && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) continue;
      const std::string piece = label.substr(0, cut);
      paragraphs += "（一）" + piece + "\n\n1." + piece + "12\n\n";
    }
    std::string changed = label;
    changed[0] = static_cast<char>(changed[0] ^ 1);
    paragraphs += "（二）" + changed + "\n\n";
    flat += "二、" + label + "本年度 ";
  }
  texts.push_back(paragraphs);
  texts.push_back(flat + "\n");
  for (const std::string& text : texts) {
    const std::vector<Block> blocks = extract::read_text(text).blocks;
    CHECK(sections_of(blocks, hints) == sections_of(blocks, copy));
  }
  CHECK(hints.label_index->of == hints.not_headings.data());  // the index was used, not the copy's labels
  CHECK(copy.label_index->of != copy.not_headings.data());
}

TEST_CASE("known headings found through the index of their first bytes are those the fold finds") {
  // The reference: hints without an index, whose known headings are looked for in the fold of
  // every title. Titles are the known headings, their prefixes and longer forms, with a changed
  // byte, a space or a full-width parenthesis in them, numbered as paragraphs and run into text.
  extract::HeadingHints odd = schema::heading_hints();  // and headings of no well-formed first character
  odd.known.insert(odd.known.end(), {"", "\xE4", "A", "(一)", "公开"});
  odd.label_index = std::make_shared<extract::HeadingHints::LabelIndex>();
  for (const extract::HeadingHints* hints : {&schema::heading_hints(), static_cast<const extract::HeadingHints*>(&odd)}) {
    extract::HeadingHints reference = *hints;
    reference.label_index = nullptr;
    std::vector<std::string> titles{"x公开", "2024年工作", "(三)情况", "（三）情况", " 公开"};
    for (const std::string& k : hints->known) {
      titles.push_back(k);
      titles.push_back(k + "情况");
      for (std::size_t cut = 1; cut < k.size(); ++cut)
        if ((static_cast<unsigned char>(k[cut]) & 0xC0) != 0x80) {
          titles.push_back(k.substr(0, cut));
          titles.push_back(k.substr(0, cut) + " " + k.substr(cut));
          titles.push_back(k.substr(0, cut) + "（" + k.substr(cut));
        }
      if (!k.empty()) {
        std::string changed = k;
        changed.back() = static_cast<char>(changed.back() ^ 1);
        titles.push_back(changed);
      }
    }
    std::mt19937 random(20261205);
    for (int round = 0; round < 60; ++round) {
      std::string paragraphs, flat = "说明。";
      for (int k = 0; k < 12; ++k) {
        const std::string& t = titles[random() % titles.size()];
        const std::string number = std::vector<std::string>{"一", "二", "三", "四", "五", "六"}[random() % 6];
        paragraphs += number + "、" + t + (random() % 2 ? "\n\n" : "。本年度公开 3 条。\n\n");
        flat += number + "、" + t + (random() % 2 ? " " : "") + "2024 年，本机关公开信息 12 条。";
      }
      for (const std::string& text : {paragraphs, flat + std::string(300, 'x') + "\n"}) {
        const std::vector<Block> blocks = extract::read_text(text).blocks;
        CAPTURE(text);
        CHECK(sections_of(blocks, *hints) == sections_of(blocks, reference));
      }
    }
  }
}
