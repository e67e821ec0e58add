// Check fingerprints (output.h): FNV-1a over what identifies a check, never its values.
#include <cstdint>
#include <cstdio>

#include "normalize/fnv.h"
#include "output/fingerprint.h"
#include "output/output.h"

namespace nianbao::output {
namespace {
constexpr unsigned char unit_separator = 0x1F;  // between the fields of a fingerprint
}  // namespace

std::string check_fingerprint(std::string_view template_id, std::string_view rule, std::string_view scope,
                              std::string_view cells) {
  normalize::Fnv1a f(unit_separator);
  f.add(template_id);
  f.add(rule);
  f.add(scope);
  f.add(cells);
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(f.value()));
  return out;
}

std::string check_fingerprint(std::string_view template_id, const Check& c) {
  std::string cells;
  for (const std::string& id : c.cells) cells += (cells.empty() ? "" : " ") + id;
  return check_fingerprint(template_id, c.rule, c.scope, cells);
}

}  // namespace nianbao::output
