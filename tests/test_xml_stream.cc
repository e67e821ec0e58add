// output/internal/xml_stream: values escaped 16 bytes at a time, with their last bytes read as
// overlapping words, give what the escaping rules give byte by byte, for values of every length
// with the bytes that need escaping (or are no XML) at every position; every byte value at every
// offset modulo 16, and the U+FFFE/U+FFFF test across the 16-byte blocks; short_plain (the inline
// test of short values) and medium_plain against their byte-by-byte definition at every offset
// and length.
#include <doctest/doctest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "output/internal/xml_scan.h"
#include "output/internal/xml_stream.h"

using nianbao::output::internal::XmlStream;
using nianbao::output::internal::max_medium_value;
using nianbao::output::internal::max_short_value;
using nianbao::output::internal::copy_medium_plain;
using nianbao::output::internal::copy_short_plain;

namespace {

// The rules of xml_stream.h, one byte at a time: attributes escape & < " and every control
// character (&#NN;); text escapes & < > and the controls other than tab, LF and CR; a NUL ends
// the value.
std::string reference_escape(const std::string& s, bool in_attribute) {
  std::string out;
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == 0) break;
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>' && !in_attribute) out += "&gt;";
    else if (c == '"' && in_attribute) out += "&quot;";
    else if (c < 0x20 && (in_attribute || (c != '\t' && c != '\n' && c != '\r')))
      out += std::string("&#") + static_cast<char>('0' + c / 10) + static_cast<char>('0' + c % 10) + ";";
    else out += ch;
  }
  return out;
}

// What XML 1.0 cannot carry: a control character but tab, LF and CR; U+FFFE, U+FFFF.
bool reference_is_xml(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
        static_cast<unsigned char>(s[i + 2]) >= 0xBE)
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("XmlStream: attribute and text values of every length escaped as the rules say, byte by byte") {
  const std::vector<std::string> plain = {"a", "7", "R", ".", "[", "_", "一", "。", "，", "\xEF\xBB\xBF", "\x7F"};
  const std::vector<std::string> special = {"&", "<", ">", "\"", "\t", "\n", "\r", "\x01", "\x1F", std::string(1, '\0'),
                                            "\xEF\xBF\xBE", "\xEF\xBF\xBF"};
  std::uint32_t state = 1205;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  std::size_t with_special = 0, not_xml = 0;
  for (int k = 0; k < 6000; ++k) {
    std::string v;
    const std::uint32_t length = next() % 48;  // one, two or three blocks and every tail length
    while (v.size() < length) v += plain[next() % plain.size()];
    v.resize(length);  // may cut a character: bytes are bytes here
    if (next() % 2 == 0 && !v.empty()) {  // one or two bytes needing a look, anywhere
      for (std::uint32_t n = 1 + next() % 2; n > 0; --n) v.insert(next() % (v.size() + 1), special[next() % special.size()]);
      ++with_special;
    }
    {
      XmlStream x;
      x.open("e");
      x.attribute("a", v);
      x.text(v);
      CHECK(x.take() == "<e a=\"" + reference_escape(v, true) + "\">" + reference_escape(v, false) + "</e>\n");
    }
    {
      XmlStream x;
      x.open("e");
      const bool attribute_ok = x.xml_attribute("a", v);
      const bool text_ok = x.xml_text(v);
      const bool is_xml = reference_is_xml(v);
      not_xml += !is_xml;
      CHECK(attribute_ok == is_xml);
      CHECK(text_ok == is_xml);
      CHECK(XmlStream::is_xml(v) == is_xml);
      if (is_xml)
        CHECK(x.take() == "<e a=\"" + reference_escape(v, true) + "\">" + reference_escape(v, false) + "</e>\n");
    }
  }
  CHECK(with_special > 2000);
  CHECK(not_xml > 500);
}

namespace {

// A value and what the four writes give for it, held to the byte-by-byte rules.
void check_value(XmlStream& x, std::string& expected, const std::string& v, std::size_t& not_xml) {
  x.open("e");
  x.attribute("a", v);
  x.text(v);
  expected += "<e a=\"" + reference_escape(v, true) + "\">" + reference_escape(v, false) + "</e>\n";
  x.open("e");
  const bool is_xml = reference_is_xml(v);
  CHECK(x.xml_attribute("a", v) == is_xml);
  CHECK(x.xml_text(v) == is_xml);
  CHECK(XmlStream::is_xml(v) == is_xml);
  if (is_xml) {
    expected += "<e a=\"" + reference_escape(v, true) + "\">" + reference_escape(v, false) + "</e>\n";
  } else {  // nothing written: the element is closed empty
    x.close();
    expected += "<e />\n";
    ++not_xml;
  }
}

}  // namespace

TEST_CASE("XmlStream: every byte value at every offset (modulo 16 and across blocks), byte by byte") {
  // Fillers: ASCII, the bytes of 一 (no escape, high bytes), and 0xBF, which makes any 0xEF before
  // it the start of U+FFFF; the 16-byte tests see an 0xEF only when an 0xBF follows it.
  const std::vector<std::string> fillers = {"a", "\xE4\xB8\x80", "\xBF", "\xBF\xBE"};
  std::size_t values = 0, not_xml = 0;
  for (const std::string& filler : fillers)
    for (int byte = 0; byte < 256; ++byte) {
      XmlStream x;
      std::string expected;
      for (std::size_t length = 1; length <= 40; ++length)
        for (std::size_t at = 0; at < length; ++at) {
          std::string v;
          while (v.size() < length) v += filler;
          v.resize(length);
          v[at] = static_cast<char>(byte);
          check_value(x, expected, v, not_xml);
          ++values;
        }
      CHECK(x.take() == expected);
    }
  CHECK(values == 4 * 256 * 820);
  CHECK(not_xml > 90000);
}

TEST_CASE("XmlStream: U+FFFE, U+FFFF and every EF BF xx and EF xx at every offset, whatever surrounds them") {
  std::size_t not_xml = 0;
  for (const std::string filler : {"a", "\xE4\xB8\x80", "\xEF", "\xBF"})
    for (int last = 0; last < 256; ++last)
      for (const bool two : {false, true}) {
        const std::string sequence = two ? std::string{'\xEF', static_cast<char>(last)}
                                         : std::string{'\xEF', '\xBF', static_cast<char>(last)};
        XmlStream x;
        std::string expected;
        for (std::size_t length = 0; length <= 36; ++length)
          for (std::size_t at = 0; at <= length; ++at) {
            std::string v;
            while (v.size() < length) v += filler;
            v.resize(length);
            v.insert(at, sequence);
            check_value(x, expected, v, not_xml);
          }
        CHECK(x.take() == expected);
      }
  CHECK(not_xml > 20000);
}

TEST_CASE("XmlStream: a document made in its string (reserved too small, grown) is the one streamed in chunks") {
  // Values of every size up to 3 chunks (64 KB each), plain and needing escapes, so that the
  // string grows past what was reserved and the stream spills and writes values longer than
  // its chunk.
  XmlStream kept;
  kept.reserve(100);
  std::ostringstream out;
  XmlStream streamed(&out);
  std::uint32_t state = 7;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 8; };
  for (XmlStream* x : {&kept, &streamed}) {
    state = 7;
    x->declaration();
    x->open("doc");
    for (int k = 0; k < 120; ++k) {
      const std::size_t size = next() % (k % 10 == 0 ? 200000 : 3000);
      std::string v(size, k % 3 == 0 ? '&' : 'x');
      if (size > 0 && k % 4 == 1) v[next() % size] = '<';
      x->open("e");
      x->attribute("n", k);
      x->attribute("v", v);
      if (k % 2 == 0) x->text(v);
      else CHECK(x->xml_text(v));
    }
    x->close();
  }
  streamed.flush();
  const std::string document = kept.take();
  CHECK(document.size() > 1000000);
  CHECK(document == out.str());
}

namespace {

// copy_short_plain's and copy_medium_plain's test alone (what they store, the XmlStream tests of
// this file hold).
template <bool check_xml>
bool short_plain(std::string_view s) {
  char scratch[max_short_value];
  return copy_short_plain<check_xml>(scratch, s);
}
template <bool check_xml>
bool medium_plain(std::string_view s) {
  char scratch[max_medium_value];
  return copy_medium_plain<check_xml>(scratch, s);
}

// short_plain's and medium_plain's definition, byte by byte: no byte that needs escaping in an
// attribute or a text (a control character, & < > "), and with check_xml no 0xEF that may lead
// U+FFFE or U+FFFF: with `any_ef` every 0xEF counts, else those followed by 0xBF or by nothing.
// The <true> tests lie between the two (they see the byte after an 0xEF within one 16-byte
// block): never plain where an 0xEF may lead U+FFFE, always plain where there is no 0xEF.
bool reference_plain(std::string_view s, bool check_xml, bool any_ef) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"') return false;
    if (check_xml && c == 0xEF && (any_ef || i + 1 == s.size() || static_cast<unsigned char>(s[i + 1]) == 0xBF))
      return false;
  }
  return true;
}

// One of the tests (plain<false>, plain<true>) of a value, whose sizes it takes are min to max,
// against the reference.
template <class False, class True>
void check_plain_test(std::string_view v, std::size_t min, std::size_t max, False plain_false, True plain_true) {
  const bool taken = v.size() >= min && v.size() <= max;
  CHECK(plain_false(v) == (taken && reference_plain(v, false, false)));
  const bool xml = plain_true(v);
  if (xml) CHECK((taken && reference_plain(v, true, false)));
  if (taken && reference_plain(v, true, true)) CHECK(xml);
}

// short_plain and medium_plain of `v`; whether it is plain.
bool check_short_plain(std::string_view v) {
  check_plain_test(v, 0, max_short_value, short_plain<false>, short_plain<true>);
  check_plain_test(v, max_short_value + 1, max_medium_value, medium_plain<false>, medium_plain<true>);
  return reference_plain(v, false, false);
}

}  // namespace

TEST_CASE("XmlStream: short_plain and medium_plain (a value read as overlapping blocks) are their byte-by-byte test") {
  // Every start offset and length up to past max_medium_value of mixed strings: ASCII, ideographs
  // and fullwidth punctuation (EF BC 8C) cut anywhere (so invalid UTF-8 at either end), with each
  // byte needing a look at every position of the windows the tests read, and EF BF (which may
  // lead U+FFFE) at every position.
  const std::string ids = "t3.new_received[natural_person] t3.carried_over[total] t3.result.total[org_commercial]";
  const std::string cjk = "\xE4\xB8\x80\xE4\xBA\x8C\xEF\xBC\x8C\xE4\xB8\x89" "abc\xEF\xBC\x9A" "0123456789"
                          "\xE5\x9B\x9B\xE4\xBA\x94\xE5\x85\xAD";
  const std::vector<std::string> bases = {ids, cjk + cjk + cjk, std::string(80, 'x'), std::string(80, '\xBF')};
  const std::vector<char> specials = {'&', '<', '>', '"', '\t', '\n', '\r', '\x01', '\x1F', '\0', '\xEF'};
  std::size_t tested = 0, plain = 0, not_plain = 0;
  for (const std::string& base : bases)
    for (std::size_t from = 0; from < 8; ++from)
      for (std::size_t n = 0; n <= max_medium_value + 2; ++n) {
        REQUIRE(from + n <= base.size());
        const std::string value = base.substr(from, n);
        (check_short_plain(value) ? plain : not_plain) += 1;
        ++tested;
        for (std::size_t at = 0; at < n; ++at) {
          for (const char c : specials) {
            std::string v = value;
            v[at] = c;
            not_plain += !check_short_plain(v);
            ++tested;
          }
          std::string v = value;  // EF BF at `at`, cut at the end when it is the last byte
          v[at] = '\xEF';
          if (at + 1 < n) v[at + 1] = '\xBF';
          check_short_plain(v);
          ++tested;
        }
      }
  CHECK(tested > 100000);
  CHECK(plain > 800);
  CHECK(not_plain > 100000);
}
