// Internal to extract/: what the DOCX reader needs of OOXML besides the body — names without
// their namespace prefix, w:val, and the list numbers Word draws before a paragraph (its
// numbering.xml), which are no part of the text but make "一、" and "（一）" of a heading.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace nianbao::extract::docx {

// The element's name without its prefix ("w:tbl" → "tbl"): a package may use any prefix.
std::string_view local(const pugi::xml_node& n);
// The value of the element's val attribute (w:val, or any prefix), "" when absent.
std::string_view value(const pugi::xml_node& n);

// Word's automatic numbering: per list (w:numId), counters by level, drawn by each level's
// lvlText ("%1、", "（%2）") in its numFmt (decimal, chineseCounting, …). Bullets draw nothing.
class Numbering {
 public:
  Numbering() = default;
  explicit Numbering(const pugi::xml_document& numbering_xml);
  // The number a paragraph with these properties (w:pPr) gets, counting it; "" when none.
  std::string label(const pugi::xml_node& paragraph_properties);

 private:
  struct Level {
    std::string format = "decimal", text;
    int start = 1;
  };
  static constexpr int kLevels = 9;  // ilvl 0–8
  std::map<std::string, std::vector<Level>> abstract_;  // abstractNumId → its levels
  std::map<std::string, std::string> lists_;            // numId → abstractNumId
  std::map<std::string, std::vector<int>> counters_;    // numId → the last number of each level
};

}  // namespace nianbao::extract::docx
