// Internal to the mapper: the readings of a row shared by mapper.cc (表二, 表三) and
// single_row.cc (表四: one row of 15 cells without a label).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/normalize.h"
#include "schema/internal/mapper.h"
#include "schema/internal/splits.h"
#include "schema/internal/stream.h"

namespace nianbao::schema::detail {

std::vector<ValueType> column_types(const TableDef& t);

// normalize::parse_cell_number(text).kind, without folding a cell that starts with an ideograph
// (a row label, nearly every text cell): it is text unless it may be a dash word (无, 不适用,
// 不涉及, 暂无, 空), since folding leaves a leading ideograph of U+4E00–U+9FFF as it is; nor one
// that starts with an opening parenthesis (a numbered row label), which folds to "(".
normalize::CellNumber::Kind cell_kind(std::string_view text);
const std::vector<int>& row_cells(const TableDef& t, int row);  // indices into Template::cells

// A flattened digit run to read as the cells of one row (or of 表四).
struct DigitRun {
  const std::vector<int>& cells;  // indices into Template::cells
  const std::vector<ValueType>& types;
  const std::vector<std::string>& pieces;  // the run cut where the source had spaces
  const std::string& text;                 // the run as printed
  SourcePos pos;
  std::string_view what;  // the row or table it is read as, for messages (viewed: a template id)
};

// The readings of a run no rule reads (a 表二 row): one alternative holding each cell's
// distinct values (ambiguous with candidates when several).
ChoicePoint distinct_readings(const DigitRun& run, std::size_t& budget, std::vector<Diagnostic>& diags);

// All readings of a run, those its own rules (the `rules` that read only its cells) pass
// best; one unknown reading when the budget runs out (never an incomplete list, which would
// be a silent guess). `expanded_rules`: `rules` is what expand_rules keeps (the local rules of
// each row are then computed once per thread).
ChoicePoint ruled_readings(const DigitRun& run, const std::vector<RuleInstance>& rules, std::size_t& budget,
                           std::vector<Diagnostic>& diags, bool expanded_rules = false);

// The readings of a row of table cells: one per placement of its values (usually one); a cell
// OCR doubted (`readings`: its other readings, per slot, may be empty) adds an alternative per
// reading (see add_readings) when the row has one placement.
ChoicePoint structured_point(const std::vector<int>& cells, std::span<const std::vector<std::string>> placements,
                             SourcePos pos, const std::vector<std::vector<std::string>>& readings = {});

// OCR's doubt as choices: each alternative of `p` that reads `cell` is joined by copies reading
// each of `others` instead, at the same cost, so the rules decide and a tie leaves the cell
// ambiguous with its candidates. Past a bound on the alternatives, the row stays as read.
void add_readings(ChoicePoint& p, int cell, const std::vector<std::string>& others);

// 表四: the numbers of the region, in order; a scrambled reading order is repaired by moving
// as few blocks of numbers as the rules need.
void map_single_row(const TableDef& t, const std::vector<RuleInstance>& rules, std::size_t cells,
                    const std::vector<Token>& tokens, Mapping& out, std::size_t& budget);

}  // namespace nianbao::schema::detail
