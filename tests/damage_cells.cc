// The cell-layout damages of the generator (see damage.h): a report's tables printed one cell
// per line with an empty cell as an empty line (as PDF-to-text converters print them), a row
// label split over two cells, header rows cut in two (PDF-to-markdown). Each edits the source
// tables as printed — the text rows (tabs, markdown pipes) or the HTML cells — never our output.
#include <algorithm>
#include <cstdint>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "normalize/normalize.h"
#include "tests/damage.h"

namespace nianbao::test::damage {
namespace {

namespace nz = nianbao::normalize;

bool is_pipe_rule(const std::string& l) {
  return is_pipe_row(l) && l.find_first_not_of("|-: ") == std::string::npos;
}


// A count or an amount ("12", "4068.208").
bool is_number(const std::string& s) {
  const std::size_t dot = s.find('.');
  const std::string whole = s.substr(0, dot), decimals = dot == std::string::npos ? "" : s.substr(dot + 1);
  auto digits = [](const std::string& d) { return !d.empty() && d.find_first_not_of("0123456789") == std::string::npos; };
  return digits(whole) && (dot == std::string::npos || digits(decimals));
}


// The fields of a tab row, or of a pipe row between its outer pipes, untrimmed.
std::vector<std::string> fields_of(const std::string& line) {
  const bool pipe = is_pipe_row(line);
  std::string body = line;
  if (!body.empty() && body.back() == '\r') body.pop_back();
  if (pipe) {
    body = body.substr(1);
    if (!body.empty() && body.back() == '|') body.pop_back();
    else if (const std::size_t last = body.find_last_not_of(' '); last != std::string::npos && body[last] == '|')
      body.erase(last);
  }
  std::vector<std::string> out;
  std::string cur;
  for (char c : body) {
    if (c == (pipe ? '|' : '\t')) out.push_back(std::exchange(cur, {}));
    else cur += c;
  }
  out.push_back(cur);
  return out;
}

std::string row_of(const std::vector<std::string>& fields, bool pipe) {
  std::string out = pipe ? "|" : "";
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i && !pipe ? "\t" : "") + fields[i] + (pipe ? "|" : "");
  return out;
}

// The first row of 表三 (本年新收) and its total, which the one-cell-per-line variant leaves
// blank so that every report has an empty cell to place.
const char* const first_row_label = "本年新收";
const char* const first_row_total = "t3.new_received[total]";

// Empties the last number of the cells of the 本年新收 row; true when it did.
bool blank_first_row_total(std::vector<std::string>& cells) {
  bool labelled = false;
  for (const std::string& c : cells) labelled |= c.find(first_row_label) != std::string::npos;
  if (!labelled) return false;
  for (std::size_t i = cells.size(); i-- > 0;)
    if (is_number(trimmed(cells[i]))) {
      cells[i].clear();
      return true;
    }
  return false;
}

// ---------------------------------------------------------------------------------------
// HTML → text, one cell per line

void append_utf8(std::string& out, std::uint32_t c) { nz::append_utf8(out, static_cast<char32_t>(c)); }

// Character references of a page's text (&nbsp; &amp; &#12345; &#x3000; …).
std::string decode_entities(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    const std::string name = s.substr(i + 1, semi - i - 1);
    if (name == "nbsp") out += ' ';
    else if (name == "amp") out += '&';
    else if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "quot") out += '"';
    else if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      append_utf8(out, static_cast<std::uint32_t>(std::strtoul(name.c_str() + (hex ? 2 : 1), nullptr, hex ? 16 : 10)));
    } else {
      out += s.substr(i, semi - i + 1);
    }
    i = semi;
  }
  return out;
}

// Whitespace runs (ASCII, no-break, ideographic) as one space, trimmed.
std::string collapsed(const std::string& s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    const char32_t c = nz::next_code_point(s, i);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0x3000) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += s.substr(at, i - at);
  }
  return out;
}

std::string lower_tag_name(const std::string& html, std::size_t open, bool& closing) {
  std::size_t i = open + 1;
  closing = i < html.size() && html[i] == '/';
  if (closing) ++i;
  std::string name;
  while (i < html.size() && std::isalnum(static_cast<unsigned char>(html[i])))
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i++])));
  return name;
}

// The page as text: a line per paragraph, a line per table cell (an empty cell an empty
// line), the 本年新收 row's total emptied. `blanked` says whether it was.
std::string html_as_cell_lines(const std::string& html, bool blank, bool& blanked) {
  std::vector<std::string> lines;
  std::vector<std::string> row;  // the cells of the current table row
  std::string text;
  int cell_depth = 0;
  auto flush_text = [&]() {
    const std::string t = collapsed(decode_entities(text));
    text.clear();
    if (!t.empty()) lines.push_back(t);
  };
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      const std::size_t next = html.find('<', i);
      text += html.substr(i, (next == std::string::npos ? html.size() : next) - i);
      i = next == std::string::npos ? html.size() : next;
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      const std::size_t end = html.find("-->", i);
      i = end == std::string::npos ? html.size() : end + 3;
      continue;
    }
    bool closing = false;
    const std::string name = lower_tag_name(html, i, closing);
    const std::size_t close = html.find('>', i);
    i = close == std::string::npos ? html.size() : close + 1;
    if (!closing && (name == "script" || name == "style" || name == "head")) {
      const std::size_t end = html.find("</" + name, i);
      i = end == std::string::npos ? html.size() : html.find('>', end) + 1;
      continue;
    }
    if (name == "td" || name == "th") {
      if (!closing) {
        flush_text();
        ++cell_depth;
      } else if (cell_depth > 0) {
        row.push_back(collapsed(decode_entities(text)));
        text.clear();
        --cell_depth;
      }
      continue;
    }
    if (name == "tr" && closing) {
      blanked |= blank && blank_first_row_total(row);
      lines.insert(lines.end(), row.begin(), row.end());
      row.clear();
      continue;
    }
    static const char* const blocks[] = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "table", "tr", "section"};
    if (cell_depth == 0 && std::any_of(std::begin(blocks), std::end(blocks), [&](const char* b) { return name == b; }))
      flush_text();
  }
  flush_text();
  return join_lines(lines);
}

// ---------------------------------------------------------------------------------------
// PDF-to-markdown damage: labels split over two cells, header rows cut in two

// The code points of a string.
std::vector<std::string> points(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    nz::next_code_point(s, i);
    out.push_back(s.substr(at, i - at));
  }
  return out;
}

// A text cut in the middle of its characters: {"（三）不", "予公开"}; the second is empty for
// a text of one character.
std::pair<std::string, std::string> halves(const std::string& text) {
  const std::vector<std::string> cps = points(text);
  std::string a, b;
  for (std::size_t i = 0; i < cps.size(); ++i) (i < (cps.size() + 1) / 2 ? a : b) += cps[i];
  return {a, b};
}

// A row label worth splitting: text, at least this many characters (a label of two or three
// is a word a converter does not break).
constexpr std::size_t min_split_label_chars = 4;

// In the fields of a data row, the label: the last text field before its first number; npos
// when the row has no number or no such label.
std::size_t label_field(const std::vector<std::string>& fields) {
  std::size_t label = std::string::npos;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string t = trimmed(fields[i]);
    if (is_number(t)) return label;
    if (!t.empty() && points(t).size() >= min_split_label_chars) label = i;
  }
  return std::string::npos;
}

// The text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed.
std::string html_text(const std::string& fragment) {
  std::string out;
  for (std::size_t i = 0; i < fragment.size();) {
    if (fragment[i] == '<') {
      const std::size_t close = fragment.find('>', i);
      i = close == std::string::npos ? fragment.size() : close + 1;
    } else {
      out += fragment[i++];
    }
  }
  return collapsed(decode_entities(out));
}

// The cells of an HTML row [from, to): the byte range of each <td>/<th> element.
struct HtmlCell {
  std::size_t open = 0, inner = 0, close = 0, end = 0;  // <td…> | inner | </td> | after
};
std::vector<HtmlCell> html_cells(const std::string& html, std::size_t from, std::size_t to) {
  std::vector<HtmlCell> out;
  for (std::size_t at = from; at < to;) {
    const std::size_t td = std::min(html.find("<td", at), html.find("<th", at));
    if (td == std::string::npos || td >= to) break;
    HtmlCell c;
    c.open = td;
    c.inner = html.find('>', td) + 1;
    const std::size_t close = std::min(html.find("</td", c.inner), html.find("</th", c.inner));
    if (close == std::string::npos || close > to) break;
    c.close = close;
    c.end = html.find('>', close) + 1;
    out.push_back(c);
    at = c.end;
  }
  return out;
}

// Applies `edit_row(row_html, is_header)` to each <tr>…</tr> of the page, last first, with
// whether it stands before the first row with a number in its table.
template <typename Edit>
std::string edit_html_rows(const std::string& html, Edit edit_row) {
  struct Row {
    std::size_t from, to;
    bool header;
  };
  std::vector<Row> rows;
  bool seen_number = false;
  std::size_t current_table = std::string::npos;
  for (std::size_t at = 0; (at = html.find("<tr", at)) != std::string::npos;) {
    const std::size_t table = html.rfind("<table", at);
    if (table != current_table) seen_number = false, current_table = table;
    const std::size_t end = html.find("</tr>", at);
    if (end == std::string::npos) break;
    bool number = false;
    for (const HtmlCell& c : html_cells(html, at, end)) number |= is_number(html_text(html.substr(c.inner, c.close - c.inner)));
    rows.push_back({at, end + 5, !number && !seen_number});
    seen_number |= number;
    at = end + 5;
  }
  std::string out = html;
  for (std::size_t k = rows.size(); k-- > 0;) {
    const std::string row = out.substr(rows[k].from, rows[k].to - rows[k].from);
    out.replace(rows[k].from, rows[k].to - rows[k].from, edit_row(row, rows[k].header));
  }
  return out;
}

std::string split_html_label(const std::string& row, bool header) {
  if (header) return row;
  const std::vector<HtmlCell> cells = html_cells(row, 0, row.size());
  std::vector<std::string> texts;
  for (const HtmlCell& c : cells) texts.push_back(html_text(row.substr(c.inner, c.close - c.inner)));
  const std::size_t label = label_field(texts);
  if (label == std::string::npos) return row;
  const auto [a, b] = halves(texts[label]);
  const HtmlCell& c = cells[label];
  return row.substr(0, c.inner) + a + "</td><td>" + b + row.substr(c.close);
}

// A header row as two rows: each cell's text cut in two, the first halves in the first row and
// the second halves in the second; a cell spanning rows keeps its text and spans both.
std::string split_html_header(const std::string& row, bool header) {
  if (!header) return row;
  const std::vector<HtmlCell> cells = html_cells(row, 0, row.size());
  if (cells.empty()) return row;
  std::string first = row.substr(0, cells.front().open), second = "<tr>";
  for (const HtmlCell& c : cells) {
    std::string open = row.substr(c.open, c.inner - c.open);
    const std::string text = html_text(row.substr(c.inner, c.close - c.inner));
    const std::size_t span = open.find("rowspan=");
    if (span != std::string::npos) {
      std::size_t digits = span + 8;
      while (digits < open.size() && (open[digits] == '"' || open[digits] == '\'')) ++digits;
      const int n = std::atoi(open.c_str() + digits);
      std::size_t end = digits;
      while (end < open.size() && std::isdigit(static_cast<unsigned char>(open[end]))) ++end;
      open.replace(digits, end - digits, std::to_string(2 * std::max(n, 1)));
      first += open + text + "</td>";
      continue;
    }
    const auto [a, b] = halves(text);
    first += open + a + "</td>";
    second += open + b + "</td>";
  }
  return first + "</tr>" + second + "</tr>";
}

// The fields of the text table rows of a source, edited by `edit(fields, is_header)` returning
// the row's new lines; other lines kept. `changed` says whether any row was edited.
template <typename Edit>
std::string edit_text_rows(const std::string& source, Edit edit, bool& changed) {
  std::vector<std::string> out;
  bool in_table = false, seen_number = false;
  for (const std::string& line : lines_of(source)) {
    const bool row = is_tab_row(line) || is_pipe_row(line);
    if (!row) {
      in_table = false;
      out.push_back(line);
      continue;
    }
    if (!in_table) seen_number = false;
    in_table = true;
    if (is_pipe_rule(line)) {
      out.push_back(line);
      continue;
    }
    const std::vector<std::string> fields = fields_of(line);
    bool number = false;
    for (const std::string& f : fields) number |= is_number(trimmed(f));
    const std::vector<std::string> lines = edit(fields, !number && !seen_number, is_pipe_row(line));
    seen_number |= number;
    if (lines.empty()) {
      out.push_back(line);
      continue;
    }
    changed = true;
    out.insert(out.end(), lines.begin(), lines.end());
  }
  return join_lines(out);
}

}  // namespace

Variant label_split(const std::string& source, const Expected&) {
  if (source.find("<tr") != std::string::npos) {
    const std::string text = edit_html_rows(source, split_html_label);
    return {text == source ? "" : text, {}};
  }
  bool changed = false;
  const std::string text = edit_text_rows(
      source,
      [](std::vector<std::string> fields, bool header, bool pipe) -> std::vector<std::string> {
        const std::size_t label = header ? std::string::npos : label_field(fields);
        if (label == std::string::npos) return {};
        const auto [a, b] = halves(trimmed(fields[label]));
        fields[label] = " " + a + " ";
        fields.insert(fields.begin() + static_cast<long>(label) + 1, " " + b + " ");
        return {row_of(fields, pipe)};
      },
      changed);
  return {changed ? text : "", {}};
}

Variant header_fragments(const std::string& source, const Expected&) {
  if (source.find("<tr") != std::string::npos) {
    const std::string text = edit_html_rows(source, split_html_header);
    return {text == source ? "" : text, {}};
  }
  bool changed = false;
  const std::string text = edit_text_rows(
      source,
      [](const std::vector<std::string>& fields, bool header, bool pipe) -> std::vector<std::string> {
        if (!header) return {};
        std::vector<std::string> a, b;
        for (const std::string& f : fields) {
          const auto [x, y] = halves(trimmed(f));
          a.push_back(" " + x + " ");
          b.push_back(" " + y + " ");
        }
        return {row_of(a, pipe), row_of(b, pipe)};
      },
      changed);
  return {changed ? text : "", {}};
}

Variant cell_per_line(const std::string& source, const Expected& e) {
  const auto total = e.cells.find(first_row_total);
  const bool can_blank = total != e.cells.end() && is_number(total->second);
  bool blanked = false;
  std::string text;
  if (source.find("<tr") != std::string::npos || source.find("<TR") != std::string::npos) {
    text = html_as_cell_lines(source, can_blank, blanked);
  } else {
    std::vector<std::string> out;
    bool any = false;
    for (const std::string& line : lines_of(source)) {
      if (is_pipe_rule(line)) continue;
      if (!is_tab_row(line) && !is_pipe_row(line)) {
        out.push_back(line);
        continue;
      }
      any = true;
      std::vector<std::string> cells = fields_of(line);
      for (std::string& c : cells) c = trimmed(c);
      blanked |= can_blank && blank_first_row_total(cells);
      out.insert(out.end(), cells.begin(), cells.end());
    }
    if (!any) return {};  // no table printed as rows (already one cell per line, or flattened)
    text = join_lines(out);
  }
  Variant v{text, {}, true};
  if (blanked) v.changed[first_row_total] = "blank";
  return v;
}

}  // namespace nianbao::test::damage
