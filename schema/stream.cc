// The mapper's view of a document: text runs, number runs and table rows.
#include "schema/internal/stream.h"

#include <algorithm>

#include "normalize/normalize.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

// A code point as the number scanner sees it: full-width digits and signs as ASCII.
char32_t ascii_form(char32_t c) {
  if (c >= 0xFF10 && c <= 0xFF19) return U'0' + (c - 0xFF10);
  if (c == 0xFF0E) return U'.';
  if (c == 0xFF0D || c == 0x2212) return U'-';
  if (c == 0xFF0B) return U'+';
  if (c == 0xFF0C) return U',';
  return c;
}

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

struct Cp {
  char32_t c;        // ascii_form of the code point
  std::size_t at;    // byte offset
  std::size_t next;  // byte offset after it
};

std::string trim_spaces(std::string_view s) { return std::string(nz::trim(s, " ")); }

// The code points of `s`, in a buffer of the thread's reused by every paragraph (one at a time).
const std::vector<Cp>& code_points(std::string_view s) {
  thread_local std::vector<Cp> out;
  out.clear();
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t at = i;
    const char32_t c = nz::next_code_point(s, i);
    out.push_back({ascii_form(c), at, i});
  }
  return out;
}

// The run's pieces: cut at spaces, each in ASCII form.
std::vector<std::string> pieces_of(const std::vector<Cp>& cps, std::size_t from, std::size_t to) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t k = from; k < to; ++k) {
    if (cps[k].c == U' ') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
      continue;
    }
    nz::append_utf8(cur, cps[k].c);
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

namespace {

// tokenize_paragraph, its tokens appended to `all` (the region's), not gathered apart first.
void append_paragraph_tokens(std::string_view text, std::vector<Token>& all) {
  const std::vector<Cp>& cps = code_points(text);
  const std::size_t n = cps.size();
  const std::size_t first = all.size();
  std::vector<Token>& out = all;
  std::size_t text_start = 0;  // index into cps where the pending text run starts
  auto flush_text = [&](std::size_t end) {
    if (end > text_start) {
      std::string t = trim_spaces(text.substr(cps[text_start].at, cps[end - 1].next - cps[text_start].at));
      if (!t.empty()) {
        Token tok;
        tok.kind = Token::text_run;
        tok.text = std::move(t);
        out.push_back(std::move(tok));
      }
    }
  };
  std::size_t k = 0;
  while (k < n) {
    const char32_t c = cps[k].c;
    const bool sign_start = (c == U'-' || c == U'+') && k + 1 < n && is_digit(cps[k + 1].c);
    if (!is_digit(c) && !sign_start) {
      ++k;
      continue;
    }
    // Scan the run: digits, '.', ',', signs and spaces, each inner separator followed by a digit.
    std::size_t e = k + 1;
    while (e < n) {
      const char32_t d = cps[e].c;
      if (is_digit(d)) { ++e; continue; }
      if ((d == U'.' || d == U',') && e + 1 < n && is_digit(cps[e + 1].c)) { e += 2; continue; }
      if ((d == U'-' || d == U'+') && e + 1 < n && is_digit(cps[e + 1].c)) { e += 2; continue; }
      if (d == U' ') {
        std::size_t f = e;
        while (f < n && cps[f].c == U' ') ++f;
        if (f < n && (is_digit(cps[f].c) || ((cps[f].c == U'-' || cps[f].c == U'+') && f + 1 < n && is_digit(cps[f + 1].c)))) {
          e = f;
          continue;
        }
      }
      break;
    }
    std::size_t run_end = e;
    // A label number glued to the run ("…00000002.其他法律…"): the last digit opens the label.
    if (run_end < n && (cps[run_end].c == U'.' || cps[run_end].c == U'\u3001') && is_digit(cps[run_end - 1].c)) {
      std::size_t f = run_end + 1;
      while (f < n && cps[f].c == U' ') ++f;
      if (f < n && nz::is_cjk(cps[f].c)) --run_end;
    }
    // "(1)" "（2）" are enumeration marks, not values.
    const bool in_parens = k > 0 && (cps[k - 1].c == U'(' || cps[k - 1].c == U'\uFF08') && run_end < n &&
                           (cps[run_end].c == U')' || cps[run_end].c == U'\uFF09');
    if (run_end <= k || in_parens) {
      k = std::max(e, k + 1);
      continue;
    }
    // A unit right after the run belongs to it.
    std::size_t unit_end = run_end;
    if (run_end == e) {
      if (unit_end < n && cps[unit_end].c == U'\u4E07' && unit_end + 1 < n && cps[unit_end + 1].c == U'\u5143') unit_end += 2;  // 万元
      else if (unit_end < n && cps[unit_end].c == U'\u5143') unit_end += 1;  // 元
    }
    flush_text(k);
    Token num;
    num.kind = Token::number_run;
    num.text = trim_spaces(text.substr(cps[k].at, cps[unit_end - 1].next - cps[k].at));
    num.pieces = pieces_of(cps, k, unit_end);
    out.push_back(std::move(num));
    text_start = unit_end;
    k = unit_end;
  }
  flush_text(n);
  // Paragraph-level facts each token needs.
  const bool all_numbers =
      std::all_of(out.begin() + static_cast<long>(first), out.end(), [](const Token& t) { return t.kind == Token::number_run; });
  const std::size_t count = out.size() - first;
  for (std::size_t i = first; i < out.size(); ++i) {
    if (out[i].kind == Token::number_run) {
      out[i].loose = all_numbers;
      out[i].after_text = i > first && out[i - 1].kind == Token::text_run;
    } else {
      out[i].label_only = count == 1;
      out[i].next_is_number = i + 1 < out.size() && out[i + 1].kind == Token::number_run;
    }
  }
}

}  // namespace

std::vector<Token> tokenize_paragraph(std::string_view text) {
  std::vector<Token> out;
  append_paragraph_tokens(text, out);
  return out;
}

std::vector<Token> tokenize(const Report& report, std::size_t first, std::size_t end, std::size_t first_offset,
                            std::size_t end_offset) {
  std::vector<Token> out;
  const std::size_t last = end_offset > 0 ? end + 1 : end;
  for (std::size_t b = first; b < last && b < report.blocks.size(); ++b) {
    const Block& block = report.blocks[b];
    if (block.kind == BlockKind::paragraph) {
      std::string_view text = block.text;
      if (b == end && end_offset > 0) text = text.substr(0, std::min(end_offset, text.size()));
      if (b == first && first_offset > 0) text = text.substr(std::min(first_offset, text.size()));
      const std::size_t from = out.size();
      append_paragraph_tokens(text, out);
      for (std::size_t i = from; i < out.size(); ++i) {
        out[i].block = b;
        out[i].pos = block.pos;
      }
      continue;
    }
    for (const TableRow& row : block.table().rows) {
      Token t;
      t.kind = Token::table_row;
      t.block = b;
      t.pos = block.pos;
      if (row.pos.line > 0) t.pos.line = row.pos.line, t.pos.offset = row.pos.offset;
      t.cells.reserve(row.cells.size());
      t.readings.reserve(row.cells.size());
      for (const TableCell& c : row.cells) t.cells.push_back(c.text), t.readings.push_back(c.readings);
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace nianbao::schema
