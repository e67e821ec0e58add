// normalize/key_search: many keys looked for in one pass give what find_bytes of each key gives,
// on the corpus texts with the formats' labels, and on generated texts and keys that mix
// ideographs, ASCII, stray continuation bytes and broken characters.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "normalize/key_search.h"
#include "normalize/normalize.h"
#include "schema/internal/labels.h"
#include "schema/template.h"
#include "tests/corpus.h"

using namespace nianbao;
using namespace nianbao::test;
namespace nz = nianbao::normalize;

namespace {

// What mark must give: find_bytes of each key from the first start whose occurrence ends after
// `ends_after`.
std::vector<bool> expected_marks(std::string_view text, const std::vector<std::string>& keys, std::size_t ends_after) {
  std::vector<bool> found(keys.size());
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const std::size_t from = ends_after >= keys[k].size() ? ends_after - keys[k].size() + 1 : 0;
    found[k] = nz::find_bytes(text, keys[k], from) != std::string_view::npos;
  }
  return found;
}

// Checks mark on `text` at a few `ends_after`, and with some keys already marked (they stay
// marked and are not counted). Returns how many keys were found from 0.
std::size_t check_marks(const nz::KeySearch& search, std::string_view text) {
  std::size_t found_anywhere = 0;
  for (const std::size_t ends_after : {std::size_t{0}, text.size() / 3, text.size() / 2, text.size() - text.size() / 8}) {
    const std::vector<bool> want = expected_marks(text, search.keys(), ends_after);
    std::vector<bool> got(search.size());
    const std::size_t marked = search.mark(text, got, ends_after);
    CHECK(got == want);
    CHECK(marked == static_cast<std::size_t>(std::count(want.begin(), want.end(), true)));
    if (ends_after == 0) found_anywhere = marked;
    std::vector<bool> half(search.size());
    for (std::size_t k = 0; k < half.size(); k += 2) half[k] = true;
    std::size_t new_marks = 0;
    for (std::size_t k = 1; k < half.size(); k += 2) new_marks += want[k];
    CHECK(search.mark(text, half, ends_after) == new_marks);
  }
  return found_anywhere;
}

}  // namespace

TEST_CASE("key search: the formats' labels in the corpus texts, as find_bytes finds them") {
  std::vector<std::string> keys;
  for (const schema::Template& t : schema::templates())
    for (const schema::TableDef& table : t.tables) {
      for (const schema::RowDef& row : table.rows) keys.insert(keys.end(), row.keys.begin(), row.keys.end());
      for (const schema::ColumnDef& c : table.columns) keys.push_back(c.key_text);
      keys.push_back(schema::label_key(table.title));
    }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  REQUIRE(keys.size() > 60);
  const nz::KeySearch search(keys);
  std::size_t texts = 0, found = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() + "/corpus")) {
    if (entry.path().extension() != ".txt") continue;
    const std::string raw = read_file(entry.path().string());
    found += check_marks(search, raw);
    found += check_marks(search, schema::label_key(raw));  // as the labels are printed, keyed
    ++texts;
  }
  CHECK(texts >= 10);
  CHECK(found > 10 * texts);  // the reports print their tables' labels
}

TEST_CASE("key search: generated texts and keys, broken UTF-8 included, as find_bytes finds them") {
  std::mt19937 random(20261204);
  // Ideographs, ASCII, a full-width comma, a lone continuation byte, a lead byte without its
  // continuation bytes, and a four-byte character.
  const std::vector<std::string> pieces{"政", "府", "信", "息", "公", "开", "其", "他", "a", "1", " ", "，",
                                        "\x80", "\xE6", "\xF0\x9F\x98\x80"};
  auto text_of = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += pieces[random() % pieces.size()];
    return s;
  };
  std::size_t found = 0;
  for (int round = 0; round < 300; ++round) {
    const std::string text = text_of(random() % 200);
    std::vector<std::string> keys;
    for (int k = 0; k < 40; ++k) {
      if (random() % 2 && !text.empty()) {  // a piece of the text, cut at any byte
        const std::size_t at = random() % text.size();
        keys.push_back(text.substr(at, random() % 16));
      } else {
        keys.push_back(text_of(random() % 5));
      }
    }
    found += check_marks(nz::KeySearch(keys), text);
  }
  CHECK(found > 1000);
}
