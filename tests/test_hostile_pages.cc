// Pages and bytes read wrongly before (issue 10, items 12–15): a text report inside <pre>, a
// declared charset that the bytes contradict, mixed encodings, UTF-16 without a BOM and a few
// NUL bytes in text.
#include <doctest/doctest.h>

#include <algorithm>

#include "model/errors.h"
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

}  // namespace

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
