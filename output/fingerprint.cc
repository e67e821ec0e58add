// Check fingerprints (output.h): FNV-1a over what identifies a check, never its values.
#include <cstdint>
#include <string>

#include "normalize/fnv.h"
#include "output/fingerprint.h"
#include "output/output.h"

namespace nianbao::output {
namespace {
constexpr unsigned char unit_separator = 0x1F;  // between the fields of a fingerprint

// The hash as 16 lower-case hex digits.
std::string hex16(std::uint64_t h) {
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = "0123456789abcdef"[h & 0xF];
  return out;
}
}  // namespace

std::string check_fingerprint(std::string_view template_id, std::string_view rule, std::string_view scope,
                              std::string_view cells) {
  normalize::Fnv1a f(unit_separator);
  f.add(template_id);
  f.add(rule);
  f.add(scope);
  f.add(cells);
  return hex16(f.value());
}

std::string check_fingerprint(std::string_view template_id, const Check& c) {
  // The same hash as over the cell ids joined by spaces, without joining them.
  normalize::Fnv1a f(unit_separator);
  f.add(template_id);
  f.add(c.rule);
  f.add(c.scope);
  for (std::size_t i = 0; i < c.cells.size(); ++i) {
    if (i > 0) f.add_part(" ");
    f.add_part(c.cells[i]);
  }
  f.end_field();
  return hex16(f.value());
}

}  // namespace nianbao::output
