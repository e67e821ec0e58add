// Table regions (see regions.h): by heading, by anchor and content, by content alone.
#include "schema/regions.h"

#include <algorithm>

namespace nianbao::schema {
namespace {

std::string block_key(const Block& b) {
  if (b.kind == BlockKind::paragraph) return label_key(b.text);
  std::string all;
  for (const TableRow& r : b.table.rows)
    for (const TableCell& c : r.cells) all += c.text;
  return label_key(all);
}

// The texts that are the table's own: title, header phrase, column headers and their groups,
// row labels.
std::vector<std::string> content_keys(const TableDef& table) {
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

// Distinct keys of the table that blocks [first, end) print.
std::size_t content_hits(const Report& report, const std::vector<std::string>& keys, std::size_t first, std::size_t end) {
  std::string text;
  for (std::size_t b = first; b < end && b < report.blocks.size(); ++b) text += block_key(report.blocks[b]);
  std::size_t hits = 0;
  for (const std::string& k : keys) hits += text.find(k) != std::string::npos;
  return hits;
}

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

std::size_t section_end(const Report& report, std::size_t b) {
  std::size_t end = report.blocks.size();
  for (const Section& s : report.sections)
    if (s.level == 1 && s.first_block <= b && b < s.end_block) end = s.end_block;
  return end;
}

Range by_heading(const Report& report, const Template& t, const TableDef& table) {
  const SectionDef* sd = t.section(table.section);
  if (!sd) return {};
  for (const Section& s : report.sections) {
    int edits = 0;
    if (s.level != 1 || !heading_names(*sd, s.heading, &edits)) continue;
    Range r{s.first_block, s.end_block, true};
    if (edits > 0) r.note = "section heading '" + s.heading + "' matched within " + std::to_string(edits) + " edit(s)";
    return r;
  }
  return {};
}

// From the first block that is not prose, holds one of `starts`, and is followed by enough
// of the table's texts, to the end of its level-1 section.
Range by_content(const Report& report, const TableDef& table, const std::vector<std::string>& starts,
                 std::size_t window) {
  const std::vector<std::string> keys = content_keys(table);
  const std::size_t needed = std::min(min_content_hits, keys.size());
  for (std::size_t b = 0; b < report.blocks.size(); ++b) {
    if (is_prose(report.blocks[b])) continue;  // a sentence that names the table restates it
    const std::string k = block_key(report.blocks[b]);
    if (std::none_of(starts.begin(), starts.end(), [&](const std::string& s) { return k.find(s) != std::string::npos; }))
      continue;
    const std::size_t end = section_end(report, b);
    if (content_hits(report, keys, b, std::min(end, b + window)) >= needed) return {b, end, true};
  }
  return {};
}

Range table_range(const Report& report, const Template& t, const TableDef& table) {
  if (Range r = by_heading(report, t, table); r.found) return r;
  std::vector<std::string> anchors;
  for (const std::string& a : {label_key(table.title), label_key(table.header)})
    if (!a.empty()) anchors.push_back(a);
  if (Range r = by_content(report, table, anchors, report.blocks.size()); r.found) return r;
  std::vector<std::string> starts;
  for (const std::string& k : content_keys(table))
    if (k.size() >= min_start_key_bytes) starts.push_back(k);
  Range r = by_content(report, table, starts, content_window);
  if (r.found) r.note = "table found by its headers and labels (no heading names it)";
  return r;
}

}  // namespace

std::vector<Range> table_ranges(const Report& report, const Template& t, const std::vector<const TableDef*>& tables) {
  std::vector<Range> ranges;
  for (const TableDef* table : tables) ranges.push_back(table_range(report, t, *table));
  // A range runs to the start of the next table's range.
  for (std::size_t i = 0; i < ranges.size(); ++i)
    for (std::size_t j = 0; j < ranges.size(); ++j)
      if (j != i && ranges[j].found && ranges[j].first > ranges[i].first && ranges[j].first < ranges[i].end)
        ranges[i].end = ranges[j].first;
  return ranges;
}

}  // namespace nianbao::schema
