// Internal to output/: the XML stream's tests for the bytes of a value that need a look (escaping,
// or no XML), 16 at a time; inline, so that writing a short value (an id, a number: most of a
// document's pieces) makes no call. tests/test_xml_stream.cc holds them to their byte-by-byte rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nianbao::output::internal {

// Whether any of 8 bytes (read as one word) may need escaping or be no XML: a control character,
// & < > " or 0xEF (the lead byte of U+FFFE and U+FFFF). Exact, so that the text between escapes,
// which is nearly all of it, is not looked at byte by byte.
inline bool may_escape(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [](std::uint64_t x) { return ((x - ones) & ~x & highs) != 0; };
  if ((w & highs) == highs) return has_zero(w ^ (ones * 0xEF));  // 8 bytes of CJK text
  const bool below_space = ((w - ones * 0x20) & ~w & highs) != 0;
  return below_space || has_zero(w ^ (ones * '&')) || has_zero(w ^ (ones * '<')) || has_zero(w ^ (ones * '>')) ||
         has_zero(w ^ (ones * '"')) || has_zero(w ^ (ones * 0xEF));
}

#if defined(__SSE2__)
// Of 16 bytes, those that may need escaping (may_escape's bytes; 0xEF only with check_xml), as
// bytes of 0xFF in a register.
// The four characters are two pairs one bit apart: < 0x3C and > 0x3E differ in bit 1, " 0x22 and
// & 0x26 in bit 2, so that with the bit set each pair is one byte to compare with.
template <bool check_xml>
__m128i special_byte_hits(__m128i v) {
  const __m128i controls = _mm_set1_epi8(0x1F), ef = _mm_set1_epi8(static_cast<char>(0xEF));
  const __m128i lt_gt = _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x02)), _mm_set1_epi8('>'));
  const __m128i quot_amp = _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x04)), _mm_set1_epi8('&'));
  __m128i hit = _mm_cmpeq_epi8(_mm_min_epu8(v, controls), v);  // v <= 0x1F, unsigned
  hit = _mm_or_si128(hit, _mm_or_si128(lt_gt, quot_amp));
  if (check_xml) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, ef));
  return hit;
}

// The same as a bit mask.
template <bool check_xml>
int special_bytes(__m128i v) {
  return _mm_movemask_epi8(special_byte_hits<check_xml>(v));
}

// The same of 16 consecutive bytes of a value, where an 0xEF is one only when the next byte is
// 0xBF (U+FFFE and U+FFFF are EF BF BE and EF BF BF), or unseen (the last of the 16): 0xEF leads
// every fullwidth comma, colon and bracket (U+FF0C, U+FF1A, U+FF08), which Chinese text is full
// of and which are otherwise each a stop of the 16-byte loop. Without a branch: whether a block
// holds an 0xEF follows the text (about every other block of Chinese text), and a branch on it
// was mispredicted about once in five blocks.
template <bool check_xml>
int special_bytes_in_row(__m128i v) {
  __m128i hit = special_byte_hits<false>(v);
  if (check_xml) {
    const __m128i ef = _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xEF)));
    const __m128i bf = _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xBF)));
    // Byte i: whether byte i + 1 is 0xBF; the last byte's next is unseen, so counted as one.
    const __m128i last = _mm_set_epi64x(static_cast<long long>(0xFF00000000000000ULL), 0);
    const __m128i next_bf = _mm_or_si128(_mm_srli_si128(bf, 1), last);
    hit = _mm_or_si128(hit, _mm_and_si128(ef, next_bf));
  }
  return _mm_movemask_epi8(hit);
}
#endif

// Values up to this size are tested by copy_short_plain without a loop: two reads that overlap.
constexpr std::size_t max_short_value = 32;

// Whether no byte of `s` (at most max_short_value bytes) may need escaping or be no XML, an 0xEF
// with check_xml counting as one unless the test sees the next byte is not 0xBF: true means plain;
// false, that the value needs the byte-exact path (which may still find it plain). Reads only the
// bytes of `s`: its first and last 16, 8 or 4 bytes, or for 1 to 3 bytes its first, middle and
// last; and stores what it read at `to` (room for max_short_value bytes), which is then `s` when
// it is plain (else bytes to write over): a short value is written by the reads that test it, not
// read again by a copy whose branches on its size would be taken a second time.
template <bool check_xml>
[[gnu::always_inline]] inline bool copy_short_plain(char* to, std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n > max_short_value) return false;
#if defined(__SSE2__)
  if (n >= 16) {  // two blocks of 16 consecutive bytes: the 0xBF after an 0xEF is seen in either
    const __m128i first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(to), first);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(to + n - 16), last);
    return (special_bytes_in_row<check_xml>(first) | special_bytes_in_row<check_xml>(last)) == 0;
  }
  std::uint64_t a, b;
  if (n >= 8) {
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + n - 8, 8);
    std::memcpy(to, &a, 8);
    std::memcpy(to + n - 8, &b, 8);
  } else if (n >= 4) {
    std::uint32_t x, y;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + n - 4, 4);
    std::memcpy(to, &x, 4);
    std::memcpy(to + n - 4, &y, 4);
    a = b = x | (std::uint64_t{y} << 32);
  } else if (n > 0) {  // bytes 0, n/2 and n-1 are every byte of 1 to 3
    const unsigned char first = static_cast<unsigned char>(p[0]), middle = static_cast<unsigned char>(p[n / 2]),
                        last = static_cast<unsigned char>(p[n - 1]);
    to[0] = static_cast<char>(first);
    to[n / 2] = static_cast<char>(middle);
    to[n - 1] = static_cast<char>(last);
    a = b = first | (std::uint64_t{middle} << 8) | (std::uint64_t{last} << 16) |
            (std::uint64_t{'a'} * 0x0101010101000000ULL);
  } else {
    return true;
  }
  return special_bytes<check_xml>(_mm_set_epi64x(static_cast<long long>(b), static_cast<long long>(a))) == 0;
#else
  for (const char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == '&' || u == '<' || u == '>' || u == '"' || (check_xml && u == 0xEF)) return false;
  }
  std::memcpy(to, p, n);
  return true;
#endif
}

// Values longer than max_short_value, up to this size, are tested by copy_medium_plain without a loop
// (most cell ids, `t3.result.not_exist[natural_person]`, are 33 to 64 bytes long).
constexpr std::size_t max_medium_value = 64;

// copy_short_plain of a value of max_short_value to max_medium_value bytes (false for any other,
// and without SSE2): four blocks of 16 consecutive bytes, its first and last 32, stored at `to`
// (room for max_medium_value bytes) as they are read.
template <bool check_xml>
[[gnu::always_inline]] inline bool copy_medium_plain(char* to, std::string_view s) {
  const std::size_t n = s.size();
  if (n <= max_short_value || n > max_medium_value) return false;
#if defined(__SSE2__)
  const auto block = [p = s.data(), to](std::size_t at) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(to + at), v);
    return special_bytes_in_row<check_xml>(v);
  };
  return (block(0) | block(16) | block(n - 32) | block(n - 16)) == 0;
#else
  (void)to;
  return false;
#endif
}

}  // namespace nianbao::output::internal
