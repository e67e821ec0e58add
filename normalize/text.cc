// Text cleaning for output (whitespace, zero-width and control characters), the NFKC-folded
// matching copy, and display widths for aligned text.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <bit>
#include <cctype>
#include <atomic>
#include <cstdint>
#include <cstring>

#include "normalize/normalize.h"

namespace nianbao::normalize {

char32_t next_code_point_slow(std::string_view s, std::size_t& i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (int k = 1; k < len; ++k) {
    const unsigned char b = static_cast<unsigned char>(s[i + k]);
    if (!is_continuation_byte(b)) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

namespace {

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x85 ||
         c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

// Characters that carry nothing: zero-width, soft hyphen, BOM, and what XML 1.0 forbids or
// what only ever comes from broken conversions (C0/C1 controls other than whitespace).
bool is_dropped(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD ||
         c == 0x180E || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F) ||
         c == 0xFFFE || c == 0xFFFF || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF;
}

const icu::Normalizer2& nfkc() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFKCInstance(status);
  }();
  return *n;
}

}  // namespace

bool is_cjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FA1F) ||
         (c >= 0xF900 && c <= 0xFAFF);
}

// Lead bytes of 3-byte sequences that can hold neither whitespace nor a dropped character
// (U+3000–U+FFFF except the E3/EF blocks, i.e. the CJK ideographs): copied as they are.
inline bool plain_three_byte_lead(unsigned char b) { return b >= 0xE4 && b <= 0xEE; }

// A well-formed three-byte character at s[i] of the other lead bytes (E0–E3, EF: the CJK and
// full-width punctuation 、。《》，：（）“”) that is neither whitespace nor dropped: what the
// slow path would write again is these same three bytes (a code point of U+0800 or more).
inline bool plain_three_byte_punctuation(std::string_view s, std::size_t i) {
  const unsigned char b = static_cast<unsigned char>(s[i]);
  if ((b & 0xF0) != 0xE0 || i + 2 >= s.size()) return false;
  const unsigned char b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
  if (!is_continuation_byte(b1) || !is_continuation_byte(b2)) return false;
  const char32_t c = (char32_t{b & 0x0Fu} << 12) | (char32_t{b1 & 0x3Fu} << 6) | (b2 & 0x3Fu);
  if ((c > 0x3000 && c < 0xFEFF) || (c > 0xFEFF && c < 0xFFFE)) return true;  // nothing to drop or space there
  return c >= 0x800 && !is_space(c) && !is_dropped(c);
}

std::string clean(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t i = 0;
  std::size_t run = 0;  // start of the bytes kept as they are, not yet copied (none while a space is pending)
  while (i < text.size()) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    // Printable ASCII and plain three-byte characters (ideographs) are kept as they are.
    const bool ascii = b >= 0x21 && b < 0x7F;
    if (ascii || (plain_three_byte_lead(b) && i + 2 < text.size() && is_continuation_byte(text[i + 1]) &&
                  is_continuation_byte(text[i + 2]))) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      i += ascii ? 1 : 3;
      continue;
    }
    out.append(text.data() + run, i - run);
    const char32_t c = next_code_point(text, i);
    run = i;
    if (is_space(c)) {
      pending_space = true;
      continue;
    }
    if (is_dropped(c)) continue;
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    append_utf8(out, c);
  }
  out.append(text.data() + run, text.size() - run);
  return out;
}

#if defined(__SSE2__)
namespace {
// find_bytes for needles of two bytes or more, 16 starts at a time (SSE2, every x86-64): the
// starts whose byte is the needle's first and whose byte m − 1 on is its last, then the bytes
// between compared there. For a Chinese needle that is a lead byte and the last continuation
// byte together, about one start in a thousand; memmem's shift table read Chinese text at about
// a byte an instruction, this reads 16 in about ten. Starts in order: the first found is the
// leftmost.
std::size_t find_two_bytes(std::string_view haystack, std::string_view needle, std::size_t from) {
  const char* const h = haystack.data();
  const std::size_t n = haystack.size(), m = needle.size();
  if (n - from < m) return std::string_view::npos;
  const __m128i first = _mm_set1_epi8(needle.front()), last = _mm_set1_epi8(needle.back());
  std::size_t i = from;
  for (; i + m + 15 <= n; i += 16) {  // starts i … i + 15, their last bytes i + m − 1 … i + m + 14
    const __m128i at_first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i));
    const __m128i at_last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i + m - 1));
    unsigned mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(at_first, first), _mm_cmpeq_epi8(at_last, last))));
    for (; mask != 0; mask &= mask - 1) {
      const std::size_t start = i + static_cast<std::size_t>(__builtin_ctz(mask));
      if (std::memcmp(h + start + 1, needle.data() + 1, m - 2) == 0) return start;
    }
  }
  for (; i + m <= n; ++i)
    if (h[i] == needle.front() && std::memcmp(h + i, needle.data(), m) == 0) return i;
  return std::string_view::npos;
}
}  // namespace
#endif

// From this length on memmem's shift table skips more than find_two_bytes reads (it moves by up
// to the needle's length at a step): label keys of five ideographs and more.
constexpr std::size_t long_needle = 16;

std::size_t find_bytes(std::string_view haystack, std::string_view needle, std::size_t from) {
  if (from > haystack.size()) return std::string_view::npos;
  if (needle.empty()) return from;
  // memmem's set-up outweighs a short search (a field of a line, a label): the plain one then.
  constexpr std::size_t short_haystack = 64;
  if (haystack.size() - from < short_haystack) return haystack.find(needle, from);
#if defined(__SSE2__)
  if (needle.size() >= 2 && needle.size() < long_needle) return find_two_bytes(haystack, needle, from);
#endif
  const void* at = ::memmem(haystack.data() + from, haystack.size() - from, needle.data(), needle.size());
  return at ? static_cast<std::size_t>(static_cast<const char*>(at) - haystack.data()) : std::string_view::npos;
}

namespace {

template <class Piece>
std::string join_pieces(const std::vector<Piece>& pieces) {
  std::string joined;
  for (const Piece& p : pieces) {
    const std::string c = clean(p);
    if (c.empty()) continue;
    if (!joined.empty() && std::isalnum(static_cast<unsigned char>(joined.back())) &&
        std::isalnum(static_cast<unsigned char>(c.front())))
      joined += ' ';
    joined += c;
  }
  return joined;
}

}  // namespace

std::string join_lines(const std::vector<std::string>& pieces) { return join_pieces(pieces); }
std::string join_line_views(const std::vector<std::string_view>& pieces) { return join_pieces(pieces); }

namespace {

// Where the next space or tab is in s[i, end) (`end` if none): eight bytes at a time while none
// of them is below '!' (a word test: some byte < 0x21 exactly when the expression is nonzero).
std::size_t next_blank(std::string_view s, std::size_t i, std::size_t end) {
  constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
  while (i + 8 <= end) {
    std::uint64_t w;
    ::memcpy(&w, s.data() + i, 8);
    if (((w - ones * 0x21) & ~w & highs) != 0) break;
    i += 8;
  }
  while (i < end && s[i] != ' ' && s[i] != '\t') ++i;
  return i;
}

}  // namespace

std::string join_clean_line_views(const std::vector<std::string_view>& pieces) {
  std::string joined;
  join_clean_line_views(pieces, joined);
  return joined;
}

void join_clean_line_views(const std::vector<std::string_view>& pieces, std::string& joined) {
  std::size_t total = 0;
  for (const std::string_view p : pieces) total += p.size() + 1;
  joined.clear();
  joined.reserve(total);
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  for (const std::string_view p : pieces) {
    std::size_t i = 0, end = p.size();
    while (i < end && blank(p[i])) ++i;
    while (end > i && blank(p[end - 1])) --end;
    if (i == end) continue;
    if (!joined.empty() && std::isalnum(static_cast<unsigned char>(joined.back())) &&
        std::isalnum(static_cast<unsigned char>(p[i])))
      joined += ' ';
    for (;;) {  // runs of spaces and tabs become one space (the ends are not blank)
      const std::size_t at = next_blank(p, i, end);
      joined.append(p.data() + i, at - i);
      if (at == end) break;
      joined += ' ';
      i = at;
      while (blank(p[i])) ++i;
    }
  }
}

std::string clean_line(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  append_clean_line(out, line);
  return out;
}

void append_clean_line(std::string& out, std::string_view line) {
  const std::size_t n = line.size();
  std::size_t i = 0;
  std::size_t run = 0;  // start of the bytes kept as they are, not yet copied
  while (i < n) {
    const unsigned char b = static_cast<unsigned char>(line[i]);
    if (b >= 0x20 && b < 0x7F) {
      ++i;
      continue;
    }
    if (plain_three_byte_lead(b)) {  // a run of ideographs, in a loop of its own
      const unsigned char* p = reinterpret_cast<const unsigned char*>(line.data());
      const std::size_t start = i;
      i = cjk_word_run_end(line, i, false);  // E4–E9 leads, five characters at a time (SSE2)
      while (i + 2 < n && p[i] - 0xE4u <= 0xEEu - 0xE4u && (((p[i + 1] ^ 0x80u) | (p[i + 2] ^ 0x80u)) & 0xC0u) == 0) i += 3;
      if (i != start) continue;
    }
    if (plain_three_byte_punctuation(line, i)) {
      i += 3;
      continue;
    }
    out.append(line.data() + run, i - run);
    std::size_t at = i;  // a copy: `i` stays in a register
    const char32_t c = next_code_point(line, at);
    i = run = at;
    if (c == '\t') out += '\t';
    else if (c == 0x3000) out += "  ";
    else if (is_space(c)) out += ' ';
    else if (!is_dropped(c)) append_utf8(out, c);
  }
  out.append(line.data() + run, line.size() - run);
}

namespace {

// The punctuation and symbols of Chinese text that NFKC leaves as they are (each stands alone: a
// combining mark after one is no such character and sends the text through ICU): 、。〈〉《》「」
// 『』【】〔〕〖〗〇 “”‘’ —– · × ○●□■★☆※.
bool folds_to_itself(char32_t c) {
  switch (c) {
    case 0x3001: case 0x3002: case 0x3007: case 0x3014: case 0x3015: case 0x3016: case 0x3017:
    case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0x2014: case 0x2013:
    case 0x00B7: case 0x00D7: case 0x25CB: case 0x25CF: case 0x25A1: case 0x25A0: case 0x2605: case 0x2606: case 0x203B:
      return true;
    default:
      return c >= 0x3008 && c <= 0x3011;
  }
}

// NFKC of the characters reports are made of, without ICU: ASCII and CJK ideographs stay,
// full-width ASCII variants (U+FF01–U+FF5E: （）０１，：) become ASCII, and the CJK
// punctuation used most (folds_to_itself) stays. Returns false for anything else.
bool fold_simple(char32_t c, std::string& out) {
  if (c >= 0x4E00 && c <= 0x9FFF) {
    append_utf8(out, c);
    return true;
  }
  if (c >= 0xFF01 && c <= 0xFF5E) {
    out += static_cast<char>(c - 0xFEE0);
    return true;
  }
  if (c == 0x2212) {  // MINUS SIGN: NFKC leaves it, a reader means '-'
    out += '-';
    return true;
  }
  if (folds_to_itself(c)) {
    append_utf8(out, c);
    return true;
  }
  return false;
}

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  fold_into(text, out);
  return out;
}

void fold_into(std::string_view text, std::string& out) {
  // Whitespace and invisible characters dropped; what fold_simple knows is folded directly;
  // only text with other characters goes through ICU's NFKC.
  out.clear();
  out.reserve(text.size());
  bool needs_icu = false;
  std::size_t i = 0;
  std::size_t run = 0;  // start of the bytes that fold to themselves, not yet copied
  while (i < text.size()) {
    // Printable ASCII and the CJK ideographs U+4E00–U+9FFF fold to themselves: crossed together.
    i = ideograph_ascii_run_end<KeptAscii::printable>(text, i);
    if (i == text.size()) break;
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {  // a space or a control character: dropped
      out.append(text.data() + run, i - run);
      run = ++i;
      continue;
    }
    // The punctuation of Chinese text: full-width ASCII forms (，：（）, lead EF) become ASCII,
    // the CJK marks fold_simple keeps (、。“”《》, leads E2 and E3) stay: both without decoding.
    if ((b == 0xE2 || b == 0xE3 || b == 0xEF) && i + 2 < text.size()) {
      const unsigned char b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      if (is_continuation_byte(b1) && is_continuation_byte(b2)) {
        const char32_t c = (char32_t{b & 0x0Fu} << 12) | (char32_t{b1 & 0x3Fu} << 6) | (b2 & 0x3Fu);
        if (c >= 0xFF01 && c <= 0xFF5E) {
          out.append(text.data() + run, i - run);
          out += static_cast<char>(c - 0xFEE0);
          run = i += 3;
          continue;
        }
        if (folds_to_itself(c)) {
          i += 3;
          continue;
        }
      }
    }
    out.append(text.data() + run, i - run);
    const char32_t c = next_code_point(text, i);
    run = i;
    if (is_space(c) || is_dropped(c)) continue;
    if (!fold_simple(c, out)) {
      needs_icu = true;
      append_utf8(out, c);
    }
  }
  out.append(text.data() + run, text.size() - run);
  if (!needs_icu) return;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString src = icu::UnicodeString::fromUTF8(out);
  icu::UnicodeString dst;
  nfkc().normalize(src, dst, status);
  if (U_FAILURE(status)) return;
  out.clear();
  dst.toUTF8String(out);
  // NFKC can produce spaces (e.g. from U+3000 compatibility forms): remove them again.
  out.erase(std::remove(out.begin(), out.end(), ' '), out.end());
}

// may_fold_to_digit's characters that fold to no digit: ASCII but digits, the ideographs
// U+4E00–U+9FFF, the full-width forms but digits (U+FF01–U+FF5E), the CJK marks
// (U+3000–U+303F), general punctuation (U+2000–U+206F), geometric shapes and stars
// (U+25A0–U+25FF, U+2605, U+2606), · and ×. (A superscript, a circled number or any other
// character may fold to digits, through NFKC: it answers true.)
bool may_fold_to_digit(std::string_view raw) {
  for (std::size_t i = 0; i < raw.size();) {
    i = ideograph_ascii_run_end<KeptAscii::non_digit>(raw, i);
    if (i == raw.size()) break;
    if (static_cast<unsigned char>(raw[i]) < 0x80) return true;  // a digit
    const char32_t c = next_code_point(raw, i);
    const bool no_digit = (c >= 0xFF01 && c <= 0xFF5E && !(c >= 0xFF10 && c <= 0xFF19)) || (c >= 0x3000 && c <= 0x303F) ||
                          (c >= 0x2000 && c <= 0x206F) || (c >= 0x25A0 && c <= 0x25FF) || c == 0x2605 || c == 0x2606 ||
                          c == 0x00B7 || c == 0x00D7 || (c >= 0x4E00 && c <= 0x9FFF);
    if (!no_digit) return true;
  }
  return false;
}

// folds_plainly's characters: ASCII, the ideographs U+4E00–U+9FFF, and what fold_into folds
// without ICU to no ideograph: the full-width forms U+FF01–U+FF5E and U+2212 (to ASCII), the
// punctuation it keeps (folds_to_itself: 、。“”《》…) and the spaces it drops (U+3000…), each
// in its own well-formed UTF-8 (an overlong sequence is no such character: the fold would
// decode an ideograph from one).
bool folds_plainly(std::string_view raw) {
  for (std::size_t i = 0; i < raw.size();) {
    i = ideograph_ascii_run_end<KeptAscii::any>(raw, i);
    if (i == raw.size()) break;
    const std::size_t at = i;
    const char32_t c = next_code_point(raw, i);
    const std::size_t well_formed = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;  // c >= 0x80 here
    if (i - at != well_formed) return false;
    if (!((c >= 0xFF01 && c <= 0xFF5E) || c == 0x2212 || folds_to_itself(c) || is_space(c))) return false;
  }
  return true;
}

std::string_view trim(std::string_view s, std::string_view chars) {
  // The listed characters compared in a loop (find_first_not_of calls memchr on them per character).
  const auto listed = [chars](char c) {
    for (const char k : chars)
      if (k == c) return true;
    return false;
  };
  std::size_t b = 0, e = s.size();
  while (b < e && listed(s[b])) ++b;
  if (b == e) return {};
  while (listed(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += !is_continuation_byte(c);
  return n;
}

namespace {

// East Asian width of the Basic Multilingual Plane, looked up in ICU once per block of 64 code
// points and kept (8 KB, zero until used: nothing at start-up); a bit per code point, set when
// wide or full-width. Filled by whichever thread meets a block first: every thread writes the
// same bits.
std::atomic<std::uint64_t> bmp_wide[0x10000 / 64];
std::atomic<std::uint64_t> bmp_block_known[0x10000 / 64 / 64];

bool icu_is_wide(char32_t c) {
  const int ea = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH;
}

[[gnu::noinline]] void learn_block(std::size_t block) {
  std::uint64_t bits = 0;
  for (char32_t k = 0; k < 64; ++k)
    if (icu_is_wide(static_cast<char32_t>(block << 6) + k)) bits |= std::uint64_t{1} << k;
  bmp_wide[block].store(bits, std::memory_order_relaxed);
  bmp_block_known[block >> 6].fetch_or(std::uint64_t{1} << (block & 63), std::memory_order_release);
}

inline bool is_wide(char32_t c) {
  if (c >= 0x10000) return icu_is_wide(c);
  const std::size_t block = c >> 6;
  if (!(bmp_block_known[block >> 6].load(std::memory_order_acquire) & (std::uint64_t{1} << (block & 63)))) learn_block(block);
  return (bmp_wide[block].load(std::memory_order_relaxed) >> (c & 63)) & 1;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0, i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      width += b == '\t' ? 8 - width % 8 : 1;
      ++i;
      continue;
    }
    if (b >= 0xE4 && b <= 0xE9) {  // CJK unified ideographs: wide (a run of them in a tight loop)
      do {
        width += 2;
        i += 3;
      } while (i < n && static_cast<unsigned char>(text[i]) - 0xE4u <= 0xE9u - 0xE4u);
      continue;
    }
    // Other three-byte characters (CJK and full-width punctuation: 、。（），) decoded inline.
    if ((b & 0xF0) == 0xE0 && i + 2 < n) {
      const unsigned char b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      if (is_continuation_byte(b1) && is_continuation_byte(b2)) {
        width += is_wide((char32_t{b & 0x0Fu} << 12) | (char32_t{b1 & 0x3Fu} << 6) | (b2 & 0x3Fu)) ? 2 : 1;
        i += 3;
        continue;
      }
    }
    std::size_t at = i;  // a copy: `i` stays in a register
    width += is_wide(next_code_point(text, at)) ? 2 : 1;
    i = at;
  }
  return width;
}

}  // namespace nianbao::normalize
