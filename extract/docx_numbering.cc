// Word's list numbers (numbering.xml) as text, and the OOXML name helpers of the DOCX reader.
#include "extract/internal/docx_numbering.h"

#include <algorithm>

#include "extract/internal/html_table.h"

namespace nianbao::extract::docx {
namespace {

pugi::xml_node child(pugi::xml_node n, std::string_view name) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (local(c) == name) return c;
  return {};
}

std::string_view attribute(const pugi::xml_node& n, std::string_view name) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    const std::string_view full = a.name();
    const std::size_t colon = full.find(':');
    if ((colon == std::string_view::npos ? full : full.substr(colon + 1)) == name) return a.value();
  }
  return "";
}

// Counting in Chinese numerals as Word's chineseCounting draws 1–99 (一, 十, 十一, 二十一).
std::string chinese(int n) {
  static const char* digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n <= 0 || n >= 100) return std::to_string(n);
  std::string s;
  if (n >= 10) s += std::string(n >= 20 ? digits[n / 10] : "") + "十";
  return s + digits[n % 10];
}

std::string formatted(int n, const std::string& format) {
  static const char* stems[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
  static const char* circled[] = {"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩"};
  if (format.starts_with("chinese") || format == "taiwaneseCounting" || format == "japaneseCounting" ||
      format == "ideographDigital")
    return chinese(n);
  if (format == "ideographTraditional" && n >= 1 && n <= 10) return stems[n - 1];
  if (format == "decimalEnclosedCircle" || format == "decimalEnclosedCircleChinese")
    return n >= 1 && n <= 10 ? circled[n - 1] : std::to_string(n);
  if ((format == "lowerLetter" || format == "upperLetter") && n >= 1 && n <= 26)
    return std::string(1, static_cast<char>((format == "lowerLetter" ? 'a' : 'A') + n - 1));
  return std::to_string(n);
}

int number(std::string_view v, int fallback) {
  const int n = html::parse_span(v);
  return n < 0 ? fallback : n;
}

}  // namespace

std::string_view local(const pugi::xml_node& n) {
  const std::string_view name = n.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view value(const pugi::xml_node& n) { return attribute(n, "val"); }

Numbering::Numbering(const pugi::xml_document& numbering_xml) {
  const pugi::xml_node root = numbering_xml.first_child();
  for (pugi::xml_node a = root.first_child(); a; a = a.next_sibling()) {
    if (local(a) == "abstractNum") {
      std::vector<Level>& levels = abstract_[std::string(attribute(a, "abstractNumId"))];
      levels.assign(kLevels, {});
      for (pugi::xml_node l = a.first_child(); l; l = l.next_sibling()) {
        const int ilvl = number(attribute(l, "ilvl"), -1);
        if (local(l) != "lvl" || ilvl < 0 || ilvl >= kLevels) continue;
        Level& level = levels[ilvl];
        level.start = number(value(child(l, "start")), 1);
        if (const pugi::xml_node f = child(l, "numFmt")) level.format = value(f);
        level.text = value(child(l, "lvlText"));
        level.style = value(child(l, "pStyle"));
      }
    } else if (local(a) == "num") {
      lists_[std::string(attribute(a, "numId"))] = value(child(a, "abstractNumId"));
    }
  }
}

void Numbering::add_styles(const pugi::xml_document& styles_xml) {
  for (pugi::xml_node st = styles_xml.first_child().first_child(); st; st = st.next_sibling()) {
    if (local(st) != "style") continue;
    StyleNumbering& n = styles_[std::string(attribute(st, "styleId"))];
    n.based_on = value(child(st, "basedOn"));
    if (const pugi::xml_node num = child(child(st, "pPr"), "numPr")) {
      n.num_id = value(child(num, "numId"));
      n.ilvl = number(value(child(num, "ilvl")), -1);
    }
  }
}

std::string Numbering::label(const pugi::xml_node& paragraph_properties) {
  const pugi::xml_node num = child(paragraph_properties, "numPr");
  std::string id(value(child(num, "numId")));
  int ilvl = number(value(child(num, "ilvl")), -1);
  // The paragraph's style, or one it is based on, may carry the list and the level.
  std::vector<std::string> chain;
  for (std::string s(value(child(paragraph_properties, "pStyle"))); !s.empty() && chain.size() < kMaxStyleDepth;) {
    const auto st = styles_.find(s);
    if (st == styles_.end()) break;
    chain.push_back(s);
    if (id.empty()) id = st->second.num_id;
    if (ilvl < 0) ilvl = st->second.ilvl;
    s = st->second.based_on;
  }
  const auto list = lists_.find(id);
  if (id.empty() || list == lists_.end() || ilvl >= kLevels) return "";  // numId 0: numbering removed
  const auto found = abstract_.find(list->second);
  if (found == abstract_.end()) return "";
  const std::vector<Level>& levels = found->second;
  for (int k = 0; ilvl < 0 && k < kLevels; ++k)  // the level linked to the paragraph's style
    if (!levels[k].style.empty() && std::find(chain.begin(), chain.end(), levels[k].style) != chain.end()) ilvl = k;
  ilvl = std::max(ilvl, 0);
  std::vector<int>& count = counters_[id];
  if (count.empty()) count.assign(kLevels, 0);
  count[ilvl] = count[ilvl] == 0 ? levels[ilvl].start : count[ilvl] + 1;
  std::fill(count.begin() + ilvl + 1, count.end(), 0);  // a deeper level starts again
  if (levels[ilvl].format == "bullet" || levels[ilvl].format == "none") return "";
  std::string out;
  const std::string& text = levels[ilvl].text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
      const int k = text[i + 1] - '1';
      out += formatted(count[k] == 0 ? levels[k].start : count[k], levels[k].format);
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace nianbao::extract::docx
