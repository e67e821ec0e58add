// Check fingerprints (output.h): FNV-1a over what identifies a check, never its values.
#include <cstdint>
#include <cstdio>

#include "output/fingerprint.h"
#include "output/output.h"

namespace nianbao::output {
namespace {

// 64-bit FNV-1a, fed field by field with a separator no field contains.
struct Fnv {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  void add(std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
    h = (h ^ 0x1F) * 0x100000001b3ULL;  // unit separator
  }
};

}  // namespace

std::string check_fingerprint(std::string_view template_id, std::string_view rule, std::string_view scope,
                              std::string_view cells) {
  Fnv f;
  f.add(template_id);
  f.add(rule);
  f.add(scope);
  f.add(cells);
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(f.h));
  return out;
}

std::string check_fingerprint(std::string_view template_id, const Check& c) {
  std::string cells;
  for (const std::string& id : c.cells) cells += (cells.empty() ? "" : " ") + id;
  return check_fingerprint(template_id, c.rule, c.scope, cells);
}

}  // namespace nianbao::output
