// Sentence and word segmentation with ICU BreakIterator over the UTF-8 text (no copies to
// UTF-16). Iterators are costly to create, so each thread builds them once and reuses them.
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>

#include "normalize/normalize.h"
#include "normalize/sentence_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nianbao::normalize {

#if defined(__SSE2__)
namespace {

// The 16 bytes of v shifted down one lane, 0xFF (no character's byte) in the last: a window's
// next bytes where the text ends.
inline __m128i shifted_past_end(__m128i v) {
  return _mm_or_si128(_mm_srli_si128(v, 1), _mm_slli_si128(_mm_set1_epi8(-1), 15));
}

// One window of sentence_plain_run_end: of the 16 bytes v0 (v1 and v2 the bytes one and two
// further on), as bits, the plain ASCII bytes and the leads of plain three-byte characters.
struct PlainWindow {
  unsigned ascii, lead;
};

inline PlainWindow plain_window(__m128i v0, __m128i v1, __m128i v2) {
  const auto set = [](unsigned b) { return _mm_set1_epi8(static_cast<char>(b)); };
  const auto eq = [&set](__m128i v, unsigned b) { return _mm_cmpeq_epi8(v, set(b)); };
  // ASCII from the space (a signed compare: bytes from 0x80 are negative) but ! . ?
  const __m128i terminator = _mm_or_si128(_mm_or_si128(eq(v0, '!'), eq(v0, '.')), eq(v0, '?'));
  const __m128i ascii = _mm_andnot_si128(terminator, _mm_cmpgt_epi8(v0, set(0x1F)));
  const __m128i top_two = set(0xC0), continuation = set(0x80);
  const __m128i cont1 = _mm_cmpeq_epi8(_mm_and_si128(v1, top_two), continuation);
  const __m128i cont2 = _mm_cmpeq_epi8(_mm_and_si128(v2, top_two), continuation);
  // E4–E9 xx xx (U+4000–U+9FFF): E4–E9 → 0–5.
  const __m128i lead_offset = _mm_sub_epi8(v0, set(0xE4));
  const __m128i ideograph = _mm_and_si128(_mm_cmpeq_epi8(_mm_min_epu8(lead_offset, set(5)), lead_offset), cont1);
  // EF BC xx but 81 8E 9F.
  const __m128i fullwidth = _mm_andnot_si128(_mm_or_si128(_mm_or_si128(eq(v2, 0x81), eq(v2, 0x8E)), eq(v2, 0x9F)),
                                             _mm_and_si128(eq(v0, 0xEF), eq(v1, 0xBC)));
  // E3 80 80–A9 but 82 (signed: 80–A9 < AA–BF < 00–7F), and E2 80 90–A7 but A4 (90–A7 → 00–17).
  const __m128i second_80 = eq(v1, 0x80);
  const __m128i cjk_marks = _mm_andnot_si128(_mm_or_si128(eq(v2, 0x82), _mm_cmpgt_epi8(v2, set(0xA9))),
                                             _mm_and_si128(eq(v0, 0xE3), second_80));
  const __m128i third_offset = _mm_sub_epi8(v2, set(0x90));
  const __m128i general = _mm_andnot_si128(eq(v2, 0xA4), _mm_and_si128(_mm_and_si128(eq(v0, 0xE2), second_80),
                                        _mm_cmpeq_epi8(_mm_min_epu8(third_offset, set(0x17)), third_offset)));
  const __m128i leads = _mm_or_si128(_mm_and_si128(_mm_or_si128(ideograph, fullwidth), cont2), _mm_or_si128(cjk_marks, general));
  return {static_cast<unsigned>(_mm_movemask_epi8(ascii)), static_cast<unsigned>(_mm_movemask_epi8(leads))};
}

}  // namespace
#endif

std::size_t sentence_plain_run_end(std::string_view text, std::size_t i) {
  const std::size_t n = text.size();
#if defined(__SSE2__)
  if (n >= 16) {
    const char* p = text.data();
    const auto load = [p](std::size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at)); };
    unsigned carry = 0;  // the continuation bytes the run's leads expect at i and i + 1
    // The bytes of the window at i not in the run, as bits (0 when all are); carry updated.
    const auto outside = [&carry](__m128i v0, __m128i v1, __m128i v2) {
      const PlainWindow w = plain_window(v0, v1, v2);
      const unsigned expected = (w.lead << 1) | (w.lead << 2) | carry;
      carry = expected >> 16;
      return ~(w.ascii | w.lead | expected) & 0xFFFFu;
    };
    for (; i + 18 <= n; i += 16)
      if (const unsigned out = outside(load(i), load(i + 1), load(i + 2)); out != 0)
        return i + static_cast<std::size_t>(__builtin_ctz(out));
    if (i + 16 <= n) {  // 16 or 17 bytes left
      const __m128i v0 = load(i), v1 = i + 17 == n ? load(i + 1) : shifted_past_end(v0);
      if (const unsigned out = outside(v0, v1, shifted_past_end(v1)); out != 0)
        return i + static_cast<std::size_t>(__builtin_ctz(out));
      i += 16;
    }
    if (i == n) return n;
    // The last bytes, in the text's last 16 (those before i left out; past the end, 0xFF): a
    // run to the end stops at the first byte past it.
    const unsigned skip = static_cast<unsigned>(i - (n - 16));
    const __m128i v0 = load(n - 16), v1 = shifted_past_end(v0), v2 = shifted_past_end(v1);
    const PlainWindow w = plain_window(v0, v1, v2);
    const unsigned ascii = w.ascii >> skip, lead = w.lead >> skip;
    const unsigned out = ~(ascii | lead | (lead << 1) | (lead << 2) | carry) & 0xFFFFu;
    return i + static_cast<std::size_t>(__builtin_ctz(out));
  }
#endif
  for (std::size_t length; i < n && (length = sentence_plain_length(text, i)) != 0;) i += length;
  return i;
}

namespace {

std::unique_ptr<icu::BreakIterator> make_iterator(bool sentences) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      sentences ? icu::BreakIterator::createSentenceInstance(icu::Locale::getChinese(), status)
                : icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  if (U_FAILURE(status)) return nullptr;
  return it;
}

icu::BreakIterator* thread_iterator(bool sentences) {
  thread_local std::unique_ptr<icu::BreakIterator> sentence_it = make_iterator(true);
  thread_local std::unique_ptr<icu::BreakIterator> word_it = make_iterator(false);
  return sentences ? sentence_it.get() : word_it.get();
}

// Boundaries (byte offsets) of `text` with the given iterator, always starting at 0 and ending
// at text.size().
std::vector<std::size_t> boundaries(icu::BreakIterator* it, std::string_view text) {
  std::vector<std::size_t> out{0};
  if (!it || text.empty()) {
    if (!text.empty()) out.push_back(text.size());
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) {
    out.push_back(text.size());
    return out;
  }
  it->setText(&ut, status);
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) out.push_back(static_cast<std::size_t>(b));
  utext_close(&ut);
  if (out.back() != text.size()) out.push_back(text.size());
  return out;
}

// The sentence-break class (UAX #29, as ICU has it) of each ASCII character.
const std::array<signed char, 128>& ascii_classes() {
  static const auto ascii = [] {
    std::array<signed char, 128> t{};
    for (int c = 0; c < 128; ++c) t[c] = static_cast<signed char>(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
    return t;
  }();
  return ascii;
}

// The sentence-break classes of the Basic Multilingual Plane, looked up in ICU once per block of
// 64 code points and kept (64 KB, zero until used: nothing at start-up); a block's known bit is
// set once its classes are stored. Filled by whichever thread meets a block first: every thread
// writes the same values.
std::atomic<std::uint8_t> bmp_classes[0x10000];
std::atomic<std::uint64_t> bmp_classes_known[0x10000 / 64 / 64];

[[gnu::noinline]] void learn_classes(std::size_t block) {
  for (char32_t k = 0; k < 64; ++k) {
    const char32_t c = static_cast<char32_t>(block << 6) + k;
    bmp_classes[c].store(static_cast<std::uint8_t>(u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_SENTENCE_BREAK)),
                         std::memory_order_relaxed);
  }
  bmp_classes_known[block >> 6].fetch_or(std::uint64_t{1} << (block & 63), std::memory_order_release);
}

int class_of(char32_t c) {
  if (c >= 0x10000) return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_SENTENCE_BREAK);
  const std::size_t block = c >> 6;
  if (!(bmp_classes_known[block >> 6].load(std::memory_order_acquire) & (std::uint64_t{1} << (block & 63))))
    learn_classes(block);
  return bmp_classes[c].load(std::memory_order_relaxed);
}

// The sentence-break class of the code point at `i`, advancing `i`; -1 for a malformed sequence
// (ICU's reading of one is left to ICU). Inline: it is called at every punctuation mark the
// scan stops at, and a call saved and restored more registers than its usual path runs.
[[gnu::always_inline]] inline int sentence_class(std::string_view text, std::size_t& i) {
  const unsigned char b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) {
    ++i;
    return ascii_classes()[b];
  }
  if (is_ideograph_at(text, i)) {  // U+4E00–U+9FFF
    i += 3;
    return U_SB_OLETTER;
  }
  // Other well-formed three-byte characters (、。，“”（）) decoded here.
  if ((b & 0xF0) == 0xE0 && i + 2 < text.size()) {
    const unsigned char b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
    if (is_continuation_byte(b1) && is_continuation_byte(b2)) {
      i += 3;
      return class_of((char32_t{b & 0x0Fu} << 12) | (char32_t{b1 & 0x3Fu} << 6) | (b2 & 0x3Fu));
    }
  }
  const std::size_t at = i;
  const char32_t c = next_code_point(text, i);
  if (c == 0xFFFD && text.substr(at, i - at) != "\xEF\xBF\xBD") return -1;
  return class_of(c);
}

// The sentence boundaries ICU's rules give `text` (as `boundaries` returns them), found without
// ICU for the text reports are mostly made of; false when the text holds what these few rules do
// not decide, and ICU must. Under UAX #29 a sentence ends only after a paragraph separator or
// after a terminator (。！？ STerm, . ATerm) with its closing marks (Close*) and spaces (Sp*); here:
// - a separator, or a character ICU attaches to the one before (Extend, Format): ICU decides;
// - a terminator, its closing marks and spaces, then a comma-like mark or another terminator
//   (SContinue, SATerm): no boundary (SB8a);
// - 。！？ (STerm), its marks, then a letter, ideograph or digit, or spaces and then a bracket
//   (Close): a boundary before it (SB11);
// - a full stop (ATerm), its marks, then an ideograph: a boundary (SB11); then a lower-case
//   letter ("163.com"): none (SB8); right before a digit ("3.5"): none (SB6);
// - a terminator with its marks at the end of the text: no boundary but the end;
// - anything else (a full stop before an upper-case letter or a digit after spaces, a quote
//   after the spaces): ICU decides.
bool simple_boundaries(std::string_view text, std::vector<std::size_t>& out) {
  out.assign(1, 0);
  std::size_t i = 0;
  while (i < text.size()) {
    // Letters, digits, spaces, ideographs and the commonest punctuation, nearly all of a text,
    // end no sentence: crossed together, to the next character that may.
    i = sentence_plain_run_end(text, i);
    if (i == text.size()) break;
    const int cls = sentence_class(text, i);
    // The classes as bits (ICU's are 0 to 14): a stop's class tested with a shift, not compared five times.
    constexpr auto bit = [](int c) { return std::uint32_t{1} << c; };
    constexpr std::uint32_t for_icu = bit(U_SB_SEP) | bit(U_SB_CR) | bit(U_SB_LF) | bit(U_SB_EXTEND) | bit(U_SB_FORMAT);
    constexpr std::uint32_t terminators = bit(U_SB_STERM) | bit(U_SB_ATERM);
    static_assert(U_SB_COUNT <= 32);
    if (cls < 0 || ((for_icu >> cls) & 1)) return false;
    if (!((terminators >> cls) & 1)) continue;
    std::size_t next = i;
    int after = -2;  // the class after the terminator's closing marks and spaces; -2 at the end
    bool closes = true, marks = false;
    while (next < text.size()) {
      std::size_t j = next;
      after = sentence_class(text, j);
      if (after == U_SB_CLOSE && closes) marks = true;
      else if (after == U_SB_SP) closes = false, marks = true;
      else break;
      next = j;
      after = -2;
    }
    if (after == -2) {
      i = next;  // the end of the text
      continue;
    }
    if (after == U_SB_SCONTINUE || after == U_SB_STERM || after == U_SB_ATERM) continue;  // SB8a: no boundary
    const bool letter_or_digit = after == U_SB_OLETTER || after == U_SB_UPPER || after == U_SB_LOWER || after == U_SB_NUMERIC;
    // Nothing keeps a 。 ！ ？ with what follows, an opening bracket after its spaces either ("。 （三）":
    // SB9 and SB10 take closing marks before the spaces only, then SB11).
    if (cls == U_SB_STERM && (letter_or_digit || (after == U_SB_CLOSE && !closes))) {
      out.push_back(next);
      i = next;
      continue;
    }
    if (cls == U_SB_ATERM && after == U_SB_OLETTER) {  // "1.属于": SB11
      out.push_back(next);
      i = next;
      continue;
    }
    if (cls == U_SB_ATERM && after == U_SB_LOWER) continue;                // "163.com": SB8
    if (cls == U_SB_ATERM && !marks && after == U_SB_NUMERIC) continue;    // "3.5": SB6
    return false;
  }
  if (out.back() != text.size()) out.push_back(text.size());
  return true;
}

// A piece that holds no letter or ideograph ("1." "（一）" "2024.") belongs to what follows.
bool has_letters(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t c = next_code_point(s, i);
    if (is_cjk(c) || (c < 0x80 && std::isalpha(static_cast<int>(c)))) return true;
  }
  return false;
}

}  // namespace

// With SSE2, an ASCII letter or a well-formed ideograph of U+4E00–U+9FFF (which decoding always
// reads as one, its lead byte being no other character's) among the piece's first 16 bytes is
// found in one window; else, the piece walked character by character.
bool sentence_piece_has_letters(std::string_view text, std::size_t start, std::size_t end) {
  const std::string_view piece = text.substr(start, end - start);
#if defined(__SSE2__)
  if (text.size() - start >= 16) {
    const auto set = [](unsigned b) { return _mm_set1_epi8(static_cast<char>(b)); };
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + start));
    const __m128i v1 = shifted_past_end(v0), v2 = shifted_past_end(v1);
    const __m128i letter_offset = _mm_sub_epi8(_mm_or_si128(v0, set(0x20)), set('a'));  // a–z, A–Z → 0–25
    const __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(letter_offset, set(25)), letter_offset);
    const __m128i lead_offset = _mm_sub_epi8(v0, set(0xE4));  // E4–E9 → 0–5
    const __m128i continuations = _mm_and_si128(_mm_cmpeq_epi8(_mm_and_si128(v1, set(0xC0)), set(0x80)),
                                                _mm_cmpeq_epi8(_mm_and_si128(v2, set(0xC0)), set(0x80)));
    const __m128i below_4e00 = _mm_and_si128(_mm_cmpeq_epi8(v0, set(0xE4)), _mm_cmpeq_epi8(_mm_min_epu8(v1, set(0xB7)), v1));
    const __m128i ideograph = _mm_andnot_si128(
        below_4e00, _mm_and_si128(_mm_cmpeq_epi8(_mm_min_epu8(lead_offset, set(5)), lead_offset), continuations));
    const std::size_t size = std::min<std::size_t>(piece.size(), 16);
    const unsigned in_piece = (1u << size) - 1, whole_in_piece = in_piece >> 2;  // an ideograph's three bytes
    if (((static_cast<unsigned>(_mm_movemask_epi8(letter)) & in_piece) |
         (static_cast<unsigned>(_mm_movemask_epi8(ideograph)) & whole_in_piece)) != 0)
      return true;
  }
#endif
  return has_letters(piece);
}

// Boundaries kept by a thread between paragraphs (a paragraph's are read once, then dropped): up
// to this many, a long paragraph's more are freed after it.
constexpr std::size_t kept_boundaries = 4096;

std::vector<std::size_t> sentence_ends(std::string_view text) {
  // The boundaries, then the ends kept of them, in scratch vectors; the ends returned in a vector
  // of their own size (a block keeps it).
  thread_local std::vector<std::size_t> b, ends;
  if (text.empty() || !simple_boundaries(text, b)) b = boundaries(thread_iterator(true), text);
  ends.clear();
  std::size_t start = 0;
  for (std::size_t k = 1; k + 1 < b.size(); ++k) {  // the last sentence ends at text.size()
    if (b[k] - start <= 3 || !sentence_piece_has_letters(text, start, b[k])) continue;  // glue to the next
    ends.push_back(b[k]);
    start = b[k];
  }
  std::vector<std::size_t> out(ends.begin(), ends.end());
  if (b.capacity() > kept_boundaries) b = {};
  if (ends.capacity() > kept_boundaries) ends = {};
  return out;
}

std::vector<std::string> split_sentences(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  for (const std::size_t end : sentence_ends(text)) {
    out.emplace_back(text.substr(start, end - start));
    start = end;
  }
  out.emplace_back(text.substr(start));
  return out;
}

std::vector<std::string> split_words(std::string_view text) {
  icu::BreakIterator* it = thread_iterator(false);
  const std::vector<std::size_t> b = boundaries(it, text);
  std::vector<std::string> out;
  for (std::size_t k = 1; k < b.size(); ++k) {
    const std::string_view w = text.substr(b[k - 1], b[k] - b[k - 1]);
    std::size_t i = 0;
    bool keep = false;
    while (i < w.size()) {
      const char32_t c = next_code_point(w, i);
      if (is_cjk(c) || (c < 0x80 && std::isalnum(static_cast<int>(c))) || (c >= 0xFF10 && c <= 0xFF5A)) {
        keep = true;
        break;
      }
    }
    if (keep) out.emplace_back(w);
  }
  return out;
}

}  // namespace nianbao::normalize
