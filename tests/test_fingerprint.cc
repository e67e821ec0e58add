// Check fingerprints (output/fingerprint.h): what identifies a check, not its values, so that a
// reviewer's decision can follow a check from one run to the next.
#include <doctest/doctest.h>

#include <set>

#include "output/fingerprint.h"
#include "output/output.h"
#include "tests/corpus.h"

using namespace nianbao;

namespace {

std::vector<std::string> fingerprints(const Report& r) {
  std::vector<std::string> out;
  for (const Check& c : r.checks) out.push_back(output::check_fingerprint(r.template_id, c));
  return out;
}

}  // namespace

TEST_CASE("a check's fingerprint is the same when the values change and differs between checks") {
  const std::string seed = test::read_file(test::corpus_path("000-seed.txt"));
  const Report r = extract_report(seed, {});
  REQUIRE(r.checks.size() > 10);
  // Every hard check of a report has its own (N1 claims on the same cells share one by design).
  std::set<std::string> hard;
  std::size_t hard_checks = 0;
  for (const Check& c : r.checks)
    if (c.rule != "N1") hard.insert(output::check_fingerprint(r.template_id, c)), ++hard_checks;
  CHECK(hard.size() == hard_checks);
  // The seed's 本年新收 row with its first number changed (a correction, a re-extraction):
  // the same checks, the same fingerprints, whatever their results now.
  std::string changed = seed;
  const std::size_t row = changed.find("一、本年新收政府信息公开申请数量");
  REQUIRE(row != std::string::npos);
  const std::size_t digit = changed.find_first_of("0123456789", row);
  changed[digit] = changed[digit] == '9' ? '8' : static_cast<char>(changed[digit] + 1);
  const Report r2 = extract_report(changed, {});
  CHECK(fingerprints(r2) == fingerprints(r));
  // Written in the XML with each check.
  const std::string xml = output::to_xml(r);
  CHECK(xml.find("fingerprint=\"" + fingerprints(r).front() + "\"") != std::string::npos);
  CHECK(test::validate_against_schema(xml).empty());
}
