// The identity of a report: the fields that say which report it is, hashed.
#include "pipeline/identity.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "metadata/metadata.h"
#include "normalize/fnv.h"
#include "normalize/normalize.h"

namespace nianbao {
namespace {

// 0xFF: the field separator of report ids since they were introduced (ids must not change).
constexpr unsigned char id_field_separator = 0xFF;

const char* state_name(ValueState s) {
  switch (s) {
    case ValueState::number: return "n";
    case ValueState::blank: return "b";
    case ValueState::dash: return "d";
    case ValueState::ambiguous: return "a";
  }
  return "?";
}

std::string hex(std::uint64_t h) {
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[i] = digits[h & 0xF];
  return out;
}

}  // namespace

std::string report_id(const Report& r) {
  normalize::Fnv1a f(id_field_separator);
  // An agency publishes one report a year: who and which year say which report it is, whatever
  // form it came in and however well that form was read.
  const std::string agency = metadata::agency_key(r.agency, r.division.code);
  if (!agency.empty() && !r.year.empty()) {
    f.add(agency);
    f.add(r.year);
    return hex(f.value());
  }
  f.add(r.agency);
  f.add(r.year);
  f.add(r.template_id);
  std::vector<std::string> cells;
  for (const CellValue& v : r.values) cells.push_back(v.cell.str() + "=" + state_name(v.state) + v.number);
  std::sort(cells.begin(), cells.end());
  for (const std::string& c : cells) f.add(c);
  if (cells.empty()) {
    // No cells to tell reports apart: the ideographs of the text (markup, spaces, punctuation
    // and line breaks differ between forms; the words do not).
    std::string ideographs;
    for (const Block& b : r.blocks)
      for (std::size_t i = 0; i < b.text.size();) {
        const std::size_t at = i;
        const char32_t c = normalize::next_code_point(b.text, i);
        if (c >= 0x3400 && c <= 0x9FFF) ideographs.append(b.text, at, i - at);
      }
    f.add(ideographs);
  }
  return hex(f.value());
}

}  // namespace nianbao
