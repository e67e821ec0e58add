// normalize: the scan sentence segmentation (sentence_ends, segment.cc) makes between the marks
// that may end a sentence: it crosses letters, digits, ideographs and the commonest punctuation
// of Chinese text (，、（）“”：；《》) together, and stops only where a character may matter.
// (Beside normalize.h, which every unit includes, so that changing it rebuilds segment.cc alone.)
#pragma once

#include <cstddef>
#include <string_view>

namespace nianbao::normalize {

// The bytes of the character at text[i] when it is one the scan crosses, else 0. Such a
// character ends no sentence and starts no rule of UAX #29 (its sentence-break class is none of
// STerm, ATerm, Sep, CR, LF, Extend, Format): ASCII from the space to DEL but ! . ?; the
// well-formed three-byte characters of U+4000–U+9FFF (the ideographs; lead bytes E4–E9); of
// U+3000–U+303F (E3 80 xx) those up to U+3029 but U+3002 。; of U+FF00–U+FF3F (EF BC xx) all but
// U+FF01 ！, U+FF0E ． and U+FF1F ？; of U+2010–U+2027 (E2 80 90–A7: dashes, quotes, bullets,
// leaders) all but U+2024 (a full stop).
// Every other character, a broken sequence included, is left to the caller (a subset: the
// scan need not cross every character that ends no sentence, only none that may).
inline std::size_t sentence_plain_length(std::string_view text, std::size_t i) {
  const unsigned char b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) return b >= 0x20 && b != '!' && b != '.' && b != '?' ? 1 : 0;
  if (i + 2 >= text.size()) return 0;
  const unsigned char b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
  if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return 0;
  const bool plain = (b >= 0xE4 && b <= 0xE9) || (b == 0xE3 && b1 == 0x80 && b2 != 0x82 && b2 <= 0xA9) ||
                     (b == 0xEF && b1 == 0xBC && b2 != 0x81 && b2 != 0x8E && b2 != 0x9F) ||
                     (b == 0xE2 && b1 == 0x80 && b2 >= 0x90 && b2 <= 0xA7 && b2 != 0xA4);
  return plain ? 3 : 0;
}

// The end of the run of such characters that starts at text[i] (i itself when none does): what
// a loop over sentence_plain_length gives. With SSE2, 16 bytes at a time: each byte classed as
// a plain ASCII byte, the lead of a plain three-byte character (its next two bytes read from
// loads one and two bytes further on) or a continuation byte a lead of the run expects; the run
// ends at the first byte that is none of these, which starts a character.
std::size_t sentence_plain_run_end(std::string_view text, std::size_t i);

// Whether text[start, end), a piece between two sentence boundaries, holds an ASCII letter or a
// CJK ideograph (is_cjk), decoded character by character: a piece without one ("1." "（一）"
// "2024.") is glued to the next sentence. Read at once where nearly every piece answers it.
bool sentence_piece_has_letters(std::string_view text, std::size_t start, std::size_t end);

}  // namespace nianbao::normalize
