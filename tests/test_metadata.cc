// Report metadata: title, agency and reporting year, as the sources state them.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "metadata/divisions.h"
#include "metadata/internal/agency.h"
#include "metadata/internal/data.h"
#include "tests/corpus.h"

using namespace nianbao;

namespace {

// The next text of a generated run: up to `most` - 1 of `pieces`, drawn by the linear
// congruential generator `state` (the same state gives the same texts on every machine).
std::string joined_pieces(const std::vector<std::string>& pieces, std::uint32_t& state, int most) {
  std::string text;
  state = state * 1664525u + 1013904223u;
  for (int n = static_cast<int>((state >> 16) % most); n > 0; --n) {
    state = state * 1664525u + 1013904223u;
    text += pieces[(state >> 16) % pieces.size()];
  }
  return text;
}

}  // namespace

TEST_CASE("title and agency span the two title lines of a PDF report") {
  const Report r = test::extract_corpus("001.txt");  // "淮安市人民政府" / "2024 年政府信息公开工作年度报告"
  CHECK(r.title == "淮安市人民政府 2024 年政府信息公开工作年度报告");
  CHECK(r.agency == "淮安市人民政府");
  CHECK(r.year == "2024");
}

TEST_CASE("the agency can follow the year: 2024 年上海市科委政府信息公开工作年度报告") {
  const Report r = test::extract_corpus("004.txt");
  CHECK(r.agency == "上海市科委");
  CHECK(r.year == "2024");
}

TEST_CASE("a flattened page's title is the run that ends with 年度报告") {
  const Report r = test::extract_corpus("019.txt");  // breadcrumbs and 来源/时间 around the title
  CHECK(r.title == "平潭综合实验区2017年度政府信息公开工作年度报告");
  CHECK(r.agency == "平潭综合实验区");
  CHECK(r.year == "2017");
}

TEST_CASE("without a title the year comes from the 统计期限 sentence") {
  const Report r = test::extract_corpus("018.txt");  // "本报告中所列数据的统计期限自2023年1月1日起…"
  CHECK(r.year == "2023");
}

// corpus/metadata.tsv: file, agency (the names that count as right, separated by |), division
// (GB/T 2260 code) and year of each corpus report, read by hand.
TEST_CASE("agency, division and year of every corpus report are those of corpus/metadata.tsv") {
  std::istringstream in(test::read_file(test::corpus_path("metadata.tsv")));
  std::string line;
  std::size_t scored = 0, right = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("file\t", 0) == 0) continue;
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, '\t');) f.push_back(x);
    REQUIRE(f.size() == 4);
    if (!std::filesystem::exists(test::corpus_path(f[0]))) {
      MESSAGE("not in corpus/: " << f[0]);
      continue;
    }
    const Report r = test::extract_corpus(f[0]);
    const std::string names = "|" + f[1] + "|";
    const bool ok = !r.agency.empty() && names.find("|" + r.agency + "|") != std::string::npos &&
                    r.division.code == f[2] && r.year == f[3];
    CHECK_MESSAGE(ok, f[0] << ": agency " << r.agency << " division " << r.division.code << " year " << r.year
                           << "; expected " << f[1] << " " << f[2] << " " << f[3]);
    ++scored;
    right += ok;
  }
  CHECK(scored >= test::corpus_files().size());
  MESSAGE(right << " of " << scored << " right");
}

TEST_CASE("a sentence fragment is never an agency, a name ends in an agency suffix") {
  CHECK_FALSE(metadata::is_agency_name("我厅编写了"));
  CHECK_FALSE(metadata::is_agency_name("发布河北省教育厅"));
  CHECK_FALSE(metadata::is_agency_name("汇总平潭综合实验区"));
  CHECK_FALSE(metadata::is_agency_name("人民政府"));
  CHECK(metadata::is_agency_name("河北省教育厅"));
  CHECK(metadata::is_agency_name("沭阳县发展和改革局"));
}

TEST_CASE("我局 resolves to the full …局 name the report gives elsewhere") {
  ExtractOptions o;
  o.source = "self.txt";
  const Report r = extract_report(
      "政府信息公开工作年度报告\n本报告所列数据统计期限为2023年1月1日至2023年12月31日。\n"
      "一、总体情况\n2023年，我局认真贯彻落实政府信息公开条例。新乡市卫滨区应急管理局持续推进政务公开。\n"
      "卫滨区人民政府办公室指导了我局的工作。新乡市卫滨区应急管理局主动公开信息12条。\n", o);
  CHECK(r.agency == "新乡市卫滨区应急管理局");
  CHECK(r.division.code == "410703");
  CHECK(r.year == "2023");
}

TEST_CASE("the signature (落款) at the end names the agency when the title does not") {
  ExtractOptions o;
  o.source = "signed.txt";
  const Report r = extract_report(
      "政府信息公开工作年度报告\n本报告所列数据统计期限为2022年1月1日至2022年12月31日。\n"
      "一、总体情况\n本年度我们持续推进政务公开。\n江苏省淮安市清江浦区教育局\n2023年1月20日\n", o);
  CHECK(r.agency == "江苏省淮安市清江浦区教育局");
  CHECK(r.division.code == "320812");
  CHECK(r.year == "2022");  // the year reported on, not the year signed
}

TEST_CASE("a county name several cities share is decided by the city the report mentions") {
  CHECK(metadata::match_place("朝阳区人民政府", "北京市朝阳区位于北京东部").division.code == "110105");
  CHECK(metadata::match_place("朝阳区人民政府", "长春市朝阳区").division.code == "220104");
  const metadata::PlaceMatch unknown = metadata::match_place("朝阳区人民政府", "");
  CHECK(unknown.division.code.empty());
  CHECK(unknown.ambiguous == "110105 220104");
}

TEST_CASE("an OCR-misread place name is corrected when one division differs in one confusable character") {
  const Report r = test::extract_corpus("006.txt");  // title and signature: 沐阳县人民政府
  CHECK(r.agency == "沭阳县人民政府");
  CHECK(r.agency_as_read == "沐阳县人民政府");
  CHECK(r.division.code == "321322");
  CHECK(std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                    [](const Diagnostic& d) { return d.code == "metadata.place-corrected"; }));
}

// place_length is match_place's walk without the division: the same extent for every name the
// agency search tries (names of 2–12 characters starting at each character of the corpus texts'
// openings), a corrected place (沐阳 → 沭阳) and a shared one (朝阳区) among them.
TEST_CASE("place_length is match_place's length on the names the agency search tries") {
  std::size_t placed = 0;
  const auto same = [&](std::string_view name) {
    const std::size_t length = metadata::match_place(name, "").length;
    CHECK(metadata::place_length(name) == length);
    if (length > 0) ++placed;
  };
  same("沐阳县人民政府");
  same("朝阳区人民政府");
  CHECK(metadata::place_length("沐阳县人民政府") == std::string_view("沭阳县").size());
  for (const std::string& f : test::corpus_files()) {
    if (!f.ends_with(".txt")) continue;
    const std::string text = test::read_file(test::corpus_path(f));
    const std::string_view head = std::string_view(text).substr(0, std::min<std::size_t>(text.size(), 6000));
    for (std::size_t at = 0; at < head.size(); ++at) {
      if ((static_cast<unsigned char>(head[at]) & 0xC0) == 0x80 || !metadata::may_begin_place(head.substr(at))) continue;
      for (const std::size_t chars : {2, 4, 7, 12}) same(head.substr(at, 3 * chars));
    }
  }
  CHECK(placed > 200);
}

// The walk over a name's places is kept for the last name walked (an agency is walked three
// times): what is read of a name after any other name is what is read of it walked anew.
TEST_CASE("a place walk kept from an earlier name is never another name's") {
  const std::vector<std::string> names = {"朝阳区人民政府", "朝阳区", "朝阳", "沐阳县人民政府", "沐阳县", "沭阳县人民政府",
                                          "淮安市人民政府", "淮安市清江浦区教育局", "淮安市清江浦区", "江苏省淮安市",
                                          "北京市朝阳区", "长春市朝阳区", "上海市科委", "人民政府", "", "淮"};
  const auto key = [](std::string_view name) {
    const metadata::PlaceMatch m = metadata::match_place(name, "");
    return std::to_string(m.length) + "|" + m.corrected + "|" + m.division.code + "|" + m.ambiguous + "|" +
           std::to_string(metadata::place_length(name));
  };
  std::vector<std::string> fresh;
  for (const std::string& a : names) {
    metadata::place_length(a == "北京市" ? "上海市" : "北京市");  // a walk of another name before
    fresh.push_back(key(a));
  }
  std::vector<std::string> distinct = fresh;
  std::sort(distinct.begin(), distinct.end());
  CHECK(std::unique(distinct.begin(), distinct.end()) - distinct.begin() >= 6);
  for (const std::string& b : names)
    for (std::size_t k = 0; k < names.size(); ++k) {
      metadata::place_length(b);
      CHECK_MESSAGE(key(names[k]) == fresh[k], b, " then ", names[k]);
      metadata::match_place(b, "");
      CHECK_MESSAGE(std::to_string(metadata::place_length(names[k])) == fresh[k].substr(fresh[k].rfind('|') + 1), names[k]);
    }
}

TEST_CASE("holds_word_not_in_name finds what a find of each word finds") {
  std::vector<std::string> words;
  for (const auto& f : metadata::data_lines("agency_words.tsv", '\t'))
    if (f.size() >= 2 && f[0] == "not_in_name") words = metadata::words_of(f[1]);
  REQUIRE(words.size() > 10);
  // The words, their pieces and bytes, ideographs and marks that are none of them, broken and
  // overlong sequences (E0 80 80 reads as U+0000 were it decoded without care).
  std::vector<std::string> pieces = {"局", "政府", "市", "a", "1", " ", "\xE0\x80\x80", "\xE4\xB8", "\x80", "\xEF\xBC", "\xED\xA0\x80", "（"};
  for (const std::string& w : words) {
    pieces.push_back(w);
    pieces.push_back(w.substr(0, 1));
    pieces.push_back(w.substr(1));
  }
  std::uint32_t state = 5;
  std::size_t held = 0;
  for (int k = 0; k < 20000; ++k) {
    const std::string text = joined_pieces(pieces, state, 7);
    const bool expected = std::any_of(words.begin(), words.end(), [&](const std::string& w) { return text.find(w) != std::string::npos; });
    CHECK_MESSAGE(metadata::holds_word_not_in_name(text) == expected, text);
    held += expected;
  }
  CHECK(held > 2000);
  CHECK(held < 18000);
}

TEST_CASE("match_place_made makes the context only for a shared place name, and reads it as match_place does") {
  int made = 0;
  const auto opening = [&made] {
    ++made;
    return std::string("长春市朝阳区");
  };
  CHECK(metadata::match_place_made("朝阳区人民政府", opening).division.code == "220104");
  CHECK(made == 1);
  CHECK(metadata::match_place_made("淮安市人民政府", opening).division.code ==
        metadata::match_place("淮安市人民政府", "长春市朝阳区").division.code);
  CHECK(made == 1);
}

// The most-named search reads a run's characters as three bytes each until one is longer (an
// overlong form, which next_code_point reads as an ideograph): a name after it starts where that
// character ends, not three bytes on.
TEST_CASE("the most-named agency after an overlong ideograph in its run starts at its own first character") {
  Report r;
  for (int k = 0; k < 3; ++k) {
    Block b;
    b.kind = BlockKind::paragraph;
    b.text = std::string("\xF0\x84\xB8\x80") + "淮安市人民政府主动公开信息。";
    r.blocks.push_back(std::move(b));
  }
  CHECK(metadata::agency_most_named(r) == "淮安市人民政府");
}

TEST_CASE("agency_suffix is the longest agency suffix the name ends in") {
  std::vector<std::string> suffixes;
  for (const auto& f : metadata::data_lines("agency_words.tsv", '\t'))
    if (f.size() >= 2 && f[0] == "suffix")
      for (const std::string& w : metadata::words_of(f[1])) suffixes.push_back(w);
  REQUIRE(suffixes.size() > 10);
  std::stable_sort(suffixes.begin(), suffixes.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  // The suffixes, their pieces and bytes, ideographs that end none, broken and overlong
  // sequences (E5 B1 80 is 局; F0 or C0 forms of it are no three-byte character).
  std::vector<std::string> pieces = {"市", "a", " ", "\xE0\x80\x80", "\xE4\xB8", "\x80", "\xB1\x80", "\xF0\x85\xB1\x80", "\xC0\x80", "（"};
  for (const std::string& w : suffixes) {
    pieces.push_back(w);
    pieces.push_back(w.substr(0, 1));
    pieces.push_back(w.substr(1));
    pieces.push_back(w.substr(w.size() - 3));
  }
  std::uint32_t state = 7;
  std::size_t found = 0;
  for (int k = 0; k < 20000; ++k) {
    const std::string name = joined_pieces(pieces, state, 6);
    std::string expected;
    for (const std::string& s : suffixes)
      if (name.ends_with(s)) {
        expected = s;
        break;
      }
    CHECK_MESSAGE(std::string(metadata::agency_suffix(name)) == expected, name);
    found += !expected.empty();
  }
  CHECK(found > 2000);
  CHECK(found < 18000);
}
