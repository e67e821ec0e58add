// pipeline/identity: a report's stable id, from what it says — the agency (division and name
// without its places) and the year; without both, the format, the cells as read and the text's
// characters — never from its path or the bytes of its form: the same report as text, HTML or
// PDF, anywhere, has one id.
#pragma once

#include <string>

#include "model/report.h"

namespace nianbao {

// 16 hex digits (FNV-1a 64 of the report's identity). Computed before corrections apply.
std::string report_id(const Report& report);

}  // namespace nianbao
