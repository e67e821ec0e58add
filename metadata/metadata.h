// metadata: what a report says about itself — its title, the publishing agency and the year
// reported on — read from the document's title and its first blocks. Knows nothing of templates
// or output formats.
#pragma once

#include <string_view>

#include "model/report.h"

namespace nianbao::metadata {

// Fill report.title, report.agency and report.year from the reader's document title (HTML
// <title>, "" if none) and the report's first blocks (title lines, the 统计期限 sentence).
void find_metadata(Report& report, std::string_view document_title);

}  // namespace nianbao::metadata
