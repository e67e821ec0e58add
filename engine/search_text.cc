// Folding for the full-text index, with offsets back to the original, and snippets with marks.
#include "engine/internal/search_text.h"

#include <algorithm>
#include <utility>

#include "model/kept.h"
#include "normalize/normalize.h"

namespace nianbao::engine {

namespace {

// The other code points a thread keeps the folds of: far more than the punctuation and symbols
// of reports, so that a text of every script does not grow the cache without end.
constexpr std::size_t max_kept_folds = 4096;

// The folded form of one code point. ASCII and CJK ideographs (the bulk of a report) are
// decided here; everything else goes through normalize::fold once per thread and code point.
const std::string& fold_code_point(char32_t c, std::string& scratch) {
  scratch.clear();
  if (c < 0x80) {
    if (c > 0x20 && c != 0x7F) scratch += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return scratch;
  }
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) {
    normalize::append_utf8(scratch, c);
    return scratch;
  }
  thread_local Kept<char32_t, std::string> kept(max_kept_folds);
  return kept.find_or_make(c, [c] {
    std::string one;
    normalize::append_utf8(one, c);
    std::string folded = normalize::fold(one);
    for (char& ch : folded)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return folded;
  });
}

}  // namespace

std::string search_fold(std::string_view text, std::vector<std::uint32_t>* origin) {
  std::string out;
  out.reserve(text.size());
  if (origin) origin->clear();
  std::string scratch;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t c = normalize::next_code_point(text, i);
    const std::string& f = fold_code_point(c, scratch);
    out += f;
    if (origin) origin->insert(origin->end(), f.size(), static_cast<std::uint32_t>(start));
  }
  return out;
}

namespace {
// A flattened table row prints its cells' numbers side by side ("0000000", "200 000121"): a
// run of 5+ digits (spaces between them allowed). Prose has one or two such runs at most (a
// phone number, a postcode); three mark rows of a table.
constexpr std::size_t flattened_table_digits = 5;
constexpr std::size_t flattened_table_runs = 3;

bool clause_punctuation(char32_t c) {
  switch (c) {
    case U'，': case U'。': case U'；': case U'：': case U'！': case U'？': case U'、':
    case ',': case ';': case ':': case '!': case '?':
      return true;
    default:
      return false;
  }
}
}  // namespace

bool is_table_text(std::string_view text) {
  bool punctuated = false;
  std::size_t runs = 0, digits = 0, i = 0;
  while (i < text.size()) {
    const char32_t c = normalize::next_code_point(text, i);
    punctuated = punctuated || clause_punctuation(c);
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ') {
      runs += digits >= flattened_table_digits;
      digits = 0;
    }
  }
  runs += digits >= flattened_table_digits;
  return !punctuated || runs >= flattened_table_runs;
}

std::string snippet(std::string_view text, const std::vector<std::string>& folded_terms, const Marks& marks,
                    std::size_t width) {
  std::vector<std::uint32_t> origin;
  const std::string folded = search_fold(text, &origin);
  auto next_boundary = [&](std::size_t b) {  // end of the code point starting at b
    std::size_t i = b;
    normalize::next_code_point(text, i);
    return i;
  };
  // Matched ranges in original byte offsets, merged.
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (const std::string& term : folded_terms) {
    if (term.empty()) continue;
    for (std::size_t at = folded.find(term); at != std::string::npos; at = folded.find(term, at + 1)) {
      // Only matches on code point boundaries of the folded text.
      if (normalize::is_continuation_byte(folded[at])) continue;
      ranges.emplace_back(origin[at], next_boundary(origin[at + term.size() - 1]));
    }
  }
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<std::size_t, std::size_t>> merged;
  for (const auto& r : ranges) {
    if (!merged.empty() && r.first <= merged.back().second) merged.back().second = std::max(merged.back().second, r.second);
    else merged.push_back(r);
  }

  // The window: whole text when short, else `width` code points starting a little before the
  // first match.
  std::size_t from = 0, to = text.size();
  if (normalize::count_code_points(text) > width) {
    const std::size_t anchor = merged.empty() ? 0 : merged.front().first;
    std::size_t before = width / 4, i = anchor;
    while (before > 0 && i > 0) {
      --i;
      while (i > 0 && normalize::is_continuation_byte(text[i])) --i;
      --before;
    }
    from = i;
    std::size_t n = 0;
    to = from;
    while (to < text.size() && n < width) {
      to = next_boundary(to);
      ++n;
    }
  }
  std::string out;
  if (from > 0) out += "…";
  std::size_t pos = from;
  for (const auto& [b, e] : merged) {
    if (e <= from || b >= to) continue;
    const std::size_t mb = std::max(b, from), me = std::min(e, to);
    out.append(text.substr(pos, mb - pos));
    out += marks.open;
    out.append(text.substr(mb, me - mb));
    out += marks.close;
    pos = me;
  }
  out.append(text.substr(pos, to - pos));
  if (to < text.size()) out += "…";
  return out;
}

}  // namespace nianbao::engine
