// The text side of corpus search: the folded form that the full-text index stores and that
// queries are matched in (NFKC, whitespace removed, ASCII lower-cased), with a map back to the
// original bytes, so that matches found in the folded text are highlighted in the original.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/search.h"

namespace nianbao::engine {

// The folded text, built code point by code point: normalize::fold of each code point (NFKC,
// whitespace and invisible characters dropped), ASCII letters lower-cased. "2024 年，Ａ" →
// "2024年,a". When `origin` is given it receives, for each byte of the result, the byte offset in
// `text` of the code point it came from.
std::string search_fold(std::string_view text, std::vector<std::uint32_t>* origin = nullptr);

// Whether a paragraph's sentence is table text rather than a sentence of prose: it has no
// clause punctuation (，。；：！？、 or their ASCII forms) — a cut table cell (商业企), a row of
// labels or numbers, a title or a signature line — or it holds table rows flattened into prose
// (flattened_table_runs runs of digits, each of flattened_table_digits or more).
bool is_table_text(std::string_view text);

// The original `text` with every occurrence of the folded `terms` marked, cut to a window of
// about `width` code points around the first match ("…" where cut). The whole text when it is
// short enough; no marks when no term occurs.
std::string snippet(std::string_view text, const std::vector<std::string>& folded_terms, const Marks& marks,
                    std::size_t width = 80);

}  // namespace nianbao::engine
