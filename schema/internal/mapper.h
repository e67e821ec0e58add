// Internal to schema/: the tables of a report → choice points over canonical cells. Finds
// each template table's region (the section whose heading names it), reads its rows from
// whatever the source gave (HTML or text grids, one number per line, flattened runs), aligns
// them with the template rows by label and position, and says what could not be placed.
#pragma once

#include <vector>

#include "model/limits.h"
#include "model/report.h"
#include "schema/internal/report_text.h"
#include "schema/internal/rules.h"
#include "schema/internal/solver.h"
#include "schema/template.h"

namespace nianbao::schema {

struct Mapping {
  std::vector<ChoicePoint> points;    // readings of every cell found
  CollapsedGroups collapsed;          // groups the report prints as one data row
  std::vector<Diagnostic> diagnostics;
};

Mapping map_tables(const Report& report, const Template& t, const Limits& limits);
// The same with the report's texts folded and keyed once for all the engine's steps.
Mapping map_tables(const ReportText& text, const Template& t, const Limits& limits);

}  // namespace nianbao::schema
