// UTF-8 validation (normalize.h: valid_utf8_prefix, invalid_subpart_length): how much of an
// input is well-formed, the first question decoding asks of every text, and what one U+FFFD
// replaces where it is not. Sixteen bytes at a time with SSE2 while they hold
// only ASCII and the two- and three-byte forms whose second byte may be any continuation byte;
// one sequence at a time (the bounds of the Unicode standard's table 3-7) for the rest.
#include <cstdint>

#include "normalize/normalize.h"

namespace nianbao::normalize {
namespace {

// The sequence at in[i] read by table 3-7 of the Unicode standard (the second byte of E0, ED, F0
// and F4 has narrower bounds): its length and whether it is well-formed; when it is not, the
// length of its maximal invalid subpart (the lead and the bytes the table allows after it, at
// least one byte), which one U+FFFD replaces.
struct Sequence {
  std::size_t length;
  bool well_formed;
};

Sequence read_sequence(std::string_view in, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(in[i]);
  if (c < 0x80) return {1, true};
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c == 0xE0) len = 3, lo = 0xA0;
  else if (c >= 0xE1 && c <= 0xEC) len = 3;
  else if (c == 0xED) len = 3, hi = 0x9F;
  else if (c >= 0xEE && c <= 0xEF) len = 3;
  else if (c == 0xF0) len = 4, lo = 0x90;
  else if (c >= 0xF1 && c <= 0xF3) len = 4;
  else if (c == 0xF4) len = 4, hi = 0x8F;
  if (len == 0) return {1, false};
  for (std::size_t k = 1; k < len; ++k) {
    if (i + k >= in.size()) return {k, false};
    const unsigned char b = static_cast<unsigned char>(in[i + k]);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return {k, false};
  }
  return {len, true};
}

// The length of the well-formed UTF-8 sequence at in[i], 0 if there is none.
std::size_t sequence_length(std::string_view in, std::size_t i) {
  const Sequence s = read_sequence(in, i);
  return s.well_formed ? s.length : 0;
}

#if defined(__SSE2__)
// Of 16 bytes, those in [lo, hi] (unsigned, hi - lo < 255), as a bit mask: v - lo below the
// range's width, compared signed after a shift by 0x80 that the subtraction makes in the same step.
inline int in_range(__m128i v, unsigned char lo, unsigned char hi) {
  const __m128i shifted = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(lo + 0x80)));  // (v - lo) ^ 0x80
  const __m128i width = _mm_set1_epi8(static_cast<char>(hi - lo + 1 - 0x80));
  return _mm_movemask_epi8(_mm_cmplt_epi8(shifted, width));
}

// From `i`, whole blocks of 16 bytes made only of ASCII, continuation bytes, and the leads whose
// second byte may be any continuation byte (C2–DF, E1–EC, EE–EF: Chinese text and its
// punctuation), each lead followed by exactly its continuation bytes. Returns where the first
// block that is not such a block starts, moved back to the start of the sequence that block
// opens inside of: everything before the returned offset is well-formed UTF-8.
std::size_t valid_blocks_end(std::string_view in, std::size_t i) {
  std::uint32_t expected = 0;  // continuation bytes the last block's leads still ask for (bits 0–1)
  for (; i + 16 <= in.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.data() + i));
    const int high = _mm_movemask_epi8(v);
    if (high == 0 && expected == 0) continue;  // ASCII
    const int continuation = in_range(v, 0x80, 0xBF);
    const int two = in_range(v, 0xC2, 0xDF);
    // E0 and ED bound their second byte more narrowly: left to sequence_length, as are F0–F4.
    const int three = in_range(v, 0xE1, 0xEF) & ~_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xED))));
    const std::uint32_t asked =
        expected | (static_cast<std::uint32_t>(two) << 1) | (static_cast<std::uint32_t>(three) << 1) | (static_cast<std::uint32_t>(three) << 2);
    if ((high & ~(continuation | two | three)) != 0 || (asked & 0xFFFF) != static_cast<std::uint32_t>(continuation)) break;
    expected = asked >> 16;
  }
  if (expected != 0) {  // i is inside a sequence: back to its lead (one or two bytes before)
    --i;
    while (is_continuation_byte(in[i])) --i;
  }
  return i;
}
#endif

}  // namespace

std::size_t valid_utf8_prefix(std::string_view in) {
  std::size_t i = 0;
  const std::size_t n = in.size();
  while (i < n) {
#if defined(__SSE2__)
    i = valid_blocks_end(in, i);
#endif
    // What the blocks left (a block with another lead or an error, or the last bytes), one
    // sequence at a time for at most a block's bytes before the blocks are tried again.
    const std::size_t stop = i + 16 < n ? i + 16 : n;
    while (i < stop) {
      const std::size_t len = sequence_length(in, i);
      if (len == 0) return i;
      i += len;
    }
  }
  return n;
}

std::size_t invalid_subpart_length(std::string_view in, std::size_t i) {
  const Sequence s = read_sequence(in, i);
  return s.well_formed ? 0 : s.length;
}

}  // namespace nianbao::normalize
