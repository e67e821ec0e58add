// Report templates as data: the model of schema/templates/*.xml (tables, rows with their label
// variants, columns, cell ids, rules) and the label keys that matching compares. The engine
// that applies a template (mapper.cc, checks.cc) is generic: a third format is a data file.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::schema {

enum class ValueType { count, signed_count, money };

struct ColumnDef {
  std::string key;    // "natural_person", "review.upheld"
  std::string label;  // header text as in the format
  std::string group;  // header group ("行政复议"), "" if none
  ValueType type = ValueType::count;
  std::string key_text;  // label_key(label), for matching
};

struct RowDef {
  std::string id;                   // "t3.result.denied.state_secret"
  std::vector<std::string> labels;  // as written in the format and its variants
  std::vector<std::string> keys;    // folded, number stripped, quotes dropped (see label_key)
  std::string number;               // the label's own number, folded ("1", "(三)", "一"), "" if none
  int parent = -1;                  // index of the enclosing group row in TableDef::rows
  bool group = false;               // a merged label with no cells of its own
  bool collapsible = false;         // a group that a report may print as one data row
  int depth = 0;
};

struct TableDef {
  std::string id;       // "t3", "t2.art20_1"
  std::string title;    // "第二十条第（一）项", "收到和处理政府信息公开申请情况"
  std::string section;  // canonical section id the table belongs to
  std::string cell;     // cell id pattern with {row} and {col}
  std::string header;   // a phrase of the table's header that marks where it starts ("" if none)
  bool single_row = false;  // one data row without a row label (表四)
  std::vector<ColumnDef> columns;
  std::vector<RowDef> rows;  // document order; groups precede their rows

  std::string cell_id(const RowDef& row, const ColumnDef& col) const;
  // Precomputed at load: the index (into Template::cells) and id of every cell, [row][col].
  std::vector<std::vector<int>> cell_index;
  int cell_at(int row, int col) const { return cell_index[row][col]; }
  // Data rows in order when the groups listed in `collapsed` are printed as one row each.
  std::vector<int> data_rows(const std::vector<int>& collapsed = {}) const;
  // Indices of collapsible groups.
  std::vector<int> collapsible_groups() const;
  int find_row(std::string_view id) const;  // -1 if absent
};

// A rule as written (grammar in rules.h): cells summed with + and − on each side of '=',
// previous(cell) for what the agency's report of the year before said.
struct RuleDef {
  std::string id;          // "R3.1"
  std::string for_each;    // "column:t3", "row:t3" or ""
  std::string expression;  // "a[$c] + b[$c] = c[$c]"
  bool cross_year = false; // refers to the previous year: checked by `audit`, not in one report
  int line = 0;            // in the template file, for errors
};

struct SectionDef {
  std::string id;       // "sec.applications"
  std::string heading;  // "三、收到和处理政府信息公开申请情况"
  std::string match;    // label_key of the phrase a report's heading must contain
};

struct Template {
  std::string id;    // "gov-2021"
  std::string name;  // official name of the format
  std::vector<std::string> signals;  // folded header texts that identify the format
  std::vector<SectionDef> sections;
  std::vector<TableDef> tables;
  std::vector<RuleDef> rules;
  // Every cell id the template can name (group cells included), in template order; the
  // engine works on indices into this list.
  std::vector<std::string> cells;
  struct CellRef {
    int table = -1, row = -1, col = -1;
  };
  std::vector<CellRef> cell_refs;  // parallel to cells
  std::uint64_t serial = 0;  // this load among all loads (caches key on it: two files may share an id)
  int cell_of(std::string_view id) const;  // -1 if the template has no such cell

  const TableDef* table(std::string_view id) const;
  const SectionDef* section(std::string_view id) const;
};

// All templates, parsed once from the data compiled into the program.
const std::vector<Template>& templates();
const Template* find_template(std::string_view id);

// A template read from a file outside the built-in set (a new format, a test's toy format).
// Loading validates it: a rule naming no cell, an unknown table or section, a malformed
// expression throws TemplateError naming the file and line.
Template load_template_file(const std::string& path);

struct TemplateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A text as label matching sees it: its key (label_key) and its own row number (label_number),
// from one folding.
struct LabelText {
  std::string key;
  std::string number;
};
LabelText label_text(std::string_view text);

// The comparable form of a label: NFKC folded, whitespace, quotes and the leading row number
// (一、 （一） 1. 1、 1．) removed. "（三） 不予公开" → "不予公开"; "3.危及“三安全一稳定”" → "危及三安全一稳定".
std::string label_key(std::string_view label);
// A folded label without its leading row number ("三、收到…" → "收到…"); punctuation kept.
std::string strip_number(std::string_view folded_label);
// The leading row number of a folded label ("1.属于…" → "1", "(三)不予公开" → "(三)"), "" if none.
std::string label_number(std::string_view folded_label);

// The text of an embedded data file (templates/x.xml, headings.xml, nianbao.rng) by file name.
std::string_view data_file(std::string_view name);

}  // namespace nianbao::schema
