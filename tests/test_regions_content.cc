// schema/regions: has_content, which tells whether a stretch of blocks prints enough of a
// table's own texts, searches a long block's key a slice at a time: a text that straddles two
// slices, or two blocks, is found as in one search of the whole.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "normalize/key_search.h"
#include "schema/internal/regions.h"
#include "schema/internal/report_text.h"

using namespace nianbao;
using namespace nianbao::schema;

namespace {

std::string times(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

Report paragraphs(const std::vector<std::string>& texts) {
  Report r;
  for (const std::string& t : texts) {
    Block b;
    b.text = BlockText(t);
    r.blocks.push_back(std::move(b));
  }
  return r;
}

}  // namespace

TEST_CASE("regions: a table's text straddling the slices of a long paragraph's key is found") {
  const normalize::KeySearch keys({"甲乙丙", "丁戊己", "庚辛壬"});
  // Each text of the table at a different place of the slices: one across the first boundary
  // (bytes 123–131), one across a later one, one at the end.
  for (int filler = 35; filler <= 48; ++filler) {
    CAPTURE(filler);
    const Report r = paragraphs({times("子", filler) + "甲乙丙" + times("丑", filler + 3) + "丁戊己" + times("寅", 90) + "庚辛壬"});
    const ReportText text(r);
    CHECK(regions_detail::has_content(text, keys, 0, 1, 3));
    CHECK(!regions_detail::has_content(text, keys, 0, 1, 4));
  }
}

TEST_CASE("regions: a table's texts counted across blocks, each once, and only within the stretch") {
  const normalize::KeySearch keys({"甲乙丙", "丁戊己", "庚辛壬"});
  const Report r = paragraphs({times("子", 60) + "甲乙丙", "甲乙丙" + times("丑", 50) + "丁戊己", "庚辛壬"});
  const ReportText text(r);
  CHECK(regions_detail::has_content(text, keys, 0, 3, 3));
  CHECK(!regions_detail::has_content(text, keys, 0, 2, 3));  // 甲乙丙 twice is one text
  CHECK(regions_detail::has_content(text, keys, 0, 2, 2));
  CHECK(!regions_detail::has_content(text, keys, 1, 2, 3));
}
