// normalize/clean_kept.h: the scan for what line cleaning keeps as it is (append_clean_line,
// text.cc), 32 bytes at a time with SSE2: every byte classed at once, so that the scan's
// one branch a window follows the text's rare characters, not its mix of ideographs,
// punctuation and ASCII.
#include "normalize/clean_kept.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace nianbao::normalize {

#if defined(__SSE2__)
namespace {

// E2 80 80–8D, E2 80 A8, A9, AF, E2 81 9F, A0 among the 16 three-byte sequences at p (v0, v1, v2:
// their first, second and third bytes): U+2000–U+200D, U+2028, U+2029, U+202F, U+205F, U+2060, the
// spaces cleaning makes ' ' and the zero widths it drops, told from the punctuation of Chinese
// text that shares their first bytes (“” ‘’ — … are E2 80 xx), which cleaning keeps.
[[gnu::noinline]] unsigned e2_spaces(__m128i v0, __m128i v1, __m128i v2) {
  const auto set = [](unsigned b) { return _mm_set1_epi8(static_cast<char>(b)); };
  const __m128i in_80 = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v2, set(0x8D)), v2),
                                                  _mm_cmpeq_epi8(_mm_or_si128(v2, set(0x01)), set(0xA9))),
                                     _mm_cmpeq_epi8(v2, set(0xAF)));
  const __m128i in_81 = _mm_or_si128(_mm_cmpeq_epi8(v2, set(0x9F)), _mm_cmpeq_epi8(v2, set(0xA0)));
  const __m128i second = _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(v1, set(0x80)), in_80),
                                      _mm_and_si128(_mm_cmpeq_epi8(v1, set(0x81)), in_81));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(v0, set(0xE2)), second)));
}

// One window of line_cleaning_kept_prefix: where in the 32 bytes at p, a character start (34
// bytes readable), characters cleaning may change start, a broken one included (any character
// but one of a three-byte lead E2–EF, printable ASCII, tab or a line end), and when none does,
// where the next window starts (the start of the character its end cuts). Two halves of
// 16 bytes classed with SSE2, their masks joined: the structure test and the loop's branch are
// paid once for 32 bytes.
struct KeptWindow {
  std::uint32_t bad;  // a bit per byte, set at the start of each character cleaning may change
  unsigned step;
};

// The bit masks of one half: bytes flagged (they may be changed), high (from 0x80), continuation
// bytes, bytes 80–E1 and 80–EF, and E2 80 xx or E2 81 xx.
struct HalfMasks {
  std::uint32_t flag, high, cont, below_e2, below_f0, e2;
};

inline HalfMasks half_masks(const char* p) {
  const auto set = [](unsigned b) { return _mm_set1_epi8(static_cast<char>(b)); };
  const auto mask = [](__m128i v) { return static_cast<std::uint32_t>(_mm_movemask_epi8(v)); };
  const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
  const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 2));
  // Controls but tab and the line ends, and DEL: dropped or made spaces (x | 4 is 0D for tab and CR).
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v0, set(0x1F)), v0);
  const __m128i allowed = _mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(v0, set(0x04)), set('\r')), _mm_cmpeq_epi8(v0, set('\n')));
  __m128i flag = _mm_or_si128(_mm_andnot_si128(allowed, control), _mm_cmpeq_epi8(v0, set(0x7F)));
  // E3 80 80 (U+3000, two spaces) with E3 81 80; EF BB xx and EF BF xx, where U+FEFF, U+FFFE and
  // U+FFFF are. E2 80 xx and E2 81 xx, where the other spaces and the zero widths are, are
  // looked at closer (e2_spaces) when the window holds one.
  const __m128i second_80_81 = _mm_cmpeq_epi8(_mm_and_si128(v1, set(0xFE)), set(0x80));
  flag = _mm_or_si128(flag, _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v0, set(0xE3)), _mm_cmpeq_epi8(v2, set(0x80))), second_80_81));
  flag = _mm_or_si128(flag, _mm_and_si128(_mm_cmpeq_epi8(v0, set(0xEF)), _mm_cmpeq_epi8(_mm_or_si128(v1, set(0x04)), set(0xBF))));
  std::uint32_t e2 = mask(_mm_and_si128(_mm_cmpeq_epi8(v0, set(0xE2)), second_80_81));
  if (e2 != 0) e2 = e2_spaces(v0, v1, v2);
  // Signed compares: bytes from 0x80 are negative, below every ASCII byte.
  return {mask(flag), mask(v0), mask(_mm_cmpgt_epi8(set(0xC0), v0)), mask(_mm_cmpgt_epi8(set(0xE2), v0)),
          mask(_mm_cmpgt_epi8(set(0xF0), v0)), e2};
}

inline KeptWindow kept_window(const char* p) {
  const HalfMasks a = half_masks(p), b = half_masks(p + 16);
  const auto join = [](std::uint32_t low, std::uint32_t high) { return low | (high << 16); };
  const std::uint32_t high = join(a.high, b.high), cont = join(a.cont, b.cont);
  const std::uint32_t below_e2 = join(a.below_e2, b.below_e2), below_f0 = join(a.below_f0, b.below_f0);
  // Continuation bytes 80–BF, three-byte leads E2–EF, and the other bytes from 0x80 (C0–E1,
  // F0–FF), left to cleaning; each lead followed by two continuation bytes, and no other.
  const std::uint32_t lead = below_f0 & ~below_e2;
  const std::uint32_t other = (high & ~below_f0) | (below_e2 & ~cont);
  const std::uint32_t expected = (lead << 1) | (lead << 2);  // a lead at 30 or 31: the next window's
  // A lead whose continuation bytes are not there is marked at the lead, a continuation byte no
  // lead asks for where it is: the first mark is then where the first character not kept starts.
  const std::uint32_t missing = expected & ~cont, stray = cont & ~expected;
  const std::uint32_t broken = lead & ((missing >> 1) | (missing >> 2));
  const std::uint32_t bad = join(a.flag | a.e2, b.flag | b.e2) | other | stray | broken;
  return {bad, 32u - ((lead >> 31) & 1u) - 2u * ((lead >> 30) & 1u)};
}

}  // namespace
#endif

std::size_t line_cleaning_kept_prefix(std::string_view text) {
#if defined(__SSE2__)
  const std::size_t n = text.size();
  std::size_t i = 0;
  for (KeptWindow w; i + 34 <= n; i += w.step)
    if ((w = kept_window(text.data() + i)).bad != 0) return i + static_cast<std::size_t>(__builtin_ctz(w.bad));
  // The last bytes, in windows over a copy with ASCII after them: a lead cut by the text's end
  // misses its continuation bytes, as cleaning finds.
  if (i == n) return n;
  char tail[80];  // windows start before byte 33 of it and read 34 bytes
  std::memset(tail, 'A', sizeof tail);
  std::memcpy(tail, text.data() + i, n - i);
  for (std::size_t j = 0; i + j < n;) {
    const KeptWindow w = kept_window(tail + j);
    if (w.bad != 0) return std::min(n, i + j + static_cast<std::size_t>(__builtin_ctz(w.bad)));
    j += w.step;
  }
  return n;
#else
  (void)text;
  return 0;
#endif
}

}  // namespace nianbao::normalize
