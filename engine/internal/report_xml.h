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
  std::string line, page;  // where in the source it was read ("" = unknown / not paged)
};

struct XmlCheck {
  std::string rule, scope, result, left, right;
};

struct XmlSentence {
  std::string section;  // headings from the top, joined by " / "; "" before the first heading
  std::string text;
  std::string kind = "sentence";  // sentence | table (a table's row, or a paragraph that is table text)
};

// A <table-read> of the report: how many of one template table's cells were read, by state.
struct XmlTableRead {
  std::string table;
  std::size_t expected = 0, read = 0, blank = 0, dash = 0, ambiguous = 0, unread = 0;
};

struct XmlReport {
  std::string path;  // the XML file
  std::string id;  // the stable report id ("" in XML of an older nianbao)
  std::string source, agency, year, template_id, title, input_kind, generator;
  std::string division, province, city, county;
  std::string url, retrieved, published;  // provenance, as given (sidecar, --meta, --source-url)
  std::size_t warnings = 0;  // diagnostics of severity warning or error
  std::vector<XmlCell> cells;
  std::vector<XmlCheck> checks;
  std::vector<XmlSentence> sentences;  // the prose sentences, then table text, in document order
  std::vector<XmlTableRead> table_reads;
};

// Throws InputError naming `path` when the file is missing, is not XML, is not a report written
// by nianbao, or holds what output/nianbao.rng and the templates do not allow (an unknown
// template, a cell id that is not the template's, an unknown state or check result, a value
// that is not a number, a year that is not one).
XmlReport read_report_xml(const std::string& path);

// The separator of section paths.
inline constexpr const char* section_separator = " / ";

}  // namespace nianbao::engine
