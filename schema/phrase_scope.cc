// What a set of RE2 phrases can match, from their syntax (internal/phrase_scope.h). The reader
// follows the part of RE2's syntax the templates use — literals, \d, escaped punctuation,
// classes with ranges, (…), (?:…), |, and the quantifiers ? * + {m,n} (lazy or not) — and gives
// up on anything else, which leaves the scope empty: never a guess.
#include "schema/internal/phrase_scope.h"

#include <algorithm>
#include <cstddef>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "normalize/normalize.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

struct Range {
  char32_t lo, hi;
  bool holds(char32_t c) const { return lo <= c && c <= hi; }
};

// What one pattern's syntax says, when the reader followed all of it.
struct Facts {
  std::vector<char32_t> literals;               // anywhere
  std::vector<Range> positive;                   // what the positive classes take, anywhere
  std::vector<std::vector<Range>> negated;       // what each negated class leaves out
  bool top_alternation = false;                  // a | outside any group
  bool top_digit = false;                        // \d or (\d+) outside any group, not optional
  std::vector<char32_t> top_required;            // literals outside any group, not optional
  // What every match holds, as clauses: each clause's texts, one of which a match holds. Runs of
  // literals outside any group, each literal exactly once (no quantifier), are clauses of one
  // text (a literal with a quantifier that asks for one or more is a run of its own); a group
  // outside any group whose alternatives are only literals, not optional, is a clause of its
  // alternatives ((?:收到|接收)).
  std::vector<std::vector<std::string>> top_clauses;
};

// ASCII punctuation a backslash makes literal.
bool escapable(char c) { return std::string_view(".()[]{}|?*+\\-^$/").find(c) != std::string_view::npos; }

// RE2 refuses counts over 1000; a pattern that gets here compiled, so this is only a guard.
constexpr std::size_t max_repeat = 100000;

// The smallest count of the quantifier at p[i] (1 when none follows), i moved past it and a
// lazy '?'; nullopt for a brace this reader does not take.
std::optional<std::size_t> quantifier(std::string_view p, std::size_t& i) {
  std::size_t min = 1;
  if (i < p.size() && (p[i] == '?' || p[i] == '*')) min = 0, ++i;
  else if (i < p.size() && p[i] == '+') ++i;
  else if (i < p.size() && p[i] == '{') {
    std::size_t j = i + 1, m = 0;
    if (j >= p.size() || p[j] < '0' || p[j] > '9') return std::nullopt;
    while (j < p.size() && p[j] >= '0' && p[j] <= '9' && m < max_repeat) m = m * 10 + static_cast<std::size_t>(p[j++] - '0');
    if (m >= max_repeat) return std::nullopt;
    if (j < p.size() && p[j] == ',') ++j;
    while (j < p.size() && p[j] >= '0' && p[j] <= '9') ++j;
    if (j >= p.size() || p[j] != '}') return std::nullopt;
    i = j + 1;
    min = m;
  } else {
    return min;
  }
  if (i < p.size() && p[i] == '?') ++i;  // lazy
  return min;
}

// The class at p[i] ('[' there), i moved past its ']'; false when not followed.
bool read_class(std::string_view p, std::size_t& i, Facts& f) {
  ++i;
  const bool negated = i < p.size() && p[i] == '^';
  if (negated) ++i;
  if (i < p.size() && p[i] == ']') return false;  // "[]…]": not taken
  std::vector<Range> ranges;
  while (i < p.size() && p[i] != ']') {
    char32_t c;
    if (p[i] == '[') return false;  // [[:alpha:]]
    if (p[i] == '\\') {
      if (i + 1 >= p.size()) return false;
      if (p[i + 1] == 'd') {
        ranges.push_back({'0', '9'});
        i += 2;
        continue;
      }
      if (!escapable(p[i + 1])) return false;
      c = static_cast<unsigned char>(p[i + 1]);
      i += 2;
    } else {
      c = nz::next_code_point(p, i);
    }
    if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
      ++i;
      if (p[i] == '\\' || p[i] == '[') return false;
      ranges.push_back({c, nz::next_code_point(p, i)});
    } else {
      ranges.push_back({c, c});
    }
  }
  if (i >= p.size()) return false;
  ++i;
  if (negated) f.negated.push_back(std::move(ranges));
  else f.positive.insert(f.positive.end(), ranges.begin(), ranges.end());
  return true;
}

// The alternatives of the group whose '(' or "(?:" ends at p[i], when each is only literals
// (plain characters or escaped punctuation) and the quantifier after the group, if any, asks for
// one or more; nullopt otherwise (any other group: nothing is known a match holds of it).
std::optional<std::vector<std::string>> needed_alternatives(std::string_view p, std::size_t i) {
  std::vector<std::string> alternatives(1);
  for (++i; i < p.size() && p[i] != ')';) {
    const char b = p[i];
    if (b == '|') {
      alternatives.emplace_back();
      ++i;
    } else if (b == '\\' && i + 1 < p.size() && escapable(p[i + 1])) {
      alternatives.back() += p[i + 1];
      i += 2;
    } else if (std::string_view("()[]{}\\.^$?*+").find(b) != std::string_view::npos) {
      return std::nullopt;
    } else {
      nz::append_utf8(alternatives.back(), nz::next_code_point(p, i));
    }
    if (i < p.size() && std::string_view("?*+{").find(p[i]) != std::string_view::npos) return std::nullopt;
  }
  if (i >= p.size()) return std::nullopt;
  ++i;  // past ')'
  const std::optional<std::size_t> min = quantifier(p, i);
  if (!min || *min == 0) return std::nullopt;
  if (std::any_of(alternatives.begin(), alternatives.end(), [](const std::string& a) { return a.empty(); })) return std::nullopt;
  return alternatives;
}

// The facts of pattern `p`, nullopt when the reader cannot follow it.
std::optional<Facts> read_pattern(std::string_view p) {
  Facts f;
  int depth = 0;
  std::string run;  // the literals read since the last atom that was none (or not exactly once)
  const auto end_run = [&] {
    if (!run.empty()) f.top_clauses.push_back({std::move(run)});
    run.clear();
  };
  for (std::size_t i = 0; i < p.size();) {
    enum { none, literal, digit } atom = none;
    char32_t c = 0;
    const char b = p[i];
    if (b == '(') {
      if (depth == 0 && p.substr(i, 5) == "(\\d+)") {  // the number, as a group of its own
        atom = digit;
        i += 5;
      } else {
        if (i + 1 < p.size() && p[i + 1] == '?') {
          if (p.substr(i, 3) != "(?:") return std::nullopt;  // flags, named groups
          i += 2;
        }
        end_run();
        if (depth == 0)
          if (std::optional<std::vector<std::string>> alternatives = needed_alternatives(p, i))
            f.top_clauses.push_back(std::move(*alternatives));
        ++i, ++depth;
        continue;  // a quantifier cannot follow '('
      }
    } else if (b == ')') {
      if (depth == 0) return std::nullopt;
      ++i, --depth;
    } else if (b == '|') {
      f.top_alternation = f.top_alternation || depth == 0;
      ++i;
      end_run();
      continue;
    } else if (b == '[') {
      if (!read_class(p, i, f)) return std::nullopt;
    } else if (b == '\\') {
      if (i + 1 >= p.size()) return std::nullopt;
      if (p[i + 1] == 'd') atom = digit;
      else if (escapable(p[i + 1])) atom = literal, c = static_cast<unsigned char>(p[i + 1]);
      else return std::nullopt;  // \D \s \w \b \p \x …
      i += 2;
    } else if (b == '.' || b == '^' || b == '$' || b == '?' || b == '*' || b == '+' || b == '{') {
      return std::nullopt;  // any character, an anchor, or a quantifier with nothing before it
    } else {
      atom = literal;
      c = nz::next_code_point(p, i);
    }
    if (atom == literal) f.literals.push_back(c);
    const std::size_t before_quantifier = i;
    const std::optional<std::size_t> min = quantifier(p, i);
    if (!min) return std::nullopt;
    if (depth == 0 && *min >= 1) {
      if (atom == digit) f.top_digit = true;
      if (atom == literal) f.top_required.push_back(c);
    }
    if (depth == 0 && atom == literal && i == before_quantifier) {
      nz::append_utf8(run, c);
      continue;
    }
    end_run();
    if (depth == 0 && atom == literal && *min >= 1) {
      nz::append_utf8(run, c);
      end_run();
    }
  }
  if (depth != 0) return std::nullopt;
  end_run();
  if (f.top_alternation) f.top_clauses.clear();  // a|b: nothing of either side is needed
  return f;
}

bool any_holds(const std::vector<Range>& ranges, char32_t c) {
  return std::any_of(ranges.begin(), ranges.end(), [&](const Range& r) { return r.holds(c); });
}

// Whether no match of the pattern can hold `c`.
bool never_matches(const Facts& f, char32_t c) {
  if (c >= '0' && c <= '9') return false;  // \d
  if (std::find(f.literals.begin(), f.literals.end(), c) != f.literals.end() || any_holds(f.positive, c)) return false;
  return std::all_of(f.negated.begin(), f.negated.end(), [&](const std::vector<Range>& n) { return any_holds(n, c); });
}

std::string utf8(char32_t c) {
  std::string out;
  nz::append_utf8(out, c);
  return out;
}

}  // namespace

PhraseScope phrase_scope(const std::vector<std::string>& patterns) {
  PhraseScope scope;
  std::vector<std::optional<Facts>> read;
  for (const std::string& p : patterns) {
    read.push_back(read_pattern(p));
    scope.needs.push_back(read.back() ? read.back()->top_clauses : std::vector<std::vector<std::string>>{});
  }
  std::vector<Facts> all;
  for (std::optional<Facts>& f : read) {
    // A pattern that may match the empty text matches between two separators as well: only one
    // with something it needs outside any group is scoped.
    if (!f || f->top_alternation || (!f->top_digit && f->top_required.empty())) return scope;
    all.push_back(std::move(*f));
  }
  if (all.empty()) return scope;
  // Candidates: the characters some negated class names alone.
  std::vector<char32_t> candidates;
  for (const Facts& f : all)
    for (const auto& n : f.negated)
      for (const Range& r : n)
        if (r.lo == r.hi) candidates.push_back(r.lo);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (char32_t c : candidates)
    if (std::all_of(all.begin(), all.end(), [&](const Facts& f) { return never_matches(f, c); })) {
      scope.separators.push_back(utf8(c));
      const unsigned char first = static_cast<unsigned char>(scope.separators.back()[0]);
      if (!scope.is_separator_first_byte[first]) scope.separator_first_bytes.push_back(first);
      scope.is_separator_first_byte[first] = true;
    }
  scope.needs_digit =
      std::all_of(all.begin(), all.end(), [](const Facts& f) { return f.top_digit && !f.top_alternation; });
  if (std::none_of(all.begin(), all.end(), [](const Facts& f) { return f.top_alternation; })) {
    std::vector<char32_t> needed = all.front().top_required;
    for (const Facts& f : all)
      std::erase_if(needed, [&](char32_t c) {
        return std::find(f.top_required.begin(), f.top_required.end(), c) == f.top_required.end();
      });
    std::sort(needed.begin(), needed.end());
    needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
    for (char32_t c : needed) scope.needed.push_back(utf8(c));
  }
  return scope;
}

std::string PhraseScope::within_pieces(std::string_view pattern) const {
  if (separators.empty() || !read_pattern(pattern)) return std::string(pattern);
  const auto is_separator = [&](char32_t c) {
    return std::find(separators.begin(), separators.end(), utf8(c)) != separators.end();
  };
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '\\') {  // an escape (read_pattern took it): two bytes, a class never starts there
      out.append(pattern.substr(i, 2));
      i += 2;
    } else if (pattern[i] == '[') {
      const std::size_t start = i;
      Facts f;
      if (!read_class(pattern, i, f)) return std::string(pattern);  // read_pattern read it: not reached
      const bool only_separators = f.negated.size() == 1 && std::all_of(f.negated[0].begin(), f.negated[0].end(), [&](const Range& r) {
                                     return r.lo == r.hi && is_separator(r.lo);
                                   });
      if (only_separators) out += "(?s:.)";
      else out.append(pattern.substr(start, i - start));
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

namespace {

// Whether `s` holds an ASCII digit; 16 bytes at a time with SSE2.
bool has_digit(std::string_view s) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i below = _mm_set1_epi8('0' - 1), above = _mm_set1_epi8('9' + 1);
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // Signed compares: bytes of 0x80 and above are negative, below '0'.
    if (_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v, below), _mm_cmplt_epi8(v, above))) != 0) return true;
  }
#endif
  for (; i < s.size(); ++i)
    if (s[i] >= '0' && s[i] <= '9') return true;
  return false;
}

}  // namespace

std::size_t PhraseScope::separator_at_or_after(std::string_view text, std::size_t i, std::size_t& length) const {
  const auto separator_at = [&](std::size_t at) {
    for (const std::string& s : separators)
      if (text.compare(at, s.size(), s) == 0) return s.size();
    return std::size_t{0};
  };
#if defined(__SSE2__)
  if (!separator_first_bytes.empty() && separator_first_bytes.size() <= max_simd_first_bytes) {
    __m128i firsts[max_simd_first_bytes];
    for (std::size_t k = 0; k < separator_first_bytes.size(); ++k)
      firsts[k] = _mm_set1_epi8(static_cast<char>(separator_first_bytes[k]));
    while (i + 16 <= text.size()) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      __m128i hit = _mm_cmpeq_epi8(v, firsts[0]);
      for (std::size_t k = 1; k < separator_first_bytes.size(); ++k) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, firsts[k]));
      int mask = _mm_movemask_epi8(hit);
      for (; mask != 0; mask &= mask - 1) {
        const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
        if ((length = separator_at(at)) != 0) return at;
      }
      i += 16;
    }
  }
#endif
  for (; i < text.size(); ++i)
    if (is_separator_first_byte[static_cast<unsigned char>(text[i])] && (length = separator_at(i)) != 0) return i;
  length = 0;
  return text.size();
}

bool PhraseScope::may_fold_to_needed(std::string_view raw) const {
  for (const std::string& n : needed)
    if (n.size() == 3 && nz::is_ideograph_at(n, 0) && nz::find_bytes(raw, n) == std::string_view::npos)
      return !nz::folds_plainly(raw);
  return true;
}

bool PhraseScope::next_piece(std::string_view text, std::size_t& from, std::string_view& piece) const {
  if (!separators.empty() && !needed.empty()) return next_piece_holding(text, from, piece);
  while (from < text.size()) {
    std::size_t length = 0;
    const std::size_t end = separators.empty() ? text.size() : separator_at_or_after(text, from, length);
    piece = text.substr(from, end - from);
    from = end + length;
    if (piece.empty()) continue;
    if (needs_digit && !has_digit(piece)) continue;
    if (std::any_of(needed.begin(), needed.end(),
                    [&](const std::string& n) { return nz::find_bytes(piece, n) == std::string_view::npos; }))
      continue;
    return true;
  }
  return false;
}

// Only the pieces holding the first needed character can be given: it is looked for, and the
// piece around each occurrence cut. The separators and the needed characters are single
// characters (UTF-8), so no separator overlaps another or an occurrence: the separators before an
// occurrence, found backwards, are those the forward cut finds.
bool PhraseScope::next_piece_holding(std::string_view text, std::size_t& from, std::string_view& piece) const {
  const std::string& anchor = needed.front();
  while (from < text.size()) {
    const std::size_t hit = nz::find_bytes(text.substr(from), anchor);
    if (hit == std::string_view::npos) {
      from = text.size();
      return false;
    }
    const std::size_t at = from + hit;
    std::size_t start = from;  // after the last separator before the occurrence
    for (std::size_t j = at, length; j > from; --j)
      if (is_separator_first_byte[static_cast<unsigned char>(text[j - 1])] &&
          (length = separator_length_at(text, j - 1)) != 0 && j - 1 + length <= at) {
        start = j - 1 + length;
        break;
      }
    std::size_t length = 0;
    const std::size_t end = separator_at_or_after(text, at + anchor.size(), length);
    piece = text.substr(start, end - start);
    from = end + length;
    if (needs_digit && !has_digit(piece)) continue;
    if (std::any_of(needed.begin() + 1, needed.end(),
                    [&](const std::string& n) { return nz::find_bytes(piece, n) == std::string_view::npos; }))
      continue;
    return true;
  }
  return false;
}

std::size_t PhraseScope::separator_length_at(std::string_view text, std::size_t at) const {
  for (const std::string& s : separators)
    if (text.compare(at, s.size(), s) == 0) return s.size();
  return 0;
}

}  // namespace nianbao::schema
