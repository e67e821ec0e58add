// An agency's name in a report: what it ends with and what it may not hold (data/agency_words.tsv),
// and the places besides the title where a report names its agency.
#include "metadata/internal/agency.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "metadata/divisions.h"
#include "metadata/internal/data.h"
#include "metadata/internal/years.h"
#include "normalize/normalize.h"

namespace nianbao::metadata {
namespace {

namespace nz = nianbao::normalize;

// A name longer than this is a sentence, not a name.
constexpr std::size_t max_name_chars = 30;
// The signature sits in the last few paragraphs; a signature line is short.
constexpr std::size_t signature_blocks = 8;
constexpr std::size_t max_signature_chars = 40;
// How far before an agency suffix a name may start, in characters.
constexpr std::size_t max_name_lookback = 20;

struct SelfReference {
  std::vector<std::string> words;     // 我局 本局
  std::vector<std::string> suffixes;  // 局 ("" = any)
};

struct AgencyWords {
  std::vector<std::string> suffixes;  // longest first
  std::vector<std::string> not_in_name, leads, trails;
  std::vector<SelfReference> selves;
  AgencyWords() {
    for (const auto& f : data_lines("agency_words.tsv", '\t')) {
      if (f.size() < 2) continue;
      std::vector<std::string> w = words_of(f[1]);
      if (f[0] == "suffix") suffixes.insert(suffixes.end(), w.begin(), w.end());
      else if (f[0] == "not_in_name") not_in_name = w;
      else if (f[0] == "lead") leads = w;
      else if (f[0] == "trail") trails = w;
      else if (f[0] == "self") selves.push_back({w, f.size() > 2 ? words_of(f[2]) : std::vector<std::string>{}});
    }
    std::stable_sort(suffixes.begin(), suffixes.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (const std::string& sfx : suffixes) by_last_char.emplace_back(last_char(sfx), &sfx);
    for (const auto& [last, sfx] : by_last_char) may_end[bucket(last)] = true;
    std::stable_sort(by_last_char.begin(), by_last_char.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t k = 0; k < by_last_char.size(); ++k) {
      const std::string_view last = by_last_char[k].first;
      // A last character of three bytes, read as the search reads the text (next_code_point).
      std::size_t end = 0;
      const char32_t c = last.empty() ? 0 : nz::next_code_point(last, end);
      if (end == 3 && last.size() == 3) ends_suffix[c] = true;
      // The same group by code point (three bytes naming U+0800 or above name no other).
      if (const char32_t cp = three_byte_char(last, 0); last.size() == 3 && cp != 0) {
        if (group_of[cp] == 0) groups.push_back({k, k});
        group_of[cp] = static_cast<std::uint8_t>(groups.size() - 1);
        groups.back().second = k + 1;
      }
    }
    if (groups.size() > 0xFF) throw std::length_error("agency_words.tsv: too many suffix endings");
    for (const std::string& word : not_in_name) {
      if (word.size() == 1 && static_cast<unsigned char>(word[0]) < 0x80) not_in_name_byte[static_cast<unsigned char>(word[0])] = true;
      else if (const char32_t c = three_byte_char(word, 0); word.size() == 3 && c != 0) not_in_name_char[c] = true;
      else not_in_name_words.push_back(word);
    }
    for (const SelfReference& self : selves)
      for (const std::string& word : self.words) {
        const std::string lead = word.substr(0, nz::code_point_prefix_bytes(word, 1));
        if (!lead.empty() && std::find(self_leads.begin(), self_leads.end(), lead) == self_leads.end()) self_leads.push_back(lead);
      }
  }
  // The suffixes by their last character, longest first within one: suffix_of runs at every
  // character of the report's text, and only the suffixes ending in that character can match.
  std::vector<std::pair<std::string_view, const std::string*>> by_last_char;
  // Whether some suffix may end in a character of this bucket (its bytes hashed): most
  // characters of a text end no suffix, and are told so without the search.
  static constexpr std::size_t buckets = 4096;
  static std::size_t bucket(std::string_view ch) {
    std::size_t h = 0;
    for (const char c : ch) h = h * 131 + static_cast<unsigned char>(c);
    return h % buckets;
  }
  std::vector<bool> may_end = std::vector<bool>(buckets, false);
  // Per code point of the Basic Multilingual Plane: whether some suffix's last character is it
  // (written as its three bytes). A run of text ending in a well-formed three-byte character
  // that is no such ending ends in no suffix: the search over a whole text tests a bit.
  std::vector<bool> ends_suffix = std::vector<bool>(0x10000, false);
  // Per code point of that plane, which run of by_last_char ends in it (its three bytes): a name
  // whose last character is one finds its suffixes there without the binary search over the
  // endings' bytes. Group 0 is the empty run (by_last_char's groups are contiguous: it is sorted).
  std::vector<std::pair<std::size_t, std::size_t>> groups = {{0, 0}};
  std::vector<std::uint8_t> group_of = std::vector<std::uint8_t>(0x10000, 0);
  // The self-reference words by their first byte: the words a text holds, found in one pass
  // over the text for each distinct first character (a handful: the searches for the rest start at those).
  std::vector<std::string> self_leads;  // distinct first characters of the self words

  // The words a name may not hold (after its place), by form: an ASCII byte, a character of three
  // bytes (by code point), the rest as they are. A name is read once for the first two forms,
  // where each word was looked for in turn (most are one character: 了 的 ， 。).
  std::vector<bool> not_in_name_byte = std::vector<bool>(0x80, false);
  std::vector<bool> not_in_name_char = std::vector<bool>(0x10000, false);
  std::vector<std::string> not_in_name_words;
  // The code point of the three bytes at `at` of `s` when they are a lead byte of a three-byte
  // character and two continuation bytes and name U+0800 or above (then no other three bytes
  // name it), else 0.
  static char32_t three_byte_char(std::string_view s, std::size_t at) {
    if (at + 3 > s.size()) return 0;
    const auto b0 = static_cast<unsigned char>(s[at]), b1 = static_cast<unsigned char>(s[at + 1]),
               b2 = static_cast<unsigned char>(s[at + 2]);
    if ((b0 & 0xF0) != 0xE0 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return 0;
    const char32_t c = static_cast<char32_t>((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F));
    return c >= 0x800 ? c : 0;
  }
  // Whether `s` holds one of the words (as `s.find(word)` for each would find it).
  bool holds_not_in_name(std::string_view s) const {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto b = static_cast<unsigned char>(s[i]);
      if (b < 0x80 ? not_in_name_byte[b] : not_in_name_char[three_byte_char(s, i)]) return true;  // [0]: never set
    }
    for (const std::string& w : not_in_name_words)
      if (s.find(w) != std::string_view::npos) return true;
    return false;
  }

  // The bytes of the last character of `s` (its last byte when that is no UTF-8 character end).
  static std::string_view last_char(std::string_view s) {
    if (s.empty()) return s;
    std::size_t at = s.size() - 1;
    while (at > 0 && s.size() - at < 4 && nz::is_continuation_byte(s[at])) --at;
    return s.substr(at);
  }
};

const AgencyWords& words() {
  static const AgencyWords w;
  return w;
}

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

// The agency suffix `name` ends in, "" if none.
std::string_view suffix_of(std::string_view name) {
  const AgencyWords& w = words();
  const std::string_view last = AgencyWords::last_char(name);
  if (const char32_t c = AgencyWords::three_byte_char(last, 0); last.size() == 3 && c != 0) {
    const auto [from, to] = w.groups[w.group_of[c]];
    for (std::size_t k = from; k < to; ++k)
      if (ends_with(name, *w.by_last_char[k].second)) return *w.by_last_char[k].second;
    return {};
  }
  if (!w.may_end[AgencyWords::bucket(last)]) return {};
  auto it = std::lower_bound(w.by_last_char.begin(), w.by_last_char.end(), last,
                             [](const auto& e, std::string_view key) { return e.first < key; });
  for (; it != w.by_last_char.end() && it->first == last; ++it)
    if (ends_with(name, *it->second)) return *it->second;
  return {};
}

// The paragraphs' text, for the searches over the whole report, without what 《…》 cites (the
// names in a document's title — 《中华人民共和国政府信息公开条例》 — are not the report's agency).
std::string all_text(const Report& report) {
  static constexpr std::string_view open_quote = "《", close_quote = "》";
  std::string out;
  for (const Block& b : report.blocks) {
    if (b.kind != BlockKind::paragraph) continue;
    const std::string_view text = b.text;
    int depth = 0;
    std::size_t i = 0, kept_from = 0;  // kept_from: the text outside 《…》 not yet copied
    while (true) {
      if (depth == 0) {
        const std::size_t open = nz::find_bytes(text, open_quote, i);
        if (open == std::string_view::npos) break;
        out.append(text.substr(kept_from, open - kept_from));  // a 》 outside any 《 is kept
        ++depth;
        i = open + open_quote.size();
        continue;
      }
      const std::size_t open = nz::find_bytes(text, open_quote, i), close = nz::find_bytes(text, close_quote, i);
      if (close == std::string_view::npos) break;  // never closed: the rest is cited
      if (open < close) {
        ++depth;
        i = open + open_quote.size();
        continue;
      }
      out += ' ';  // each 》 of a citation, nested or not
      i = close + close_quote.size();
      if (--depth == 0) kept_from = i;
    }
    if (depth == 0) out.append(text.substr(kept_from));
    out += '\n';
  }
  return out;
}

// is_agency_name's tests before the place is read: an agency suffix after something, no more
// than a name's characters.
bool has_name_shape(std::string_view name) {
  const std::string_view suffix = suffix_of(name);
  return !suffix.empty() && suffix.size() != name.size() && nz::at_most_code_points(name, max_name_chars);
}

// is_agency_name's tests after the place: `place` bytes of `name` are the place it starts with.
bool is_name_after_place(std::string_view name, std::size_t place) {
  const std::string_view rest = name.substr(std::min(place, name.size()));
  if (holds_word_not_in_name(rest)) return false;
  for (std::size_t i = 0; i < name.size();) {
    const char32_t c = nz::next_code_point(name, i);
    if (c < 0x3400 || c > 0x9FFF) return false;  // digits, Latin, punctuation, spaces: not a name
  }
  return true;
}

}  // namespace

bool holds_word_not_in_name(std::string_view text) { return words().holds_not_in_name(text); }

std::string_view agency_suffix(std::string_view name) { return suffix_of(name); }

bool is_agency_name(std::string_view name) {
  return has_name_shape(name) && is_name_after_place(name, place_length(name));
}

std::string agency_in_credit(const Report& report) {
  const AgencyWords& w = words();
  for (const Block& b : report.blocks) {
    if (b.kind != BlockKind::paragraph) continue;
    for (const std::string& lead : w.leads)
      for (std::size_t at = nz::find_bytes(b.text, lead); at != std::string::npos; at = nz::find_bytes(b.text, lead, at + 1)) {
        const std::string_view after = std::string_view(b.text).substr(at + lead.size());
        // A name is at most max_name_chars characters: a trail that starts past the byte that
        // starts one more ends none, and the first trail is looked for before it only.
        const std::size_t limit = nz::code_point_prefix_bytes(after, max_name_chars);
        for (const std::string& trail : w.trails) {
          const std::size_t end = nz::find_bytes(after.substr(0, limit + trail.size()), trail);
          if (end == std::string_view::npos) continue;
          const std::string name = nz::clean(after.substr(0, end));
          if (is_agency_name(name)) return name;
        }
      }
  }
  return "";
}

std::string agency_in_signature(const Report& report) {
  const std::size_t n = report.blocks.size();
  for (std::size_t k = 0; k < std::min(n, signature_blocks); ++k) {
    const Block& b = report.blocks[n - 1 - k];
    if (b.kind != BlockKind::paragraph || !nz::at_most_code_points(b.text, max_signature_chars)) continue;
    const std::string text = nz::clean(std::string_view(b.text).substr(0, trailing_date_start(b.text)));
    if (is_agency_name(text)) return text;
  }
  return "";
}

namespace {

// The endings the report's self-references ask for (我局 → 局), in the order of the data: for each
// self-reference word the text holds, its suffixes. The words are looked for where their first
// character is (one search per distinct first character, not one per word).
std::vector<std::string> wanted_suffixes(std::string_view text) {
  const AgencyWords& w = words();
  std::vector<const std::string*> present;
  for (const std::string& lead : w.self_leads)
    for (std::size_t at = nz::find_bytes(text, lead); at != std::string_view::npos; at = nz::find_bytes(text, lead, at + 1))
      for (const SelfReference& self : w.selves)
        for (const std::string& word : self.words)
          if (word.starts_with(lead) && text.substr(at).starts_with(word) &&
              std::find(present.begin(), present.end(), &word) == present.end())
            present.push_back(&word);
  std::vector<std::string> wanted;
  for (const SelfReference& self : w.selves)
    for (const std::string& word : self.words)
      if (std::find(present.begin(), present.end(), &word) != present.end())
        wanted.insert(wanted.end(), self.suffixes.begin(), self.suffixes.end());
  return wanted;
}

// Distinct names a search remembers whether they read as place-led agency names; past this
// many it forgets them (a hostile text may hold ever new ones).
constexpr std::size_t max_remembered_names = 4096;

// Whether a place may begin at each of the last characters read, asked at most once per character
// (may_begin_place is a pure test; the names tried reach back max_name_lookback characters, so a
// ring of that many answers, each tagged with its character's index in the text, keeps them).
class PlaceStarts {
 public:
  PlaceStarts() { std::fill(std::begin(index_), std::end(index_), npos); }
  bool may_begin(std::size_t index, std::string_view name) {
    const std::size_t slot = index % ring;
    if (index_[slot] != index) index_[slot] = index, answer_[slot] = may_begin_place(name);
    return answer_[slot];
  }

 private:
  static constexpr std::size_t ring = 32, npos = static_cast<std::size_t>(-1);
  static_assert(ring > max_name_lookback);
  std::size_t index_[ring];
  bool answer_[ring] = {};
};

}  // namespace

// Every run of ideographs is read once, character by character; at each character that ends an
// agency suffix, the names that end there are tried from the longest (max_name_lookback). A
// run's characters are three bytes each (an ideograph's UTF-8) until one is not (an overlong
// form): only then are their offsets recorded, one by one.
std::string agency_most_named(const Report& report) {
  const AgencyWords& w = words();
  const std::string text = all_text(report);
  const std::vector<std::string> wanted = wanted_suffixes(text);  // the endings a self-reference asks for
  std::map<std::string, std::size_t, std::less<>> count;
  std::map<std::string, std::size_t, std::less<>> first;
  std::unordered_map<std::string_view, bool> named;  // name → it reads as a place-led agency name
  PlaceStarts place_starts;
  std::vector<std::size_t> starts;  // per character of an irregular run: its offset in the run
  std::size_t chars = 0;            // characters of the run so far
  std::size_t run_index = 0;        // the run's first character's index among the runs' characters
  bool regular = true;              // every character of the run so far has three bytes
  std::size_t run_start = std::string_view::npos;  // runs of CJK ideographs: punctuation, digits, spaces end a name
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const char32_t c = nz::next_code_point(text, i);
    if (c < 0x3400 || c > 0x9FFF) {
      run_start = std::string_view::npos;
      continue;
    }
    if (run_start == std::string_view::npos) run_start = at, run_index += chars, chars = 0, regular = true;
    if (regular && i - at != 3) {
      regular = false;
      starts.clear();
      for (std::size_t k = 0; k < chars; ++k) starts.push_back(3 * k);
    }
    if (!regular) starts.push_back(at - run_start);
    const std::size_t e = ++chars, end = i - run_start;
    const auto start_of = [&](std::size_t k) { return regular ? 3 * k : starts[k]; };
    const std::string_view run = std::string_view(text).substr(run_start, end);  // the run up to here
    // A well-formed character that ends no suffix ends no name (suffix_of reads the same bytes).
    // (Three bytes decoded to an ideograph are its own UTF-8: next_code_point reads an overlong
    // form only in more bytes.)
    if (i - at == 3 && !w.ends_suffix[c]) {
      // The ideographs after it that end no suffix either only lengthen the run: crossed here
      // with what the steps above would do for each (a regular run's characters are counted).
      while (regular && nz::is_ideograph_at(text, i) && !w.ends_suffix[nz::ideograph_code_point(text, i)])
        i += 3, ++chars;
      continue;
    }
    if (suffix_of(run).empty()) continue;
    // Every name tried here is a suffix of the run: none ends in a wanted ending unless the run does.
    const auto ends_wanted = [&](std::string_view name) {
      return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& x) { return ends_with(name, x); });
    };
    if (!wanted.empty() && !ends_wanted(run)) continue;
    for (std::size_t s = e > max_name_lookback ? e - max_name_lookback : 0; s + 1 < e; ++s) {
      const std::string_view name = run.substr(start_of(s));
      // Every name tried here has two characters or more, all that may_begin_place reads.
      if (!place_starts.may_begin(run_index + s, name)) continue;
      auto known = named.find(name);
      if (known == named.end()) {
        if (named.size() >= max_remembered_names) named.clear();
        const std::size_t place = place_length(name);
        known = named.emplace(name, place != 0 && has_name_shape(name) && is_name_after_place(name, place)).first;
      }
      if (!known->second) continue;
      if (!wanted.empty() && !ends_wanted(name)) continue;
      if (auto it = count.find(name); it != count.end()) {
        ++it->second;
      } else {
        first.emplace(std::string(name), first.size());
        count.emplace(std::string(name), 1);
      }
      break;  // the longest name that ends here
    }
  }
  std::string best;
  for (const auto& [name, n] : count)
    if (best.empty() || n > count[best] || (n == count[best] && first[name] < first[best])) best = name;
  return best;
}

}  // namespace nianbao::metadata
