// normalize::valid_utf8_prefix: the 16-byte blocks give what a sequence-by-sequence reading of
// table 3-7 of the Unicode standard gives, on the corpus texts and on generated texts that put
// every kind of well-formed and broken sequence at every offset of a block. Decoding broken UTF-8
// replaces what ICU's own UTF-8 converter replaces (one U+FFFD per maximal invalid subpart), and
// the text decode_in_place leaves in the input is that text too.
#include <doctest/doctest.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "normalize/decode.h"
#include "normalize/normalize.h"
#include "tests/corpus.h"

using namespace nianbao;
namespace nz = nianbao::normalize;

namespace {

// The definition, one sequence at a time: the offset of the first byte that starts no
// well-formed sequence (table 3-7), or s.size().
std::size_t reference_prefix(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80) len = 1;
    else if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;
    else if (c == 0xED) len = 3, hi = 0x9F;
    else if (c >= 0xE1 && c <= 0xEF) len = 3;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c == 0xF4) len = 4, hi = 0x8F;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    if (len == 0 || i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return i;
    }
    i += len;
  }
  return s.size();
}

// ICU's UTF-8 converter, each ill-formed subpart it reports written as one U+FFFD and counted:
// an implementation of the same recommended practice that shares no code with ours.
struct IcuReading {
  std::string text;
  std::size_t replaced = 0;
};

void substitute_and_count(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                          UConverterCallbackReason reason, UErrorCode* err) {
  if (reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR && reason != UCNV_UNASSIGNED) return;
  ++static_cast<IcuReading*>(const_cast<void*>(context))->replaced;
  *err = U_ZERO_ERROR;
  const UChar fffd = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &fffd, 1, 0, err);
}

IcuReading icu_utf8(const std::string& bytes) {
  IcuReading r;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open("UTF-8", &status), &ucnv_close);
  REQUIRE(U_SUCCESS(status));
  ucnv_setToUCallBack(conv.get(), substitute_and_count, &r, nullptr, nullptr, &status);
  const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), status);
  REQUIRE(U_SUCCESS(status));
  text.toUTF8String(r.text);
  return r;
}

// decode with UTF-8 forced against ICU's reading (the input holds no NUL and no BOM).
void check_decoded_as_icu(const std::string& bytes) {
  const nz::Decoded d = nz::decode(bytes, {"UTF-8", false, "generated"});
  const IcuReading icu = icu_utf8(bytes);
  CHECK(d.text == icu.text);
  CHECK(d.replaced == icu.replaced);
}

}  // namespace

TEST_CASE("valid_utf8_prefix: the corpus texts are well-formed, and a broken byte anywhere in them is found where it is") {
  std::size_t texts = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() + "/corpus")) {
    if (entry.path().extension() != ".txt") continue;
    const std::string text = test::read_file(entry.path().string());
    ++texts;
    CHECK(nz::valid_utf8_prefix(text) == reference_prefix(text));
    // A stray continuation byte, a cut ideograph and an overlong form, each at 40 places.
    for (const std::string& broken : {std::string("\x80"), std::string("\xE4\xB8"), std::string("\xC0\xAF")})
      for (std::size_t k = 1; k <= 40; ++k) {
        std::string damaged = text;
        damaged.insert(text.size() * k / 41, broken);
        CHECK(nz::valid_utf8_prefix(damaged) == reference_prefix(damaged));
      }
  }
  CHECK(texts >= 10);
}

TEST_CASE("valid_utf8_prefix: generated texts of every sequence kind, at every offset of a block") {
  // Well-formed: ASCII, ideographs, Chinese punctuation (E3, EF, E2 leads), two-byte forms, the
  // narrow leads at their bounds (E0 A0, ED 9F, F0 90, F4 8F), four-byte forms. Broken: a stray
  // continuation byte, C0/C1/F5/FF, a cut sequence, each narrow lead out of its bounds, a lead
  // followed by a lead.
  const std::vector<std::string> good = {"a",        "2024",         "一",           "告",           "。",
                                         "，",       "\xE2\x80\x9C", "\xC2\xA0",     "\xD0\xB0",     "\xE0\xA0\x80",
                                         "\xED\x9F\xBF", "\xEE\x80\x80", "\xF0\x90\x80\x80", "\xF0\x9F\x98\x80",
                                         "\xF4\x8F\xBF\xBF", "\xF2\xA0\x80\x80", "\xE1\x80\x80"};
  const std::vector<std::string> bad = {"\x80", "\xBF", "\xC0\xAF", "\xC1\xBF", "\xF5\x80\x80\x80", "\xFF", "\xE4\xB8",
                                        "\xE0\x9F\xBF", "\xED\xA0\x80", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80",
                                        "\xE4\xE4\xB8\x80", "\xC2", "\xF0\x9F\x98"};
  std::uint32_t state = 1204;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  std::size_t broken_found = 0;
  for (int k = 0; k < 4000; ++k) {
    std::string s;
    // Mostly well-formed text (long runs cross many blocks); a broken piece in about a third.
    for (std::uint32_t n = next() % 90; n > 0; --n) s += good[next() % 8 < 6 ? next() % 6 : next() % good.size()];
    if (next() % 3 == 0) s.insert(next() % (s.size() + 1), bad[next() % bad.size()]);
    for (std::uint32_t n = next() % 20; n > 0; --n) s += good[next() % good.size()];
    const std::size_t expected = reference_prefix(s);
    broken_found += expected < s.size();
    CHECK(nz::valid_utf8_prefix(s) == expected);
    CHECK(nz::is_valid_utf8(s) == (expected == s.size()));
    // Every start offset: the blocks then begin at every position of a sequence.
    for (std::size_t from = 1; from < 16 && from < s.size(); ++from) {
      const std::string tail = s.substr(from);
      CHECK(nz::valid_utf8_prefix(tail) == reference_prefix(tail));
    }
  }
  CHECK(broken_found > 1000);
}

TEST_CASE("decoding broken UTF-8 replaces each maximal invalid subpart as ICU's converter does") {
  // The broken pieces of the test above, and the subparts a lead leaves when what follows it is
  // out of bounds or missing, put at every offset of a short text and of a block.
  const std::vector<std::string> bad = {"\x80", "\xBF", "\xC0\xAF", "\xC1\xBF", "\xF5\x80\x80\x80", "\xFF", "\xE4\xB8",
                                        "\xE0\x9F\xBF", "\xED\xA0\x80", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80",
                                        "\xE4\xE4\xB8\x80", "\xC2", "\xF0\x9F\x98", "\xE0\xA0", "\xF1\x80\x80",
                                        "\xF4\x8F\xBF", "\xED\x9F", "\xE1\x80\x41", "\xF3\xBF\xC2\xA0"};
  const std::string text = "2024年度政府信息公开，共12件。\xC2\xA0\xF0\x9F\x98\x80ok";
  std::size_t replaced = 0;
  for (const std::string& piece : bad)
    for (std::size_t at = 0; at <= text.size(); ++at) {
      std::string s = text;
      s.insert(at, piece);
      check_decoded_as_icu(s);
      replaced += nz::decode(s, {"UTF-8", false, "generated"}).replaced;
    }
  CHECK(replaced > 1000);
  // Random mixtures of good and broken pieces, many of them broken.
  const std::vector<std::string> good = {"a", "2024", "一", "告", "。", "，", "\xE2\x80\x9C", "\xC2\xA0", "\xF0\x9F\x98\x80"};
  std::uint32_t state = 1205;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  for (int k = 0; k < 3000; ++k) {
    std::string s = "t";
    for (std::uint32_t n = next() % 40; n > 0; --n) s += next() % 3 == 0 ? bad[next() % bad.size()] : good[next() % good.size()];
    check_decoded_as_icu(s);
  }
}

TEST_CASE("decoding the corpus texts damaged at 40 places each replaces what ICU's converter replaces") {
  std::size_t texts = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() + "/corpus")) {
    if (entry.path().extension() != ".txt") continue;
    std::string text = test::read_file(entry.path().string());
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // a BOM decides the encoding first
    ++texts;
    const std::vector<std::string> broken = {"\x80", "\xE4\xB8", "\xC0\xAF", "\xED\xA0\x80", "\xF0\x9F\x98"};
    for (std::size_t k = 1; k <= 40; ++k) text.insert(text.size() * k / 41, broken[k % broken.size()]);
    check_decoded_as_icu(text);
  }
  CHECK(texts >= 10);
}

TEST_CASE("decode_in_place leaves the text in the input exactly when the input is it, and the text is ICU's reading") {
  // Generated inputs: good and broken pieces, behind none, one or two byte order marks, with a
  // few NUL bytes (dropped as damage) in some; read with UTF-8 forced and, when they are
  // well-formed, with the encoding detected. The text must be ICU's reading of the bytes without
  // the NULs and the marks, wherever decode_in_place leaves it.
  const std::string bom = "\xEF\xBB\xBF";
  const std::vector<std::string> good = {"a", "2024", "一", "告", "。", "，", "\xE2\x80\x9C", "\xC2\xA0", "\xF0\x9F\x98\x80", "\n"};
  const std::vector<std::string> bad = {"\x80", "\xE4\xB8", "\xC0\xAF", "\xED\xA0\x80", "\xF0\x9F\x98"};
  std::uint32_t state = 1206;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  std::size_t kept_in_place = 0, copied = 0;
  for (int k = 0; k < 3000; ++k) {
    std::string body = "t";
    const bool breaks = next() % 2 == 0;
    for (std::uint32_t n = 60 + next() % 200; n > 0; --n)  // long enough for a few NULs to be damage
      body += breaks && next() % 40 == 0 ? bad[next() % bad.size()] : good[next() % good.size()];
    const std::size_t boms = next() % 3;
    std::string input;
    for (std::size_t b = 0; b < boms; ++b) input += bom;
    std::string damaged = body;
    if (next() % 4 == 0)
      for (std::uint32_t n = 1 + next() % 3; n > 0; --n) damaged.insert(next() % (damaged.size() + 1), 1, '\0');
    input += damaged;
    const bool nuls = damaged != body, well_formed = nz::valid_utf8_prefix(body) == body.size();
    for (const std::string encoding : {"UTF-8", ""}) {
      if (encoding.empty() && !well_formed) continue;  // detection may read it as GB18030
      std::string_view in_place = "unset";
      const nz::Decoded d = nz::decode_in_place(input, {encoding, false, "generated"}, in_place);
      const std::string_view text = in_place.empty() ? std::string_view(d.text) : in_place;
      CHECK(d.encoding == "UTF-8");
      CHECK(text == icu_utf8(body).text);
      // In place exactly when nothing was dropped but marks and nothing replaced; then a stretch of the input.
      CHECK(!in_place.empty() == (well_formed && !nuls));
      if (!in_place.empty()) {
        CHECK(d.text.empty());
        CHECK(in_place.data() == input.data() + 3 * boms);
        CHECK(in_place.size() == input.size() - 3 * boms);
      }
      CHECK(nz::decode(input, {encoding, false, "generated"}).text == text);
      (in_place.empty() ? copied : kept_in_place) += 1;
    }
  }
  CHECK(kept_in_place > 1000);
  CHECK(copied > 1000);
}
