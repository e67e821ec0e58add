// The geometry of PDF pages (extract/internal/pdf_page.h) on word boxes and drawn lines given
// directly, as poppler reports them: rules from drawn lines, reading order, tables.
#include <doctest/doctest.h>

#include "extract/internal/pdf_page.h"

using namespace nianbao;
using namespace nianbao::extract;

TEST_CASE("a rule drawn cell by cell is one rule; a filled box and a short tick are none") {
  std::vector<pdf::Rule> pieces = {
      {{100, 199.8, 150, 200.2}, true},  // one horizontal rule drawn in three strokes that meet,
      {{150, 199.9, 220, 200.3}, true},  // the middle one 0.1 pt lower
      {{220.5, 199.8, 300, 200.2}, true},
      {{100, 300, 300, 340}, true},     // a shaded cell (40 pt high): not a rule
      {{400, 100, 400.5, 104}, false},  // a 4 pt tick: shorter than any table column
      {{99.8, 200, 100.2, 260}, false},  // a vertical rule
  };
  const std::vector<pdf::Rule> rules = pdf::rules_from_lines(pieces);
  REQUIRE(rules.size() == 2);
  const pdf::Rule& h = rules[0].horizontal ? rules[0] : rules[1];
  const pdf::Rule& v = rules[0].horizontal ? rules[1] : rules[0];
  CHECK(h.box.x0 == doctest::Approx(100));
  CHECK(h.box.x1 == doctest::Approx(300));
  CHECK(v.box.y0 == doctest::Approx(200));
  CHECK(v.box.y1 == doctest::Approx(260));
}
