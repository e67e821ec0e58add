// Internal to schema/: report-level findings — a section printed without
// its table (not assessable), section 五 empty or only 无, section 六 silent on 信息处理费 —
// each a check of its own, beside the cell rules. What each reads is data (<finding> in the
// templates); this unit only runs the three tests.
#pragma once

#include <string>
#include <vector>

#include "model/report.h"
#include "schema/internal/report_text.h"
#include "schema/template.h"

namespace nianbao::schema {

// The checks of the template's findings for a report whose tables were read (report.values).
// Scope: the section id; the position: the section's heading when printed; no cells.
std::vector<Check> findings_of(const Report& report, const Template& t);
std::vector<Check> findings_of(const ReportText& text, const Template& t);

// Whether `rule` is one of the template's findings (a recheck keeps them: values do not change them).
bool is_finding(const Template& t, const std::string& rule);

}  // namespace nianbao::schema
