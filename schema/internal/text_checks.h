// Internal to schema/: the text rules (N1, text vs table). A sentence of the report's prose that
// states a cell's number (全年共收到政府信息公开申请 218 件) is compared with the cell; the
// phrases are data (<text-rule> in the templates).
#pragma once

#include <vector>

#include "model/report.h"
#include "schema/internal/report_text.h"
#include "schema/template.h"

namespace nianbao::schema {

// One number the prose states, for one or several sums of cells (indices into Template::cells).
struct Statement {
  std::string rule;    // "N1"
  std::string number;  // as stated ("218")
  std::string phrase;  // the matched text, folded ("全年共收到政府信息公开申请218件")
  std::vector<std::vector<int>> sums;
  SourcePos pos;       // the paragraph's
};

// Every statement the report's paragraphs make under `t`'s text rules, in document order. A
// match inside a longer one is not a statement of its own.
std::vector<Statement> find_statements(const Report& report, const Template& t);
std::vector<Statement> find_statements(const ReportText& text, const Template& t);
// The same with each paragraph searched whole for every phrase, not only where the phrases'
// scope says a match may lie and for the phrases whose literal runs are there
// (internal/phrase_scope.h): what neither must ever change (tests).
std::vector<Statement> find_statements_unscoped(const ReportText& text, const Template& t);

// An ambiguous cell that a statement names alone (one cell, not a sum) and whose candidates hold
// the stated number: that candidate goes first and the note says where the text states it. The
// value stays ambiguous: prose is a hint, not a proof (a report's prose counts other things under
// the same words, e.g. the documents in force after a clean-up against the table's year-end count).
void hint_by_text(const Template& t, const std::vector<Statement>& statements, std::vector<CellValue>& values);

// A check per statement: pass when one of its sums equals the number, fail when every sum is
// known and none does, undetermined when a cell is missing, blank, dash or ambiguous.
std::vector<Check> text_checks(const Template& t, const std::vector<Statement>& statements,
                               const std::vector<CellValue>& values);
// The same with each template cell's first value given (indexed as Template::cells; null: none).
std::vector<Check> text_checks(const Template& t, const std::vector<Statement>& statements,
                               const std::vector<const CellValue*>& first_value);

}  // namespace nianbao::schema
