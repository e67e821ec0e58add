// Table mapping: source rows, alignment with the template rows, and the readings (choice
// points) of their cells. The order of work follows the job: find where a table is
// (regions.cc), read what rows it has (mapper_entries.cc), decide which template row each one
// is, list the possible readings.
#include "schema/internal/mapper.h"
#include "schema/internal/mapper_entries.h"
#include "schema/internal/mapper_parts.h"
#include "schema/internal/regions.h"

#include <algorithm>
#include <map>

#include "normalize/normalize.h"
#include "schema/internal/splits.h"
#include "schema/internal/stream.h"

namespace nianbao::schema {
namespace {

using namespace detail;

// ---------------------------------------------------------------------------------------
// 表二 blocks: label-driven; values that came without a label fill their block by position.

void map_label_tables(const std::vector<const TableDef*>& tables, std::vector<Entry>& entries, Mapping& out,
                      std::size_t& budget) {
  std::map<std::pair<const TableDef*, int>, const Entry*> by_row;
  for (const Entry& e : entries) {
    if (e.row < 0 || (e.slots.empty() && e.pieces.empty())) continue;
    if (!by_row.emplace(std::make_pair(e.table, e.row), &e).second)
      out.diagnostics.push_back({Severity::info, "table.duplicate-row",
                                 "row " + e.table->rows[e.row].id + " printed twice; the first is used", e.pos});
  }
  // Unlabeled numbers of a block whose rows got nothing: by position when the count fits.
  for (const TableDef* t : tables) {
    std::vector<int> empty_rows;
    for (int r = 0; r < static_cast<int>(t->rows.size()); ++r)
      if (!t->rows[r].group && !by_row.count({t, r})) empty_rows.push_back(r);
    if (empty_rows.empty()) continue;
    // Rows whose label was not recognised: in order, when there are as many as empty rows.
    std::vector<const Entry*> unnamed;
    for (const Entry& e : entries)
      if (e.row < 0 && (e.structured || e.unnamed) && e.block == t && e.table == t && !(e.unnamed && e.pieces.empty()))
        unnamed.push_back(&e);
    if (!unnamed.empty() && unnamed.size() == empty_rows.size()) {
      for (std::size_t k = 0; k < unnamed.size(); ++k) {
        const Entry& e = *unnamed[k];
        const auto& ids = row_cells(*t, empty_rows[k]);
        if (e.structured) out.points.push_back(structured_point(ids, placements_of(e), e.pos));
        else
          out.points.push_back(
              distinct_readings({ids, column_types(*t), e.pieces, e.run, e.pos, t->rows[empty_rows[k]].id}, budget,
                                out.diagnostics));
        annotate(out.points.back(), "row label not recognised; placed in order in the rows of its block left empty");
      }
      continue;
    }
    std::vector<std::string> pieces;
    std::string run;
    SourcePos pos;
    for (const Entry& e : entries)
      if (e.row < 0 && !e.structured && e.block == t && !e.splittable) {
        pieces.insert(pieces.end(), e.pieces.begin(), e.pieces.end());
        run += (run.empty() ? "" : " ") + e.run;
        pos = e.pos;
      }
    if (pieces.empty()) continue;
    if (pieces.size() != empty_rows.size() * t->columns.size()) {
      out.diagnostics.push_back({Severity::warning, "table.unplaced",
                                 "numbers '" + run + "' of " + t->id + " could not be placed", pos});
      continue;
    }
    for (std::size_t k = 0; k < empty_rows.size(); ++k) {
      const std::vector<std::string> part(pieces.begin() + k * t->columns.size(),
                                          pieces.begin() + (k + 1) * t->columns.size());
      const std::vector<int>& ids = row_cells(*t, empty_rows[k]);
      const std::vector<ValueType> types = column_types(*t);
      out.points.push_back(distinct_readings({ids, types, part, run, pos, t->rows[empty_rows[k]].id}, budget, out.diagnostics));
    }
  }
  for (const auto& [key, e] : by_row) {
    const auto& ids = row_cells(*key.first, key.second);
    if (e->structured) out.points.push_back(structured_point(ids, placements_of(*e), e->pos, e->readings));
    else
      out.points.push_back(distinct_readings({ids, column_types(*key.first), e->pieces, e->run, e->pos,
                                              key.first->rows[key.second].id},
                                             budget, out.diagnostics));
    annotate(out.points.back(), e->note);
  }
}

// ---------------------------------------------------------------------------------------
// 表三: source rows aligned with the template's data rows.

struct SourceRow {
  const Entry* entry = nullptr;
  int label = -1;     // template row named by the label (-1 none)
  bool strong = false;
  int chunk = -1;     // several rows read from one block of numbers (row- or column-major)
  int index = 0;      // row within the chunk
};

struct Chunk {
  const Entry* entry = nullptr;
  std::size_t offset = 0;  // first piece of the chunk in entry->pieces
  int rows = 0;
  int hint = 0;            // 0 none, 1 rows (one run per row), 2 columns (one run per column)
  std::size_t stray = 0;   // values beside the row's (see max_stray_values): one at either end
};

// PDF text in reading order sets a stray number (a page number, a fragment of a wrapped
// label) beside a row's values, where a table printed one cell per line runs them together:
// a run of one row and this many values more is read as that row with the stray at either
// end, both readings offered and the rules choosing; where they cannot, the cells they
// disagree on stay ambiguous. Runs of several rows are not: the stray could be in any one.
constexpr std::size_t max_stray_values = 1;

// Loose numbers in runs of equal length: a run per row (m == n), a run per column (t == n),
// or single numbers read flat. Returns the chunks in order; numbers that make no whole rows
// are reported and left out.
void chunk_loose(const Entry& e, std::size_t n, std::vector<Chunk>& chunks, std::vector<Diagnostic>& diags,
                 const std::string& table) {
  std::size_t at = 0, flat_from = 0, flat = 0;
  auto flush_flat = [&]() {
    if (flat == 0) return;
    if (flat % n == 0) chunks.push_back({&e, flat_from, static_cast<int>(flat / n), 0});
    else if (flat > n && flat - n <= max_stray_values) chunks.push_back({&e, flat_from, 1, 0, flat - n});
    else
      diags.push_back({Severity::warning, "table.unplaced",
                       std::to_string(flat) + " numbers of '" + e.run + "' in " + table + " do not make whole rows of " +
                           std::to_string(n) + "; not used",
                       e.pos});
    flat = 0;
  };
  for (std::size_t g = 0; g < e.groups.size();) {
    std::size_t t = 1;
    while (g + t < e.groups.size() && e.groups[g + t] == e.groups[g]) ++t;
    const std::size_t m = e.groups[g];
    if (m == n || (t == n && m > 1)) {
      flush_flat();
      chunks.push_back({&e, at, static_cast<int>(m == n ? t : m), m == n ? 1 : 2});
    } else {
      if (flat == 0) flat_from = at;
      flat += t * m;
    }
    at += t * m;
    g += t;
  }
  flush_flat();
}

// Rows of the source in order; loose numbers become rows of chunks.
std::vector<SourceRow> source_rows(const TableDef& t, const std::vector<Entry>& entries, std::vector<Chunk>& chunks,
                                   std::vector<Diagnostic>& diags) {
  const std::size_t n = t.columns.size();
  std::vector<SourceRow> out;
  for (const Entry& e : entries) {
    if (e.structured) {
      out.push_back({&e, e.row, e.strong});
      continue;
    }
    const std::size_t p = e.pieces.size();
    if (p == 0) continue;
    if (e.splittable && p <= n) {
      out.push_back({&e, e.row, e.strong});
      continue;
    }
    const std::size_t first = chunks.size();
    if (e.splittable) {
      if (p % n == 0) chunks.push_back({&e, 0, static_cast<int>(p / n), 0});
      else diags.push_back({Severity::warning, "table.unplaced", "'" + e.run + "' in " + t.id + " is not whole rows", e.pos});
    } else {
      chunk_loose(e, n, chunks, diags, t.id);
    }
    for (std::size_t c = first; c < chunks.size(); ++c)
      for (int k = 0; k < chunks[c].rows; ++k)
        out.push_back({&e, c == first && k == 0 ? e.row : -1, false, static_cast<int>(c), k});
  }
  return out;
}

struct Assignment {
  std::vector<int> template_row;  // per source row: index into t.rows, -1 unassigned
  std::vector<int> collapsed;     // collapsible groups read as one row
  int score = -1;
};

// Alignment is quadratic in the source rows: a region with more than this many rows per row of
// the table (its groups and both layouts counted) is not this table, or is hostile; its tail
// is left out. Eight leaves room for a table printed with a sub-total or a note per row.
constexpr std::size_t max_rows_per_template_row = 8;

// Scores of an alignment. Anchored alignment scores the rows it places (at most
// max_rows_per_template_row × the table's rows); a source with exactly the layout's rows and no label
// against it is placed by position, which is certain, so it scores above any anchored one.
constexpr int positional_score = 10000;
// A label of a collapsible group (or of its sub-rows) names the layout the report prints: an
// alignment of the other layout loses as much as five rows placed by count would give it, so
// the label decides unless the other layout places far more rows.
constexpr int layout_contradiction_penalty = 5;

// The best alignment of source rows with the data rows of one layout.
Assignment align(const TableDef& t, const std::vector<SourceRow>& rows, const std::vector<int>& collapsed) {
  const std::vector<int> data = t.data_rows(collapsed);
  Assignment a;
  a.collapsed = collapsed;
  a.template_row.assign(rows.size(), -1);
  auto position = [&](int label) {
    const auto it = std::find(data.begin(), data.end(), label);
    return it == data.end() ? -1 : static_cast<int>(it - data.begin());
  };
  // Same number of rows as the layout and no label saying otherwise: by position.
  if (rows.size() == data.size()) {
    bool conflict = false;
    int agree = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].label < 0) continue;
      if (rows[i].label == data[i]) ++agree;
      else if (rows[i].strong) conflict = true;
    }
    if (!conflict) {
      for (std::size_t i = 0; i < rows.size(); ++i) a.template_row[i] = data[i];
      a.score = positional_score + agree;
      return a;
    }
  }
  // Anchors: labelled rows in increasing template order (heaviest chain, strong labels weigh 2).
  std::vector<int> anchor_pos(rows.size(), -1);
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows[i].label >= 0) anchor_pos[i] = position(rows[i].label);
  std::vector<int> weight(rows.size(), 0), prev(rows.size(), -1);
  int best_end = -1;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (anchor_pos[i] < 0) continue;
    weight[i] = rows[i].strong ? 2 : 1;
    for (std::size_t j = 0; j < i; ++j)
      if (anchor_pos[j] >= 0 && anchor_pos[j] < anchor_pos[i] &&
          weight[j] + (rows[i].strong ? 2 : 1) > weight[i]) {
        weight[i] = weight[j] + (rows[i].strong ? 2 : 1);
        prev[i] = static_cast<int>(j);
      }
    if (best_end < 0 || weight[i] > weight[best_end]) best_end = static_cast<int>(i);
  }
  std::vector<int> anchors;
  for (int i = best_end; i >= 0; i = prev[i]) anchors.push_back(i);
  std::reverse(anchors.begin(), anchors.end());
  int assigned = 0;
  // Fill the gaps between anchors when the counts make the places certain.
  int last_src = -1, last_pos = -1;
  auto fill = [&](int src_to, int pos_to) {
    const int u = src_to - last_src - 1, f = pos_to - last_pos - 1;
    if (u == f)
      for (int k = 1; k <= u; ++k) a.template_row[last_src + k] = data[last_pos + k], ++assigned;
  };
  for (int i : anchors) {
    fill(i, anchor_pos[i]);
    a.template_row[i] = data[anchor_pos[i]];
    ++assigned;
    last_src = i;
    last_pos = anchor_pos[i];
  }
  fill(static_cast<int>(rows.size()), static_cast<int>(data.size()));
  a.score = assigned;
  return a;
}

// The readings of a chunk's placed rows (`placed`: template row per chunk row, -1 not placed).
// Row-major is the plain reading; a block printed one run per column says column-major. A row
// with a stray value: one reading without its last value, one without its first.
ChoicePoint chunk_point(const TableDef& t, const Chunk& c, const std::vector<int>& placed,
                        const std::vector<ValueType>& types) {
  const std::size_t n = t.columns.size();
  const bool whole = std::none_of(placed.begin(), placed.end(), [](int x) { return x < 0; });
  ChoicePoint p;
  p.run = c.entry->run;
  p.pos = c.entry->pos;
  p.what = std::to_string(c.rows) + " rows of numbers in " + t.id;
  const std::vector<std::size_t> skips = c.stray > 0 ? std::vector<std::size_t>{0, c.stray} : std::vector<std::size_t>{0};
  for (const std::size_t skip : skips)
    for (int major = 0; major < (whole && c.rows > 1 ? 2 : 1); ++major) {
      Alternative a;
      a.cost = c.hint == 2 ? 1 - major : major;
      a.note = major == 1 ? "read column by column (the source prints this block column-major)" : "";
      if (c.stray > 0)
        a.note = "one value too many in '" + c.entry->run + "': read without its " + (skip == 0 ? "last" : "first") +
                 " ('" + c.entry->pieces[c.offset + (skip == 0 ? n : 0)] + "'), a stray the rules tell apart";
      bool ok = true;
      a.cells.reserve(static_cast<std::size_t>(c.rows) * n);
      for (int k = 0; k < c.rows && ok; ++k) {
        if (placed[k] < 0) continue;
        const auto& ids = row_cells(t, placed[k]);
        for (std::size_t col = 0; col < n; ++col) {
          const std::size_t at = c.offset + skip + (major == 0 ? k * n + col : col * c.rows + k);
          Reading cell;
          if (!read_single_cell(c.entry->pieces[at], types[col], cell)) {
            ok = false;
            break;
          }
          a.cells.emplace_back(ids[col], std::move(cell));
        }
      }
      if (ok) p.alternatives.push_back(std::move(a));
    }
  p.order_unknown = c.hint == 0 && whole && c.rows > 1 && p.alternatives.size() > 1;
  return p;
}

void map_grid_table(const Template& tmpl, const TableDef& t, const std::vector<Entry>& entries, Mapping& out,
                    std::size_t& budget) {
  std::vector<Chunk> chunks;
  std::vector<SourceRow> rows = source_rows(t, entries, chunks, out.diagnostics);
  if (rows.empty()) return;
  // A region with far more rows than the table has: its tail is left out, and said so.
  const std::size_t max_rows = max_rows_per_template_row * t.rows.size();
  if (rows.size() > max_rows) {
    out.diagnostics.push_back({Severity::warning, "limit.table-rows",
                               std::to_string(rows.size()) + " rows where " + t.id + " has " +
                                   std::to_string(t.rows.size()) + "; only the first " + std::to_string(max_rows) + " are read",
                               rows[max_rows].entry->pos});
    while (rows.size() > max_rows && rows.back().chunk >= 0 && rows[max_rows].chunk == rows.back().chunk) rows.pop_back();
    rows.resize(std::min(rows.size(), max_rows));
  }
  // Layouts: as the format prints it, or with collapsible groups printed as one row.
  std::vector<std::vector<int>> layouts{{}};
  const std::vector<int> groups = t.collapsible_groups();
  if (!groups.empty()) layouts.push_back(groups);
  Assignment best;
  for (const auto& layout : layouts) {
    Assignment a = align(t, rows, layout);
    // A label of a collapsible group (or of its sub-rows) says which layout the report uses.
    for (const SourceRow& r : rows) {
      if (r.label < 0) continue;
      const bool group_label = std::find(groups.begin(), groups.end(), r.label) != groups.end();
      const bool sub_row = std::find(groups.begin(), groups.end(), t.rows[r.label].parent) != groups.end();
      if ((group_label && layout.empty()) || (sub_row && !layout.empty())) a.score -= layout_contradiction_penalty;
    }
    if (best.template_row.empty() || a.score > best.score) best = a;
  }
  CollapsedGroups layout;
  for (int g : best.collapsed) layout.push_back(t.rows[g].id);
  out.collapsed.insert(out.collapsed.end(), layout.begin(), layout.end());
  const std::vector<RuleInstance>& rules = expand_rules(tmpl, layout);
  const std::vector<ValueType> types = column_types(t);
  std::vector<bool> chunk_done(chunks.size(), false);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const SourceRow& r = rows[i];
    const int row = best.template_row[i];
    if (row < 0) {
      out.diagnostics.push_back({Severity::warning, "table.unplaced",
                                 "a row of " + t.id + " ('" + (r.entry->run.empty() ? std::string("…") : r.entry->run) +
                                     "') could not be matched to a template row",
                                 r.entry->pos});
      if (r.chunk < 0) continue;
    }
    if (r.chunk < 0) {
      const auto& ids = row_cells(t, row);
      if (r.entry->structured)
        out.points.push_back(structured_point(ids, placements_of(*r.entry), r.entry->pos, r.entry->readings));
      else
        out.points.push_back(ruled_readings({ids, types, r.entry->pieces, r.entry->run, r.entry->pos, t.rows[row].id}, rules,
                                            budget, out.diagnostics, true));
      annotate(out.points.back(), r.entry->note);
      continue;
    }
    if (chunk_done[r.chunk]) continue;
    chunk_done[r.chunk] = true;
    // Rows of this chunk that were placed, in order.
    const Chunk& c = chunks[r.chunk];
    std::vector<int> placed(c.rows, -1);  // rows of a chunk come together, the first one here
    for (std::size_t j = i; j < rows.size() && rows[j].chunk == r.chunk; ++j) placed[rows[j].index] = best.template_row[j];
    out.points.push_back(chunk_point(t, c, placed, types));
  }
}

}  // namespace

namespace {

// A table whose region was found but gave no cell: a warning that names it, where it stands
// and why, so that a lost table never passes silently.
void report_unread(const Report& report, const TableDef& table, const Range& range, const std::vector<Token>& tokens,
                   std::size_t first_diagnostic, Mapping& out) {
  std::size_t numbers = 0, rows = 0;
  for (const Token& tok : tokens) {
    numbers += tok.kind == Token::number_run;
    rows += tok.kind == Token::table_row;
  }
  std::string why;
  if (out.diagnostics.size() > first_diagnostic) why = "its rows could not be placed (see the warnings before this one)";
  else if (numbers == 0 && rows == 0) why = "its region holds no numbers and no table rows";
  else why = "no row of its region names one of its row labels or has its " + std::to_string(table.columns.size()) +
             " columns";
  const SourcePos pos = range.first < report.blocks.size() ? report.blocks[range.first].pos : SourcePos{};
  out.diagnostics.push_back({Severity::warning, "table.unread", table.id + " was found but none of its cells was read: " + why, pos});
}

}  // namespace

Mapping map_tables(const Report& report, const Template& t, const Limits& limits) {
  return map_tables(ReportText(report), t, limits);
}

Mapping map_tables(const ReportText& text, const Template& t, const Limits& limits) {
  const Report& report = text.report();
  Mapping out;
  std::size_t budget = limits.max_split_candidates;
  // Each table is read as its template declares (TableLayout): the label-blocks tables of a
  // section together (表二), a grid alone, aligned by label and position (表三), a single-row
  // table with no labels at all (表四). The loader made sure label blocks of a section stand
  // together and nothing else shares their section.
  std::vector<std::vector<const TableDef*>> groups;
  for (const TableDef& table : t.tables) {
    const bool blocks = table.layout == TableLayout::label_blocks;
    if (blocks && !groups.empty() && groups.back().front()->layout == TableLayout::label_blocks &&
        groups.back().front()->section == table.section)
      groups.back().push_back(&table);
    else
      groups.push_back({&table});
  }
  std::vector<const TableDef*> fronts;
  for (const auto& g : groups) fronts.push_back(g.front());
  const std::vector<Range> ranges = table_ranges(text, t, fronts);

  std::vector<std::pair<std::size_t, std::vector<Token>>> single_rows;  // group, its tokens
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const auto& g = groups[i];
    if (!ranges[i].found) {
      out.diagnostics.push_back({Severity::info, "table.absent", "no " + g.front()->id + " table found", {}});
      continue;
    }
    std::vector<Token> tokens = tokenize(report, ranges[i].first, ranges[i].end, ranges[i].first_offset, ranges[i].end_offset);
    if (g.front()->layout == TableLayout::single_row) {
      single_rows.emplace_back(i, std::move(tokens));
      continue;
    }
    const std::size_t first_point = out.points.size(), first_diagnostic = out.diagnostics.size();
    std::vector<Entry> entries = read_entries(g, tokens, out.diagnostics);
    if (g.front()->layout == TableLayout::label_blocks) map_label_tables(g, entries, out, budget);
    else map_grid_table(t, *g.front(), entries, out, budget);
    for (std::size_t p = first_point; p < out.points.size(); ++p) annotate(out.points[p], ranges[i].note);
    if (out.points.size() == first_point) report_unread(report, *g.front(), ranges[i], tokens, first_diagnostic, out);
  }
  // Single-row tables last: their reading-order repair needs the rules of the final layout.
  const std::vector<RuleInstance>& rules = expand_rules(t, out.collapsed);
  for (const auto& [group, tokens] : single_rows) {
    const TableDef* table = groups[group].front();
    std::vector<RuleInstance> own;
    for (const RuleInstance& r : rules)
      if (r.table == table->id) own.push_back(r);
    const std::size_t first_point = out.points.size(), first_diagnostic = out.diagnostics.size();
    map_single_row(*table, own, t.cells.size(), tokens, out, budget);
    for (std::size_t p = first_point; p < out.points.size(); ++p) annotate(out.points[p], ranges[group].note);
    if (out.points.size() == first_point) report_unread(report, *table, ranges[group], tokens, first_diagnostic, out);
  }
  return out;
}

}  // namespace nianbao::schema
