// output: the fingerprint of a check, written with it in the XML, the JSON and the checks
// export, so that a decision on a check can be found again in a later run.
#pragma once

#include <string>
#include <string_view>

#include "model/report.h"

namespace nianbao::output {

// A check's fingerprint (16 hex digits): a hash of the report's template, the rule, its scope
// and its operand cells (space-separated ids) — never of the values or of where the text
// stands — so the same check has the same fingerprint in every run, and a reviewer's decision
// on it (confirmed, dismissed) can follow it. (Two sentences stating the same cells make one
// N1 claim: they share it.)
std::string check_fingerprint(std::string_view template_id, std::string_view rule, std::string_view scope,
                              std::string_view cells);
// The same for a report's check, one of the fingerprints this thread made and keeps (no copy
// per check): valid until the thread clears them, when it has kept 4 096; read or copy it at once.
const std::string& check_fingerprint(std::string_view template_id, const Check& check);

}  // namespace nianbao::output
