// normalize/: charset decision and decoding, cleaning, folding, numbers, sentences.
#include <doctest/doctest.h>

#include <cstdlib>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>

#include "model/errors.h"
#include "model/report.h"
#include "normalize/normalize.h"
#include "tests/corpus.h"

using namespace nianbao;
namespace nz = nianbao::normalize;

namespace {

// UTF-8 → GB18030 bytes with ICU, to make GBK inputs inside the tests.
std::string to_gb18030(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                 static_cast<int32_t>(utf8.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

const std::string seed_line = "卫滨区应急管理局 2023 年政府信息公开工作年度报告。本年报所列数据的统计期限自 2023 年 1 月 1 日起。";

}  // namespace

TEST_CASE("a UTF-8 BOM decides the encoding and is removed") {
  const nz::Decoded d = nz::decode("\xEF\xBB\xBF" + seed_line, {});
  CHECK(d.encoding == "UTF-8");
  CHECK(d.method == "bom");
  CHECK(d.text == seed_line);
}

TEST_CASE("GBK text without any declaration is detected as GB18030") {
  const nz::Decoded d = nz::decode(to_gb18030(seed_line), {});
  CHECK(d.encoding == "GB18030");
  CHECK(d.method == "detected");
  CHECK(d.text == seed_line);
  CHECK(d.replaced == 0);
}

TEST_CASE("an HTML meta charset gb2312 is read as GB18030") {
  const std::string page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>" +
                           seed_line + "</body></html>";
  const nz::Decoded d = nz::decode(to_gb18030(page), {"", true, "x.html"});
  CHECK(d.encoding == "GB18030");
  CHECK(d.method == "declared");
  CHECK(d.text.find(seed_line) != std::string::npos);
}

TEST_CASE("a GBK page labelled UTF-8 is read as GB18030 and the mislabel is noted") {
  const std::string page = "<html><head><meta charset=\"utf-8\"></head><body>" + seed_line + "</body></html>";
  const nz::Decoded d = nz::decode(to_gb18030(page), {"", true, "x.html"});
  CHECK(d.encoding == "GB18030");
  CHECK(d.text.find(seed_line) != std::string::npos);
  CHECK(d.note.find("declared UTF-8") != std::string::npos);
}

TEST_CASE("--encoding overrides detection") {
  const nz::Decoded d = nz::decode(to_gb18030(seed_line), {"gbk", false, "x.txt"});
  CHECK(d.encoding == "GB18030");
  CHECK(d.method == "override");
  CHECK_THROWS_AS(nz::decode(seed_line, {"no-such-charset", false, "x.txt"}), InputError);
}

TEST_CASE("invalid UTF-8 sequences become U+FFFD and are counted") {
  const std::string bytes = "公开\xE5\xBC" "abc\xFF" "结束";  // a truncated 3-byte sequence and a stray 0xFF
  const nz::Decoded d = nz::decode(bytes, {"utf-8", false, "x.txt"});
  CHECK(d.replaced == 2);
  CHECK(d.text == "公开\xEF\xBF\xBD" "abc\xEF\xBF\xBD" "结束");
}

TEST_CASE("a binary file is refused with what it looks like and where") {
  try {
    nz::decode(std::string("%PDF-1.7\n\x00\x01", 11), {"", false, "report.html"});
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.describe().find("report.html") == 0);
    CHECK(e.describe().find("PDF") != std::string::npos);
  }
  CHECK_THROWS_AS(nz::decode(std::string("abc\x00\x00\x00" "def", 9), {}), InputError);
}

TEST_CASE("clean keeps full-width punctuation and collapses whitespace, NBSP and zero-width characters") {
  CHECK(nz::clean("  （一）\u00A0主动公开\u200B情况。\t\r\n 2024 年，") == "（一） 主动公开情况。 2024 年，");
  CHECK(nz::clean("a\x01" "b\x7F" "c") == "abc");
}

TEST_CASE("joining cleaned lines without decoding gives what cleaning them gives, on the corpus and on strings of marks") {
  const auto same = [](const std::vector<std::string>& raw) {
    std::vector<std::string> lines;
    for (const std::string& r : raw) lines.push_back(nz::clean_line(r));
    const std::vector<std::string_view> views(lines.begin(), lines.end());
    return nz::join_clean_line_views(views) == nz::join_line_views(views);
  };
  std::size_t groups = 0;
  for (const std::string& file : test::corpus_files()) {
    if (file.size() < 4 || file.substr(file.size() - 4) != ".txt") continue;
    const std::string text = test::read_file(test::corpus_path(file));
    std::vector<std::string> group;
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t end = std::min(text.find('\n', at), text.size());
      group.push_back(text.substr(at, end - at));
      at = end + 1;
      if (group.size() == 3) {
        CHECK_MESSAGE(same(group), file << ": " << group[0]);
        group.clear();
        ++groups;
      }
    }
  }
  CHECK(groups > 500);
  // Spaces of every kind, controls, broken sequences, letters, digits and ideographs in every
  // order (a fixed pseudo-random sample), three pieces at a time.
  const std::vector<std::string> marks = {"中", "文", "，", " ", "  ", "\t", "\u3000", "\u00A0", "\u200B", "\u2003", "a", "Z", "1",
                                          "（", "\xFF", "\xE4\xB8", "\x01", "\r", "\x7F", "ｆ", "\xED\xA0\x80", "\xC1\x81"};
  std::uint32_t state = 54321;
  for (int k = 0; k < 20000; ++k) {
    std::vector<std::string> raw(3);
    for (std::string& r : raw) {
      state = state * 1664525u + 1013904223u;
      const int length = static_cast<int>((state >> 16) % 14);
      for (int n = 0; n < length; ++n) {
        state = state * 1664525u + 1013904223u;
        r += marks[(state >> 16) % marks.size()];
      }
    }
    CHECK_MESSAGE(same(raw), raw[0] << "|" << raw[1] << "|" << raw[2]);
  }
}

TEST_CASE("a cleaned line keeps, spaces or drops every character of the Basic Multilingual Plane as clean does") {
  for (char32_t c = 1; c < 0x10000; ++c) {
    if (c == '\n' || c == '\r' || (c >= 0xD800 && c <= 0xDFFF)) continue;
    std::string s = "中";
    nz::append_utf8(s, c);
    s += "文";
    const std::string line = nz::clean_line(s), cleaned = nz::clean(s);
    if (cleaned == "中 文") CHECK_MESSAGE((line == "中 文" || line == "中\t文" || line == "中  文"), static_cast<std::uint32_t>(c));
    else CHECK_MESSAGE(line == cleaned, static_cast<std::uint32_t>(c));
  }
}

TEST_CASE("a cleaned line is its characters cleaned one by one, across the five-character steps of its ideograph runs") {
  // Whole characters only (and \xFF, invalid wherever it stands): cleaning is per character, so
  // a long line cleans to its pieces cleaned alone (each too short for a step: the plain loop).
  const std::vector<std::string> pieces = {"中", "文", "年", "2024", " ", "ab", ".", "\t", "\xE3\x80\x80", "\xC2\xA0",
                                           "\xE2\x80\x8B", "\x01", "\x7F", "\xFF", "，", "。", "（", "\xE3\x90\x80",
                                           "\xEE\x80\x80", "\xEA\x80\x80", "\xC3\xA9", "\xF0\xA0\x80\x80", "\xE4\xB7\xBF"};
  std::uint32_t state = 77;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  std::size_t long_lines = 0;
  for (int k = 0; k < 4000; ++k) {
    std::string line, expected;
    for (std::uint32_t n = next() % 60; n > 0; --n) {
      const std::string& piece = pieces[next() % 8 < 6 ? next() % 7 : next() % pieces.size()];
      line += piece;
      expected += nz::clean_line(piece);
    }
    CHECK_MESSAGE(nz::clean_line(line) == expected, line);
    long_lines += line.size() >= 48;
  }
  CHECK(long_lines > 1000);
}

TEST_CASE("display width is ICU's East Asian width for every character of the Basic Multilingual Plane") {
  for (char32_t c = 0x80; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string s;
    nz::append_utf8(s, c);
    const int ea = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
    // Lead bytes E4–E9 (U+4000–U+9FFF, the ideographs) count as wide without a look-up.
    const std::size_t expected = (c >= 0x4000 && c <= 0x9FFF) || ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
    CHECK_MESSAGE(nz::display_width(s + s) == 2 * expected, static_cast<std::uint32_t>(c));
  }
  CHECK(nz::display_width("a\tb") == 9);
  CHECK(nz::display_width("（一）ab") == 8);
}

TEST_CASE("fold makes full-width and half-width numbering match and drops whitespace") {
  CHECK(nz::fold("（一） 予以公开") == nz::fold("(一)予以公开"));
  CHECK(nz::fold("１．属于国家秘密") == "1.属于国家秘密");
  CHECK(nz::fold("２０２４ 年") == "2024年");
}

TEST_CASE("trim drops only the listed characters at both ends, code points count characters, not bytes") {
  CHECK(nz::trim(" \t（一）概述 \t") == "（一）概述");
  CHECK(nz::trim("\t a \t", " ") == "\t a \t");
  CHECK(nz::trim(" \t ").empty());
  CHECK(nz::count_code_points("2024年，增长") == 8);
  CHECK(nz::count_code_points("") == 0);
}

TEST_CASE("list numbers: the four heading styles in full-width and half-width forms, with their values") {
  const auto a = nz::parse_list_number("一、总体情况");
  CHECK(a.style == nz::ListNumber::chinese);
  CHECK(a.numeral == "一");
  CHECK(a.value == 1);
  CHECK(a.length == std::string_view("一、").size());
  const auto b = nz::parse_list_number("（十二） 其他");
  CHECK(b.style == nz::ListNumber::chinese_paren);
  CHECK(b.value == 12);
  CHECK(b.length == std::string_view("（十二） ").size());
  const auto c = nz::parse_list_number("１．主动公开");
  CHECK(c.style == nz::ListNumber::arabic);
  CHECK(c.numeral == "１");
  CHECK(c.separator == U'.');
  CHECK(c.heading_like());
  CHECK(nz::parse_list_number("(3)行政复议").style == nz::ListNumber::arabic_paren);
  CHECK(nz::parse_list_number("二十三、").value == 23);
  CHECK(nz::parse_list_number("1，").separator == U',');
  CHECK_FALSE(nz::parse_list_number("1，").heading_like());
}

TEST_CASE("list numbers: decimals, long numerals and plain text are not list numbers") {
  CHECK_FALSE(nz::parse_list_number("1.5万元"));
  CHECK_FALSE(nz::parse_list_number("100.部门"));
  CHECK_FALSE(nz::parse_list_number("一二三四、"));
  CHECK_FALSE(nz::parse_list_number("（注）"));
  CHECK_FALSE(nz::parse_list_number("一是加强"));
  CHECK(nz::chinese_numeral_value("九十九") == 99);
  CHECK(nz::chinese_numeral_value("十") == 10);
  CHECK(nz::chinese_numeral_value("第一") == 0);
}

TEST_CASE("number_value reads canonical values, long digit runs and a value with its unit") {
  CHECK(nz::number_value("3119") == 3119.0L);
  CHECK(nz::number_value("-18") == -18.0L);
  CHECK(nz::number_value("96171.6") == std::strtold("96171.6", nullptr));
  CHECK(nz::number_value("251000元") == 251000.0L);
  CHECK(nz::number_value("12345678901234567890123") > 1.2e22L);
}

TEST_CASE("cell numbers: units, signs, annotations, blanks and dashes") {
  auto n = nz::parse_cell_number("251000元");
  CHECK(n.kind == nz::CellNumber::number);
  CHECK(n.value == "251000");
  CHECK(n.unit == "元");
  CHECK(nz::parse_cell_number("160.5964万元").value == "160.5964");
  CHECK(nz::parse_cell_number("-18").value == "-18");
  CHECK(nz::parse_cell_number("+2").value == "2");
  n = nz::parse_cell_number("22（其中修订 16 件）");
  CHECK(n.kind == nz::CellNumber::number);
  CHECK(n.value == "22");
  CHECK(n.annotated);
  CHECK(nz::parse_cell_number(" \u00A0 ").kind == nz::CellNumber::blank);
  CHECK(nz::parse_cell_number("—").kind == nz::CellNumber::dash);
  CHECK(nz::parse_cell_number("/").kind == nz::CellNumber::dash);
  CHECK(nz::parse_cell_number("无").kind == nz::CellNumber::dash);
  CHECK(nz::parse_cell_number("1,234").value == "1234");
  CHECK(nz::parse_cell_number("自然人").kind == nz::CellNumber::text);
}

TEST_CASE("sentences of a paragraph concatenate back to it") {
  const std::string p = "(一) 我局政府政务公开工作取得了一定成绩，但还存在一些问题。一是平台建设不完善，二是政策解读不充分。";
  const auto s = nz::split_sentences(p);
  REQUIRE(s.size() == 2);
  CHECK(s[0] == "(一) 我局政府政务公开工作取得了一定成绩，但还存在一些问题。");
  CHECK(s[0] + s[1] == p);
}

TEST_CASE("a paragraph's sentences are offsets into it, none for a paragraph of one sentence") {
  const std::string p = "1.加强组织领导。2.把握工作重点。";
  const std::vector<std::size_t> ends = nz::sentence_ends(p);
  REQUIRE(ends.size() == 1);
  CHECK(p.substr(0, ends[0]) == "1.加强组织领导。");
  CHECK(nz::sentence_ends("a").empty());
  CHECK(nz::sentence_ends("").empty());
  Block b;
  b.text = p;
  b.edit_sentence_ends() = ends;
  REQUIRE(b.sentence_count() == 2);
  CHECK(b.sentence(1) == "2.把握工作重点。");
}

TEST_CASE("a numbered item is not cut off its sentence") {
  const auto s = nz::split_sentences("1.加强组织领导。2.把握工作重点。");
  REQUIRE(s.size() == 2);
  CHECK(s[0] == "1.加强组织领导。");
}

namespace {

// sentence_ends as ICU's sentence iterator alone gives them (the reference the fast path of
// normalize/segment.cc must agree with): boundaries, a piece without a letter or ideograph or
// of 3 bytes or fewer glued to the next.
std::vector<std::size_t> icu_sentence_ends(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale::getChinese(), status));
  REQUIRE(U_SUCCESS(status));
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
  it->setText(&ut, status);
  std::vector<std::size_t> out;
  std::size_t start = 0;
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE && static_cast<std::size_t>(b) < text.size(); b = it->next()) {
    const std::string piece = text.substr(start, static_cast<std::size_t>(b) - start);
    bool letters = false;
    for (std::size_t i = 0; i < piece.size();) {
      const char32_t c = nz::next_code_point(piece, i);
      letters = letters || nz::is_cjk(c) || (c < 0x80 && std::isalpha(static_cast<int>(c)));
    }
    if (!letters || piece.size() <= 3) continue;
    out.push_back(static_cast<std::size_t>(b));
    start = static_cast<std::size_t>(b);
  }
  utext_close(&ut);
  return out;
}

}  // namespace

TEST_CASE("sentence ends are ICU's on every paragraph of the corpus and on strings of the marks that decide them") {
  std::size_t paragraphs = 0;
  for (const std::string& file : test::corpus_files()) {
    if (file.size() < 4 || file.substr(file.size() - 4) == ".pdf") continue;
    for (const Block& b : test::extract_corpus(file).blocks) {
      if (b.kind != BlockKind::paragraph) continue;
      CHECK_MESSAGE(nz::sentence_ends(b.text) == icu_sentence_ends(b.text.str()), file << ": " << b.text);
      ++paragraphs;
    }
  }
  CHECK(paragraphs > 500);
  // A terminator, spaces, then a bracket or quote (a boundary before it: SB11), or with no
  // space between (the closing marks stay with the terminator: SB9).
  for (const char* text : {"文。 （三）着力推进", "文！  《条例》规定", "文？\u3000“文”", "文。” （文", "文。（文", "文. (a) b",
                           "文。 ）文", "1. （一）文", "文。 \"文\"", "文。 「文」"})
    CHECK_MESSAGE(nz::sentence_ends(text) == icu_sentence_ends(text), text);
  // Terminators, closing marks, spaces, separators, digits, letters and ideographs in every
  // order: a fixed pseudo-random sample.
  const std::vector<std::string> marks = {"中", "文", "。", "！", "？", "!", "?", ".", "．", "1", "２", "a", "A", " ", "\u3000",
                                          "”", "）", "\"", "，", "、", "；", "\n", "\u2029", "\u0301", "…", "《", "》", "\xFF"};
  std::uint32_t state = 12345;
  for (int k = 0; k < 20000; ++k) {
    std::string text;
    state = state * 1664525u + 1013904223u;
    const int length = 1 + static_cast<int>((state >> 16) % 12);
    for (int n = 0; n < length; ++n) {
      state = state * 1664525u + 1013904223u;
      text += marks[(state >> 16) % marks.size()];
    }
    CHECK_MESSAGE(nz::sentence_ends(text) == icu_sentence_ends(text), text);
  }
}

TEST_CASE("sentence ends are ICU's on long mixtures, where the scan crosses ideographs, ASCII and the commonest marks 16 bytes at a time") {
  // Ideographs, letters, digits, spaces and the commonest marks (crossed by windows), beside
  // look-alikes of the same lead bytes (。！？．＂〃 U+3000, U+302A a combining mark, U+200B, „),
  // terminators, closing marks, separators, cut sequences.
  const std::vector<std::string> marks = {"中", "文", "报", "告", "2024", "年", "ab", " ", "，", "、", "（", "）", "“", "”", "：",
                                          "《", "》", "；", "。", "！", "？", ".", "!", "?", "．", "\xEF\xBC\x82", "\xE3\x80\x83",
                                          "\u3000", "\xE3\x80\xAA", "\u200B", "\xE2\x80\x9E", "\n", "\r", "\u2029", "\xEF\xBC",
                                          "\xE3\x80", "\xFF", "\xE4\xB7\xBF", "\"", "-", ","};
  std::uint32_t state = 777;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  std::size_t long_texts = 0;
  for (int k = 0; k < 6000; ++k) {
    std::string text;
    for (std::uint32_t n = 1 + next() % 40; n > 0; --n) text += marks[next() % 4 != 0 ? next() % 18 : next() % marks.size()];
    CHECK_MESSAGE(nz::sentence_ends(text) == icu_sentence_ends(text), text);
    long_texts += text.size() >= 48;
  }
  CHECK(long_texts > 2000);
}

TEST_CASE("word segmentation splits Chinese into words") {
  const auto w = nz::split_words("政府信息公开申请");
  CHECK(w.size() >= 2);
  std::string joined;
  for (const auto& x : w) joined += x;
  CHECK(joined == "政府信息公开申请");
}

// find_bytes takes another search by the needle's length and the haystack's (short haystacks,
// short needles 16 bytes at a time, long ones by memmem): each is the plain search's answer.
TEST_CASE("find_bytes finds what string_view::find finds, from any start") {
  const std::vector<std::string> pieces = {"本", "年", "件", "数", "量", "制", "。", "a", "1", " ", "\n", "\xE4", "\x8F"};
  std::uint32_t state = 2024;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  for (int k = 0; k < 3000; ++k) {
    std::string haystack, needle;
    for (std::uint32_t n = next() % 120; n > 0; --n) haystack += pieces[next() % pieces.size()];
    for (std::uint32_t n = 1 + next() % 8; n > 0; --n) needle += pieces[next() % pieces.size()];
    if (next() % 3 == 0 && haystack.size() > 8) needle = haystack.substr(next() % (haystack.size() - 8), 1 + next() % 24);
    const std::size_t from = haystack.empty() ? 0 : next() % (haystack.size() + 2);
    CHECK_MESSAGE(nz::find_bytes(haystack, needle, from) == std::string_view(haystack).find(needle, from),
                  haystack << " / " << needle << " / " << from);
  }
}

TEST_CASE("ideograph_run_end ends where is_ideograph_at stops, at every start") {
  // U+4E00 and U+4DFF (lead E4 both: the first is an ideograph of the range, the second not),
  // U+9FFF, U+A000 (lead EA), a cut sequence, ASCII.
  const std::vector<std::string> pieces = {"一", "\xE4\xB7\xBF", "\xE9\xBF\xBF", "\xEA\x80\x80", "\xE5\x80", "a", "。", "文"};
  std::uint32_t state = 99;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  for (int k = 0; k < 2000; ++k) {
    std::string s;
    for (std::uint32_t n = next() % 10; n > 0; --n) s += pieces[next() % pieces.size()];
    for (std::size_t i = 0; i <= s.size(); ++i) {
      std::size_t end = i;
      while (end < s.size() && nz::is_ideograph_at(s, end)) end += 3;
      CHECK(nz::ideograph_run_end(s, i) == end);
    }
  }
}

TEST_CASE("cjk_word_run_end and ideograph_run_end over long runs: what the character-by-character test gives") {
  // Long runs (the 16-byte steps), U+4DFF and U+4E00 (lead E4 both), U+9FFF, U+A000, a cut
  // sequence, ASCII and a full-width comma, ideographs drawn most often.
  const std::vector<std::string> pieces = {"一", "文", "报", "告", "\xE4\xB7\xBF", "\xE9\xBF\xBF", "\xEA\x80\x80",
                                           "\xE5\x80", "a", "，"};
  std::uint32_t state = 2026;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  for (int k = 0; k < 3000; ++k) {
    std::string s;
    for (std::uint32_t n = next() % 60; n > 0; --n) s += pieces[next() % 16 < 12 ? next() % 4 : next() % pieces.size()];
    for (std::size_t i = 0; i <= s.size(); ++i) {
      for (const bool from_4e00 : {false, true}) {
        std::size_t end = i;  // the scalar definition: a character taken while 4 bytes can be read
        while (end + 4 <= s.size()) {
          const unsigned char b = static_cast<unsigned char>(s[end]), b1 = static_cast<unsigned char>(s[end + 1]),
                              b2 = static_cast<unsigned char>(s[end + 2]);
          if (b < 0xE4 || b > 0xE9 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || (from_4e00 && b == 0xE4 && b1 < 0xB8))
            break;
          end += 3;
        }
        CHECK(nz::cjk_word_run_end(s, i, from_4e00) == end);
      }
      std::size_t end = i;
      while (end < s.size() && nz::is_ideograph_at(s, end)) end += 3;
      CHECK(nz::ideograph_run_end(s, i) == end);
      std::size_t wide_end = i;  // any three-byte character of lead E4–E9, to the text's end
      while (wide_end + 2 < s.size() && static_cast<unsigned char>(s[wide_end]) >= 0xE4 &&
             static_cast<unsigned char>(s[wide_end]) <= 0xE9 && (s[wide_end + 1] & 0xC0) == 0x80 &&
             (s[wide_end + 2] & 0xC0) == 0x80)
        wide_end += 3;
      CHECK(nz::cjk_run_end(s, i, false) == wide_end);
    }
  }
}

TEST_CASE("ideograph_ascii_run_end: what crossing kept ASCII bytes and ideographs one by one gives, at every start, for each kind of ASCII kept") {
  // Ideographs drawn most often, letters, digits, spaces, the other ASCII (kept only as printable),
  // controls, U+4DFF and U+4E00 (lead E4 both), U+9FFF, U+A000, cut sequences, a stray
  // continuation, two- and four-byte characters, CJK marks.
  const std::vector<std::string> pieces = {"一", "文", "报", "告", "年", "2024", " ", "Ab", "z9", ",", ".", "~", "\t",
                                           "\x7F", "\xE4\xB7\xBF", "\xE9\xBF\xBF", "\xEA\x80\x80", "\xE5\x80", "\xE6",
                                           "\x80", "\xC3\xA9", "\xF0\xA0\x80\x80", "，", "。", "\xEF\xBC\x91"};
  std::uint32_t state = 1205;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 16; };
  auto reference = [](const std::string& s, std::size_t i, auto kept_ascii) {
    while (i < s.size()) {
      if (kept_ascii(static_cast<unsigned char>(s[i]))) ++i;
      else if (nz::is_ideograph_at(s, i)) i += 3;
      else break;
    }
    return i;
  };
  const auto printable = [](unsigned char b) { return b > 0x20 && b < 0x7F; };
  const auto alnum = [](unsigned char b) { return std::isalnum(b) != 0; };
  const auto non_digit = [](unsigned char b) { return b < 0x80 && std::isdigit(b) == 0; };
  const auto any = [](unsigned char b) { return b < 0x80; };
  std::size_t long_runs = 0;
  for (int k = 0; k < 3000; ++k) {
    std::string s;
    for (std::uint32_t n = next() % 40; n > 0; --n) s += pieces[next() % 16 < 11 ? next() % 9 : next() % pieces.size()];
    for (std::size_t i = 0; i <= s.size(); ++i) {
      CAPTURE(s);
      CAPTURE(i);
      const std::size_t end = reference(s, i, printable);
      CHECK(nz::ideograph_ascii_run_end<nz::KeptAscii::printable>(s, i) == end);
      CHECK(nz::ideograph_ascii_run_end<nz::KeptAscii::alnum>(s, i) == reference(s, i, alnum));
      CHECK(nz::ideograph_ascii_run_end<nz::KeptAscii::non_digit>(s, i) == reference(s, i, non_digit));
      CHECK(nz::ideograph_ascii_run_end<nz::KeptAscii::any>(s, i) == reference(s, i, any));
      long_runs += end - i >= 32;
    }
  }
  CHECK(long_runs > 1000);  // the 16-byte steps were taken, and many of them in a row
}

// Every character of the Basic Multilingual Plane but NUL, with its UTF-8 (surrogates are no
// characters).
template <class Visit>
void for_each_bmp_character(Visit&& visit) {
  for (char32_t c = 1; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string s;
    nz::append_utf8(s, c);
    visit(c, s);
  }
}

TEST_CASE("may_fold_to_digit: no character of the Basic Multilingual Plane it passes over folds to a digit") {
  std::size_t passed_over = 0;
  for_each_bmp_character([&](char32_t c, const std::string& s) {
    if (nz::may_fold_to_digit(s)) return;
    ++passed_over;
    const std::string folded = nz::fold(s);
    CAPTURE(static_cast<std::uint32_t>(c));
    CHECK(std::none_of(folded.begin(), folded.end(), [](char ch) { return ch >= '0' && ch <= '9'; }));
  });
  CHECK(passed_over > 20000);  // the ideographs alone are 20 992
  CHECK(nz::may_fold_to_digit("第①条"));  // a circled number folds to 1
  CHECK(nz::may_fold_to_digit("共３件"));
  CHECK_FALSE(nz::may_fold_to_digit("全年共收到申请，予以公开。"));
}

TEST_CASE("folds_plainly: every character of the Basic Multilingual Plane it accepts folds to itself or to one ASCII character") {
  std::size_t accepted = 0;
  for_each_bmp_character([&](char32_t c, const std::string& s) {
    if (!nz::folds_plainly(s)) return;
    ++accepted;
    const std::string folded = nz::fold(s);
    CAPTURE(static_cast<std::uint32_t>(c));
    CHECK((folded == s || (folded.size() <= 1 && (folded.empty() || static_cast<unsigned char>(folded[0]) < 0x80))));
  });
  CHECK(accepted > 21000);  // the ideographs alone are 20 992
  CHECK(nz::folds_plainly("２０２４年，共收到申请、予以公开。"));
  CHECK(nz::folds_plainly("依据《条例》“第二十条”\xE3\x80\x80（一）—×·"));  // kept marks, U+3000 dropped
  CHECK_FALSE(nz::folds_plainly("\xE3\x80\xB8"));        // U+3038, which NFKC folds to 十
  CHECK_FALSE(nz::folds_plainly("\xE0\x82\xB7"));        // · in an overlong sequence
  CHECK_FALSE(nz::folds_plainly("\xF0\x84\xBB\xB6"));   // 件 in an overlong sequence: the fold decodes it
  CHECK_FALSE(nz::folds_plainly("第①条"));            // NFKC folds ① to 1
  CHECK_FALSE(nz::folds_plainly("\xEF\xA4\x80"));    // U+F900, a compatibility ideograph NFKC folds to 豈
  CHECK_FALSE(nz::folds_plainly("\xE5\x80"));         // a cut sequence
}
