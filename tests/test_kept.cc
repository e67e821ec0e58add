// model/kept.h: what a thread keeps between reports is found again, told apart from what shares
// its hash, and cleared when the capacity is reached, so that a long-lived process never grows.
#include <doctest/doctest.h>

#include <string>

#include "model/kept.h"

using namespace nianbao;

TEST_CASE("KeptByHash finds what it made, tells apart entries sharing a hash, and clears at its capacity") {
  KeptByHash<std::string> kept(3);
  int made = 0;
  auto find = [&](std::size_t hash, const std::string& value) {
    return kept.find_or_make(hash, [&](const std::string& e) { return e == value; }, [&] {
      ++made;
      return value;
    });
  };
  CHECK(find(7, "a") == "a");
  CHECK(find(7, "b") == "b");  // the same hash, another identity: made, not confused with "a"
  CHECK(find(7, "a") == "a");
  CHECK(find(7, "b") == "b");
  CHECK(made == 2);
  CHECK(find(9, "c") == "c");
  CHECK(kept.size() == 3);
  CHECK(find(11, "d") == "d");  // full: cleared, then "d" kept alone
  CHECK(kept.size() == 1);
  CHECK(find(7, "a") == "a");  // made again
  CHECK(made == 5);
}

TEST_CASE("Kept finds a value by its key and clears at its capacity") {
  Kept<int, std::string> kept(2);
  int made = 0;
  auto find = [&](int key) {
    return kept.find_or_make(key, [&] {
      ++made;
      return std::to_string(key * 10);
    });
  };
  CHECK(find(1) == "10");
  CHECK(find(2) == "20");
  CHECK(find(1) == "10");
  CHECK(made == 2);
  CHECK(find(3) == "30");
  CHECK(kept.size() == 1);
  CHECK(find(2) == "20");
  CHECK(made == 4);
  for (int k = 0; k < 1000; ++k) find(k);
  CHECK(kept.size() <= 2);
}
