// Internal to schema/: reading a flattened digit run as table cells. Web pages flattened to
// text run adjacent cells together ("230 000023" is 23 0 0 0 0 0 23); every way to cut the
// run into the row's cells, by the cells' types, is enumerated, within a budget.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/internal/solver.h"
#include "schema/template.h"

namespace nianbao::schema {

// Call `emit` for each reading of `pieces` (the run cut at spaces; a space is always a cell
// boundary) as exactly types.size() cells, given as the texts of the cells (views into
// `pieces`; read_single_cell turns one into a value). `emit` returns false to stop. Each step
// costs one unit of `budget`; returns false when the budget ran out before the enumeration
// finished.
bool enumerate_splits(const std::vector<std::string>& pieces, const std::vector<ValueType>& types,
                      std::size_t& budget, const std::function<bool(const std::vector<std::string_view>&)>& emit);

// The same, with `accept_prefix(cells)` asked after each cell is cut: false prunes every
// reading that starts so (a group of cells whose sum is already wrong).
bool enumerate_splits(const std::vector<std::string>& pieces, const std::vector<ValueType>& types,
                      std::size_t& budget, const std::function<bool(const std::vector<std::string_view>&)>& accept_prefix,
                      const std::function<bool(const std::vector<std::string_view>&)>& emit);

// Is `text` (a cut of a run) one cell of the given type as a whole? Then `cell` is its
// reading: a number (canonical value, "-18", "75394432.52"), the cut as raw, the unit (元 /
// 万元) the cut ended with.
bool read_single_cell(const std::string& text, ValueType type, Reading& cell);

}  // namespace nianbao::schema
