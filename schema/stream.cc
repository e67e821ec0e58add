// The mapper's view of a document: text runs, number runs and table rows.
#include "schema/internal/stream.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "normalize/normalize.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

// A code point as the number scanner sees it: full-width digits and signs as ASCII.
char32_t ascii_form(char32_t c) {
  if (c >= 0xFF10 && c <= 0xFF19) return U'0' + (c - 0xFF10);
  if (c == 0xFF0E) return U'.';
  if (c == 0xFF0D || c == 0x2212) return U'-';
  if (c == 0xFF0B) return U'+';
  if (c == 0xFF0C) return U',';
  return c;
}

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// A code point as the scanner sees it (ascii_form), and the byte offset after it.
struct Cp {
  char32_t c;
  std::size_t next;
};

// The code point at byte `i` (< s.size()), decoded on the fly: the scanner looks at only the
// few code points around digits, and skips runs of ideographs without decoding them.
Cp decode_at(std::string_view s, std::size_t i) {
  const char32_t c = nz::next_code_point(s, i);
  return {ascii_form(c), i};
}
// An ASCII byte is its own code point and its own ASCII form (ascii_form maps only full-width
// forms and U+2212): answered without the decoder's call, which most of the bytes the scanner
// looks at (digits, spaces, '.') would pay.
inline Cp cp_at(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, i + 1};
  return decode_at(s, i);
}

bool digit_at(std::string_view s, std::size_t i) { return i < s.size() && is_digit(cp_at(s, i).c); }

// A sign followed by a digit at byte i.
bool signed_digit_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  const Cp c = cp_at(s, i);
  return (c.c == U'-' || c.c == U'+') && digit_at(s, c.next);
}

// Whether the code point that ends at byte `at` is an opening parenthesis. An ASCII byte is a
// code point of its own, and EF BC 88 (U+FF08) always decodes as one: neither byte after the
// lead is one the decoder can start from, and the lead is no continuation byte.
bool opening_paren_before(std::string_view s, std::size_t at) {
  if (at >= 1 && s[at - 1] == '(') return true;
  return at >= 3 && s.substr(at - 3, 3) == "\xEF\xBC\x88";
}

std::string_view trim_spaces(std::string_view s) { return nz::trim(s, " "); }

// The end of the number run that starts at byte k (a digit, or a sign before one): digits,
// '.', ',', signs and spaces, each inner separator followed by a digit. `last` is set to the
// start of its last code point.
std::size_t run_end_from(std::string_view s, std::size_t k, std::size_t& last) {
  const std::size_t n = s.size();
  const Cp first = cp_at(s, k);
  last = k;
  std::size_t e = first.next;
  while (e < n) {
    const Cp d = cp_at(s, e);
    if (is_digit(d.c)) {
      last = e;
      e = d.next;
      continue;
    }
    if ((d.c == U'.' || d.c == U',' || d.c == U'-' || d.c == U'+') && digit_at(s, d.next)) {
      last = d.next;
      e = cp_at(s, d.next).next;
      continue;
    }
    if (d.c == U' ') {
      std::size_t f = e;
      while (f < n && s[f] == ' ') ++f;
      if (digit_at(s, f) || signed_digit_at(s, f)) {
        e = f;
        continue;
      }
    }
    break;
  }
  return e;
}

// The paragraph-level facts each token of a paragraph (tokens [first, end)) needs.
void mark_paragraph(std::vector<Token>& out, std::size_t first) {
  const bool all_numbers =
      std::all_of(out.begin() + static_cast<long>(first), out.end(), [](const Token& t) { return t.kind == Token::number_run; });
  const std::size_t count = out.size() - first;
  for (std::size_t i = first; i < out.size(); ++i) {
    if (out[i].kind == Token::number_run) {
      out[i].loose = all_numbers;
      out[i].after_text = i > first && out[i - 1].kind == Token::text_run;
    } else {
      out[i].label_only = count == 1;
      out[i].next_is_number = i + 1 < out.size() && out[i + 1].kind == Token::number_run;
    }
  }
}

}  // namespace

#if defined(__SSE2__)
namespace {
// number_start_candidate's test of 16 bytes (v0), with the byte after each (v1) and the one
// after that (v2): a sequence is a candidate where its lead is, so that prose's full-width
// punctuation (，：（） EF BC 8C 9A 88 89) is crossed. A bit per byte of v0.
unsigned number_start_bytes(__m128i v0, __m128i v1, __m128i v2) {
  const auto byte = [](int b) { return _mm_set1_epi8(static_cast<char>(b)); };
  // Signed compares: the bytes from 0x80 are negative, no ASCII digit.
  const __m128i ascii = _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(v0, byte('0' - 1)), _mm_cmplt_epi8(v0, byte('9' + 1))),
                                     _mm_or_si128(_mm_cmpeq_epi8(v0, byte('+')), _mm_cmpeq_epi8(v0, byte('-'))));
  const __m128i overlong = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v0, byte(0xC0)), _mm_cmpeq_epi8(v0, byte(0xE0))),
      _mm_cmpeq_epi8(_mm_and_si128(v0, byte(0xF7)), byte(0xF0)));
  const __m128i minus = _mm_and_si128(_mm_cmpeq_epi8(v0, byte(0xE2)),
                                      _mm_and_si128(_mm_cmpeq_epi8(v1, byte(0x88)), _mm_cmpeq_epi8(v2, byte(0x92))));
  const __m128i third = _mm_sub_epi8(v2, byte(0x90));  // 90–99 → 0–9
  const __m128i full_width_third = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(third, byte(9)), third),
                                                _mm_or_si128(_mm_cmpeq_epi8(v2, byte(0x8B)), _mm_cmpeq_epi8(v2, byte(0x8D))));
  const __m128i full_width =
      _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v0, byte(0xEF)), _mm_cmpeq_epi8(v1, byte(0xBC))), full_width_third);
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(ascii, overlong), _mm_or_si128(minus, full_width))));
}
}  // namespace
#endif

std::size_t number_start_candidate(std::string_view text, std::size_t k) {
#if defined(__SSE2__)
  const auto load = [&](std::size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at)); };
  // 15 bytes a window (the 16th's two after are not read), while 17 can be read.
  for (; k + 17 <= text.size(); k += 15) {
    const __m128i v1 = load(k + 1);
    const unsigned found = number_start_bytes(load(k), v1, _mm_srli_si128(v1, 1)) & 0x7FFFu;
    if (found != 0) return k + static_cast<std::size_t>(__builtin_ctz(found));
  }
  // The rest in the text's last 16 bytes (those before k left out); past the end reads as zeros,
  // which end no sequence that is a candidate (one cut by the end decodes as U+FFFD).
  if (k < text.size() && text.size() >= 16) {
    const std::size_t base = text.size() - 16;
    const __m128i v0 = load(base);
    const unsigned found = number_start_bytes(v0, _mm_srli_si128(v0, 1), _mm_srli_si128(v0, 2)) >> (k - base);
    return found != 0 ? k + static_cast<std::size_t>(__builtin_ctz(found)) : text.size();
  }
#endif
  return k;
}

namespace {

// tokenize_paragraph, its tokens appended to `all` (the region's), not gathered apart first.
// Positions are byte offsets; code points are decoded where the scanner looks.
void append_paragraph_tokens(std::string_view text, std::vector<Token>& all) {
  const std::size_t n = text.size();
  const std::size_t first = all.size();
  std::vector<Token>& out = all;
  std::size_t text_start = 0;  // byte where the pending text run starts
  auto flush_text = [&](std::size_t end) {
    if (end > text_start) {
      const std::string_view t = trim_spaces(text.substr(text_start, end - text_start));
      if (!t.empty()) {
        Token& tok = out.emplace_back();
        tok.kind = Token::text_run;
        tok.text = t;
      }
    }
  };
  std::size_t k = 0;
  while (k < n) {
    // Up to a byte that may start a run (bytes that cannot are not decoded), then one code point
    // at a time as before.
    k = number_start_candidate(text, k);
    if (k >= n) break;
    if (nz::is_ideograph_at(text, k)) {  // no digit, sign or mark the scanner looks at
      k = nz::ideograph_run_end(text, k);
      continue;
    }
    const Cp ck = cp_at(text, k);
    const bool sign_start = (ck.c == U'-' || ck.c == U'+') && digit_at(text, ck.next);
    if (!is_digit(ck.c) && !sign_start) {
      k = ck.next;
      continue;
    }
    std::size_t last = k;
    const std::size_t e = run_end_from(text, k, last);
    std::size_t run_end = e;
    // A label number glued to the run ("…00000002.其他法律…"): the last digit opens the label.
    if (run_end < n) {
      const Cp after = cp_at(text, run_end);
      if ((after.c == U'.' || after.c == U'\u3001') && is_digit(cp_at(text, last).c)) {
        std::size_t f = after.next;
        while (f < n && text[f] == ' ') ++f;
        if (f < n && nz::is_cjk(cp_at(text, f).c)) run_end = last;
      }
    }
    // "(1)" "（2）" are enumeration marks, not values.
    bool in_parens = false;
    if (k > 0 && opening_paren_before(text, k) && run_end < n) {
      const char32_t close = cp_at(text, run_end).c;
      in_parens = close == U')' || close == U'\uFF09';
    }
    if (run_end <= k || in_parens) {
      k = e;
      continue;
    }
    // A unit right after the run belongs to it.
    std::size_t unit_end = run_end;
    if (run_end == e && unit_end < n) {
      const Cp u = cp_at(text, unit_end);
      if (u.c == U'\u4E07' && u.next < n && cp_at(text, u.next).c == U'\u5143') unit_end = cp_at(text, u.next).next;  // 万元
      else if (u.c == U'\u5143') unit_end = u.next;  // 元
    }
    flush_text(k);
    Token& num = out.emplace_back();
    num.kind = Token::number_run;
    num.text = trim_spaces(text.substr(k, unit_end - k));
    text_start = unit_end;
    k = unit_end;
  }
  flush_text(n);
  mark_paragraph(out, first);
}

}  // namespace

void append_number_pieces(std::string_view run, std::vector<std::string>& out) {
  const std::size_t n = run.size();
  std::size_t i = 0;
  while (i < n) {
    while (i < n && run[i] == ' ') ++i;
    if (i == n) break;
    std::string& piece = out.emplace_back();
    while (i < n && run[i] != ' ') {
      // ASCII bytes copied as they are, a span at a time; any other code point in ASCII form.
      std::size_t j = i;
      while (j < n && run[j] != ' ' && static_cast<unsigned char>(run[j]) < 0x80) ++j;
      piece.append(run.data() + i, j - i);
      i = j;
      if (i < n && static_cast<unsigned char>(run[i]) >= 0x80) {
        const Cp c = cp_at(run, i);
        nz::append_utf8(piece, c.c);
        i = c.next;
      }
    }
  }
}

std::vector<Token> tokenize_paragraph(std::string_view text) {
  std::vector<Token> out;
  append_paragraph_tokens(text, out);
  return out;
}

std::vector<Token> tokenize(const Report& report, std::size_t first, std::size_t end, std::size_t first_offset,
                            std::size_t end_offset) {
  std::vector<Token> out;
  const std::size_t last = end_offset > 0 ? end + 1 : end;
  // A token per table row and about one per paragraph (a flattened one gives many): room made once
  // (a Token is moved at every doubling), more grows as usual.
  std::size_t at_least = 0;
  for (std::size_t b = first; b < last && b < report.blocks.size(); ++b)
    at_least += report.blocks[b].kind == BlockKind::paragraph ? 1 : report.blocks[b].table().rows.size();
  out.reserve(at_least);
  for (std::size_t b = first; b < last && b < report.blocks.size(); ++b) {
    const Block& block = report.blocks[b];
    if (block.kind == BlockKind::paragraph) {
      std::string_view text = block.text;
      if (b == end && end_offset > 0) text = text.substr(0, std::min(end_offset, text.size()));
      if (b == first && first_offset > 0) text = text.substr(std::min(first_offset, text.size()));
      const std::size_t from = out.size();
      append_paragraph_tokens(text, out);
      for (std::size_t i = from; i < out.size(); ++i) {
        out[i].block = b;
        out[i].pos = block.pos;
      }
      continue;
    }
    for (const TableRow& row : block.table().rows) {
      Token t;
      t.kind = Token::table_row;
      t.block = b;
      t.pos = block.pos;
      if (row.pos.line > 0) t.pos.line = row.pos.line, t.pos.offset = row.pos.offset;
      t.cells.reserve(row.cells.size());
      for (const TableCell& c : row.cells) t.cells.push_back(c.text);
      if (std::any_of(row.cells.begin(), row.cells.end(), [](const TableCell& c) { return !c.readings.empty(); })) {
        t.readings.reserve(row.cells.size());
        for (const TableCell& c : row.cells) t.readings.push_back(c.readings);
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace nianbao::schema
