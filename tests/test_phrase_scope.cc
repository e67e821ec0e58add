// schema/phrase_scope: where in a paragraph a text rule's phrases may match and what each match
// holds, read from their RE2 syntax; and that searching only there, for the phrases whose needs
// a piece holds, finds exactly what searching everywhere for every phrase finds, on the corpus
// paragraphs and on 20 000 generated ones.
#include <doctest/doctest.h>

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "schema/internal/phrase_scope.h"
#include "schema/internal/report_text.h"
#include "schema/internal/text_checks.h"
#include "schema/template.h"
#include "tests/corpus.h"

using namespace nianbao;
using namespace nianbao::schema;

namespace {

std::vector<std::string> patterns_of(const Template& t) {
  std::vector<std::string> out;
  for (const TextRuleDef& rule : t.text_rules)
    for (const PhraseDef& p : rule.phrases) out.push_back(p.pattern);
  return out;
}

std::vector<std::string_view> pieces(const PhraseScope& scope, std::string_view text) {
  std::vector<std::string_view> out;
  std::string_view piece;
  for (std::size_t from = 0; scope.next_piece(text, from, piece);) out.push_back(piece);
  return out;
}

// Statements compared by what they say and where.
std::vector<std::string> said(const std::vector<Statement>& statements) {
  std::vector<std::string> out;
  for (const Statement& s : statements)
    out.push_back(s.rule + "|" + s.number + "|" + s.phrase + "|" + std::to_string(s.pos.line) + "|" +
                  std::to_string(s.sums.size()));
  return out;
}

Report paragraphs(const std::vector<std::string>& texts) {
  Report r;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    Block b;
    b.kind = BlockKind::paragraph;
    b.text = texts[i];
    b.pos.line = static_cast<int>(i + 1);
    r.blocks.push_back(std::move(b));
  }
  return r;
}

// The paragraphs of the corpus texts (and of its HTML pages, with `html`), as extracted.
std::vector<std::string> corpus_paragraphs(bool html) {
  std::vector<std::string> out;
  for (const std::string& name : test::corpus_files()) {
    if (!name.ends_with(".txt") && !(html && name.ends_with(".html"))) continue;
    for (const Block& b : test::extract_corpus(name).blocks)
      if (b.kind == BlockKind::paragraph) out.push_back(b.text.str());
  }
  return out;
}

// `count` texts, each of `fewest` + (a draw modulo `spread`) parts drawn from `parts`.
std::vector<std::string> generated_texts(const std::vector<std::string>& parts, std::uint32_t seed, int count, int fewest,
                                         int spread) {
  std::mt19937 random(seed);
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    std::string text;
    const int n = fewest + static_cast<int>(random() % static_cast<unsigned>(spread));
    for (int k = 0; k < n; ++k) text += parts[random() % parts.size()];
    out.push_back(text);
  }
  return out;
}

}  // namespace

TEST_CASE("the N1 phrases match within a clause (between 。, semicolons and commas) holding a digit and 件") {
  for (const Template& t : templates()) {
    if (t.text_rules.empty()) continue;
    CAPTURE(t.id);
    const PhraseScope scope = phrase_scope(patterns_of(t));
    CHECK(scope.separators == std::vector<std::string>{",", ";", "。"});
    CHECK(scope.needs_digit);
    CHECK(scope.needed == std::vector<std::string>{"件"});
    // Clauses without a digit or without 件 are left out; the separators are in no piece.
    const std::string text = "全年共收到申请12件,其中自然人10件;2024年度。无件数,行政复议3件。";
    CHECK(pieces(scope, text) == std::vector<std::string_view>{"全年共收到申请12件", "其中自然人10件", "行政复议3件"});
  }
}

TEST_CASE("a phrase whose syntax the scope does not follow leaves paragraphs whole") {
  const std::string gap = "行政复议[^。;,]{0,3}(\\d+)件";
  CHECK(phrase_scope({gap}).separators.size() == 3);
  // Any character, a class of non-digits, an anchor, a flag, a word boundary: no scope at all.
  for (const char* other : {"行政.(\\d+)件", "行政\\D(\\d+)件", "^行政(\\d+)件", "(?i)行政(\\d+)件", "\\b(\\d+)件"}) {
    CAPTURE(other);
    const PhraseScope scope = phrase_scope({gap, std::string(other)});
    CHECK(scope.separators.empty());
    CHECK_FALSE(scope.needs_digit);
    CHECK(scope.needed.empty());
    CHECK(pieces(scope, "行政复议3件。无") == std::vector<std::string_view>{"行政复议3件。无"});
  }
  // A separator some phrase can match is none: a literal, a class that takes it, a gap that does not exclude it.
  CHECK(phrase_scope({gap, "复议。(\\d+)件"}).separators == std::vector<std::string>{",", ";"});
  CHECK(phrase_scope({gap, "复议[;](\\d+)件"}).separators == std::vector<std::string>{",", "。"});
  CHECK(phrase_scope({gap, "复议[^,]{0,2}(\\d+)件"}).separators == std::vector<std::string>{","});
  // A phrase that may match the empty text (nothing needed outside a group) matches between two
  // separators as well: no scope.
  CHECK(phrase_scope({gap, "(?:复议(\\d+)件)?"}).separators.empty());
  // The number optional, or in an alternative: a match may hold no digit.
  CHECK_FALSE(phrase_scope({gap, "复议(\\d+)?件"}).needs_digit);
  CHECK_FALSE(phrase_scope({gap, "复议(\\d+)件|诉讼"}).needs_digit);
  // 件 only in one alternative, or optional: not needed (复议 still is).
  const std::vector<std::string> both = {"复", "议"};
  CHECK(phrase_scope({gap, "复议(\\d+)(?:件|起)"}).needed == both);
  CHECK(phrase_scope({gap, "复议(\\d+)件?"}).needed == both);
}

TEST_CASE("what every match of a phrase holds: its literal runs and its groups of literal alternatives") {
  using Needs = std::vector<std::vector<std::string>>;
  const std::vector<std::string> patterns = {
      "(?:全|共)[^。;,]{0,12}?(?:收到|接收)[^。;,]{0,20}?申请(?:共计|共|总计|合计)?(\\d+)件",
      "上一?年度?结转[^。;,]{0,12}?申请(\\d+)件",
      "结转(?:到|至)?(?:下一?年度?|\\d{4}年度?)(?:继续办理)?(\\d+)件",
      "规范性文件\\d+件、废止(\\d+)件",
      "复议(\\d+)件+(?:起|宗){1,2}",
      "复议(\\d+)件|诉讼",
      "行政.(\\d+)件"};
  const PhraseScope scope = phrase_scope(patterns);
  REQUIRE(scope.needs.size() == patterns.size());
  CHECK(scope.needs[0] == Needs{{"全", "共"}, {"收到", "接收"}, {"申请"}, {"件"}});
  // A literal with ? is no run (上 and 年 stand alone); an optional group, or one with an
  // alternative that is no literal, needs nothing.
  CHECK(scope.needs[1] == Needs{{"上"}, {"年"}, {"结转"}, {"申请"}, {"件"}});
  CHECK(scope.needs[2] == Needs{{"结转"}, {"件"}});
  CHECK(scope.needs[3] == Needs{{"规范性文件"}, {"件、废止"}, {"件"}});
  // A literal with + is a run of its own; a group asked for once or more is a clause.
  CHECK(scope.needs[4] == Needs{{"复议"}, {"件"}, {"起", "宗"}});
  // An alternative outside any group, or a pattern the reader does not follow: nothing known.
  CHECK(scope.needs[5].empty());
  CHECK(scope.needs[6].empty());
  CHECK(scope.separators.empty());  // the last pattern leaves paragraphs whole, not the needs of the others
}

TEST_CASE("searching where the scope says finds the same statements as searching every paragraph whole") {
  const std::vector<std::string> corpus = corpus_paragraphs(true);
  REQUIRE(corpus.size() > 100);
  // Generated paragraphs: the phrases' words, numbers and every kind of punctuation, shuffled.
  const std::vector<std::string> words = {
      "全年", "共", "全", "收到", "接收", "受理", "政府信息公开", "申请", "共计", "总计", "件", "其中", "涉及",
      "自然人", "法人或其他组织", "提出", "上一年度", "上年", "结转", "顺延", "到", "至", "下一年度", "下年",
      "继续办理", "予以公开及部分公开", "予以公开", "同意公开", "答复", "部分公开", "行政复议", "案件", "行政诉讼",
      "0", "7", "12", "2024", "2024年", "。", ";", ",", "，", "；", "!", "?", "、", "(", ")", " ", "a"};
  const std::vector<std::string> generated = generated_texts(words, 20261204, 20000, 1, 24);
  for (const Template& t : templates()) {
    if (t.text_rules.empty()) continue;
    CAPTURE(t.id);
    for (const auto* texts : {&corpus, &generated}) {
      const Report r = paragraphs(*texts);
      const ReportText text(r);
      const std::vector<Statement> scoped = find_statements(text, t);
      CHECK(said(scoped) == said(find_statements_unscoped(text, t)));
      CHECK(!scoped.empty());  // the comparison compared something
    }
  }
}

TEST_CASE("random phrases: every match RE2 finds in a whole text lies in a piece the scope gives") {
  // Patterns made of the tokens templates use and of those the reader gives up on; texts of the
  // phrases' words and the separators. A scope is sound when no match falls outside its pieces.
  const std::vector<std::string> tokens = {"件", "申请", "。", ";", ",", "年", "\\d", "(\\d+)", "[^。;,]", "[^。]",
                                           "[^,]", "[0-9]", "[件年]", "[一-龥]", ".", "\\D", "a", "\\.", "(?:", ")",
                                           "|", "(", "^", "$", "\\b", "[^;]", "[^。;,]{0,3}?", "{1,2}", "?", "*",
                                           "+", "(?i)", "\\x{3002}", "[", "]", "\\", "{", "(?:申请|件)",
                                           "(?:年|共)+", "(?:a|。)?", "(?:件|a|)", "(?:申请|件){2}"};
  const std::vector<std::string> words = {"件", "申请", "。", ";", ",", "年", "0", "12", "a", "A", "\n", "共", "；", "!"};
  std::mt19937 random(42);
  std::size_t matches = 0, scoped = 0, needs_checked = 0;
  for (int round = 0; round < 30000; ++round) {
    std::vector<std::string> patterns(1 + random() % 3);
    for (std::string& p : patterns)
      for (int k = 1 + static_cast<int>(random() % 7); k > 0; --k) p += tokens[random() % tokens.size()];
    const PhraseScope scope = phrase_scope(patterns);  // never throws or crashes, whatever the pattern
    std::vector<std::unique_ptr<re2::RE2>> compiled;
    for (const std::string& p : patterns) compiled.push_back(std::make_unique<re2::RE2>(p, re2::RE2::Quiet));
    if (!std::all_of(compiled.begin(), compiled.end(), [](const auto& re) { return re->ok(); })) continue;
    scoped += !scope.separators.empty() || scope.needs_digit || !scope.needed.empty();
    for (int t = 0; t < 5; ++t) {
      std::string text;
      for (int k = static_cast<int>(random() % 30); k > 0; --k) text += words[random() % words.size()];
      const std::vector<std::string_view> in = pieces(scope, text);
      for (const auto& re : compiled) {
        re2::StringPiece m;
        for (std::size_t at = 0; at < text.size();) {  // as the text rules search
          if (!re->Match(text, at, text.size(), re2::RE2::UNANCHORED, &m, 1)) break;
          ++matches;
          const bool inside = std::any_of(in.begin(), in.end(), [&](std::string_view p) {
            return p.data() <= m.data() && m.data() + m.size() <= p.data() + p.size();
          });
          CAPTURE(patterns.front());
          CAPTURE(text);
          REQUIRE(inside);
          // And it holds what the scope says every match of its phrase holds.
          const std::size_t phrase = static_cast<std::size_t>(&re - compiled.data());
          for (const std::vector<std::string>& clause : scope.needs[phrase]) {
            CAPTURE(patterns[phrase]);
            CHECK(std::any_of(clause.begin(), clause.end(), [&](const std::string& needed) {
              return std::string_view(m.data(), m.size()).find(needed) != std::string_view::npos;
            }));
            ++needs_checked;
          }
          at = std::max(static_cast<std::size_t>(m.data() - text.data()) + m.size(), at + 1);
        }
      }
    }
  }
  CHECK(matches > 100000);
  CHECK(scoped > 1000);  // the random phrases often get a scope: the test tested one
  CHECK(needs_checked > 5000);  // matches of phrases with needs: the check checked something
}

TEST_CASE("within_pieces: a gap that leaves out only separators is any character, and finds what the pattern finds in a piece") {
  const PhraseScope n1 = phrase_scope({"(?:全|共)[^。;,]{0,12}?受理[^。;,]{0,20}?申请(\\d+)件", "复议[^。;,]{0,2}(\\d+)件"});
  CHECK(n1.within_pieces("(?:全|共)[^。;,]{0,12}?受理[^。;,]{0,20}?申请(\\d+)件") ==
        "(?:全|共)(?s:.){0,12}?受理(?s:.){0,20}?申请(\\d+)件");
  CHECK(n1.within_pieces("复议[^,]{0,2}(\\d+)件") == "复议(?s:.){0,2}(\\d+)件");
  // A class that leaves out what is no separator, a positive class, escapes: as they are.
  CHECK(n1.within_pieces("复议[^,a]\\[[0-9][^\\d](\\d+)件") == "复议[^,a]\\[[0-9][^\\d](\\d+)件");
  CHECK(phrase_scope({"行政.(\\d+)件"}).within_pieces("复议[^,](\\d+)件") == "复议[^,](\\d+)件");  // no scope
  // A gap that leaves out a character another phrase can match (one no separator): as it is.
  CHECK(phrase_scope({"复议[^。;,](\\d+)件", "诉讼[^,](\\d+)件"}).within_pieces("复议[^。;,](\\d+)件") ==
        "复议[^。;,](\\d+)件");
  // The template phrases, RE2's program smaller than its backtracker's limit.
  for (const Template& t : templates()) {
    const PhraseScope scope = phrase_scope(patterns_of(t));
    for (const std::string& p : patterns_of(t)) {
      CAPTURE(p);
      const re2::RE2 re(scope.within_pieces(p), re2::RE2::Quiet);
      REQUIRE(re.ok());
      CHECK(re.ProgramSize() <= 512);
    }
  }
  // Random phrases (as above) on random texts: in each piece, the same matches and groups.
  const std::vector<std::string> tokens = {"件", "申请", "。", ";", ",", "年", "\\d", "(\\d+)", "[^。;,]", "[^。]",
                                           "[^,]", "[0-9]", "[件年]", "[^件]", "[^;a]", ".", "(?:", ")", "|", "(",
                                           "[^。;,]{0,3}?", "[^;,]*", "{1,2}", "?", "*", "+", "(?:申请|件)", "(?:年|共)+"};
  const std::vector<std::string> words = {"件", "申请", "。", ";", ",", "年", "0", "12", "a", "\n", "共", "；", "!", "\xE2\x80\x9C"};
  std::mt19937 random(20261205);
  std::size_t rewritten = 0, compared = 0, matched = 0;
  for (int round = 0; round < 20000; ++round) {
    std::vector<std::string> patterns(1 + random() % 3);
    for (std::string& p : patterns)
      for (int k = 1 + static_cast<int>(random() % 7); k > 0; --k) p += tokens[random() % tokens.size()];
    const PhraseScope scope = phrase_scope(patterns);
    for (const std::string& p : patterns) {
      const re2::RE2 original(p, re2::RE2::Quiet), within(scope.within_pieces(p), re2::RE2::Quiet);
      if (!original.ok()) continue;
      CAPTURE(p);
      REQUIRE(within.ok());
      REQUIRE(within.NumberOfCapturingGroups() == original.NumberOfCapturingGroups());
      rewritten += scope.within_pieces(p) != p;
      const int groups = 1 + original.NumberOfCapturingGroups();
      for (int t = 0; t < 5; ++t) {
        std::string text;
        for (int k = static_cast<int>(random() % 30); k > 0; --k) text += words[random() % words.size()];
        for (const std::string_view piece : pieces(scope, text)) {
          std::vector<re2::StringPiece> a(groups), b(groups);
          for (std::size_t at = 0; at < piece.size(); ++at) {
            const bool found = original.Match(piece, at, piece.size(), re2::RE2::UNANCHORED, a.data(), groups);
            CAPTURE(std::string(piece));
            REQUIRE(found == within.Match(piece, at, piece.size(), re2::RE2::UNANCHORED, b.data(), groups));
            ++compared;
            if (!found) break;
            ++matched;
            for (int g = 0; g < groups; ++g) CHECK((a[g].data() == b[g].data() && a[g].size() == b[g].size()));
          }
        }
      }
    }
  }
  CHECK(rewritten > 300);   // the rewrite was made often
  CHECK(matched > 50000);   // and its matches compared
}

TEST_CASE("may_fold_to_needed: false only when the fold lacks a needed ideograph") {
  // 豈 (U+8C48) is also what the compatibility ideograph U+F900 folds to (NFKC): a text without 豈 but
  // with U+F900 folds to hold it, and must be answered true.
  const PhraseScope scope = phrase_scope({"[^。;,]*?豈(\\d+)件"});
  REQUIRE(scope.needed == std::vector<std::string>{"件", "豈"});
  const std::vector<std::string> parts = {"件", "豈", "\xEF\xA4\x80" /* U+F900 */, "\xE2\xBC\x80" /* ⼀ */, "申请", "a",
                                          "7", " ", "，", "１", "、", "。", "\xE3\x80\x80" /* U+3000 */, "①", "\xE8",
                                          "\xEF\xBC", "\xBB", "；", "“", "\xEF\xBD\x9E", "\xEF\xBD\x9F"};
  std::vector<std::string> texts = corpus_paragraphs(false);
  for (std::string& text : generated_texts(parts, 20261205, 20000, 0, 12)) texts.push_back(std::move(text));
  int told = 0, held_through_nfkc = 0;
  for (const std::string& text : texts) {
    const std::string folded = normalize::fold(text);
    const bool holds_all = std::all_of(scope.needed.begin(), scope.needed.end(),
                                       [&](const std::string& n) { return folded.find(n) != std::string::npos; });
    const bool raw_holds_all = std::all_of(scope.needed.begin(), scope.needed.end(),
                                           [&](const std::string& n) { return text.find(n) != std::string::npos; });
    CAPTURE(text);
    if (!scope.may_fold_to_needed(text)) {
      CHECK(!holds_all);
      ++told;
    }
    held_through_nfkc += holds_all && !raw_holds_all;
  }
  CHECK(told > 2000);              // the fast answer is given often
  CHECK(held_through_nfkc > 100);  // and texts that fold to what they lack were asked
}

TEST_CASE("next_piece gives the pieces of the forward cut at every separator that hold what is needed") {
  // The reference: cut at every separator, keep the pieces with a digit and every needed
  // character (next_piece looks for the first needed character and cuts around it).
  const auto reference = [](const PhraseScope& scope, std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size();) {
      std::size_t length = 0;
      if (i < text.size())
        for (const std::string& s : scope.separators)
          if (text.substr(i).starts_with(s)) length = s.size();
      if (i < text.size() && length == 0) {
        ++i;
        continue;
      }
      const std::string_view piece = text.substr(start, i - start);
      const bool digit = std::any_of(piece.begin(), piece.end(), [](char c) { return c >= '0' && c <= '9'; });
      const bool all = std::all_of(scope.needed.begin(), scope.needed.end(),
                                   [&](const std::string& n) { return piece.find(n) != std::string_view::npos; });
      if (!piece.empty() && (digit || !scope.needs_digit) && all) out.push_back(piece);
      if (i == text.size()) break;
      start = i += length;
    }
    return out;
  };
  const std::vector<std::string> parts = {"件", "申请", "7", "12", "。", ";", ",", "，", "、", "a", " ", "\xE4", "\xBB\xB6",
                                          "\xE3\x80", "\x82", "受理", "件件"};
  std::vector<std::string> texts;
  for (const std::string& p : corpus_paragraphs(false)) texts.push_back(normalize::fold(p));
  for (std::string& text : generated_texts(parts, 20261205, 20000, 0, 16)) texts.push_back(std::move(text));
  const PhraseScope n1 = phrase_scope({"[^。;,]*?(\\d+)件", "受理[^。;,]*?(\\d+)件"});
  REQUIRE(n1.separators.size() == 3);
  REQUIRE(n1.needed == std::vector<std::string>{"件"});
  const PhraseScope two = phrase_scope({"[^。;,]*?申请(\\d+)件"});
  REQUIRE(two.needed.size() == 3);
  std::size_t given = 0;
  for (const PhraseScope* scope : {&n1, &two})
    for (const std::string& text : texts) {
      CAPTURE(text);
      std::vector<std::string_view> pieces;
      std::string_view piece;
      for (std::size_t from = 0; scope->next_piece(text, from, piece);) pieces.push_back(piece);
      CHECK(pieces == reference(*scope, text));
      given += pieces.size();
    }
  CHECK(given > 3000);
}
