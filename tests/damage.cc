// The damage generator (see damage.h). Each damage edits the source bytes the way a careless
// typist, an OCR engine or a PDF converter does; none reads our own output to decide where.
#include "tests/damage.h"

#include <algorithm>
#include <cstring>

#include "normalize/normalize.h"
#include "schema/internal/labels.h"
#include "schema/template.h"

namespace nianbao::test {
namespace {

namespace nz = nianbao::normalize;
using damage::is_pipe_row;
using damage::is_tab_row;
using damage::join_lines;
using damage::lines_of;
using damage::trimmed;

// The code points of a UTF-8 string, each as its own bytes.
std::vector<std::string> code_points(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    nz::next_code_point(s, i);
    out.push_back(s.substr(at, i - at));
  }
  return out;
}

std::string join_points(const std::vector<std::string>& cps) {
  std::string out;
  for (const std::string& c : cps) out += c;
  return out;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
  return text;
}

bool is_space_at(const std::string& t, std::size_t end, std::size_t& width) {
  static const char* spaces[] = {" ", "\t", "\r", "\n", "\u3000", "&nbsp;", "\u00a0"};
  for (const char* s : spaces) {
    const std::size_t n = std::strlen(s);
    if (end >= n && t.compare(end - n, n, s) == 0) {
      width = n;
      return true;
    }
  }
  return false;
}

// Where the list number before `pos` starts ("三、" "四." possibly with spaces or tags
// between it and the heading text), or npos when `pos` does not follow a list number.
std::size_t number_before(const std::string& t, std::size_t pos) {
  std::size_t end = pos, width = 0;
  for (int guard = 0; guard < 20 && end > 0; ++guard) {
    if (is_space_at(t, end, width)) end -= width;
    else if (t[end - 1] == '>') {
      const std::size_t open = t.rfind('<', end - 1);
      if (open == std::string::npos) return std::string::npos;
      end = open;
    } else break;
  }
  std::size_t mark = 0;
  for (const char* m : {"、", ".", "．"})
    if (end >= std::strlen(m) && t.compare(end - std::strlen(m), std::strlen(m), m) == 0) mark = std::strlen(m);
  if (mark == 0) return std::string::npos;
  std::size_t start = end - mark;
  static const std::string numerals = "一二三四五六七八九十";
  while (start >= 3 && numerals.find(t.substr(start - 3, 3)) != std::string::npos) start -= 3;
  return start == end - mark ? std::string::npos : start;
}

// The text after the list number of a whitespace-free heading ("三、收到…" → "收到…").
std::string heading_body(const std::string& heading) {
  const std::size_t mark = heading.find("、");
  return mark == std::string::npos ? heading : heading.substr(mark + 3);
}

// The report's level-1 headings whose section holds a template table.
std::vector<std::string> table_headings(const Expected& e) {
  std::vector<std::string> out;
  const schema::Template* t = schema::find_template(e.template_id);
  if (!t) return out;
  for (const std::string& h : e.sections) {
    const std::string key = schema::label_key(h);
    for (const schema::TableDef& table : t->tables) {
      const schema::SectionDef* s = t->section(table.section);
      if (s && key.find(s->match) != std::string::npos && std::find(out.begin(), out.end(), h) == out.end()) out.push_back(h);
    }
  }
  return out;
}

// Applies `edit` to every occurrence of `body` that stands after a list number.
template <typename Edit>
std::string edit_headings(std::string text, const std::string& body, Edit edit) {
  for (std::size_t at = 0; (at = text.find(body, at)) != std::string::npos;) {
    const std::size_t number = number_before(text, at);
    if (number == std::string::npos) {
      at += body.size();
      continue;
    }
    at = edit(text, number, at);
  }
  return text;
}

Variant heading_typo(const std::string& source, const Expected& e) {
  std::string text = source;
  for (const std::string& h : e.sections) {
    const std::string body = heading_body(h);
    std::vector<std::string> cps = code_points(body);
    if (cps.size() < 4) continue;
    cps.insert(cps.begin() + static_cast<long>(cps.size() / 2), "法");
    const std::string typo = join_points(cps);
    text = edit_headings(text, body, [&](std::string& t, std::size_t, std::size_t at) {
      t.replace(at, body.size(), typo);
      return at + typo.size();
    });
  }
  return {text == source ? "" : text, {}};
}

Variant heading_removed(const std::string& source, const Expected& e) {
  std::string text = source;
  for (const std::string& h : table_headings(e)) {
    const std::string body = heading_body(h);
    text = edit_headings(text, body, [&](std::string& t, std::size_t number, std::size_t at) {
      t.erase(at, body.size());
      const std::size_t mark_end = t.find_first_of(".\xe3\xef", number);  // 、 (e3…) ． (ef…) .
      const std::size_t cut = t[mark_end] == '.' ? mark_end + 1 : mark_end + 3;
      t.erase(number, cut - number);
      return number;
    });
  }
  return {text == source ? "" : text, {}};
}

// The report's level-1 heading of the section holding `table`, "" when it has none.
std::string heading_of_table(const Expected& e, const std::string& table) {
  const schema::Template* t = schema::find_template(e.template_id);
  const schema::TableDef* def = t ? t->table(table) : nullptr;
  const schema::SectionDef* s = def ? t->section(def->section) : nullptr;
  if (!s) return "";
  for (const std::string& h : e.sections)
    if (schema::label_key(h).find(s->match) != std::string::npos) return h;
  return "";
}

// The headings of the sections of tables `x` and `y` swapped, their numbers kept: each table then
// stands under the other's heading ("三、政府信息公开行政复议…" over 表三).
Variant swap_headings(const std::string& source, const Expected& e, const char* x, const char* y) {
  const std::string a = heading_body(heading_of_table(e, x)), b = heading_body(heading_of_table(e, y));
  if (a.empty() || b.empty() || a == b) return {};
  const std::string mark = "\x01";
  auto swap_to = [](const std::string& from, const std::string& to) {
    return [from, to](std::string& t, std::size_t, std::size_t at) {
      t.replace(at, from.size(), to);
      return at + to.size();
    };
  };
  std::string text = edit_headings(source, a, swap_to(a, mark));
  text = edit_headings(text, b, swap_to(b, a));
  text = replace_all(text, mark, b);
  return {text == source || text.find(mark) != std::string::npos ? "" : text, {}};
}

Variant headings_swapped(const std::string& s, const Expected& e) { return swap_headings(s, e, "t3", "t4"); }
Variant headings_swapped_2_3(const std::string& s, const Expected& e) { return swap_headings(s, e, "t2.art20_1", "t3"); }

// Where the block (paragraph, heading, cell) holding byte `at` of an HTML page starts: the last
// <p, <div or <h1…<h6 before it; `at` itself in text.
std::size_t block_start(const std::string& t, std::size_t at) {
  if (t.find("<tr") == std::string::npos) return t.rfind('\n', at) == std::string::npos ? 0 : t.rfind('\n', at) + 1;
  std::size_t best = 0;
  for (const char* tag : {"<p", "<P", "<div", "<DIV", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6"})
    if (const std::size_t b = t.rfind(tag, at); b != std::string::npos) best = std::max(best, b);
  return best;
}

// 表四 moved under section 三: the heading of 表四's section moved after its table, right before
// the next level-1 heading, so that 表四 ends section 三 and section 四 stands empty.
Variant table_moved(const std::string& source, const Expected& e) {
  const std::string h = heading_of_table(e, "t4");
  const auto it = std::find(e.sections.begin(), e.sections.end(), h);
  if (h.empty() || it == e.sections.end() || it + 1 == e.sections.end()) return {};
  const std::string body = heading_body(h), next = heading_body(*(it + 1));
  std::string text = source, number;
  std::size_t removed_at = std::string::npos;
  text = edit_headings(text, body, [&](std::string& t, std::size_t num, std::size_t at) {
    if (removed_at != std::string::npos) return at + body.size();
    number = t.substr(num, at - num);
    t.erase(num, at + body.size() - num);
    removed_at = num;
    return num;
  });
  if (removed_at == std::string::npos) return {};
  std::size_t inserted = std::string::npos;
  text = edit_headings(text, next, [&](std::string& t, std::size_t num, std::size_t at) {
    if (inserted != std::string::npos || num < removed_at) return at + next.size();
    const std::size_t b = block_start(t, num);
    const bool html = t.find("<tr") != std::string::npos;
    const std::string line = html ? "<p>" + number + body + "</p>\n" : number + body + "\n\n";
    t.insert(b, line);
    inserted = b;
    return at + line.size() + next.size();
  });
  if (inserted == std::string::npos) return {};
  return {text, {}};
}

// Row labels of the report's template without their list number, longest first.
std::vector<std::string> row_label_bodies(const Expected& e) {
  std::vector<std::string> out;
  const schema::Template* t = schema::find_template(e.template_id);
  if (!t) return out;
  for (const schema::TableDef& table : t->tables)
    for (const schema::RowDef& row : table.rows)
      for (const std::string& label : row.labels) {
        std::vector<std::string> cps = code_points(label);
        std::size_t skip = 0;
        static const std::string marks = "、.．)）";
        for (std::size_t i = 0; i < std::min<std::size_t>(cps.size(), 5); ++i)
          if (marks.find(cps[i]) != std::string::npos) skip = i + 1;
        cps.erase(cps.begin(), cps.begin() + static_cast<long>(skip));
        const std::string body = join_points(cps);
        if (cps.size() >= 4 && std::find(out.begin(), out.end(), body) == out.end()) out.push_back(body);
      }
  std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}

Variant label_typo(const std::string& source, const Expected& e, bool doubled) {
  std::string text = source;
  for (const std::string& body : row_label_bodies(e)) {
    std::vector<std::string> cps = code_points(body);
    const auto mid = cps.begin() + static_cast<long>(cps.size() / 2);
    if (doubled) cps.insert(mid, *mid);
    else cps.erase(mid);
    text = replace_all(text, body, join_points(cps));
  }
  return {text == source ? "" : text, {}};
}

Variant label_char_dropped(const std::string& s, const Expected& e) { return label_typo(s, e, false); }
Variant label_char_doubled(const std::string& s, const Expected& e) { return label_typo(s, e, true); }

// Characters an OCR engine takes for their look-alikes in these reports.
Variant ocr_confusion(const std::string& source, const Expected&) {
  std::string text = source;
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"已", "己"}, {"予", "子"}, {"未", "末"}, {"沭", "沐"}})
    text = replace_all(text, from, to);
  return {text == source ? "" : text, {}};
}

Variant bare_cr(const std::string& source, const Expected&) {
  const std::string text = replace_all(replace_all(source, "\r\n", "\r"), "\n", "\r");
  return {text == source ? "" : text, {}};
}

Variant crlf(const std::string& source, const Expected&) {
  if (source.find('\r') != std::string::npos) return {};
  return {replace_all(source, "\n", "\r\n"), {}};
}


// Splits each html table with at least six rows in the middle, repeating its first row.
std::string split_html_tables(const std::string& source) {
  std::string text = source;
  for (std::size_t at = 0; (at = text.find("<table", at)) != std::string::npos;) {
    const std::size_t end = text.find("</table>", at);
    if (end == std::string::npos) break;
    std::vector<std::size_t> rows;
    for (std::size_t r = at; (r = text.find("<tr", r)) != std::string::npos && r < end; r += 3) rows.push_back(r);
    if (rows.size() < 6) {
      at = end;
      continue;
    }
    const std::size_t header_end = text.find("</tr>", rows[0]);
    const std::string header = text.substr(rows[0], header_end + 5 - rows[0]);
    const std::string cut = "</table>\n<p></p>\n<table>" + header;
    text.insert(rows[rows.size() / 2], cut);
    at = end + cut.size();
  }
  return text;
}

// A line with a field that is only a number is a data row: repeating it is no header.
bool has_number_field(const std::string& line) {
  std::string field;
  for (char c : line + "|") {
    if (c == '|' || c == '\t') {
      const std::size_t b = field.find_first_not_of(' '), e = field.find_last_not_of(' ');
      const std::string f = b == std::string::npos ? "" : field.substr(b, e - b + 1);
      if (!f.empty() && f.find_first_not_of("0123456789") == std::string::npos) return true;
      field.clear();
    } else field += c;
  }
  return false;
}

// Splits each block of at least six table lines (tab-separated or markdown pipes) in the
// middle with an empty line and a copy of its header line(s) — when its first line is a header.
std::string split_text_tables(const std::string& source) {
  std::vector<std::string> lines = lines_of(source);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < lines.size();) {
    const bool pipe = is_pipe_row(lines[i]);
    if (!pipe && !is_tab_row(lines[i])) {
      out.push_back(lines[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < lines.size() && (pipe ? is_pipe_row(lines[j]) : is_tab_row(lines[j]))) ++j;
    for (std::size_t k = i; k < j; ++k) {
      if (j - i >= 6 && k == i + (j - i) / 2 && !has_number_field(lines[i])) {
        out.push_back("");
        out.push_back(lines[i]);
        if (pipe && lines[i + 1].find("---") != std::string::npos) out.push_back(lines[i + 1]);
      }
      out.push_back(lines[k]);
    }
    i = j;
  }
  return join_lines(out);
}

Variant split_table(const std::string& source, const Expected&) {
  const std::string text = split_text_tables(split_html_tables(source));
  return {text == source ? "" : text, {}};
}

bool is_number(const std::string& s);

// A row printed over two lines, PDF-to-markdown style: the label with empty cells, then the
// numbers under empty label cells ("| 规章 | | |" / "| | 0 | 0 |"), in tab and pipe tables.
std::string split_row(const std::string& line) {
  const bool pipe = is_pipe_row(line);
  std::vector<std::string> fields;
  std::string cur;
  for (char c : line) {
    if (c == (pipe ? '|' : '\t')) {
      fields.push_back(cur);
      cur.clear();
    } else cur += c;
  }
  fields.push_back(cur);
  std::size_t first_number = fields.size();
  bool label = false;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string f = trimmed(fields[i]);
    if (f.empty()) continue;
    if (is_number(f)) {
      first_number = i;
      break;
    }
    label = true;
  }
  if (!label || first_number == fields.size()) return line;
  std::string top, bottom;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string sep = i == 0 ? "" : pipe ? "|" : "\t";
    const bool edge = pipe && (i == 0 || i + 1 == fields.size());  // outside the outer pipes
    top += sep + (i < first_number || edge ? fields[i] : std::string(pipe ? " " : ""));
    bottom += sep + (i < first_number && !(pipe && i == 0) ? std::string(pipe ? " " : "") : fields[i]);
  }
  return top + "\n" + bottom;
}

Variant row_split(const std::string& source, const Expected&) {
  std::vector<std::string> lines = lines_of(source);
  for (std::string& l : lines)
    if (is_tab_row(l) || is_pipe_row(l)) l = split_row(l);
  const std::string text = join_lines(lines);
  return {text == source ? "" : text, {}};
}

// The first row of 表三 (本年新收) loses its total: an empty cell where the total stood.
const char* const first_row_label = "本年新收";
const char* const first_row_total = "t3.new_received[total]";

bool is_number(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}


// In a line of fields (tabs, pipes or runs of spaces), the last numeric field emptied.
bool blank_last_field(std::string& line) {
  std::size_t end = line.find_last_of("0123456789");
  if (end == std::string::npos) return false;
  std::size_t begin = end;
  while (begin > 0 && std::isdigit(static_cast<unsigned char>(line[begin - 1]))) --begin;
  const char before = begin > 0 ? line[begin - 1] : '\0';
  const char after = end + 1 < line.size() ? line[end + 1] : '\0';
  auto separator = [](char c) { return c == '\t' || c == '|' || c == ' ' || c == '\0' || c == '\r'; };
  if (!separator(before) || !separator(after)) return false;
  line.replace(begin, end + 1 - begin, line.find('\t') == std::string::npos && line.find('|') == std::string::npos
                                           ? std::string(end + 1 - begin, ' ')
                                           : std::string());
  return true;
}

bool blank_total_in_lines(std::string& text) {
  std::vector<std::string> lines = lines_of(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find(first_row_label) == std::string::npos) continue;
    if (is_tab_row(lines[i]) || is_pipe_row(lines[i]) || lines[i].find("   ") != std::string::npos) {
      if (!blank_last_field(lines[i])) return false;
      text = join_lines(lines);
      return true;
    }
    // One cell per line: the seventh number after the label.
    int seen = 0;
    for (std::size_t j = i + 1; j < lines.size() && j < i + 40; ++j) {
      const std::string t = trimmed(lines[j]);
      if (t.empty()) continue;
      if (!is_number(t)) return false;
      if (++seen == 7) {
        lines[j] = "";
        text = join_lines(lines);
        return true;
      }
    }
    return false;
  }
  return false;
}

bool blank_total_in_html(std::string& text) {
  const std::size_t label = text.find(first_row_label);
  if (label == std::string::npos || text.find("<td", 0) == std::string::npos) return false;
  const std::size_t row_end = text.find("</tr>", label);
  if (row_end == std::string::npos) return false;
  const std::size_t cell = text.rfind("<td", row_end);
  if (cell == std::string::npos || cell < label) return false;
  // The digits of the cell's text (between '>' and '<', maybe over several spans), not of
  // its attributes.
  bool erased = false;
  std::size_t end = row_end;
  for (std::size_t open = text.find('>', cell); open != std::string::npos && open < end; open = text.find('>', open + 1)) {
    const std::size_t close = text.find('<', open);
    const std::string inner = trimmed(replace_all(text.substr(open + 1, close - open - 1), "&nbsp;", " "));
    if (is_number(inner)) {
      text.erase(open + 1, close - open - 1);
      end -= close - open - 1;
      erased = true;
    }
  }
  return erased;
}

Variant blank_total(const std::string& source, const Expected& e) {
  const auto it = e.cells.find(first_row_total);
  if (it == e.cells.end() || !is_number(it->second)) return {};
  std::string text = source;
  const bool html = source.find("<tr") != std::string::npos;
  if (!(html ? blank_total_in_html(text) : blank_total_in_lines(text))) return {};
  return {text, {{first_row_total, "blank"}}};
}

}  // namespace

// CRLF line ends converted to CRLF once more: CR CR LF.
Variant cr_cr_lf(const std::string& source, const Expected&) {
  if (source.find('\r') != std::string::npos) return {};
  return {replace_all(source, "\n", "\r\r\n"), {}};
}

const std::vector<Damage>& damages() {
  static const std::vector<Damage> all{
      {"heading-typo", heading_typo},
      {"heading-removed", heading_removed},
      {"headings-swapped", headings_swapped},
      {"headings-swapped-2-3", headings_swapped_2_3},
      {"table-moved", table_moved},
      {"label-char-dropped", label_char_dropped},
      {"label-char-doubled", label_char_doubled},
      {"ocr-confusion", ocr_confusion},
      {"bare-cr", bare_cr},
      {"crlf", crlf},
      {"cr-cr-lf", cr_cr_lf},
      {"split-table", split_table},
      {"row-split", row_split},
      {"blank-total", blank_total},
      {"cell-per-line", damage::cell_per_line},
      {"label-split", damage::label_split},
      {"header-fragments", damage::header_fragments},
  };
  return all;
}

namespace damage {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t nl; (nl = s.find('\n', from)) != std::string::npos; from = nl + 1) out.push_back(s.substr(from, nl - from));
  out.push_back(s.substr(from));
  return out;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}

std::string trimmed(const std::string& s) {
  const std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

}  // namespace damage

}  // namespace nianbao::test
