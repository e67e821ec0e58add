// engine/formats: quoting shared by the writers of the engine and the commands (CSV fields,
// JSON strings).
#pragma once

#include <string>
#include <string_view>

namespace nianbao::engine {

// A CSV field, quoted when it needs to be (RFC 4180). A text a spreadsheet would run as a formula
// (it starts with = + - @, a tab or a CR and is not a plain number such as -18) gets a leading
// apostrophe inside quotes ("'=SUM(1+1)"), so it shows as text. Every CSV cell goes through here.
std::string csv_field(std::string_view text);
std::string json_string(std::string_view text); // a JSON string literal, quotes included

}  // namespace nianbao::engine
