// Report templates as data: the model of schema/templates/*.xml (tables, rows with their label
// variants, columns, cell ids, rules) and the label keys that matching compares. The engine
// that applies a template (mapper.cc, checks.cc) is generic: a third format is a data file.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/cell_id.h"

namespace re2 {
class RE2;
}

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
  std::vector<int> key_edits;       // per key: edits a text may be away from it (internal/labels.h)
  std::vector<std::u32string> key_points;  // per key: its code points (approximate matching compares them)
  std::vector<std::uint64_t> key_bits;     // per key: the set of its code points mod 64 (a bound that skips most comparisons)
  std::string number;               // the label's own number, folded ("1", "(三)", "一"), "" if none
  int parent = -1;                  // index of the enclosing group row in TableDef::rows
  bool group = false;               // a merged label with no cells of its own
  bool collapsible = false;         // a group that a report may print as one data row
  int depth = 0;
};

// How a report prints a table, declared by its layout="…" in the template: what the mapper
// reads it as.
enum class TableLayout {
  label_blocks,  // "label-blocks": one of the small tables of a section (表二), read together, a row by its label
  grid,          // "grid": alone in its section, rows aligned with the template by label and position (表三)
  single_row,    // "single-row": one data row without a row label (表四)
};

struct TableDef {
  std::string id;       // "t3", "t2.art20_1"
  std::string title;    // "第二十条第（一）项", "收到和处理政府信息公开申请情况"
  std::string section;  // canonical section id the table belongs to
  std::string cell;     // cell id pattern with {row} and {col}
  std::string header;   // a phrase of the table's header that marks where it starts ("" if none)
  TableLayout layout = TableLayout::grid;
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
  std::string file;        // that file (a template, or a file it includes)
};

// A text rule (N1, text vs table): phrases of the report's prose that state a cell's number.
// `pattern` is an RE2 pattern over a paragraph's folded text (normalize::fold: NFKC, no
// whitespace, so "，" is ","), its one group the number. `cells` are the sums the phrase may
// name, each a list of cell ids (受理 counts the year's new applications in one report, new and
// carried-over ones in another): the statement holds when one of them equals the number.
struct PhraseDef {
  std::string pattern;
  std::shared_ptr<const re2::RE2> re;  // compiled and checked at load from a file; null for the built-in templates
  std::vector<std::vector<std::string>> cells;
  int line = 0;
  std::string file;
};

struct TextRuleDef {
  std::string id;  // "N1"
  std::vector<PhraseDef> phrases;
};

// A report-level finding (F1…): what the report as a whole prints or leaves
// out, checked beside the cell rules and written as a check of its own (scope: the section).
enum class FindingTest {
  table_printed,     // test="table-printed": each section holding a table prints it (heading and no table: not assessable)
  section_says,      // test="section-says": the section says more than its `phrases` (无, 暂无), which say nothing
  section_mentions,  // test="section-mentions": the section mentions one of its `phrases` (信息处理费)
};

struct FindingDef {
  std::string id;  // "F1"
  FindingTest test = FindingTest::table_printed;
  std::string section;               // the section id it reads; "" for table-printed: every section holding a table
  std::vector<std::string> phrases;  // folded (normalize::fold), whitespace removed
  int line = 0;
  std::string file;
};

struct SectionDef {
  std::string id;       // "sec.applications"
  std::string heading;  // "三、收到和处理政府信息公开申请情况"
  std::string match;    // label_key of the phrase a report's heading must contain
  std::string heading_key;  // label_key of the heading as the format prints it
  int heading_edits = 0;    // edits a report's heading may be away from it (internal/labels.h)
};

struct Template {
  std::string id;    // "gov-2021"
  std::string name;  // official name of the format
  std::vector<std::string> signals;  // folded header texts that identify the format
  int first_year = 0, last_year = 0;  // the reporting years the format is for (0: open)
  std::vector<SectionDef> sections;
  std::vector<TableDef> tables;
  std::vector<RuleDef> rules;
  std::vector<TextRuleDef> text_rules;
  std::vector<FindingDef> findings;
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

// The id of cell `cell` (index into Template::cells) as a check names it: shared with the
// template when it is built in (it lives as long as the process), a copy for any other.
CellId check_cell_id(const Template& t, int cell);
// The same for many cells of one template: whether it is built in, asked once.
class CheckCellIds {
 public:
  explicit CheckCellIds(const Template& t);
  CellId operator()(int cell) const {
    const std::string& id = t_.cells[static_cast<std::size_t>(cell)];
    return built_in_ ? CellId::shared(id) : CellId(id);
  }

 private:
  const Template& t_;
  bool built_in_;
};

// Rule grammar: SIDE '=' SIDE; a side is terms joined by '+' or '-'; a term is a cell id, or
// previous(cell id) for the value the same agency's report of the year before gave it.
// $c and $r stand for each column key and data row id of the for-each table.
struct RuleTerm {
  std::string cell;
  int sign = 1;           // +1 or -1
  bool previous = false;  // the year before
};
// One instance of a rule as cell ids: Σ left = Σ right, for one scope of its for-each.
struct RuleText {
  std::string scope;  // column key, row id, or ""
  std::vector<RuleTerm> left, right;
};
// The instances of `rule` over its for-each scopes (data rows laid out as if the collapsible
// groups listed in `collapsed` were printed as one row each).
// Throws TemplateError (without file and line: the loader adds them) on a malformed
// expression or an unknown for-each table.
std::vector<RuleText> rule_texts(const Template& t, const RuleDef& rule, const std::vector<std::string>& collapsed = {});

// Whether a rule's two sums are equal. Cells hold at most a few decimals (元 to the fen, 万元
// to four places): a difference under a millionth is the rounding of the additions, never a
// difference the report printed.
constexpr double sum_tolerance = 1e-6;
inline bool sums_equal(long double a, long double b) { return std::fabs(a - b) < sum_tolerance; }

// A template read from a file outside the built-in set (a new format, a test's toy format).
// Loading validates it: a rule naming no cell, an unknown table or section, a malformed
// expression throws TemplateError naming the file and line.
Template load_template_file(const std::string& path);

struct TemplateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The text of an embedded data file (templates/x.xml, headings.xml, nianbao.rng) by file name.
std::string_view data_file(std::string_view name);

}  // namespace nianbao::schema
