// Table regions (see regions.h): by heading, by anchor and content, by content alone.
#include "schema/internal/regions.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "normalize/key_search.h"
#include "normalize/normalize.h"
#include "schema/internal/labels.h"
#include "schema/internal/report_text.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

// The texts that are the table's own: title, header phrase, column headers and their groups,
// row labels.
std::vector<std::string> compute_content_keys(const TableDef& table) {
  std::vector<std::string> keys{label_key(table.title), label_key(table.header)};
  for (const ColumnDef& c : table.columns) {
    keys.push_back(c.key_text);
    keys.push_back(label_key(c.group));
  }
  for (const RowDef& r : table.rows)
    if (!r.keys.empty()) keys.push_back(r.keys.front());
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
  return keys;
}

// content_keys of a template's table and their search, computed once per loaded template
// (templates are never unloaded while a report is read: the cache keys on the template's serial).
const nz::KeySearch& content_search(const Template& t, const TableDef& table) {
  static std::mutex lock;
  static std::map<std::pair<std::uint64_t, std::size_t>, nz::KeySearch> cache;  // never erased
  const std::lock_guard<std::mutex> hold(lock);
  const std::pair<std::uint64_t, std::size_t> key{t.serial, static_cast<std::size_t>(&table - t.tables.data())};
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, nz::KeySearch(compute_content_keys(table))).first;
  return it->second;
}

// has_content searches a block's key this many bytes at a time (a slice ends at a character's
// end), about forty ideographs: a long paragraph (a flattened table, a page of prose) is not
// searched to its end once the keys needed are found. (512 bytes saved 0.7 M instructions of
// the 98 text reports, 128 1.4 M, 64 a little less: each slice's search has a cost of its own.)
constexpr std::size_t content_slice_bytes = 128;

}  // namespace

namespace regions_detail {

// The blocks are keyed one by one, up to the one that gives the last key needed: a section's
// tail is not keyed for nothing.
bool has_content(const ReportText& text, const nz::KeySearch& keys, std::size_t first, std::size_t end,
                 std::size_t needed) {
  if (needed == 0) return true;
  std::string all;
  std::vector<bool> found(keys.size(), false);
  std::size_t hits = 0;
  for (std::size_t b = first; b < end && b < text.report().blocks.size(); ++b) {
    // A long key (a flattened table, a page of prose) is searched a slice at a time, up to the
    // slice that gives the last key needed.
    const std::string_view key = text.block_key(b);
    for (std::size_t from = 0; from < key.size();) {
      std::size_t to = std::min(key.size(), from + content_slice_bytes);
      while (to < key.size() && nz::is_continuation_byte(static_cast<unsigned char>(key[to]))) ++to;
      const std::size_t before = all.size();
      all.append(key.substr(from, to - from));
      hits += keys.mark(all, found, before);  // only an occurrence that ends in the new slice is new
      if (hits >= needed) return true;
      from = to;
    }
  }
  return false;
}

}  // namespace regions_detail

namespace {

using regions_detail::has_content;

// A paragraph this long that is prose may hold a flattened table (a web page's text on one
// line); a shorter one is a sentence.
constexpr std::size_t min_flattened_bytes = 600;

// A paragraph written as sentences (，。；), not a heading, label or header line.
bool is_prose(const Block& b) {
  if (b.kind != BlockKind::paragraph) return false;
  for (const char* mark : {"，", "。", "；"})
    if (b.text.find(mark) != std::string::npos) return true;
  return false;
}

// A table found without its heading must show at least this many of its own texts: a
// sentence that mentions 行政复议 is not 表四. Three, because prose naming two headers of one
// table happens, three does not in the corpus.
constexpr std::size_t min_content_hits = 3;
// How far the texts are looked for: a header printed one cell per line (001's 表三 header
// takes about 25 lines) fits in 40 blocks.
constexpr std::size_t content_window = 40;
// A block that starts a table by content alone holds one of its texts of at least this many
// bytes (three ideographs): "其他" or "总计" alone start nothing.
constexpr std::size_t min_start_key_bytes = 9;

// A paragraph's text folded one code point at a time, with the byte of the paragraph each
// folded byte came from: a phrase found in the folded text is cut from the paragraph there.
struct FoldedText {
  std::string text;
  std::vector<std::size_t> source;  // per byte of text
};
FoldedText fold_mapped(std::string_view raw) {
  FoldedText f;
  for (std::size_t i = 0; i < raw.size();) {
    const std::size_t at = i;
    nz::next_code_point(raw, i);
    const std::string piece = nz::fold(raw.substr(at, i - at));
    f.text += piece;
    f.source.insert(f.source.end(), piece.size(), at);
  }
  return f;
}

// A table inside a paragraph of flattened text (a report on one line whose headings were
// lost): where one of `starts` opens a stretch, up to the next sentence mark, that holds
// enough of the table's texts. A sentence that restates the table ("行政复议 351 件，其中结果
// 维持 72 件，…") breaks at its commas; a table's headers run together. Returns the byte
// of the paragraph where the table starts, or npos.
constexpr std::size_t max_stretch_bytes = 2000;  // a flattened table header is well under this
std::size_t table_in_paragraph(std::string_view raw, const std::vector<std::string>& starts,
                               const std::vector<std::string>& keys, std::size_t needed) {
  const FoldedText f = fold_mapped(raw);
  std::size_t best = std::string::npos;
  for (const std::string& start : starts) {
    for (std::size_t at = f.text.find(start); at != std::string::npos; at = f.text.find(start, at + 1)) {
      if (best != std::string::npos && at >= best) break;
      const std::size_t from = at + start.size();
      std::size_t stop = std::min(f.text.size(), from + max_stretch_bytes);
      for (const char* mark : {",", "。", ";"}) stop = std::min(stop, f.text.find(mark, from));
      const std::string stretch = label_key(std::string_view(f.text).substr(from, stop - from));
      std::size_t hits = 1;  // the start itself
      for (const std::string& k : keys) hits += k != label_key(start) && stretch.find(k) != std::string::npos;
      if (hits >= needed) best = at;
    }
  }
  return best == std::string::npos ? best : f.source[best];
}

Range found_range(std::size_t first, std::size_t end, std::size_t first_offset = 0) {
  Range r;
  r.first = first;
  r.end = end;
  r.found = true;
  r.first_offset = first_offset;
  return r;
}

std::size_t section_end(const Report& report, std::size_t b) {
  std::size_t end = report.blocks.size();
  for (const Section& s : report.sections)
    if (s.level == 1 && s.first_block <= b && b < s.end_block) end = s.end_block;
  return end;
}

Range by_heading(const ReportText& text, const Template& t, const TableDef& table) {
  const SectionDef* sd = t.section(table.section);
  if (!sd) return {};
  int edits = 0;
  const Section* s = text.section_named(*sd, &edits);
  if (!s) return {};
  Range r = found_range(s->first_block, s->end_block);
  if (edits > 0) r.note = "section heading '" + s->heading + "' matched within " + std::to_string(edits) + " edit(s)";
  return r;
}

// From the first block that is not prose, holds one of `starts`, and is followed by enough
// of the table's texts, to the end of its level-1 section.
Range by_content(const ReportText& text, const Template& t, const TableDef& table, const std::vector<std::string>& starts,
                 std::size_t window) {
  const Report& report = text.report();
  const nz::KeySearch& search = content_search(t, table);
  const std::vector<std::string>& keys = search.keys();
  const std::size_t needed = std::min(min_content_hits, keys.size());
  for (std::size_t b = 0; b < report.blocks.size(); ++b) {
    if (is_prose(report.blocks[b])) {
      // A sentence that names the table restates it, unless the table itself is inside the
      // paragraph (flattened text).
      if (report.blocks[b].text.size() < min_flattened_bytes) continue;
      std::vector<std::string> folded;
      for (const std::string& st : starts) folded.push_back(st);
      const std::size_t at = table_in_paragraph(report.blocks[b].text, folded, keys, needed);
      if (at != std::string::npos) return found_range(b, section_end(report, b), at);
      continue;
    }
    const std::string_view k = text.block_key(b);
    if (std::none_of(starts.begin(), starts.end(), [&](const std::string& s) { return k.find(s) != std::string::npos; }))
      continue;
    const std::size_t end = section_end(report, b);
    if (has_content(text, search, b, std::min(end, b + window), needed)) return found_range(b, end);
  }
  return {};
}

// Whether blocks [r.first, r.end) print enough of the table's own texts to be it.
bool holds(const ReportText& text, const Template& t, const TableDef& table, const Range& r) {
  const nz::KeySearch& keys = content_search(t, table);
  return has_content(text, keys, r.first, r.end, std::min(min_content_hits, keys.size()));
}

// The table where its title or header, or else its texts alone, stand (no heading needed).
Range by_content_alone(const ReportText& text, const Template& t, const TableDef& table) {
  std::vector<std::string> anchors;
  for (const std::string& a : {label_key(table.title), label_key(table.header)})
    if (!a.empty()) anchors.push_back(a);
  for (const std::string& a : {nz::fold(table.title), nz::fold(table.header)})
    if (!a.empty()) anchors.push_back(a);  // as a flattened paragraph prints it
  if (Range r = by_content(text, t, table, anchors, text.report().blocks.size()); r.found) return r;
  std::vector<std::string> starts;
  for (const std::string& k : content_search(t, table).keys())
    if (k.size() >= min_start_key_bytes) starts.push_back(k);
  Range r = by_content(text, t, table, starts, content_window);
  if (r.found) r.note = "table found by its headers and labels (no heading names it)";
  return r;
}

// Whether blocks [r.first, r.end) hold anything a table could be read from: a table, or a line
// with a digit that is not a sentence.
bool has_values(const Report& report, const Range& r) {
  for (std::size_t b = r.first; b < r.end && b < report.blocks.size(); ++b) {
    const Block& block = report.blocks[b];
    if (block.kind == BlockKind::table) return true;
    if (!is_prose(block) && std::any_of(block.text.begin(), block.text.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return true;
  }
  return false;
}

// The heading and the content vote. The section whose heading names the table is its region
// when it prints the table's own texts, or when nothing contradicts it (a table printed without
// its headers). It is not when what it prints is another table's (two sections' headings
// swapped), nor when it prints nothing to read while the table's texts stand elsewhere (a table
// moved under the previous heading): the table is then where its texts are — and where a
// region's content says it is another table and this one's texts are nowhere, it is not found,
// never read from that other table's cells.
Range table_range(const ReportText& text, const Template& t, const TableDef& table,
                  const std::vector<const TableDef*>& others) {
  const Report& report = text.report();
  Range heading = by_heading(text, t, table);
  if (!heading.found) return by_content_alone(text, t, table);
  if (holds(text, t, table, heading)) return heading;
  // Another table's texts count against the heading only where that table is not under its own
  // heading (a second copy of it, or two tables printed in one section, say nothing).
  const TableDef* other = nullptr;
  for (const TableDef* o : others) {
    if (o == &table || o->section == table.section || !holds(text, t, *o, heading)) continue;
    const Range own = by_heading(text, t, *o);
    if (!own.found || !holds(text, t, *o, own)) other = o;
  }
  const bool empty = !other && !has_values(report, heading);
  if (!other && !empty) return heading;  // nothing contradicts the heading's vote
  Range r = by_content_alone(text, t, table);
  if (r.found && (r.first < heading.first || r.first >= heading.end)) {
    r.note = "table found by its headers and labels, not under the heading that names it (" +
             (other ? "which stands over " + other->id : std::string("which stands over nothing to read")) + ")";
    return r;
  }
  return other ? Range{} : heading;
}

}  // namespace

std::vector<Range> table_ranges(const Report& report, const Template& t, const std::vector<const TableDef*>& tables) {
  return table_ranges(ReportText(report), t, tables);
}

std::vector<Range> table_ranges(const ReportText& text, const Template& t, const std::vector<const TableDef*>& tables) {
  std::vector<Range> ranges;
  for (const TableDef* table : tables) ranges.push_back(table_range(text, t, *table, tables));
  // A range runs to the start of the next table's range (which may be inside a paragraph).
  auto start = [](const Range& r) { return std::make_pair(r.first, r.first_offset); };
  for (std::size_t i = 0; i < ranges.size(); ++i)
    for (std::size_t j = 0; j < ranges.size(); ++j) {
      if (j == i || !ranges[j].found || start(ranges[j]) <= start(ranges[i])) continue;
      const std::pair<std::size_t, std::size_t> end{ranges[i].end, ranges[i].end_offset};
      if (start(ranges[j]) < end || (ranges[i].end_offset == 0 && ranges[j].first < ranges[i].end)) {
        ranges[i].end = ranges[j].first;
        ranges[i].end_offset = ranges[j].first_offset;
      }
    }
  return ranges;
}

}  // namespace nianbao::schema
