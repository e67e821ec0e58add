// normalize: bytes → clean UTF-8 text, and the folded copies that matching works on.
// Knows nothing of reports: charset detection and decoding (ICU), whitespace and control
// characters, NFKC folding, numbers, and sentence segmentation (ICU BreakIterator).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nianbao::normalize {

// ---------------------------------------------------------------------------------------
// Decoding

struct DecodeOptions {
  std::string encoding;      // forced encoding name ("" = decide); gbk/gb2312 mean GB18030
  bool html = false;         // look for <meta charset> / http-equiv declarations
  std::string file = "-";    // for error messages
};

struct Decoded {
  std::string text;          // UTF-8, BOM removed, invalid sequences replaced by U+FFFD
  std::string encoding;      // canonical name used: "UTF-8", "GB18030", "UTF-16LE", …
  std::string method;        // bom | declared | detected | override | default
  std::size_t replaced = 0;  // number of invalid sequences replaced
  std::string note;          // e.g. "declared UTF-8 but the bytes are GB18030"
  std::size_t nuls = 0;      // NUL bytes dropped as damage (a few in a text file)
  std::string nul_note;      // says how many and where the first was, "" if none
};

// Decode `bytes` to UTF-8. Throws InputError when the input is not text (binary) or the
// forced encoding is unknown. Never throws for merely invalid sequences: they are counted.
Decoded decode(std::string_view bytes, const DecodeOptions& options);

// The canonical converter name for a charset label ("gb2312" → "GB18030"), "" if unknown.
std::string canonical_charset(std::string_view label);

// True if `bytes` is well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);
// How many bytes from the start of `bytes` are well-formed UTF-8 (the offset of the first byte
// that starts no well-formed sequence, or bytes.size()).
std::size_t valid_utf8_prefix(std::string_view bytes);
// At bytes[i], where a well-formed sequence does not start: the length of the maximal invalid
// subpart there (1–3 bytes: a lead and the continuation bytes table 3-7 allows after it), what
// one U+FFFD replaces, as the Unicode standard and WHATWG advise. 0 where a sequence is well-formed.
std::size_t invalid_subpart_length(std::string_view bytes, std::size_t i);

// ---------------------------------------------------------------------------------------
// Text

// Output text: the source's characters (full-width punctuation stays), runs of whitespace
// (incl. NBSP, U+3000) collapsed to one ASCII space, trimmed, zero-width characters and
// XML-illegal control characters removed.
std::string clean(std::string_view text);

// Like clean() but keeps leading indentation and inner runs of spaces (tabs → kept), for
// layout-sensitive line readers; only drops zero-width and illegal control characters and
// turns NBSP/U+3000 into spaces (U+3000 as two, keeping display columns).
std::string clean_line(std::string_view line);
// clean_line appended to `out` (a reader's one buffer of cleaned lines); never more than three
// bytes per input byte (an invalid byte becomes U+FFFD), so a buffer reserved for that never moves.
void append_clean_line(std::string& out, std::string_view line);

// Lines of one paragraph broken by a PDF or a wrapped cell, joined again: each piece cleaned,
// nothing between ideographs, a space between two ASCII letters or digits ("2024" "年" →
// "2024年", "Article" "50" → "Article 50").
std::string join_lines(const std::vector<std::string>& pieces);
std::string join_line_views(const std::vector<std::string_view>& pieces);  // the same, over views
// join_line_views for pieces of lines clean_line or append_clean_line gave (their only whitespace
// is ' ' and '\t', nothing in them is dropped or written anew by clean): each piece's runs of
// spaces and tabs collapsed and its ends trimmed, the same text without decoding a character.
std::string join_clean_line_views(const std::vector<std::string_view>& pieces);
// The same into `joined` (cleared first; its capacity is kept: a scratch string reused).
void join_clean_line_views(const std::vector<std::string_view>& pieces, std::string& joined);

// The matching copy: NFKC, then every whitespace character removed. "（一）" → "(一)",
// "１．" → "1.", "２０２４ 年" → "2024年".
std::string fold(std::string_view text);
// fold into `out` (its old text replaced, its capacity reused: a loop that folds one text at a
// time allocates once). `text` must not be a view of `out`.
void fold_into(std::string_view text, std::string& out);
// Whether fold(text) may hold an ASCII digit, judged without folding: false only when every
// character is one NFKC maps to no digit (text.cc lists them); true for anything else.
bool may_fold_to_digit(std::string_view text);
// Whether every character of `text` folds to itself or to one ASCII character without NFKC
// (text.cc lists them); false for anything else, broken UTF-8 included. fold(text) then holds
// an ideograph only where `text` holds it.
bool folds_plainly(std::string_view text);

// Where `needle` first occurs in `haystack` (npos if nowhere). A multi-byte needle in Chinese
// text defeats std::string_view::find (its first byte starts every third character): this uses
// glibc's memmem (two-way search).
std::size_t find_bytes(std::string_view haystack, std::string_view needle, std::size_t from = 0);

// `s` without the leading and trailing characters listed in `chars` (spaces and tabs by default).
std::string_view trim(std::string_view s, std::string_view chars = " \t");

// Whether a byte continues a UTF-8 sequence (10xxxxxx) rather than starting a character.
inline bool is_continuation_byte(unsigned char b) { return (b & 0xC0) == 0x80; }
inline bool is_continuation_byte(char c) { return is_continuation_byte(static_cast<unsigned char>(c)); }

// Number of code points of a UTF-8 string (every byte that is not a continuation byte).
std::size_t count_code_points(std::string_view s);
// The bytes of the first `n` code points of `s` (counted as count_code_points counts them): the
// byte that starts code point n + 1, or s.size(). Reads no further than that byte: a report's
// whole text is often one paragraph.
inline std::size_t code_point_prefix_bytes(std::string_view s, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t k = 0; k < s.size(); ++k)
    if (!is_continuation_byte(s[k]) && ++count > n) return k;
  return s.size();
}
// count_code_points(s) <= n, read no further than code_point_prefix_bytes.
inline bool at_most_code_points(std::string_view s, std::size_t n) { return code_point_prefix_bytes(s, n) == s.size(); }

// Display width of a UTF-8 string in columns (CJK and full-width = 2), for aligned text.
std::size_t display_width(std::string_view text);

// True if the code point is a CJK ideograph.
bool is_cjk(char32_t c);

// Whether s[i] starts a well-formed ideograph of U+4E00–U+9FFF (three bytes, lead E4–E9): what
// reports are mostly made of, which the fast paths of folding and keying copy as they are.
inline bool is_ideograph_at(std::string_view s, std::size_t i) {
  const unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0xE4 || b > 0xE9 || i + 2 >= s.size()) return false;
  const unsigned char b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
  return is_continuation_byte(b1) && is_continuation_byte(b2) && (b > 0xE4 || b1 >= 0xB8);
}

// The end of the run that starts at s[i] of three-byte characters with lead bytes E4–E9
// (U+4000–U+9FFF; from U+4E00, the ideographs above, when `from_4e00`), a 4-byte word tested per
// character while a whole word is left: the last character of a text is the caller's to test.
// The loops that skip the ideographs they keep (line cleaning, tokens, table fields) cross a run
// at a time; with SSE2 (every x86-64), five characters (15 bytes) at a time while 16 bytes can be
// read.
inline std::size_t cjk_word_run_end(std::string_view s, std::size_t i, bool from_4e00) {
#if defined(__SSE2__)
  constexpr int leads = 0x1249, continuations = 0x6DB6;  // bytes 0 3 6 9 12, and 1 2 4 5 … 13 14
  const __m128i e4 = _mm_set1_epi8(static_cast<char>(0xE4)), top_two = _mm_set1_epi8(static_cast<char>(0xC0)),
                continuation = _mm_set1_epi8(static_cast<char>(0x80)), five = _mm_set1_epi8(5),
                below_b8 = _mm_set1_epi8(static_cast<char>(0xB7));
  for (; i + 16 <= s.size(); i += 15) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i lead_offset = _mm_sub_epi8(v, e4);  // E4–E9 → 0–5
    const int is_lead = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(lead_offset, five), lead_offset));
    const int is_continuation = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, top_two), continuation));
    // The bytes that are not what a run of five characters has there; the run ends at the
    // character of the first, which is no such character.
    int wrong = ~((is_lead & leads) | (is_continuation & continuations)) & (leads | continuations);
    if (from_4e00) {  // an E4 lead needs a second byte of B8 or more (U+4E00 on)
      const int is_e4 = _mm_movemask_epi8(_mm_cmpeq_epi8(v, e4)) & leads;
      const int low = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, below_b8), v));  // bytes ≤ B7
      wrong |= (is_e4 << 1) & low;
    }
    if (wrong != 0) return i + 3 * (static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(wrong))) / 3);
  }
#endif
  constexpr bool little = std::endian::native == std::endian::little;
  for (std::uint32_t w; i + 4 <= s.size(); i += 3) {
    std::memcpy(&w, s.data() + i, 4);
    const std::uint32_t lead = little ? w & 0xFFu : w >> 24, b1 = little ? (w >> 8) & 0xFFu : (w >> 16) & 0xFFu;
    // Bytes 1 and 2 sit in bits 8–23 either way round.
    if (lead - 0xE4u > 0xE9u - 0xE4u || (w & 0xC0C000u) != 0x808000u || (from_4e00 && lead == 0xE4u && b1 < 0xB8u))
      return i;
  }
  return i;
}

// The end of the run of those three-byte characters that starts at s[i] (i itself when none
// does), its last character included, which cjk_word_run_end leaves to its caller.
inline std::size_t cjk_run_end(std::string_view s, std::size_t i, bool from_4e00) {
  i = cjk_word_run_end(s, i, from_4e00);
  while (i + 2 < s.size()) {
    const unsigned char b = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]);
    if (b - 0xE4u > 0xE9u - 0xE4u || !is_continuation_byte(b1) || !is_continuation_byte(s[i + 2]) ||
        (from_4e00 && b == 0xE4 && b1 < 0xB8))
      break;
    i += 3;
  }
  return i;
}

// The end of the run of ideographs (is_ideograph_at) that starts at s[i] (i itself when none
// does). The loops that skip what they keep (folding, sentence ends) cross a run of text at a time.
inline std::size_t ideograph_run_end(std::string_view s, std::size_t i) { return cjk_run_end(s, i, true); }

// The ASCII bytes a scan may cross with the ideographs (ideograph_ascii_run_end): letters and
// digits (a key keeps them), every printable byte but the space (which fold to themselves),
// every byte but the digits (which fold to no digit), or all of them.
enum class KeptAscii { alnum, printable, non_digit, any };

template <KeptAscii kept>
inline bool is_kept_ascii(unsigned char b) {
  if constexpr (kept == KeptAscii::printable) return b > 0x20 && b < 0x7F;
  if constexpr (kept == KeptAscii::non_digit) return b < 0x80 && !(b >= '0' && b <= '9');
  if constexpr (kept == KeptAscii::any) return b < 0x80;
  return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

#if defined(__SSE2__)
// ideograph_ascii_run_end's window: for the 16 bytes v, of which the first `skip` are left out
// (read before), the bytes that end the run (as bits, those past the window's 16 - skip included)
// and the leads of the ideographs.
template <KeptAscii kept>
inline void ideograph_ascii_window(__m128i v, unsigned skip, unsigned& bad, unsigned& lead) {
  const __m128i e4 = _mm_set1_epi8(static_cast<char>(0xE4)), five = _mm_set1_epi8(5),
                top_two = _mm_set1_epi8(static_cast<char>(0xC0)), continuation = _mm_set1_epi8(static_cast<char>(0x80)),
                below_b8 = _mm_set1_epi8(static_cast<char>(0xB7));
  __m128i ascii;  // signed compares: the bytes from 0x80 are negative, in no range
  const __m128i is_ascii = _mm_cmpgt_epi8(v, _mm_set1_epi8(-1));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  if constexpr (kept == KeptAscii::printable) {
    ascii = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
  } else if constexpr (kept == KeptAscii::non_digit) {
    ascii = _mm_andnot_si128(digit, is_ascii);
  } else if constexpr (kept == KeptAscii::any) {
    ascii = is_ascii;
  } else {
    const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));  // upper-case letters to lower
    ascii = _mm_or_si128(digit, _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                              _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1))));
  }
  const __m128i lead_offset = _mm_sub_epi8(v, e4);  // E4–E9 → 0–5
  lead = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(lead_offset, five), lead_offset))) >> skip;
  const unsigned cont = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, top_two), continuation))) >> skip;
  const unsigned is_e4 = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, e4))) >> skip;
  const unsigned low = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, below_b8), v))) >> skip;
  const unsigned expected = ((lead << 1) | (lead << 2)) & 0xFFFFu;  // where the leads' continuations are
  bad = ((~((static_cast<unsigned>(_mm_movemask_epi8(ascii)) >> skip) | lead | cont)) & 0xFFFFu) | (cont ^ expected) |
        ((is_e4 << 1) & low & 0xFFFFu);
}
#endif

// The end of the run that starts at s[i] of kept ASCII bytes and well-formed ideographs of
// U+4E00–U+9FFF, mixed: what ideograph_run_end and a loop over kept bytes cross together,
// without turning from one to the other at every digit or space. With SSE2, 16 bytes at a time:
// a window passes when each byte is kept ASCII, a lead E4–E9 (E4 with a second byte from B8) or
// one of the two continuations its lead expects; else the run ends at the character of the first
// byte that does not. The last bytes of a text of 16 bytes or more are read in its last 16 (those
// before s[i] left out), not one at a time.
template <KeptAscii kept>
inline std::size_t ideograph_ascii_run_end(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  unsigned bad = 0, lead = 0;
  while (i + 16 <= s.size()) {
    ideograph_ascii_window<kept>(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i)), 0, bad, lead);
    if (bad != 0) break;
    i += (lead & 0x8000u) ? 15 : (lead & 0x4000u) ? 14 : 16;  // a character cut by the window's end is read with the next
  }
  if (bad == 0 && i < s.size() && s.size() >= 16) {  // the window's end past the text's is bad
    const unsigned skip = static_cast<unsigned>(i - (s.size() - 16));
    ideograph_ascii_window<kept>(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + s.size() - 16)), skip, bad, lead);
  }
  if (bad != 0) {
    const unsigned k = static_cast<unsigned>(__builtin_ctz(bad));
    // A byte where a continuation was expected ends the run at its lead.
    if ((((lead << 1) | (lead << 2)) >> k) & 1u) return i + (((lead >> (k - 1)) & 1u) ? k - 1 : k - 2);
    return i + k;
  }
#endif
  while (i < s.size()) {
    if (is_kept_ascii<kept>(static_cast<unsigned char>(s[i]))) ++i;
    else if (is_ideograph_at(s, i)) i += 3;
    else break;
  }
  return i;
}

// The code point of the ideograph at s[i], where is_ideograph_at(s, i) holds.
inline char32_t ideograph_code_point(std::string_view s, std::size_t i) {
  return (char32_t{static_cast<unsigned char>(s[i]) & 0x0Fu} << 12) |
         (char32_t{static_cast<unsigned char>(s[i + 1]) & 0x3Fu} << 6) | (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
}

// Decode one code point at `i` (advancing it); returns U+FFFD on malformed input. ASCII and
// the ideographs of U+4E00–U+9FFF, nearly every character of a report, are decoded inline.
char32_t next_code_point_slow(std::string_view s, std::size_t& i);
inline char32_t next_code_point(std::string_view s, std::size_t& i) {
  const unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  if (is_ideograph_at(s, i)) {
    const char32_t c = ideograph_code_point(s, i);
    i += 3;
    return c;
  }
  return next_code_point_slow(s, i);
}
void append_utf8(std::string& out, char32_t c);

// ---------------------------------------------------------------------------------------
// Numbers

// A number as printed in a cell: "1,234", "１２", "+2", "-18", "96171.6", "251000元",
// "160.5964万元", "22（其中修订 16 件）". Blank and dash cells are recognised too.
struct CellNumber {
  enum Kind { number, blank, dash, text } kind = text;
  std::string value;  // canonical decimal: no thousands separators, '.' decimal, sign kept
  std::string unit;   // 元, 万元, 件, 个, 条 … when printed after the number
  bool annotated = false;  // extra text after the number (kept in raw by the caller)
};
CellNumber parse_cell_number(std::string_view cell_text);
// The words a cell prints for "none / not applicable", which parse_cell_number reads as a dash.
inline constexpr std::string_view none_words[] = {"无", "不适用", "不涉及", "暂无", "空"};
// Whether `text` starts with the first character (an ideograph, three bytes) of one of them: a
// text starting with another ideograph is no number, blank or dash. Inline: asked of most cells.
inline bool may_start_none_word(std::string_view text) {
  if (text.size() < 3) return false;
  for (const std::string_view w : none_words)
    if (text[0] == w[0] && text[1] == w[1] && text[2] == w[2]) return true;
  return false;
}
// The digits of a plain integer between spaces ("31", " 0 "; most cells of a table), which
// parse_cell_number reads as a number at once; empty when `text` is none (or has more digits
// than a 64-bit integer always holds).
std::string_view plain_integer(std::string_view text);

// The number a cell's text stands for: a canonical value of parse_cell_number ("-18",
// "96171.6") or a digit run with a unit after ("251000元"). Integers and long digit runs
// without strtold; 0 where the text does not start with a number.
long double number_value(std::string_view text);

// A list number at the start of a heading, a line or a row label: 一、 （一） 1. （1）, in
// full-width or half-width forms, with spaces allowed around its parts. One set of bounds for
// every reader: a Chinese numeral of 1 to 3 characters (一 … 九十九) or 1 to 2 digits; a bare
// numeral is followed by 、 . , or 。 and an Arabic one not by another digit ("1.5" is a number).
struct ListNumber {
  enum Style { none, chinese, chinese_paren, arabic, arabic_paren } style = none;  // = heading levels 1–4
  std::string_view numeral;  // as written: "一", "十二", "１"
  int value = 0;             // 一 and 1 → 1, 十二 → 12
  char32_t separator = 0;    // after a bare numeral: U'、', '.', ',' or U'。' (full-width forms folded)
  std::size_t length = 0;    // bytes up to after the number, its punctuation and the spaces after it
  explicit operator bool() const { return style != none; }
  // Punctuation a heading or a list item is numbered with (、 and the period, not , or 。).
  bool heading_like() const { return style != none && (separator == 0 || separator == U'、' || separator == '.'); }
};
ListNumber parse_list_number(std::string_view text);

// The value of a Chinese numeral of one to three characters (十二 → 12), 0 if it is not one.
int chinese_numeral_value(std::string_view numeral);

// ---------------------------------------------------------------------------------------
// Segmentation (ICU; iterators are created once per thread)

// Sentences of a paragraph; concatenated they give back `text`.
std::vector<std::string> split_sentences(std::string_view text);
// The same split as byte offsets: where each sentence but the last ends (empty for one sentence,
// so a paragraph of one sentence costs no allocation).
std::vector<std::size_t> sentence_ends(std::string_view text);

// Word tokens (ICU word break, dictionary-based for Chinese), punctuation and spaces dropped.
std::vector<std::string> split_words(std::string_view text);

}  // namespace nianbao::normalize
