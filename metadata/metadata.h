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

// Set the agency as given by the user (kept as written) and where it sits (its division).
void set_given_agency(Report& report, std::string_view agency);

// Who published, whatever the spelling: the division code and the name without the places it
// starts with ("320813/人民政府" for 洪泽区人民政府 and 淮安市洪泽区人民政府); the name itself when
// no division is known; "" without an agency.
std::string agency_key(std::string_view agency, std::string_view division_code);

}  // namespace nianbao::metadata
