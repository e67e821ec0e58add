// engine/formats: quoting shared by the writers of the engine and the commands (CSV fields,
// JSON strings).
#pragma once

#include <string>
#include <string_view>

namespace nianbao::engine {

std::string csv_field(std::string_view text);   // quoted when it needs to be (RFC 4180)
std::string json_string(std::string_view text); // a JSON string literal, quotes included

}  // namespace nianbao::engine
