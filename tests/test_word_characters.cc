// schema/labels: word_characters and the label keys built on it give what the character-by-
// character rule gives (keep ASCII letters and digits and normalize::is_cjk code points, drop
// the rest), on the corpus texts folded and on generated texts with broken UTF-8; and the forms
// that fold and key into a reused buffer give what the ones that return a new string give.
#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "schema/internal/labels.h"
#include "tests/corpus.h"

using namespace nianbao;
using namespace nianbao::test;
namespace nz = nianbao::normalize;

namespace {

// The rule one code point at a time (what the findings' words_of_folded was).
std::string reference_words(std::string_view folded) {
  std::string out;
  for (std::size_t i = 0; i < folded.size();) {
    const std::size_t at = i;
    const char32_t c = nz::next_code_point(folded, i);
    if ((c < 0x80 && std::isalnum(static_cast<int>(c)) != 0) || nz::is_cjk(c)) out.append(folded, at, i - at);
  }
  return out;
}

// label_key by the rule: fold, drop the row number, then the characters that carry no word.
std::string reference_key(std::string_view label) {
  const std::string f = nz::fold(label);
  return reference_words(std::string_view(f).substr(nz::parse_list_number(f).length));
}

void check_text(std::string_view raw, std::size_t& kept) {
  const std::string folded = nz::fold(raw);
  const std::string want = reference_words(folded);
  CHECK(schema::word_characters(folded) == want);
  CHECK(schema::word_characters(raw) == reference_words(raw));  // unfolded, full-width forms and all
  CHECK(schema::label_key(raw) == reference_key(raw));
  CHECK(schema::key_of_folded(folded) == reference_key(raw));
  CHECK(schema::label_text(raw).key == reference_key(raw));
  // The forms that fold and key into a buffer give the same, whatever the buffer held before
  // (each keeps the last text's).
  static std::string folded_buffer, key_buffer;
  static schema::LabelText text_buffer;
  nz::fold_into(raw, folded_buffer);
  CHECK(folded_buffer == folded);
  schema::key_of_folded_into(folded, key_buffer);
  CHECK(key_buffer == reference_key(raw));
  schema::label_text_into(raw, text_buffer);
  CHECK(text_buffer.key == reference_key(raw));
  CHECK(text_buffer.number == schema::label_number(folded));
  kept += want.size();
}

}  // namespace

TEST_CASE("word characters: the corpus texts, their lines and paragraphs, as the rule keeps them") {
  std::size_t texts = 0, kept = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() + "/corpus")) {
    if (entry.path().extension() != ".txt") continue;
    const std::string raw = read_file(entry.path().string());
    check_text(raw, kept);
    for (std::size_t from = 0; from < raw.size();) {  // each line: row labels, headings, number runs
      const std::size_t end = std::min(raw.find('\n', from), raw.size());
      check_text(std::string_view(raw).substr(from, end - from), kept);
      from = end + 1;
    }
    ++texts;
  }
  CHECK(texts >= 10);
  CHECK(kept > 100000);  // the texts were read, and most of their bytes carry words
}

TEST_CASE("word characters: generated texts with punctuation, symbols and broken UTF-8, as the rule keeps them") {
  std::mt19937 random(20261205);
  // Ideographs (one before U+4E00), ASCII letters, digits and marks, full-width forms, CJK
  // punctuation, a lone continuation byte, a lead byte without its continuation bytes, an
  // ideograph cut after two bytes, a four-byte ideograph and a four-byte emoji.
  const std::vector<std::string> pieces{"政", "府", "公", "开", "\xE3\x90\x80", "a", "Z", "7", " ", ".", "(",
                                        "%", "，", "。", "、", "（", "１", "Ａ", "\x80", "\xE6", "\xE6\x94",
                                        "\xF0\xA0\x80\x80", "\xF0\x9F\x98\x80", "一、", "（三）", "1."};
  std::size_t kept = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    for (std::size_t i = 0, n = random() % 60; i < n; ++i) s += pieces[random() % pieces.size()];
    CAPTURE(s);
    check_text(s, kept);
  }
  CHECK(kept > 10000);
}
