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
// A paragraph is numbered by its own w:numPr or by its style's (word/styles.xml: a heading style
// that carries the list, directly or through w:basedOn); the level is the paragraph's w:ilvl,
// else the style's, else the level of the list linked to the style (w:lvl/w:pStyle), else 0.
class Numbering {
 public:
  Numbering() = default;
  explicit Numbering(const pugi::xml_document& numbering_xml);
  // The numbering the styles of word/styles.xml carry.
  void add_styles(const pugi::xml_document& styles_xml);
  // The number a paragraph with these properties (w:pPr) gets, counting it; "" when none.
  std::string label(const pugi::xml_node& paragraph_properties);

 private:
  struct Level {
    std::string format = "decimal", text;
    int start = 1;
    std::string style;  // w:pStyle: the paragraph style this level numbers
  };
  struct StyleNumbering {
    std::string num_id, based_on;
    int ilvl = -1;
  };
  // A chain of w:basedOn is followed this far (Word's styles nest a few deep; a loop must end).
  static constexpr int kMaxStyleDepth = 16;
  std::map<std::string, StyleNumbering> styles_;  // styleId → the numbering it carries
  static constexpr int kLevels = 9;  // ilvl 0–8
  std::map<std::string, std::vector<Level>> abstract_;  // abstractNumId → its levels
  std::map<std::string, std::string> lists_;            // numId → abstractNumId
  std::map<std::string, std::vector<int>> counters_;    // numId → the last number of each level
};

}  // namespace nianbao::extract::docx
