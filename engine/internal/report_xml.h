// Reading back the XML that `nianbao extract`/`batch` wrote (output/nianbao.rng), for the
// corpus commands: the metadata, the canonical cells, the checks and the sentences with the
// path of headings they sit under. Tables and positions are not needed there and not read.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace nianbao::engine {

struct XmlCell {
  std::string cell;   // canonical id
  std::string value;  // the number when state == "number", else ""
  std::string state;  // number | blank | dash | ambiguous
  std::string raw;    // the source text of the cell
  std::string unit, note;
  std::string replaced;  // a corrected value: what it replaced
};

struct XmlCheck {
  std::string rule, scope, result, left, right;
  std::string cells;  // the canonical cells of both sides, separated by spaces
};

struct XmlSentence {
  std::string section;  // headings from the top, joined by " / "; "" before the first heading
  std::string text;
};

struct XmlReport {
  std::string path;  // the XML file
  std::string id;  // the stable report id ("" in XML of an older nianbao)
  std::string source, agency, year, template_id, title, input_kind, generator;
  std::string division, province, city, county;
  std::size_t warnings = 0;  // diagnostics of severity warning or error
  std::vector<XmlCell> cells;
  std::vector<XmlCheck> checks;
  std::vector<XmlSentence> sentences;
};

// Throws InputError naming `path` when the file is missing, is not XML, is not a report written
// by nianbao, or holds what output/nianbao.rng and the templates do not allow (an unknown
// template, a cell id that is not the template's, an unknown state or check result, a value
// that is not a number, a year that is not one).
XmlReport read_report_xml(const std::string& path);

// The separator of section paths.
inline constexpr const char* section_separator = " / ";

}  // namespace nianbao::engine
