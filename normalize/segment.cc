// Sentence and word segmentation with ICU BreakIterator over the UTF-8 text (no copies to
// UTF-16). Iterators are costly to create, so each thread builds them once and reuses them.
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>

#include "normalize/normalize.h"

namespace nianbao::normalize {
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

// Per byte: an ASCII character that ends no sentence and starts no rule (letters, digits, spaces,
// most symbols), which the scan steps over.
const std::array<bool, 256>& ascii_plain() {
  static const auto plain = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 128; ++c) {
      const int k = ascii_classes()[c];
      t[c] = k == U_SB_OLETTER || k == U_SB_UPPER || k == U_SB_LOWER || k == U_SB_NUMERIC || k == U_SB_SP || k == U_SB_OTHER;
    }
    return t;
  }();
  return plain;
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
  const std::array<bool, 256>& plain = ascii_plain();
  std::size_t i = 0;
  while (i < text.size()) {
    // Letters, digits, spaces and ideographs, nearly all of a text, end no sentence: crossed,
    // then the other ASCII characters that end none either, one at a time.
    i = ideograph_ascii_run_end<KeptAscii::alnum_space>(text, i);
    if (i == text.size()) break;
    if (plain[static_cast<unsigned char>(text[i])]) {
      ++i;
      continue;
    }
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
    const std::string_view piece = text.substr(start, b[k] - start);
    if (!has_letters(piece) || piece.size() <= 3) continue;  // glue to the next
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
