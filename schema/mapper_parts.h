// Internal to the mapper: the readings of a row shared by mapper.cc (表二, 表三) and
// single_row.cc (表四: one row of 15 cells without a label).
#pragma once

#include <string>
#include <vector>

#include "schema/mapper.h"
#include "schema/splits.h"
#include "schema/stream.h"

namespace nianbao::schema::detail {

std::vector<ValueType> column_types(const TableDef& t);
std::vector<int> row_cells(const TableDef& t, int row);  // indices into Template::cells
Reading from_split(const SplitCell& c);

// All readings of `pieces` as the cells `ids` (a flattened run); one unknown reading when the
// budget runs out (never an incomplete list, which would be a silent guess).
// `rules` (may be null): those that read only these cells decide among the readings at once.
ChoicePoint split_point(const std::vector<int>& cells, const std::vector<ValueType>& types,
                        const std::vector<std::string>& pieces, const std::string& run, SourcePos pos,
                        const std::string& what, const std::vector<RuleInstance>* rules, std::size_t& budget,
                        std::vector<Diagnostic>& diags);

// The reading of a row of table cells; a cell OCR doubted (`readings`: its other readings, per
// slot, may be empty) adds an alternative per reading (see add_readings).
ChoicePoint structured_point(const std::vector<int>& cells, const std::vector<std::string>& slots, SourcePos pos,
                             const std::vector<std::vector<std::string>>& readings = {});

// OCR's doubt as choices: each alternative of `p` that reads `cell` is joined by copies reading
// each of `others` instead, at the same cost, so the rules decide and a tie leaves the cell
// ambiguous with its candidates. More doubtful cells than kMaxDoubtfulCells stay as read.
void add_readings(ChoicePoint& p, int cell, const std::vector<std::string>& others);

// 表四: the numbers of the region, in order; a scrambled reading order is repaired by moving
// as few blocks of numbers as the rules need.
void map_single_row(const TableDef& t, const std::vector<RuleInstance>& rules, std::size_t cells,
                    const std::vector<Token>& tokens, Mapping& out, std::size_t& budget);

}  // namespace nianbao::schema::detail
