// Plain-text reader: lines → (text tables, paragraphs). PDF-extracted text breaks sentences
// across lines and puts page footers between them; a paragraph continues while its lines run
// to the full width of the page and stops at a blank line, an indented or numbered line, a
// short line or a sentence end. A whole report flattened onto one line stays one paragraph
// here; build_sections splits it.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "extract/extract.h"
#include "extract/internal/first_char.h"
#include "extract/internal/lines.h"
#include "normalize/clean_kept.h"
#include "normalize/normalize.h"

namespace nianbao::extract {
namespace {

namespace nz = nianbao::normalize;

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

std::size_t indentation(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && (s[n] == ' ' || s[n] == '\t')) ++n;
  return n;
}

// A run of blank lines longer than this keeps only its first lines (the line numbers and offsets
// of the lines after it are still true). The longest run that means anything: one cell per line
// with a row's 20 cells all empty, each printed as two or three empty lines (text_tables_stacked.cc),
// or a page break inside a table (at most 8): about 60. Beyond it a run of blank lines says no
// more than one does, and a file of newlines would cost a line record per byte.
constexpr std::size_t max_blank_run = 100;

// A text whose every line feed follows two carriage returns ends its lines with CR CR LF: CRLF
// line ends converted to CRLF once more (a text-mode write of Windows text). That is one line
// end, not a line end and an empty line: read so, the gaps between a table's cells stay what the
// document printed (an empty line between cells is an empty cell).
bool ends_lines_with_cr_cr_lf(std::string_view text) {
  std::size_t feeds = 0;
  for (std::size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1), ++feeds)
    if (at < 2 || text[at - 1] != '\r' || text[at - 2] != '\r') return false;
  return feeds > 0;
}

// Where the text holds a character that line cleaning may change, the bytes cleaned from it on
// (to its line's end at most) before the rest of the text is scanned again
// (normalize/clean_kept.h): a window of the scan. Text dense with such characters (controls,
// spaces of every kind) costs a scan per stretch, not per character; an indent of U+3000 a
// stretch a line. (Cleaning only up to the next ideograph made the scan read the whole of
// each indented line: +0.2 M instructions on indented corpus texts.)
constexpr std::size_t cleaned_stretch = 32;

// Lines of the input, cleaned into the lines' one buffer (a line is its start and length in
// it); page footers and the blank lines around them removed so that a sentence broken by a page
// break joins again.
Lines split_lines(std::string_view text, const Limits& limits, std::vector<Diagnostic>& diags) {
  Lines lines;
  std::string& buffer = lines.buffer();
  // Cleaning never gives more than three bytes per input byte (append_clean_line): the buffer
  // never grows again, and pages of it that are never written are never resident.
  buffer.reserve(3 * text.size() + 1);
  std::size_t feeds = 0;  // memchr from line feed to line feed: std::count compares byte by byte
  for (const char *p = text.data(), *end = p + text.size();
       p != end && (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr; ++p)
    ++feeds;
  lines.reserve(feeds + 1);  // no regrowth
  std::size_t blank_run = 0;
  const bool cr_cr_lf = ends_lines_with_cr_cr_lf(text);
  // Cleaning keeps nearly every character of a report as it is: the text before `kept_to` (a
  // character start) is copied, cleaned from there on for a stretch, and scanned again after it.
  std::size_t kept_to = nz::line_cleaning_kept_prefix(text);
  const auto append_clean = [&](std::size_t from, std::size_t to) {  // a line or a piece of one
    while (to > kept_to) {
      if (from < kept_to) buffer.append(text.data() + from, kept_to - from);
      from = std::max(from, kept_to);  // a character start (a line's or a piece's start at least)
      std::size_t next = std::min(to, from + cleaned_stretch);
      while (next < to && nz::is_continuation_byte(text[next])) ++next;
      nz::append_clean_line(buffer, text.substr(from, next - from));
      from = next;
      kept_to = next + nz::line_cleaning_kept_prefix(text.substr(next));
    }
    buffer.append(text.data() + from, to - from);
  };
  const auto add = [&](std::string_view raw, std::size_t number, std::size_t offset) {
    const std::size_t from = buffer.size();
    append_clean(offset, offset + raw.size());
    const std::string_view clean = std::string_view(buffer).substr(from);
    blank_run = is_blank(clean) ? blank_run + 1 : 0;
    if (blank_run > max_blank_run) {
      buffer.resize(from);
      return;
    }
    const SourcePos at = text_pos(number, offset);
    lines.add(from, at.line, at.offset);
  };
  std::size_t start = 0, number = 1;
  // The next '\r' and '\n' at or after `start`, each searched again only once passed
  // (string_view::find_first_of called memchr on its two-byte set at every byte of the text).
  std::size_t next_cr = text.find('\r'), next_lf = text.find('\n');
  auto next_of = [&](char c, std::size_t& at) {
    if (at != std::string_view::npos && at < start) at = text.find(c, start);
    return at;
  };
  while (start <= text.size()) {
    std::size_t end = std::min(next_of('\r', next_cr), next_of('\n', next_lf));
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    // Bound a single line (a flattened report can be one line; a hostile one can be huge).
    while (raw.size() > limits.max_line_bytes) {
      std::size_t cut = limits.max_line_bytes;
      while (cut > 0 && nz::is_continuation_byte(raw[cut])) --cut;
      // A limit smaller than the character there: cut after the character, so a cut always progresses.
      if (cut == 0) cut = std::min(raw.size(), std::max<std::size_t>(limits.max_line_bytes, 1) + 3);
      while (cut < raw.size() && nz::is_continuation_byte(raw[cut])) ++cut;
      add(raw.substr(0, cut), number, start);
      diags.push_back({Severity::warning, "limit.line-bytes",
                       "line longer than " + std::to_string(limits.max_line_bytes) + " bytes was cut", text_pos(number, start)});
      raw.remove_prefix(cut);
      start += cut;
    }
    add(raw, number, start);
    if (end >= text.size()) break;
    const bool three = cr_cr_lf && end + 2 < text.size() && text[end + 1] == '\r' && text[end + 2] == '\n';
    start = end + (three ? 3 : (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);
    ++number;
  }
  // Drop page footers with the blank lines that surround them, in place (the kept lines are
  // compacted to the front: no second vector of lines).
  std::size_t kept = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!is_page_footer(lines[i].text)) {
      if (kept != i) lines.move_line(kept, i);
      ++kept;
      continue;
    }
    while (kept > 0 && is_blank(lines[kept - 1].text)) --kept;
    while (i + 1 < lines.size() && is_blank(lines[i + 1].text)) ++i;
  }
  lines.resize(kept);
  return lines;
}

// The width a full line of running text has in this document (80th percentile of the widths
// of lines that hold prose, outside the tables: table rows are wider), 0 when there is no such line.
// A text of fewer prose lines than that (a report flattened onto one line) has no full width:
// its lines are not measured (display_width of the whole text was a pass over it for nothing).
constexpr std::size_t min_prose_lines = 3;

std::size_t full_line_width(const Lines& lines, const std::vector<TextTable>& tables) {
  // The lines measured: outside the tables, not blank, no tab.
  const auto each_prose_line = [&](auto&& visit) {
    std::size_t next_table = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      while (next_table < tables.size() && tables[next_table].end <= i) ++next_table;
      if (next_table < tables.size() && tables[next_table].first <= i) continue;
      const Line& l = lines[i];
      if (lines.has_tab(i) || is_blank(l.text)) continue;
      if (!visit(i)) return;
    }
  };
  std::size_t prose = 0;  // counted up to min_prose_lines (the first lines of a text, usually)
  each_prose_line([&](std::size_t) { return ++prose < min_prose_lines; });
  if (prose < min_prose_lines) return 0;
  std::vector<std::size_t> widths;
  each_prose_line([&](std::size_t i) {
    if (const std::size_t w = lines.width(i); w >= 20) widths.push_back(w);
    return true;
  });
  if (widths.size() < min_prose_lines) return 0;
  std::sort(widths.begin(), widths.end());
  return widths[widths.size() * 8 / 10];
}

bool ends_sentence(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  static const char* const enders[] = {"。", "！", "？", "；", "!", "?", "。”", "。）"};
  for (const char* e : enders) {
    const std::string_view es(e);
    if (s.size() >= es.size() && s.substr(s.size() - es.size()) == es) return true;
  }
  return false;
}

// A line that starts with a heading-like number: 一、 （一） (一) 1. 1、 （1） (1) ### …
bool starts_numbered(std::string_view s) {
  if (const char32_t c = plain_first_char(s); c != 0 && c != '#' && !may_start_list_number(s)) return false;
  const std::string f = fold_prefix(s, 24);
  return f.starts_with('#') || nz::parse_list_number(f).heading_like();
}

// A line of nothing but numbers ("31", "0 0 1", "-18", "75394432.52元").
bool only_numbers(std::string_view s) {
  bool digit = false;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = nz::next_code_point(s, i);
    if (c >= '0' && c <= '9') digit = true;
    else if (!(c == ' ' || c == '\t' || c == '.' || c == ',' || c == '-' || c == '+' || c == U'元' || c == U'万'))
      return false;
  }
  return digit;
}

// Strip a markdown heading marker ("## 一、总体情况" → "一、总体情况").
std::string_view strip_markdown_heading(std::string_view s, bool& was_heading) {
  const std::size_t ind = indentation(s);
  std::size_t i = ind;
  while (i < s.size() && s[i] == '#') ++i;
  was_heading = i > ind && i - ind <= 6 && (i == s.size() || s[i] == ' ');
  if (!was_heading) return s;
  while (i < s.size() && s[i] == ' ') ++i;
  return s.substr(i);
}

// A line that join_clean_line_views gives back as it is: no blank at its ends, no tab, no run of
// spaces (a paragraph of one such line is most of a flattened report).
bool joined_as_is(std::string_view line) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  return !line.empty() && !blank(line.front()) && !blank(line.back()) && line.find('\t') == std::string_view::npos &&
         line.find("  ") == std::string_view::npos;
}

class ParagraphBuilder {
 public:
  ParagraphBuilder(std::vector<Block>& out, const Lines& lines, std::size_t full_width)
      : out_(out), lines_(lines), full_width_(full_width) {}

  void add(std::size_t index) {
    const Line line = lines_[index];
    if (is_blank(line.text)) {
      flush();
      return;
    }
    bool markdown_heading = false;
    const std::string_view body = strip_markdown_heading(line.text, markdown_heading);
    const std::size_t indent = indentation(line.text);
    const bool numbered = starts_numbered(body);
    const bool body_numbers = only_numbers(body);
    if (!pieces_.empty()) {
      const bool tabs = lines_.has_tab(index) || last_has_tab_;
      // A column of numbers (one value per line, as PDF text in reading order gives a table
      // column) stays one paragraph: the blank line after it is the column's end.
      const bool numbers = body_numbers && last_only_numbers_;
      const bool continues = numbers || (full_width_ > 0 && !markdown_heading && !numbered && !tabs &&
                                         indent <= base_indent_ + 1 && !ends_sentence(pieces_.back()) &&
                                         lines_.width(last_line_) * 10 >= full_width_ * 8);
      if (!continues) flush();
    }
    if (pieces_.empty()) {
      pos_ = {line.number, line.offset};
      base_indent_ = indent;
      if (indent >= 2 && full_width_ > 0) base_indent_ = 0;  // first-line indent of a paragraph
    }
    pieces_.emplace_back(body);
    last_line_ = index;  // its width is measured only when a next line may continue it
    last_has_tab_ = lines_.has_tab(index);
    last_only_numbers_ = body_numbers;
    if (markdown_heading || full_width_ == 0) flush();
  }

  void flush() {
    if (pieces_.empty()) return;
    Block b;
    b.kind = BlockKind::paragraph;
    b.pos = pos_;
    if (pieces_.size() == 1 && joined_as_is(pieces_[0])) {
      b.text = pieces_[0];  // what the join would give, without the copy in between
      pieces_.clear();
      out_.push_back(std::move(b));
      return;
    }
    nz::join_clean_line_views(pieces_, joined_);
    pieces_.clear();
    if (joined_.empty()) return;
    b.text = joined_;
    out_.push_back(std::move(b));
  }

 private:
  std::vector<Block>& out_;
  const Lines& lines_;
  std::size_t full_width_;
  std::vector<std::string_view> pieces_;  // views of the reader's line buffer
  std::string joined_;  // the paragraph being joined (reused: the block keeps a copy of its size)
  std::size_t last_line_ = 0;  // the last line added
  bool last_has_tab_ = false;  // tab-separated lines are records, never joined
  bool last_only_numbers_ = false;
  std::size_t base_indent_ = 0;
  SourcePos pos_;
};

}  // namespace

void Lines::find_marks() const {
  marks_.assign(stored_.size(), 0);
  const char* const data = buffer_.data();
  // Each occurrence of the byte, in buffer order, is looked up among the lines (in buffer order
  // too; a removed footer's bytes lie between them): a cursor that only moves on.
  const auto mark = [&](char byte, std::uint8_t bit, auto&& holds) {
    std::size_t line = 0, at = 0;
    while (at < buffer_.size() && line < stored_.size()) {
      const void* hit = std::memchr(data + at, byte, buffer_.size() - at);
      if (!hit) return;
      const std::size_t h = static_cast<std::size_t>(static_cast<const char*>(hit) - data);
      while (line < stored_.size() && std::size_t{stored_[line].start} + stored_[line].length <= h) ++line;
      if (line == stored_.size()) return;
      const std::size_t start = stored_[line].start, end = start + stored_[line].length;
      at = h + 1;
      if (h < start || !holds(h, end)) continue;
      marks_[line] |= bit;
      at = end;  // marked: the rest of the line need not be read
    }
  };
  mark('\t', tab_mark, [](std::size_t, std::size_t) { return true; });
  mark('\xE2', box_mark, [&](std::size_t h, std::size_t end) { return h + 1 < end && (data[h + 1] == '\x94' || data[h + 1] == '\x95'); });
}

bool is_page_footer(std::string_view line) {
  // A footer starts with a dash or 第 (most lines do not: spares the fold and the count below).
  if (const char32_t c = plain_first_char(line); c != 0 && c != '-' && c != '~' && c != U'第') return false;
  // A full-width form of ASCII first (（一）…, ：…): the fold starts with its ASCII form, a dash only
  // for － and ～ (spares the fold of the many lines that start with a full-width parenthesis).
  if (const std::size_t at = indentation(line); at + 2 < line.size() && line[at] == '\xEF') {
    std::size_t i = at;
    const char32_t c = nz::next_code_point(line, i);
    if (c >= 0xFF01 && c <= 0xFF5E && c != 0xFF0D && c != 0xFF5E) return false;
  }
  // Footers are short: a few characters besides spaces.
  std::size_t visible = 0;
  for (char c : line)
    if (c != ' ' && c != '\t' && ++visible > 30) return false;
  if (visible == 0) return false;
  const std::string f = nz::fold(line);
  if (f.empty() || f.size() > 24) return false;
  // -1-  —5—  - 12 -  －3－  ~4~
  static const std::string dashes[] = {"-", "—", "–", "~", "―"};
  for (const std::string& d : dashes) {
    if (f.size() > 2 * d.size() && f.compare(0, d.size(), d) == 0 && f.compare(f.size() - d.size(), d.size(), d) == 0) {
      const std::string mid = f.substr(d.size(), f.size() - 2 * d.size());
      std::string digits = mid;
      // "—5—" may fold to "—5—" or "-5-"; the middle must be 1–4 digits.
      if (!digits.empty() && digits.size() <= 4 &&
          std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return true;
    }
  }
  // 第 3 页 / 第3页共12页
  if (f.rfind("第", 0) == 0 && f.find("页") != std::string::npos) {
    std::string rest = f.substr(3);
    bool digits_only = true;
    for (std::size_t i = 0; i < rest.size();) {
      if (std::isdigit(static_cast<unsigned char>(rest[i]))) { ++i; continue; }
      if (rest.compare(i, 3, "页") == 0 || rest.compare(i, 3, "共") == 0) { i += 3; continue; }
      digits_only = false;
      break;
    }
    return digits_only;
  }
  return false;
}

Document read_text(std::string_view utf8, const Limits& limits, std::string* owner) {
  Document doc;
  const Lines lines = split_lines(utf8, limits, doc.diagnostics);
  if (owner) std::string().swap(*owner);
  std::vector<TextTable> tables = find_text_tables(lines, limits, doc.diagnostics);
  // At most one block per line: reserved once, no regrowth (pages never filled are never resident).
  doc.blocks.reserve(lines.size());
  ParagraphBuilder paragraphs(doc.blocks, lines, full_line_width(lines, tables));
  std::size_t t = 0;
  for (std::size_t i = 0; i < lines.size();) {
    while (t < tables.size() && tables[t].end <= i) ++t;
    if (t < tables.size() && tables[t].first == i) {
      paragraphs.flush();
      Block b;
      b.kind = BlockKind::table;
      b.edit_table() = std::move(tables[t].table);  // only its lines' range is read again
      b.pos = {lines[i].number, lines[i].offset};
      doc.blocks.push_back(std::move(b));
      i = tables[t].end;
      ++t;
      continue;
    }
    paragraphs.add(i);
    ++i;
  }
  paragraphs.flush();
  return doc;
}

// Within the first 2 KB, case-insensitively. Each '<' is found by memchr and the tags compared
// there (no lower-cased copy of the head: the test runs on every text input).
bool looks_like_html(std::string_view bytes) {
  static constexpr std::string_view tags[] = {"<!doctype html", "<html", "<head", "<body", "<meta",
                                              "<div",           "<p>",   "<p ",   "<table", "<span"};
  const std::string_view head = bytes.substr(0, std::min<std::size_t>(bytes.size(), 2048));
  auto tag_at = [&](std::size_t at, std::string_view tag) {
    if (head.size() - at < tag.size()) return false;
    for (std::size_t k = 1; k < tag.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(head[at + k])) != tag[k]) return false;
    return true;
  };
  for (std::size_t at = 0; at < head.size(); ++at) {
    const void* lt = std::memchr(head.data() + at, '<', head.size() - at);
    if (!lt) break;
    at = static_cast<std::size_t>(static_cast<const char*>(lt) - head.data());
    for (std::string_view tag : tags)
      if (tag_at(at, tag)) return true;
  }
  return false;
}

}  // namespace nianbao::extract
