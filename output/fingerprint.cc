// Check fingerprints (output.h): FNV-1a over what identifies a check, never its values.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "model/kept.h"
#include "normalize/fnv.h"
#include "output/fingerprint.h"
#include "output/internal/kept_check.h"
#include "output/internal/xml_stream.h"
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

namespace {

std::string fingerprint_of(std::string_view template_id, const Check& c) {
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

// The same checks come back in every report of a format (a template's rule instances), and
// FNV-1a is a multiplication after each byte, one waiting for the other: a 表三 column's check
// names 22 cells, some 900 bytes, and hashing them cost more than writing the check. So the
// fingerprints made are kept per thread, found by a cheap hash of the check's identity and
// confirmed by comparing all of it.
struct Made {
  std::string template_id, rule, scope;
  std::vector<CellId> cells;  // a template's ids are shared: compared by address
  std::string fingerprint;
  std::string cells_xml;  // the XML writer's `cells` value (internal/kept_check.h)
};

// Far more than a template has rule instances (the 2021 format: some 60); a process reading
// reports of unknown templates clears its cache when it is full instead of growing it.
constexpr std::size_t max_kept_fingerprints = 4096;

// The cells by their addresses when shared (a template's ids, in nearly every check): no byte of
// them read. An id held by value gives another hash than the same id shared, so the same
// fingerprint may be kept twice: never a wrong one, as `same` compares the ids' text.
// Of a name (template, rule, scope: a few bytes each), its size and up to 8 bytes at either end
// (read as words of a size known here: a copy of a size unknown here is a call of memcpy).
std::uint64_t name_hash(std::string_view s) {
  std::uint64_t first = 0, last = 0;
  if (s.size() >= 8) {
    std::memcpy(&first, s.data(), 8);
    std::memcpy(&last, s.data() + s.size() - 8, 8);
  } else {
    for (const char c : s) first = (first << 8) | static_cast<unsigned char>(c);
  }
  return (first * 0x9E3779B97F4A7C15ULL) ^ (last * 0xC2B2AE3D27D4EB4FULL) ^ s.size();
}

// Of the cells, their count and the first and last: the rule and scope tell nearly every check
// of a template from the others already, and `same` compares all of it (a check names up to 22
// cells, and a hash of each cost as much as the comparison).
std::size_t identity_hash(std::string_view template_id, const Check& c) {
  const auto cell_hash = [](const CellId& id) -> std::size_t {
    const std::string* address = id.shared_address();
    return address ? reinterpret_cast<std::uintptr_t>(address) : std::hash<std::string_view>()(id.str());
  };
  std::size_t v = name_hash(template_id) ^ (name_hash(c.rule) * 3) ^ (name_hash(c.scope) * 5) ^ (c.cells.size() * 7);
  constexpr std::size_t mix = 0x9E3779B97F4A7C15ULL;
  if (!c.cells.empty()) v = (v * mix + cell_hash(c.cells.front())) * mix + cell_hash(c.cells.back());
  return v;
}

// The check's entry, made the first time this thread meets its identity.
const Made& kept(std::string_view template_id, const Check& c) {
  thread_local KeptByHash<Made> made(max_kept_fingerprints);
  const auto same = [&](const Made& m) {
    return m.template_id == template_id && m.rule == c.rule && m.scope == c.scope && m.cells == c.cells;
  };
  const auto make = [&] {
    return Made{std::string(template_id), c.rule, c.scope, c.cells, fingerprint_of(template_id, c),
                internal::XmlStream::escaped_words(c.cells)};
  };
  return made.find_or_make(identity_hash(template_id, c), same, make);
}

}  // namespace

const std::string& check_fingerprint(std::string_view template_id, const Check& c) {
  return kept(template_id, c).fingerprint;
}

namespace internal {

KeptCheck kept_check(std::string_view template_id, const Check& c) {
  const Made& m = kept(template_id, c);
  return {m.fingerprint, m.cells_xml};
}

}  // namespace internal

}  // namespace nianbao::output
