// Pages and bytes read wrongly before (issue 10, items 12–15): a text report inside <pre>, a
// declared charset that the bytes contradict, mixed encodings, UTF-16 without a BOM and a few
// NUL bytes in text.
#include <doctest/doctest.h>

#include <unicode/ucnv.h>

#include <algorithm>

#include "model/errors.h"
#include "normalize/normalize.h"
#include "output/output.h"
#include "pipeline/pipeline.h"
#include "tests/corpus.h"

using namespace nianbao;

namespace {

Report extract_as(const std::string& bytes, InputKind kind, const std::string& source = "page") {
  ExtractOptions o;
  o.source = source;
  o.kind = kind;
  return extract_report(bytes, o);
}

std::vector<std::string> headings(const Report& r) {
  std::vector<std::string> out;
  for (const Section& s : r.sections) out.push_back(s.heading);
  return out;
}

std::string escape_html(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else out += c;
  }
  return out;
}

std::string convert(const std::string& utf8, const char* to) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(to, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                 static_cast<int32_t>(utf8.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool has_diagnostic(const Report& r, const std::string& code, const std::string& part = "") {
  return std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                     [&](const Diagnostic& d) { return d.code == code && d.message.find(part) != std::string::npos; });
}

std::string page(const std::string& head, const std::string& body) {
  return "<html><head>" + head + "</head><body>" + body + "</body></html>";
}

const std::string kBody =
    "<p>一、总体情况</p><p>本年报所列数据的统计期限自2023年1月1日起至2023年12月31日止。我局依法公开政府信息，"
    "主动公开政策文件和工作动态，依申请公开办理及时规范。</p><p>二、主动公开政府信息情况</p>";

}  // namespace

TEST_CASE("a utf-16 label in a <meta> of a page means UTF-8, as the HTML standard says") {
  const Report r = extract_as(page("<meta charset=\"utf-16\">", kBody), InputKind::html);
  CHECK(r.encoding == "UTF-8");
  CHECK(r.replaced == 0);
  CAPTURE(headings(r).size());
  CHECK(headings(r).front() == "一、总体情况");
}

TEST_CASE("a declared charset the UTF-8 bytes contradict is overruled by the bytes, with a warning") {
  for (const std::string label : {"gbk", "big5", "utf-7", "iso-2022-jp", "shift_jis"}) {
    CAPTURE(label);
    const Report r = extract_as(page("<meta charset=\"" + label + "\">", kBody + kBody), InputKind::html);
    CHECK(r.encoding == "UTF-8");
    CHECK(r.replaced == 0);
    CHECK(has_diagnostic(r, "encoding", "the bytes are UTF-8"));
    CHECK(headings(r).front() == "一、总体情况");
  }
}

TEST_CASE("the first <meta> with a known charset wins, not the first <meta>") {
  const std::string gbk = convert(page("<meta charset=\"x-no-such\"><meta charset=\"gbk\">", kBody), "GB18030");
  const Report r = extract_as(gbk, InputKind::html);
  CHECK(r.encoding == "GB18030");
  CHECK(r.encoding_method == "declared");
  CHECK(r.replaced == 0);
}

TEST_CASE("a file of UTF-8 lines and GBK lines is read line by line, with a warning") {
  const std::string first = "一、总体情况\n本年度我局主动公开政府信息。\n", second = "\n二、主动公开政府信息情况\n\n依申请公开办理及时。\n";
  const Report r = extract_as(first + convert(second, "GB18030"), InputKind::text);
  CHECK(r.replaced == 0);
  CHECK(has_diagnostic(r, "encoding", "mixed encodings"));
  CHECK(headings(r) == std::vector<std::string>{"一、总体情况", "二、主动公开政府信息情况"});
}

TEST_CASE("UTF-16 without a byte order mark is detected, little and big endian") {
  const std::string text = test::read_file(test::corpus_path("001.txt"));
  const Report as_utf8 = extract_as(text, InputKind::text);
  for (const char* form : {"UTF-16LE", "UTF-16BE"}) {
    CAPTURE(form);
    const Report r = extract_as(convert(text, form), InputKind::text);
    CHECK(r.encoding == form);
    CHECK(headings(r) == headings(as_utf8));
    CHECK(r.values.size() == as_utf8.values.size());
  }
}

TEST_CASE("a few NUL bytes in a text report are dropped and counted, not taken for a binary file") {
  std::string text = test::read_file(test::corpus_path("001.txt"));
  const Report clean = extract_as(text, InputKind::text);
  const std::size_t at = text.find("二、");
  text.insert(at, 1, '\0');
  const Report r = extract_as(text, InputKind::text);
  CHECK(has_diagnostic(r, "encoding.nul", "the first at byte " + std::to_string(at)));
  CHECK(headings(r) == headings(clean));
}

TEST_CASE("a binary file's NUL bytes are reported at their true offset") {
  try {
    normalize::decode(std::string("abcdefgh\0\0\0\0\0\0\0\0\0\0", 18), {});
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.where == "byte 8");
  }
}

TEST_CASE("binary-file thresholds: NUL and control bytes counted wherever they stand, tab to CR and ESC not counted") {
  // 1 000 bytes: more than 8 NULs is a binary file; more than 50 other controls too. The counted
  // bytes go to random places (the 16-byte steps and the tail), among 200 that do not count.
  std::uint32_t state = 7;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 8; };
  const std::string not_counted = "\t\n\v\f\r\x1B";
  auto decodes = [](const std::string& bytes) {
    try {
      normalize::decode(bytes, {});
      return true;
    } catch (const InputError&) {
      return false;
    }
  };
  for (int round = 0; round < 200; ++round) {
    const bool nuls = round % 2 == 0;
    const std::size_t limit = nuls ? 8 : 50, count = limit + round % 4 / 2;  // at the limit, or one more
    std::string bytes(1000, 'a');
    for (int k = 0; k < 200; ++k) bytes[next() % bytes.size()] = not_counted[next() % not_counted.size()];
    std::vector<std::size_t> places(bytes.size());
    for (std::size_t i = 0; i < places.size(); ++i) places[i] = i;
    for (std::size_t i = 0; i < count; ++i) std::swap(places[i], places[i + next() % (places.size() - i)]);
    for (std::size_t i = 0; i < count; ++i) {
      const char control = static_cast<char>(next() % 2 ? 1 + next() % 8 : 14 + next() % 13);  // 0x01–0x08, 0x0E–0x1A
      bytes[places[i]] = nuls ? '\0' : control;
    }
    CAPTURE(round);
    CHECK(decodes(bytes) == (count <= limit));
  }
}

TEST_CASE("a text report inside <pre> is read as text: the same sections and values as the file") {
  for (const std::string name : {"000-seed.txt", "001.txt"}) {
    CAPTURE(name);
    const std::string text = test::read_file(test::corpus_path(name));
    const Report as_text = extract_as(text, InputKind::text);
    const Report in_pre = extract_as("<html><body><pre>" + escape_html(text) + "</pre></body></html>", InputKind::html);
    CHECK(headings(in_pre) == headings(as_text));
    REQUIRE(in_pre.values.size() == as_text.values.size());
    for (std::size_t i = 0; i < as_text.values.size(); ++i) {
      CHECK(in_pre.values[i].cell == as_text.values[i].cell);
      CHECK(in_pre.values[i].number == as_text.values[i].number);
    }
    CHECK(test::validate_against_schema(output::to_xml(in_pre)) == "");
  }
}

TEST_CASE("line breaks inside <pre> stay line breaks, and text around the <pre> is still read") {
  const Report r = extract_as(
      "<html><body><p>前言。</p><pre>一、总体情况\n本年度。\n二、主动公开政府信息情况\n公开。</pre><p>结语。</p></body></html>",
      InputKind::html);
  CHECK(headings(r) == std::vector<std::string>{"一、总体情况", "二、主动公开政府信息情况"});
  REQUIRE(!r.blocks.empty());
  CHECK(r.blocks.front().text == "前言。");
  CHECK(r.blocks.back().text == "结语。");
}
