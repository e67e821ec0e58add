// The streaming XML writer (output/internal/xml_stream.h).
#include "output/internal/xml_stream.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nianbao::output::internal {
namespace {

// The buffer is handed to the sink when it passes this size: large enough that writes to the
// stream are few, small against any input.
constexpr std::size_t flush_bytes = 64 * 1024;

// Bit 1: escaped in text, bit 2: escaped in an attribute value.
constexpr std::array<unsigned char, 256> escapes = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 3;
  t['\t'] = t['\n'] = t['\r'] = 2;
  t['&'] = t['<'] = 3;
  t['>'] = 1;
  t['"'] = 2;
  return t;
}();

// Whether any of 8 bytes (read as one word) may need escaping: a control character, & < > or ".
// A filter without misses (a word it passes is copied as it is), so that the text between
// escapes, which is nearly all of it, is not looked at byte by byte.
bool may_escape(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  if ((w & highs) == highs) return false;  // 8 bytes of multi-byte characters (CJK text)
  auto has_zero = [](std::uint64_t x) { return ((x - ones) & ~x & highs) != 0; };
  const bool below_space = ((w - ones * 0x20) & ~w & highs) != 0;
  return below_space || has_zero(w ^ (ones * '&')) || has_zero(w ^ (ones * '<')) || has_zero(w ^ (ones * '>')) ||
         has_zero(w ^ (ones * '"'));
}

// The first byte at or after `i` that may need escaping (may_escape's bytes: controls, & < > "),
// s.size() if none; 16 bytes at a time with SSE2 (every x86-64), else 8 with may_escape, which
// stops at the start of the word holding one.
std::size_t skip_plain(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  const __m128i controls = _mm_set1_epi8(0x1F), amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'),
                gt = _mm_set1_epi8('>'), quot = _mm_set1_epi8('"');
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    __m128i hit = _mm_cmpeq_epi8(_mm_min_epu8(v, controls), v);  // v <= 0x1F, unsigned
    hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, lt)));
    hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, quot)));
    if (const int mask = _mm_movemask_epi8(hit); mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  for (std::uint64_t w; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    if (may_escape(w)) return i;
  }
  return i;
}

}  // namespace

XmlStream::XmlStream(std::ostream* sink) : sink_(sink) { out_.reserve(sink ? flush_bytes * 2 : 64 * 1024); }

void XmlStream::declaration() { out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"; }

void XmlStream::indent() { out_.append(2 * open_.size(), ' '); }

void XmlStream::start_content() {
  if (!tag_open_) return;
  out_ += ">\n";
  tag_open_ = false;
}

void XmlStream::open(const char* name) {
  start_content();
  indent();
  out_ += '<';
  out_ += name;
  open_.push_back(name);
  tag_open_ = true;
}

void XmlStream::attribute(const char* name, std::string_view value) {
  out_ += ' ';
  out_ += name;
  out_ += "=\"";
  escaped(value, true);
  out_ += '"';
}

namespace {

// A number needs no escaping: ` name="digits"` in one append.
template <class Integer>
void append_number_attribute(std::string& out, const char* name, Integer value) {
  char buf[96];
  const std::size_t n = std::strlen(name);
  if (n > sizeof buf - 32) {  // no attribute name is this long; written in parts all the same
    out += ' ';
    out += name;
    out += "=\"";
    const auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
    out.append(buf, static_cast<std::size_t>(end - buf));
    out += '"';
    return;
  }
  buf[0] = ' ';
  std::memcpy(buf + 1, name, n);
  buf[n + 1] = '=';
  buf[n + 2] = '"';
  char* end = std::to_chars(buf + n + 3, buf + sizeof buf - 1, value).ptr;
  *end++ = '"';
  out.append(buf, static_cast<std::size_t>(end - buf));
}

}  // namespace

void XmlStream::attribute(const char* name, unsigned long long value) { append_number_attribute(out_, name, value); }

void XmlStream::attribute(const char* name, long long value) { append_number_attribute(out_, name, value); }

void XmlStream::text(std::string_view value) {
  out_ += '>';
  escaped(value, false);
  out_ += "</";
  out_ += open_.back();
  out_ += ">\n";
  open_.pop_back();
  tag_open_ = false;
  if (sink_ && out_.size() >= flush_bytes) flush();
}

void XmlStream::close() {
  const char* name = open_.back();
  open_.pop_back();
  if (tag_open_) {
    out_ += " />\n";
    tag_open_ = false;
  } else {
    indent();
    out_ += "</";
    out_ += name;
    out_ += ">\n";
  }
  if (sink_ && out_.size() >= flush_bytes) flush();
}

void XmlStream::escaped(std::string_view s, bool in_attribute) {
  const unsigned char bit = in_attribute ? 2 : 1;
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    i = skip_plain(s, i);
    if (i >= s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (!(escapes[c] & bit)) continue;
    out_.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '&': out_ += "&amp;"; break;
      case '<': out_ += "&lt;"; break;
      case '>': out_ += "&gt;"; break;
      case '"': out_ += "&quot;"; break;
      case 0: run = s.size(); i = s.size(); break;  // a NUL ends the value, as C strings did
      default: {  // a control character: &#NN; (two digits)
        const char ref[] = {'&', '#', static_cast<char>('0' + c / 10), static_cast<char>('0' + c % 10), ';'};
        out_.append(ref, sizeof ref);
      }
    }
  }
  if (run < s.size()) out_.append(s.data() + run, s.size() - run);
}

void XmlStream::flush() {
  if (!sink_ || out_.empty()) return;
  sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
  out_.clear();
}

std::string XmlStream::take() { return std::move(out_); }

}  // namespace nianbao::output::internal
