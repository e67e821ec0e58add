// Internal to schema/: what a set of text-rule phrases (RE2 patterns) can match, read from
// their syntax, so that a paragraph is searched only where a phrase may match: the characters
// no phrase can cross (N1's gaps are [^。;,]: a paragraph is searched clause by clause), and
// what every match holds (a digit: the number; 件). Sound or nothing: a pattern whose syntax
// this does not follow (., \D, ^, (?i), …) leaves the scope empty, and the paragraph whole.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::schema {

struct PhraseScope {
  // Characters (UTF-8) no phrase can match: a match lies between two of them.
  std::vector<std::string> separators;
  // Every match holds an ASCII digit ([0-9], RE2's \d).
  bool needs_digit = false;
  // Characters every match holds.
  std::vector<std::string> needed;
  // Per pattern (in the order given), what every match of it holds: clauses, each a list of
  // texts one of which a match holds (its literals outside any group, in runs between the other
  // atoms; its groups outside any group of literal alternatives: (?:收到|接收)). None when the
  // reader did not follow the pattern. Unlike the rest, this holds for a pattern even when
  // another one was not followed.
  std::vector<std::vector<std::vector<std::string>>> needs;

  // The next piece of `text`, from `from` on, a match may lie in: the text cut at the
  // separators, leaving out the pieces with no digit (when one is needed) or without a needed
  // character. `from` moves past it; false when no piece is left.
  bool next_piece(std::string_view text, std::size_t& from, std::string_view& piece) const;

  // Whether fold(raw) (normalize/) may hold every needed ideograph (U+4E00–U+9FFF), judged
  // without folding: false only when `raw` lacks one and is made only of characters that fold
  // to themselves or to ASCII without NFKC (ASCII, the ideographs, the full-width forms
  // U+FF01–U+FF5E, 、。): no other character can then give that ideograph. A paragraph so told
  // holds no match and is not folded to be searched.
  bool may_fold_to_needed(std::string_view raw) const;

  // `pattern` (one of those the scope was read from) as it matches within a piece: each negated
  // class that leaves out only separators, which no piece holds, written as any character. On a
  // piece of valid UTF-8 (a folded paragraph is) it finds the same matches and groups; RE2 runs
  // it with its backtracker instead of its NFA, which a [^。;,]{0,20}? (20 copies of a class of a
  // dozen instructions) pushes a phrase over the backtracker's size for. The pattern itself when
  // the reader does not follow it.
  std::string within_pieces(std::string_view pattern) const;

  // The separators' first bytes, each once, and as a table.
  std::vector<unsigned char> separator_first_bytes;
  std::array<bool, 256> is_separator_first_byte{};

 private:
  // next_piece when there are separators and needed characters.
  bool next_piece_holding(std::string_view text, std::size_t& from, std::string_view& piece) const;
  // The size of the separator at `at` (0: none).
  std::size_t separator_length_at(std::string_view text, std::size_t at) const;
  // Where the first separator at or after `i` starts (text.size() if none), `length` its size.
  std::size_t separator_at_or_after(std::string_view text, std::size_t i, std::size_t& length) const;
  // Up to this many distinct first bytes are looked for 16 bytes at a time.
  static constexpr std::size_t max_simd_first_bytes = 4;
};

// The scope of `patterns` (all of them: each is a phrase of the same search).
PhraseScope phrase_scope(const std::vector<std::string>& patterns);

}  // namespace nianbao::schema
