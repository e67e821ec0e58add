// Tables whose cells are delimited in the text: tab-separated runs (an empty field is an empty
// cell, kept in place: spanned cells come out that way) and markdown pipe tables (separator
// rows dropped, rows of any length kept as they are, even in damaged conversions).
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

#include "extract/internal/text_tables.h"
#include "normalize/normalize.h"

namespace nianbao::extract::text_tables {
namespace {

namespace nz = nianbao::normalize;

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// The fields of a delimited row, at most `max` of them (the rest of the line is dropped).
struct RowFields {
  std::vector<std::string> fields;
};

// ---------------------------------------------------------------------------------------
// How a delimited form splits its rows.

struct Format {
  TableSource source;
  bool (*is_row_line)(const Lines& lines, std::size_t i);
  RowFields (*split)(std::string_view line, std::size_t max);
  bool (*is_separator)(std::string_view line);
};

bool has_tab(const Lines& lines, std::size_t i) { return lines.has_tab(i); }

RowFields split_tabs(std::string_view line, std::size_t max) {
  RowFields r;
  r.fields.reserve(std::min<std::size_t>(max, static_cast<std::size_t>(std::count(line.begin(), line.end(), '\t')) + 1));
  std::size_t start = 0;
  while (true) {
    if (r.fields.size() == max) break;
    const std::size_t tab = line.find('\t', start);
    r.fields.push_back(clean_field(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start)));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return r;
}

bool never_separator(std::string_view) { return false; }

// Asked of every line of the text: the first character after spaces and tabs, in a loop here
// (what nz::trim(line).front() is, without the call).
bool starts_with_pipe(const Lines& lines, std::size_t i) {
  for (const char c : lines[i].text)
    if (c != ' ' && c != '\t') return c == '|';
  return false;
}

// "| a | b |" → "a", "b". Leading and trailing pipes removed, "\|" is a literal pipe.
RowFields split_pipes(std::string_view line, std::size_t max) {
  RowFields r;
  std::string_view t = nz::trim(line);
  if (!t.empty() && t.front() == '|') t.remove_prefix(1);
  if (!t.empty() && t.back() == '|' && !(t.size() >= 2 && t[t.size() - 2] == '\\')) t.remove_suffix(1);
  // At most one field more than bars: one allocation instead of the vector's regrowth.
  r.fields.reserve(std::min<std::size_t>(max, static_cast<std::size_t>(std::count(t.begin(), t.end(), '|')) + 1));
  if (t.find('\\') == std::string_view::npos) {  // no escaped pipe: each cell is the text between two
    for (std::size_t start = 0;;) {
      const std::size_t bar = t.find('|', start);
      r.fields.push_back(clean_field(t.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start)));
      if (bar == std::string_view::npos || r.fields.size() == max) return r;
      start = bar + 1;
    }
  }
  std::string cell;
  auto flush = [&] {
    r.fields.push_back(clean_field(cell));
    cell.clear();
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\\' && i + 1 < t.size() && t[i + 1] == '|') {
      cell += '|';
      ++i;
    } else if (t[i] == '|') {
      flush();
      if (r.fields.size() == max) return r;
    } else {
      cell += t[i];
    }
  }
  flush();
  return r;
}

}  // namespace

bool is_pipe_separator(std::string_view line) {
  // Asked of every pipe row: a first cell that starts with neither '-' nor ':' (a row of text or
  // numbers) fails below; told here without trimming the line and its cells.
  const std::string_view from_bar = after_blanks(line);
  if (from_bar.empty() || from_bar.front() != '|') return false;
  const std::string_view first_cell = after_blanks(from_bar.substr(1));
  if (!first_cell.empty() && first_cell.front() != '-' && first_cell.front() != ':') return false;
  std::string_view t = nz::trim(line);
  t.remove_prefix(1);
  if (!t.empty() && t.back() == '|') t.remove_suffix(1);
  if (t.empty()) return false;
  std::size_t start = 0;
  while (start <= t.size()) {
    std::size_t bar = t.find('|', start);
    if (bar == std::string_view::npos) bar = t.size();
    std::string_view cell = nz::trim(t.substr(start, bar - start));
    bool colon = false;
    if (!cell.empty() && cell.front() == ':') cell.remove_prefix(1), colon = true;
    if (!cell.empty() && cell.back() == ':') cell.remove_suffix(1), colon = true;
    if (cell.empty() || cell.find_first_not_of('-') != std::string_view::npos) return false;
    if (cell.size() < 3 && !colon) return false;
    start = bar + 1;
  }
  return true;
}

namespace {

const Format tab_format{TableSource::tab_separated, has_tab, split_tabs, never_separator};
const Format pipe_format{TableSource::pipe, starts_with_pipe, split_pipes, is_pipe_separator};

// ---------------------------------------------------------------------------------------
// Runs of row lines → tables.

// What the run splitter keeps of each line (small: runs can be millions of lines long).
struct LineShape {
  bool separator = false;
  bool has_value = false;     // some field is a number or dash
  bool sub_numbered = false;  // the first field with text starts with （一） / 1.
  bool heading = false;       // the only text of the line is a level-1 heading
  bool prose = false;         // the only text of the line is a sentence (holds 。)
  std::uint32_t fields = 0;     // counted up to a small bound
  std::uint32_t non_empty = 0;  // fields with text
};

// Sixty-four fields are enough to judge a line; a huge hostile line is not split further.
constexpr std::size_t shape_fields = 64;

// The shape of a line; its fields go to `keep` when given and they are all of the line's (the
// split was not cut short), else `keep` is left empty.
LineShape shape_of(const Format& f, std::string_view line, RowFields* keep) {
  LineShape s;
  if (f.is_separator(line)) {
    s.separator = true;
    return s;
  }
  RowFields r = f.split(line.substr(0, std::min(line.size(), max_row_bytes)), shape_fields);
  s.fields = static_cast<std::uint32_t>(r.fields.size());
  const std::string* only = nullptr;
  for (const std::string& field : r.fields) {
    if (field.empty()) continue;
    if (s.non_empty == 0) {
      only = &field;
      s.sub_numbered = is_sub_numbered(field);
    }
    ++s.non_empty;
    if (!s.has_value && is_value_text(field)) s.has_value = true;
  }
  s.heading = s.non_empty == 1 && !s.has_value && is_level1_heading(*only);
  s.prose = s.non_empty == 1 && only->find("。") != std::string::npos;
  if (keep && line.size() <= max_row_bytes && r.fields.size() < shape_fields) *keep = std::move(r);
  return s;
}

// A run of row lines as the splitter read it: per line its shape and, for its first lines while
// their fields are few, the fields themselves, so that the table is built without splitting its
// lines again. Bounded: a run can be millions of lines; the lines past the bounds are split again.
struct Run {
  std::size_t base = 0;  // line number of shapes[0]
  std::vector<LineShape> shapes;
  std::vector<RowFields> fields;  // of the first lines; empty: not kept (cut short, or taken)
  const LineShape& shape(std::size_t line) const { return shapes[line - base]; }
  RowFields* kept(std::size_t line) {
    RowFields* r = line - base < fields.size() ? &fields[line - base] : nullptr;
    return r && !r->fields.empty() ? r : nullptr;
  }
};

// Bytes of lines a run keeps split, besides max_kept_fields (a field is a string, 32 bytes).
constexpr std::size_t max_kept_bytes = 512 * 1024;

void read_run(const Format& f, const Lines& lines, std::size_t first, std::size_t end, Run& run) {
  run.base = first;
  run.shapes.clear();
  run.shapes.reserve(end - first);
  run.fields.clear();
  std::size_t fields = 0, bytes = 0;
  for (std::size_t k = first; k < end; ++k) {
    const std::string_view text = lines[k].text;
    bytes += text.size();
    const bool keep = run.fields.size() == k - first && fields < max_kept_fields && bytes <= max_kept_bytes;
    RowFields r;
    run.shapes.push_back(shape_of(f, text, keep ? &r : nullptr));
    if (!keep) continue;
    fields += r.fields.size();
    run.fields.push_back(std::move(r));
  }
}

// A line a table must leave as text: a row holding nothing but a level-1 heading, unless the
// next row carries values or a sub-number (then it is a row label such as 三、本年度办理结果
// over its sub-rows) or it has a row's fields; and, between tab rows, a lone sentence (a
// paragraph indented by a tab).
// A heading line as wide as the rows around it (empty fields counted), and wider than a
// heading with a tab or two, is a row label whose cells are all empty (一、本年新收… with its
// numbers erased): a row.
constexpr std::uint32_t min_blank_row_fields = 4;
bool blank_row(const LineShape& s, const LineShape* prev, const LineShape* next) {
  return s.fields >= min_blank_row_fields && (!prev || s.fields >= prev->fields) && (!next || s.fields >= next->fields);
}
bool splits_run(const Format& f, const LineShape& s, const LineShape* prev, const LineShape* next) {
  if (s.prose && f.source == TableSource::tab_separated) return true;
  if (!s.heading || blank_row(s, prev, next)) return false;
  return next == nullptr || !(next->has_value || next->sub_numbered);
}

// Text that names something (a header label) rather than a value: once folded (full-width digits
// to ASCII) it holds a letter or a CJK ideograph (lead bytes E4–E9), not only digits, signs or dashes.
bool names_something(std::string_view s) {
  // ASCII folds to itself (most repeated cells are numbers and dashes): no fold needed.
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return std::any_of(s.begin(), s.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  const std::string f = nz::fold(s);
  return std::any_of(f.begin(), f.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return (b >= 0xE4 && b <= 0xE9) || std::isalpha(b);
  });
}

// A converter that cannot write spans (HTML or PDF to markdown, pandas) repeats a spanned cell
// in each column it covers, in every row: a full grid. Cells [j, j+k) of a row that are all the
// same are one cell spanning k columns, as the page drew it, when the rows above say the columns
// are one: the row above has one (joined) cell over exactly [j, j+k), or it has the same label in
// each of them and so has the row above it (本年处理决定数量 ×3 under 第二十条第（六）项 ×4), both with
// as many fields as this row. Equal values under distinct labels (zeros under 自然人 | 商业企业) stay
// apart, and so do those under a header of fragments that repeat by chance (公开 | 公开 | 公开 cut
// from 予以公开 | 部分公开 | 不予公开, under fragments that differ).
class SpanJoiner {
 public:
  std::vector<TableCell> join(std::vector<std::string> fields) {
    std::vector<TableCell> cells;
    cells.reserve(fields.size());
    Row& row = rows_[(last_ + 1) % 3];  // the row above the previous two: no longer asked
    row.text.clear();
    row.columns.resize(fields.size());
    for (std::size_t j = 0; j < fields.size();) {
      std::size_t k = 1;
      while (j + k < fields.size() && fields[j + k] == fields[j] && one_above(j, j + k, fields.size())) ++k;
      // The k fields are the same text: the row's buffer holds it once.
      const Column column{static_cast<std::uint32_t>(row.text.size()), static_cast<std::uint32_t>(fields[j].size()), j};
      for (std::size_t c = j; c < j + k; ++c) row.columns[c] = column;
      row.text += fields[j];
      TableCell& cell = cells.emplace_back();
      cell.text = std::move(fields[j]);
      cell.col = static_cast<int>(j);
      cell.cols = static_cast<int>(k);
      j += k;
    }
    last_ = (last_ + 1) % 3;
    return cells;
  }

 private:
  // One grid column of a row: its field's text (bytes of the row's buffer) and the first column
  // of the cell covering it.
  struct Column {
    std::uint32_t offset = 0, size = 0;
    std::size_t start = 0;
  };
  // A row's columns, their texts in one buffer: the buffers of three rows are reused from row to
  // row (a string per column was copied and freed for every field of every row).
  struct Row {
    std::string text;
    std::vector<Column> columns;
    std::string_view text_of(std::size_t c) const { return std::string_view(text).substr(columns[c].offset, columns[c].size); }
  };

  static bool joined(const Row& row, std::size_t j, std::size_t c) {
    return c < row.columns.size() && row.columns[j].start == j && row.columns[c].start == j;
  }
  static bool same_label(const Row& row, std::size_t j, std::size_t c, std::size_t width) {
    return row.columns.size() == width && c < width && names_something(row.text_of(j)) && row.text_of(c) == row.text_of(j);
  }
  // Do the rows above make columns j and c one?
  bool one_above(std::size_t j, std::size_t c, std::size_t width) const {
    const Row& above = rows_[last_];
    const Row& above2 = rows_[(last_ + 2) % 3];
    if (joined(above, j, c)) return true;
    return same_label(above, j, c, width) && (same_label(above2, j, c, width) || joined(above2, j, c));
  }

  std::array<Row, 3> rows_;  // rows_[last_]: the previous row, rows_[(last_ + 2) % 3] the one above it (none: no columns)
  std::size_t last_ = 0;
};

// The table of lines [first, end); false when it came out empty.
// Lines the run kept split give their fields (all of them: as many as a split cut at the budget
// gives when they fit in it).
bool build_table(const Format& f, const Lines& lines, std::size_t first, std::size_t end, Run& run,
                 const Limits& limits, std::vector<Diagnostic>& diagnostics, std::vector<TextTable>& out) {
  GridBuilder grid(f.source, limits, diagnostics);
  SpanJoiner spans;
  for (std::size_t i = first; i < end; ++i) {
    if (grid.full()) {
      grid.note_dropped(lines[i]);
      break;
    }
    if (run.shape(i).separator) continue;
    RowFields* kept = run.kept(i);
    const bool from_kept = kept && kept->fields.size() <= grid.budget() + 1;
    RowFields r = from_kept ? std::move(*kept) : f.split(lines[i].text, grid.budget() + 1);
    if (kept) kept->fields.clear();
    // The fields the run kept are those its shape read (has_value: one of them is a value); the
    // span joiner makes cells of them, equal fields one cell: a row of the same texts.
    const std::optional<bool> has_value = from_kept ? std::optional<bool>(run.shape(i).has_value) : std::nullopt;
    grid.add_row(spans.join(std::move(r.fields)), lines[i], has_value);
  }
  TextTable t;
  t.first = first;
  t.end = end;
  t.table = grid.finish();
  if (t.table.rows.empty()) return false;
  out.push_back(std::move(t));
  return true;
}

// A run of row lines [first, end) without headings: is it a table? One line needs three
// fields; several lines need a line with two filled fields (or a pipe separator).
void take_run(const Format& f, const Lines& lines, std::size_t first, std::size_t end, Run& run,
              const Limits& limits, std::vector<Diagnostic>& diagnostics, Claims& claims, std::vector<TextTable>& out) {
  // Blank rows at the edges belong to the text around the table.
  while (first < end && is_blank(lines[first].text)) ++first;
  while (end > first && is_blank(lines[end - 1].text)) --end;
  if (first >= end) return;
  std::size_t rows = 0;
  bool separator = false, two_filled = false, three_fields = false;
  for (std::size_t i = first; i < end; ++i) {
    const LineShape& s = run.shape(i);
    if (s.separator) {
      separator = true;
      continue;
    }
    ++rows;
    two_filled = two_filled || s.non_empty >= 2;
    three_fields = three_fields || s.fields >= 3;
  }
  const bool table = rows > 0 && (three_fields || (rows >= 2 && two_filled) || separator);
  if (!table || !build_table(f, lines, first, end, run, limits, diagnostics, out)) return;
  std::fill(claims.begin() + static_cast<std::ptrdiff_t>(first), claims.begin() + static_cast<std::ptrdiff_t>(end), 1);
}

void find_delimited(const Format& f, const Lines& lines, const Limits& limits,
                    std::vector<Diagnostic>& diagnostics, Claims& claims, std::vector<TextTable>& out) {
  const std::size_t n = lines.size();
  std::size_t i = 0;
  Run run;
  while (i < n) {
    if (claims[i] || !f.is_row_line(lines, i)) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < n && !claims[end] && f.is_row_line(lines, end)) ++end;
    read_run(f, lines, i, end, run);
    const std::vector<LineShape>& shapes = run.shapes;
    // Headings and sentences split the run; they stay text.
    std::size_t start = i;
    for (std::size_t k = i; k < end; ++k) {
      const LineShape* next = k + 1 < end ? &shapes[k + 1 - i] : nullptr;
      const LineShape* prev = k > i ? &shapes[k - 1 - i] : nullptr;
      if (!splits_run(f, shapes[k - i], prev, next)) continue;
      take_run(f, lines, start, k, run, limits, diagnostics, claims, out);
      start = k + 1;
    }
    take_run(f, lines, start, end, run, limits, diagnostics, claims, out);
    i = end;
  }
}

}  // namespace

void find_tab_tables(const Lines& lines, const Limits& limits, std::vector<Diagnostic>& diagnostics,
                     Claims& claims, std::vector<TextTable>& out) {
  find_delimited(tab_format, lines, limits, diagnostics, claims, out);
}

void find_pipe_tables(const Lines& lines, const Limits& limits, std::vector<Diagnostic>& diagnostics,
                      Claims& claims, std::vector<TextTable>& out) {
  find_delimited(pipe_format, lines, limits, diagnostics, claims, out);
}

}  // namespace nianbao::extract::text_tables
