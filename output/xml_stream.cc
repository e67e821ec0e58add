// The streaming XML writer (output/internal/xml_stream.h).
#include "output/internal/xml_stream.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>


#include "output/internal/xml_scan.h"

namespace nianbao::output::internal {
namespace {

// The chunk is handed to the sink (or the document) when full: large enough that writes to the
// stream are few, small against any input.
constexpr std::size_t chunk_bytes = 64 * 1024;
// An escape is at most 6 bytes for one ("&quot;"): a value escaped in place needs this many
// bytes of room for each of its own.
constexpr std::size_t escape_growth = 6;
// Values up to this size are checked for XML characters while they are written (room for the
// worst escaping is made first, so the chunk is not spilled before the check ends); longer ones
// are checked first. An eighth of the chunk, so that room for the worst escaping fits in it.
constexpr std::size_t max_checked_in_place = chunk_bytes / 8;

// Bit 1: escaped in text, bit 2: escaped in an attribute value, bit 4: looked at by the test of
// XML characters (controls but tab, LF and CR; 0xEF, the lead byte of U+FFFE and U+FFFF).
constexpr unsigned char in_text = 1, in_attribute_value = 2, not_xml = 4;
constexpr std::array<unsigned char, 256> escapes = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = in_text | in_attribute_value | not_xml;
  t['\t'] = t['\n'] = t['\r'] = in_attribute_value;
  t['&'] = t['<'] = in_text | in_attribute_value;
  t['>'] = in_text;
  t['"'] = in_attribute_value;
  t[0xEF] = not_xml;
  return t;
}();

// The first byte at or after `i` that may need escaping or be no XML (may_escape's bytes),
// s.size() if none; 16 bytes at a time with SSE2 (every x86-64), then 8 with may_escape, then
// the last few one by one.
std::size_t skip_plain(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    if (const int mask = special_bytes<true>(v); mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  for (std::uint64_t w; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    if (may_escape(w)) break;  // one of these 8 bytes: found below
  }
  constexpr unsigned char wanted = in_text | in_attribute_value | not_xml;
  for (; i < s.size(); ++i)
    if (escapes[static_cast<unsigned char>(s[i])] & wanted) return i;
  return i;
}

// How many of the last bytes of a value, s[i, end) with fewer than 16 of them, are surely plain
// (none may need escaping or be no XML): all of them, or those before the first that may, or 0
// when the words cannot tell. Nearly every attribute value (ids, rule names, numbers) ends in
// such a tail, which is otherwise looked at byte by byte. Reads only bytes of `s`: the 16 before
// `end` when there are 16, else two words that overlap.
template <bool check_xml>
std::size_t plain_tail(std::string_view s, std::size_t i, std::size_t end) {
  const std::size_t n = end - i;
#if defined(__SSE2__)
  if (end >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + end - 16));
    const unsigned mask = static_cast<unsigned>(special_bytes_in_row<check_xml>(v)) >> (16 - n);
    return mask == 0 ? n : static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  if (n < 4) return 0;
  std::uint64_t first, last;  // the first and last 8 bytes (or 4, twice), which overlap
  if (n >= 8) {
    std::memcpy(&first, s.data() + i, 8);
    std::memcpy(&last, s.data() + end - 8, 8);
  } else {
    std::uint32_t a, b;
    std::memcpy(&a, s.data() + i, 4);
    std::memcpy(&b, s.data() + end - 4, 4);
    first = last = a | (std::uint64_t{b} << 32);
  }
#if defined(__SSE2__)
  return special_bytes<check_xml>(_mm_set_epi64x(static_cast<long long>(last), static_cast<long long>(first))) == 0 ? n : 0;
#else
  return may_escape(first) || may_escape(last) ? 0 : n;
#endif
}

// Whether the byte at `i` (one skip_plain stopped at) begins what XML 1.0 cannot carry: a control
// character other than tab, LF and CR, or U+FFFE / U+FFFF (EF BF BE / EF BF BF).
bool not_xml_at(std::string_view s, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
  return c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
         static_cast<unsigned char>(s[i + 2]) >= 0xBE;
}

// How many of the first bytes of `s` are plain (none may need escaping or be no XML; an 0xEF is
// plain only when the test can see that U+FFFE or U+FFFF does not begin there): s.size() when all
// are, which nearly every value is. 16 bytes at a time, the last few by plain_tail.
template <bool check_xml>
std::size_t plain_prefix(std::string_view s) {
  std::size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    if (const int mask = special_bytes_in_row<check_xml>(v); mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  if (i == s.size()) return i;
  if (const std::size_t plain = plain_tail<check_xml>(s, i, s.size()); plain > 0) return i + plain;
  constexpr unsigned char wanted = in_text | in_attribute_value | (check_xml ? not_xml : 0);
  while (i < s.size() && !(escapes[static_cast<unsigned char>(s[i])] & wanted)) ++i;
  return i;
}

// Plain values up to this size are written with the name or the end tag around them in one
// piece of the chunk (far below its size).
constexpr std::size_t max_plain_in_one_piece = 4096;

}  // namespace

XmlStream::XmlStream(std::ostream* sink) : sink_(sink) {
  if (sink_) {
    chunk_.reset(new char[chunk_bytes]);
    base_ = chunk_.get();
    capacity_ = chunk_bytes;
  }
}

void XmlStream::spill() {
  if (!sink_ || used_ == 0) return;
  sink_->write(chunk_.get(), static_cast<std::streamsize>(used_));
  used_ = 0;
}

// Without a sink, the document is made longer by this much at a time (or what is asked, when
// more): the new bytes are zeroed by resize() before they are written, and below 2 KB (glibc's
// threshold for `rep stosb`, 2 048) memset zeroes them with vector stores, a few dozen
// instructions, where one large resize would be a string instruction that costs (and counts,
// under callgrind) one step per byte. Near the threshold, so that the steps are few (1 KB:
// make_room 1.04 M instructions over the 98 text reports, 2 000 bytes: 0.59 M).
constexpr std::size_t document_step = 2000;

void XmlStream::make_room(std::size_t n) {
  if (!sink_) {
    document_.resize(used_ + std::max(n, document_step));
    base_ = document_.data();
    capacity_ = document_.size();
    return;
  }
  spill();
  if (n > capacity_) {  // never for what the writer writes (names, numbers, entities); all the same
    chunk_.reset(new char[n]);
    base_ = chunk_.get();
    capacity_ = n;
  }
}

void XmlStream::put_long(std::string_view s) {
  if (sink_) {
    spill();
    if (s.size() > capacity_) return (void)sink_->write(s.data(), static_cast<std::streamsize>(s.size()));
  }
  std::memcpy(room(s.size()), s.data(), s.size());
  used_ += s.size();
}

void XmlStream::declaration() { put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"); }

void XmlStream::put_name(std::string_view name) {
  write_attribute_start(room(name.size() + 3), name);
  used_ += name.size() + 3;
}

void XmlStream::long_attribute(std::string_view name, std::string_view value) {
  if (short_attribute<false, max_medium_value>(name, value)) return;
  const std::size_t plain = plain_prefix<false>(value);
  if (plain == value.size() && plain <= max_plain_in_one_piece) return plain_attribute(name, value);
  put_name(name);
  put(value.substr(0, plain));
  escaped<false>(value.substr(plain), true);
  put("\"");
}

void XmlStream::put_words(const std::vector<CellId>& words) {
  bool written = false;  // a space goes before a word only when some word before it had text
  for (const std::string& word : words) {
    if (written) put(" ");
    if (escaped<false>(word, true) == Escaped::ended) break;  // a NUL ended the value
    written = written || !word.empty();
  }
}

std::string XmlStream::escaped_words(const std::vector<CellId>& words) {
  XmlStream value;
  value.put_words(words);
  return value.take();
}

void XmlStream::escaped_attribute(std::string_view name, std::string_view escaped) {
  put_name(name);
  put(escaped);
  put("\"");
}

void XmlStream::long_text(std::string_view value) {
  if (short_text<false, max_medium_value>(value)) return;
  const std::size_t plain = plain_prefix<false>(value);
  if (plain == value.size() && plain <= max_plain_in_one_piece) return plain_text(value);
  put(">");
  put(value.substr(0, plain));
  escaped<false>(value.substr(plain), false);
  end_text();
}

void XmlStream::end_text() {
  const std::string_view name = open_.back();
  write_end_tag(room(name.size() + 4), name);
  used_ += name.size() + 4;
  open_.pop_back();
  tag_open_ = false;
}

void XmlStream::close_content() {
  const std::string_view name = open_.back();
  open_.pop_back();
  const std::size_t indent = 2 * open_.size();
  char* p = room(indent + indent_row + name.size() + 4);
  write_indent(p, indent);
  write_end_tag(p + indent, name);
  used_ += indent + name.size() + 4;
}

// A value is escaped in segments of at most this many bytes: room for the worst escaping of a
// segment (escape_growth bytes each, 24 KB) is made once, and the bytes are written straight
// into the chunk.
constexpr std::size_t escape_segment = 4096;

template <bool check_xml>
XmlStream::Escaped XmlStream::escaped(std::string_view s, bool in_attribute) {
  const unsigned char bit = in_attribute ? in_attribute_value : in_text;
  constexpr unsigned char wanted = in_text | in_attribute_value | (check_xml ? not_xml : 0);
  for (std::size_t from = 0; from < s.size();) {
    const std::size_t end = std::min(s.size(), from + escape_segment);
    // 16 bytes more: the copy below stores 16 bytes at a time, some past what it keeps.
    char* const begin = room(escape_growth * (end - from) + 16);
    char* out = begin;
    std::size_t i = from;
    while (i < end) {
#if defined(__SSE2__)
      if (end - i >= 16) {  // 16 bytes stored as they are; kept up to the first that needs a look
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);
        const int mask = special_bytes_in_row<check_xml>(v);
        if (mask == 0) {
          out += 16;
          i += 16;
          continue;
        }
        const int plain = __builtin_ctz(static_cast<unsigned>(mask));
        out += plain;
        i += static_cast<std::size_t>(plain);
      } else if (const std::size_t plain = plain_tail<check_xml>(s, i, end); plain > 0) {
        copy_bytes(out, s.substr(i, plain));
        out += plain;
        i += plain;
        continue;
      } else if (!(escapes[static_cast<unsigned char>(s[i])] & wanted)) {
        *out++ = s[i++];
        continue;
      }
#else
      if (!(escapes[static_cast<unsigned char>(s[i])] & wanted)) {
        *out++ = s[i++];
        continue;
      }
#endif
      // s[i] may need escaping here.
      if (check_xml && not_xml_at(s, i)) {
        used_ += static_cast<std::size_t>(out - begin);
        return Escaped::not_xml;
      }
      const unsigned char c = static_cast<unsigned char>(s[i++]);
      if (!(escapes[c] & bit)) {
        *out++ = static_cast<char>(c);
        continue;
      }
      std::string_view entity;
      switch (c) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case 0:  // a NUL ends the value, as C strings did
          used_ += static_cast<std::size_t>(out - begin);
          return Escaped::ended;
        default:  // a control character: &#NN; (two digits)
          const char ref[] = {'&', '#', static_cast<char>('0' + c / 10), static_cast<char>('0' + c % 10), ';'};
          copy_bytes(out, std::string_view(ref, sizeof ref));
          out += sizeof ref;
          continue;
      }
      copy_bytes(out, entity);
      out += entity.size();
    }
    used_ += static_cast<std::size_t>(out - begin);
    from = end;
  }
  return Escaped::whole;
}

bool XmlStream::is_xml(std::string_view s) {
  for (std::size_t i = skip_plain(s, 0); i < s.size(); i = skip_plain(s, i + 1))
    if (not_xml_at(s, i)) return false;
  return true;
}

bool XmlStream::long_xml_attribute(std::string_view name, std::string_view value) {
  if (short_attribute<true, max_medium_value>(name, value)) return true;
  if (value.size() > max_checked_in_place) {
    if (!is_xml(value)) return false;
    attribute(name, value);
    return true;
  }
  const std::size_t plain = plain_prefix<true>(value);
  if (plain == value.size()) {
    plain_attribute(name, value);
    return true;
  }
  room(name.size() + 4 + escape_growth * value.size());  // so that nothing is spilled before the end
  const std::size_t mark = used_;
  put_name(name);
  put(value.substr(0, plain));
  if (escaped<true>(value.substr(plain), true) == Escaped::not_xml) {
    used_ = mark;
    return false;
  }
  put("\"");
  return true;
}

bool XmlStream::long_xml_text(std::string_view value) {
  if (short_text<true, max_medium_value>(value)) return true;
  if (value.size() > max_checked_in_place) {
    if (!is_xml(value)) return false;
    text(value);
    return true;
  }
  const std::size_t plain = plain_prefix<true>(value);
  if (plain == value.size()) {
    plain_text(value);
    return true;
  }
  room(1 + escape_growth * value.size());  // so that nothing is spilled before the end
  const std::size_t mark = used_;
  put(">");
  put(value.substr(0, plain));
  if (escaped<true>(value.substr(plain), false) == Escaped::not_xml) {
    used_ = mark;
    return false;
  }
  end_text();
  return true;
}

void XmlStream::flush() {
  if (sink_) spill();
}

std::string XmlStream::take() {
  document_.resize(used_);
  base_ = nullptr;
  capacity_ = used_ = 0;
  return std::move(document_);
}

void XmlStream::reserve(std::size_t bytes) {
  if (sink_) return;
  document_.reserve(bytes);
  base_ = document_.data();
}

}  // namespace nianbao::output::internal
