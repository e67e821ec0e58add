// The text reader's line cleaning: what normalize::line_cleaning_kept_prefix says cleaning keeps,
// held to append_clean_line itself, and the reader's copy of the kept text held to cleaning each
// line, on generated texts.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "normalize/clean_kept.h"
#include "normalize/normalize.h"

using namespace nianbao;
namespace nz = nianbao::normalize;

namespace {

// Characters cleaning keeps and the scan lets pass: ideographs, ASCII, tab, the punctuation of
// Chinese text (、。“”—…，（：), other three-byte characters (U+205E, U+202E, U+200E, U+E000, U+D7FF).
const std::vector<std::string> passing = {"中", "文", "年", "a", "2024", " ", "  ", "\t", "、", "。", "“", "”",
                                          "—", "…", "，", "（", "：", "\xE2\x81\x9E",
                                          "\xE2\x80\xAE", "\xE2\x80\x8E", "\xEE\x80\x80", "\xED\x9F\xBF", "|", "-"};
// Characters cleaning keeps where the scan stops all the same (U+FFFD, ·, é, U+0905, U+1000,
// U+20000, a surrogate's bytes, U+3040), and characters cleaning changes: spaces it makes ' ' or two,
// what it drops, what it replaces (broken and overlong sequences, a lead cut short).
const std::vector<std::string> stopping = {
    "\xEF\xBF\xBD", "\xC2\xB7", "\xC3\xA9", "\xE0\xA4\x85", "\xE1\x80\x80", "\xF0\xA0\x80\x80", "\xED\xA0\x80", "\xE3\x81\x80",
    "\xE3\x80\x80", "\xC2\xA0", "\xC2\x85", "\xC2\xAD", "\xC2\x80", "\xE2\x80\x80", "\xE2\x80\x8B", "\xE2\x80\x8D",
    "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE2\x81\xA0", "\xEF\xBB\xBF", "\xEF\xBF\xBE",
    "\xEF\xBF\xBF", "\xE1\x9A\x80", "\xE1\xA0\x8E", "\x01", "\x0C", "\x0B", "\x7F", "\xC1\x81", "\xC0\x80",
    "\xE0\x80\x80", "\xF0\x80\x80\x80", "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80", "\xFF", "\x80", "\xBF",
    "\xE4\xB8", "\xE4", "\xEF\xBC", "\xE2"};
const std::vector<std::string> line_ends = {"\n", "\r\n", "\r"};

struct Draw {
  std::uint32_t state;
  std::uint32_t operator()(std::uint32_t n) { return ((state = state * 1664525u + 1013904223u) >> 8) % n; }
};

// A text of up to `lines` lines of up to `pieces` pieces, one piece in `stop_in` a stopping one.
std::string random_text(Draw& draw, std::uint32_t lines, std::uint32_t pieces, std::uint32_t stop_in) {
  std::string text;
  for (std::uint32_t l = draw(lines) + 1; l > 0; --l) {
    for (std::uint32_t p = draw(pieces); p > 0; --p)
      text += stop_in > 0 && draw(stop_in) == 0 ? stopping[draw(static_cast<std::uint32_t>(stopping.size()))]
                                                : passing[draw(static_cast<std::uint32_t>(passing.size()))];
    if (l > 1) text += line_ends[draw(static_cast<std::uint32_t>(line_ends.size()))];
  }
  return text;
}

// The lines of a text as the reader cuts them: at '\n', '\r' and "\r\n".
std::vector<std::pair<std::size_t, std::size_t>> line_spans(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n' && text[i] != '\r') continue;
    spans.emplace_back(start, i);
    if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  return spans;
}

}  // namespace

TEST_CASE("what the line-cleaning scan passes, cleaning keeps: a line before it cleans to itself, a line across it to its kept bytes and the rest cleaned") {
  Draw draw{2024};
  std::size_t across = 0, whole = 0;
  for (int k = 0; k < 20000; ++k) {
    const std::string text = random_text(draw, 4, 40, k % 4 == 0 ? 0 : 30);
    const std::size_t kept = nz::line_cleaning_kept_prefix(text);
    REQUIRE(kept <= text.size());
    if (k % 4 == 0) CHECK_MESSAGE(kept == text.size(), text);  // nothing stops it: it reads to the end
    whole += kept == text.size();
    for (const auto& [a, b] : line_spans(text)) {
      const std::string_view line = std::string_view(text).substr(a, b - a);
      if (b <= kept) {
        CHECK_MESSAGE(nz::clean_line(line) == line, text);
      } else if (a < kept) {
        ++across;
        const std::string split = std::string(text.substr(a, kept - a)) + nz::clean_line(text.substr(kept, b - kept));
        CHECK_MESSAGE(nz::clean_line(line) == split, text);
      }
    }
  }
  CHECK(across > 5000);
  CHECK(whole > 5000);
}

TEST_CASE("the text reader's lines are its input's lines cleaned one by one, long kept stretches copied or not") {
  // Lines longer than the cleaned stretch after a stopping character, and many such characters.
  Draw draw{7};
  const auto same = [](const extract::Document& a, const extract::Document& b) {
    if (a.blocks.size() != b.blocks.size()) return false;
    for (std::size_t i = 0; i < a.blocks.size(); ++i) {
      const Block &x = a.blocks[i], &y = b.blocks[i];
      if (x.kind != y.kind || x.text.view() != y.text.view() || x.pos.line != y.pos.line) return false;
      if (x.kind != BlockKind::table) continue;
      const Table &s = x.table(), &t = y.table();
      if (s.rows.size() != t.rows.size() || s.columns != t.columns) return false;
      for (std::size_t r = 0; r < s.rows.size(); ++r) {
        if (s.rows[r].cells.size() != t.rows[r].cells.size()) return false;
        for (std::size_t c = 0; c < s.rows[r].cells.size(); ++c)
          if (s.rows[r].cells[c].text != t.rows[r].cells[c].text || s.rows[r].cells[c].col != t.rows[r].cells[c].col)
            return false;
      }
    }
    return true;
  };
  for (int k = 0; k < 3000; ++k) {
    const std::string text = random_text(draw, 12, 60, k % 3 == 0 ? 200 : 12);
    std::string cleaned;  // each line cleaned, the line ends as they were
    std::size_t previous_end = 0;
    for (const auto& [a, b] : line_spans(text)) {
      cleaned.append(text, previous_end, a - previous_end);
      cleaned += nz::clean_line(std::string_view(text).substr(a, b - a));
      previous_end = b;
    }
    CHECK_MESSAGE(same(extract::read_text(text), extract::read_text(cleaned)), text);
  }
}
