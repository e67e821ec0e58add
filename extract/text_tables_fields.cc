// The lines of a space-aligned table read as fields: text between runs of two or more spaces, a
// run of single-spaced numbers split into one field each, and the summary of each line (blank,
// prose, a row with values, a heading) the aligned-table finder decides by.
#include <algorithm>
#include <bit>
#include <cctype>
#include <cstring>
#include <optional>
#include <span>

#include "extract/internal/aligned_fields.h"
#include "extract/internal/text_tables.h"
#include "normalize/normalize.h"

namespace nianbao::extract::text_tables {
namespace {

namespace nz = nianbao::normalize;

bool contains_any(std::string_view s, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles)
    if (nz::find_bytes(s, n) != std::string_view::npos) return true;
  return false;
}

// The marks a line is read by, found in one pass: a sentence end (。！？) makes it prose, a
// comma or semicolon (，；,) a clause. The same as looking for each mark's bytes in turn; eight
// bytes at a time while none of them is the lead byte of a mark (E3, EF).
struct Marks {
  bool sentence = false;
  bool comma = false;
};
Marks marks_of(std::string_view s) {
  Marks m;
  m.comma = s.find(',') != std::string_view::npos;
  constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
  // Nonzero when a byte of w is zero; its lowest set bit marks the first such byte exactly.
  const auto zero_bytes = [](std::uint64_t w) { return (w - ones) & ~w & highs; };
  const std::size_t n = s.size();
  for (std::size_t i = 0; i + 2 < n && !(m.sentence && m.comma);) {
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      const std::uint64_t leads = zero_bytes(w ^ (ones * 0xE3)) | zero_bytes(w ^ (ones * 0xEF));
      if (leads == 0) {
        i += 8;
        continue;
      }
      // On to the first E3 or EF of the eight (the bytes before it start no mark).
      if constexpr (std::endian::native == std::endian::little) i += static_cast<std::size_t>(std::countr_zero(leads)) / 8;
      if (i + 2 >= n) break;
    }
    const unsigned char b = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]),
                        b2 = static_cast<unsigned char>(s[i + 2]);
    if (b == 0xE3 && b1 == 0x80 && b2 == 0x82) m.sentence = true;  // 。
    if (b == 0xEF && b1 == 0xBC) {
      if (b2 == 0x81 || b2 == 0x9F) m.sentence = true;  // ！？
      if (b2 == 0x8C || b2 == 0x9B) m.comma = true;     // ，；
    }
    ++i;
  }
  return m;
}

// Text between runs of two or more spaces, and its single-space-separated tokens.
struct Piece {
  std::string_view raw;
  int start = 0, end = 0;
  std::vector<Field> tokens;
  std::vector<std::size_t> token_end;  // byte end of each token in `raw`
};

// Into `p` (its vectors reused).
void split_piece(Piece& p, std::string_view line, std::size_t from, std::size_t to, int start) {
  p.tokens.clear();
  p.token_end.clear();
  p.raw = line.substr(from, to - from);
  p.start = start;
  int col = start;
  std::size_t tok_from = std::string_view::npos;
  int tok_start = 0;
  for (std::size_t i = 0; i <= p.raw.size();) {
    if (i < p.raw.size() && wide_lead(p.raw[i])) {  // a run of ideographs: within one token
      if (const std::size_t end = nz::cjk_run_end(p.raw, i, false); end > i) {
        if (tok_from == std::string_view::npos) {
          tok_from = i;
          tok_start = col;
        }
        col += static_cast<int>(2 * ((end - i) / 3));
        i = end;
        continue;
      }
    }
    const bool at_end = i == p.raw.size();
    char32_t c = 0;
    std::size_t next = i;
    int w = 0;
    if (!at_end) w = next_glyph(p.raw, next, c);
    if (at_end || c == ' ') {
      if (tok_from != std::string_view::npos) {
        Field t{p.raw.substr(tok_from, i - tok_from), tok_start, col, false};
        t.value = is_value_text(t.text);
        p.tokens.push_back(std::move(t));
        p.token_end.push_back(i);
        tok_from = std::string_view::npos;
      }
      if (at_end) break;
    } else if (tok_from == std::string_view::npos) {
      tok_from = i;
      tok_start = col;
    }
    col += w;
    i = next;
  }
  p.end = col;
}

bool all_values(const Piece& p) {
  return std::all_of(p.tokens.begin(), p.tokens.end(), [](const Field& t) { return t.value; });
}

// The fields of a line from its pieces: a run of numbers ("0 0 0") is one field per number; a
// label that runs into its numbers with single spaces ("（七）总计 21   0   0") gives them up
// when only numbers follow it. A piece of a cleaned line is clean as it is (it starts and ends
// at a character and holds single spaces only: normalize::clean gives it back unchanged).
// The first `count` pieces; the fields go to `out` (cleared first), `value_piece` is scratch.
void fields_of_pieces(const std::vector<Piece>& all_pieces, std::size_t count, std::vector<char>& value_piece,
                      std::vector<Field>& out) {
  const std::span<const Piece> pieces(all_pieces.data(), count);
  out.clear();
  value_piece.assign(pieces.size(), 0);
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const Piece& p = pieces[k];
    value_piece[k] = (p.tokens.size() >= 2 && all_values(p)) || is_value_text(p.raw);
  }
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const Piece& p = pieces[k];
    if (p.tokens.size() >= 2 && all_values(p)) {
      out.insert(out.end(), p.tokens.begin(), p.tokens.end());
      continue;
    }
    Field whole{p.raw, p.start, p.end, false};
    whole.value = value_piece[k] != 0;
    std::size_t trailing = 0;
    while (!whole.value && trailing < p.tokens.size() && p.tokens[p.tokens.size() - 1 - trailing].value) ++trailing;
    const bool numbers_follow = std::all_of(value_piece.begin() + static_cast<std::ptrdiff_t>(k) + 1, value_piece.end(),
                                            [](char v) { return v != 0; });
    const bool followed = k + 1 < pieces.size();
    if (trailing == 0 || trailing == p.tokens.size() || !numbers_follow || (!followed && trailing < 2)) {
      out.push_back(std::move(whole));
      continue;
    }
    const std::size_t keep = p.tokens.size() - trailing;
    out.push_back(Field{p.raw.substr(0, p.token_end[keep - 1]), p.start, p.tokens[keep - 1].end, false});
    out.insert(out.end(), p.tokens.begin() + static_cast<std::ptrdiff_t>(keep), p.tokens.end());
  }
}

// What analyse reads a line into, kept from line to line (a line's pieces, their tokens, its
// fields): no allocation per line once the longest line was read.
struct Scratch {
  std::vector<Piece> pieces;  // the first `used` are the line's
  std::vector<Field> fields;
  std::vector<char> value_piece;
};

// The summary of a line read as one field `field` after `lead` spaces: a label, or a value
// alone (never a table row by itself).
LineInfo one_field(std::string_view text, std::size_t lead, std::string_view field, bool value, const Marks& marks) {
  LineInfo info;
  info.blank = false;
  info.fields = 1;
  info.values = value ? 1 : 0;
  info.labels = value ? 0 : 1;
  info.width = -1;  // the line's display width: Lines::width, measured when asked
  info.indent = static_cast<int>(lead);
  if (value) info.value_start = info.indent;
  info.sentence = marks.sentence;
  info.comma = marks.comma;
  info.lead_in = (field.size() >= 3 && field.substr(field.size() - 3) == "：") || (!field.empty() && field.back() == ':');
  const bool level1 = is_level1_heading(field);
  info.numbered = is_sub_numbered(field) || level1;
  info.heading = !value && !info.sentence && level1;
  return info;
}

// string_view::rfind(' '), by memrchr (rfind compares byte by byte: the last space of a line of
// prose may be far from its end).
std::size_t last_space(std::string_view s) {
  const void* at = s.empty() ? nullptr : memrchr(s.data(), ' ', s.size());
  return at ? static_cast<std::size_t>(static_cast<const char*>(at) - s.data()) : std::string_view::npos;
}

// A body of single-spaced tokens (no tab, no run of spaces: one piece) is read as one field
// unless its last two tokens are values (fields_of_pieces: only a run of two or more trailing
// numbers splits a lone piece). Most prose lines of PDF text that hold a number ("2023 年，…")
// are such lines: no glyphs to walk, no pieces to split.
bool one_piece_one_field(std::string_view body) {
  while (!body.empty() && body.back() == ' ') body.remove_suffix(1);
  const std::size_t last = last_space(body);
  if (last == std::string_view::npos || !is_value_text(body.substr(last + 1))) return true;
  const std::string_view rest = body.substr(0, last);
  const std::size_t before = last_space(rest);
  return !is_value_text(before == std::string_view::npos ? rest : rest.substr(before + 1));
}

// What one_field sets that needs no look at the text: a line of one field is no numeric row.
LineInfo pending_one_field() {
  LineInfo info;
  info.blank = false;
  info.fields = 1;
  info.width = -1;
  info.pending = true;
  return info;
}

// The summary of a line that needs no split into fields (analyse without `keep`), none when it
// must be split. Fast path: a line without digits, tabs or a run of spaces after its
// indentation is a single label field (most prose lines of PDF text): no fields to split, no
// values to read. (Not looked for in a line that holds a sentence end: that line is one field
// below anyway.)
std::optional<LineInfo> summary_unsplit(std::string_view text, const Marks& marks, bool defer_one_field) {
  // A line holding a sentence end is one field (below) whatever its pieces: deferred without
  // looking for them (a flattened report is such a line, all of it).
  if (marks.sentence && defer_one_field) return pending_one_field();
  std::size_t lead = 0;
  while (lead < text.size() && text[lead] == ' ') ++lead;
  const std::string_view body = text.substr(lead);
  const bool one_piece = !body.empty() && body.find('\t') == std::string_view::npos && body.find("  ") == std::string_view::npos;
  bool simple = !marks.sentence && one_piece;
  for (std::size_t i = 0; simple && i < body.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(body[i]);
    if (std::isdigit(b) || (b == 0xEF && i + 2 < body.size() && static_cast<unsigned char>(body[i + 1]) == 0xBC &&
                            static_cast<unsigned char>(body[i + 2]) >= 0x90 && static_cast<unsigned char>(body[i + 2]) <= 0x99))
      simple = false;  // ASCII or full-width digit
  }
  if (!simple && !marks.sentence && one_piece && one_piece_one_field(body)) {
    if (defer_one_field) return pending_one_field();
    std::string_view field = body;
    while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
    return one_field(text, lead, field, is_value_text(field), marks);
  }
  // A line holding a sentence end is prose whatever else it holds (a flattened report is
  // one such line): it is never a table row, so its fields are not read.
  if (simple || marks.sentence) {  // the marks of text are those of body: spaces precede it
    if (defer_one_field) return pending_one_field();
    std::string_view first = body.substr(0, std::min(body.find("  "), body.size()));
    while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
    return one_field(text, lead, first, false, marks);
  }
  return std::nullopt;
}

// The pieces of a line (text between runs of two or more spaces, a tab counting two) into
// scratch.pieces, each split into its tokens: how many, and the line's display width in `width`.
std::size_t split_pieces(std::string_view text, Scratch& scratch, int& width) {
  std::size_t used = 0;
  const auto add_piece = [&](std::size_t from, std::size_t to, int start) {
    if (used == scratch.pieces.size()) scratch.pieces.emplace_back();
    split_piece(scratch.pieces[used++], text, from, to, start);
  };
  int col = 0, spaces = 0;
  std::size_t field_from = std::string_view::npos, field_to = 0;
  int field_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (wide_lead(text[i])) {  // a run of ideographs: within one field
      if (const std::size_t end = nz::cjk_run_end(text, i, false); end > i) {
        if (field_from == std::string_view::npos) {
          field_from = i;
          field_start = col;
        }
        col += static_cast<int>(2 * ((end - i) / 3));
        field_to = i = end;
        spaces = 0;
        continue;
      }
    }
    if (text[i] == ' ') {  // a run of spaces: ends the field at its second
      std::size_t end = i + 1;
      while (end < text.size() && text[end] == ' ') ++end;
      spaces += static_cast<int>(end - i);
      col += static_cast<int>(end - i);
      i = end;
      if (spaces >= 2 && field_from != std::string_view::npos) {
        add_piece(field_from, field_to, field_start);
        field_from = std::string_view::npos;
      }
      continue;
    }
    const std::size_t at = i;
    char32_t c;
    const int w = next_glyph(text, i, c);
    if (c == ' ' || c == '\t') {
      spaces += c == '\t' ? 2 : 1;
      if (spaces >= 2 && field_from != std::string_view::npos) {
        add_piece(field_from, field_to, field_start);
        field_from = std::string_view::npos;
      }
    } else {
      if (field_from == std::string_view::npos) {
        field_from = at;
        field_start = col;
      }
      field_to = i;
      spaces = 0;
    }
    col += w;
  }
  if (field_from != std::string_view::npos) add_piece(field_from, field_to, field_start);
  width = col;
  return used;
}

}  // namespace

LineInfo analyse(std::string_view text, std::vector<Field>* keep, bool defer_one_field, std::vector<Field>* split) {
  LineInfo info;
  if (text.size() > max_row_bytes) {
    info.readable = false;
    info.blank = false;
    return info;
  }
  if (!keep) {
    std::size_t lead = 0;
    while (lead < text.size() && text[lead] == ' ') ++lead;
    const std::string_view body = text.substr(lead);
    // Nothing but spaces: no field, as wide as its spaces (what the split below finds).
    if (body.empty()) {
      if (split) split->clear();
      info.width = static_cast<int>(text.size());
      return info;
    }
    if (body.find('\t') == std::string_view::npos) {
      // A single token ("3001", "（一）予以公开"): one field, a value or a label.
      if (body.find(' ') == std::string_view::npos) {
        if (defer_one_field) return pending_one_field();
        return one_field(text, lead, body, is_value_text(body), marks_of(text));
      }
      // One piece whose last two tokens are not both values is one field whatever its marks and
      // digits (summary_unsplit defers it on each of its paths): most lines of PDF text, told so
      // without reading their marks.
      if (defer_one_field && body.find("  ") == std::string_view::npos && one_piece_one_field(body))
        return pending_one_field();
    }
  }
  const Marks marks = marks_of(text);
  if (!keep)
    if (const std::optional<LineInfo> unsplit = summary_unsplit(text, marks, defer_one_field)) return *unsplit;
  thread_local Scratch scratch;
  int width = 0;
  const std::size_t used = split_pieces(text, scratch, width);
  std::vector<Field>& fields = keep ? *keep : split ? *split : scratch.fields;
  fields_of_pieces(scratch.pieces, used, scratch.value_piece, fields);
  info.width = width;
  if (fields.empty()) return info;
  info.blank = false;
  std::uint32_t v = 0;
  for (auto it = fields.rbegin(); it != fields.rend() && it->value; ++it) ++v;
  info.fields = static_cast<std::uint16_t>(fields.size());
  info.values = static_cast<std::uint16_t>(v);
  info.labels = static_cast<std::uint16_t>(info.fields - v);
  info.indent = fields.front().start;
  if (v > 0) info.value_start = fields[info.labels].start;
  info.sentence = marks.sentence;
  info.comma = marks.comma;
  const std::string_view last = fields.back().text;
  info.lead_in = (last.size() >= 3 && last.substr(last.size() - 3) == "：") || (!last.empty() && last.back() == ':');
  // One value after a label is the weakest evidence: not when the label reads like a clause.
  bool clause = false;
  for (std::size_t k = 0; k < info.labels && !clause; ++k) clause = contains_any(fields[k].text, {"，", ","});
  info.numeric = v >= 1 && (v >= 2 || (info.labels >= 1 && !clause)) && !info.sentence;
  const std::string_view first = fields.front().text;
  const bool level1 = is_level1_heading(first);
  info.numbered = is_sub_numbered(first) || level1;
  info.heading = fields.size() == 1 && !fields[0].value && level1;
  return info;
}

int full_width(const std::vector<LineInfo>& infos, const Lines& lines) {
  std::vector<int> widths;
  for (std::size_t i = 0; i < infos.size(); ++i) {
    const LineInfo& l = infos[i];
    if (l.blank || !l.readable) continue;
    const int w = l.width >= 0 ? l.width : static_cast<int>(lines.width(i));
    if (w >= 20) widths.push_back(w);
  }
  if (widths.size() < 3) return 0;
  const std::size_t k = widths.size() * 8 / 10;
  std::nth_element(widths.begin(), widths.begin() + static_cast<std::ptrdiff_t>(k), widths.end());
  return widths[k];
}

}  // namespace nianbao::extract::text_tables
