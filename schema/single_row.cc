// 表四: one row of 15 cells under a three-level header, without a row label. Its numbers are
// read in source order; PDF text in reading order can emit the blocks of a row out of column
// order, which the rules reveal and the smallest move of blocks repairs.
#include <algorithm>
#include <numeric>

#include "normalize/normalize.h"
#include "schema/internal/labels.h"
#include "schema/internal/mapper_parts.h"

namespace nianbao::schema::detail {
namespace {

namespace nz = nianbao::normalize;

struct Item {
  std::string text;
  bool structured = false;  // a table cell (may be blank); otherwise a number piece
  std::vector<std::string> readings;  // a table cell OCR doubted: its other readings
};

// The reading order of a single-row table's blocks of numbers (表四 printed out of order) is
// repaired only up to this many blocks: every order is tried against the rules, and 7! = 5040
// orders stay cheap on every input; each block more multiplies the work by its count.
constexpr std::size_t max_repair_blocks = 7;

// Moves needed to turn 0..k-1 into `perm`: k minus its longest increasing subsequence.
int moves(const std::vector<int>& perm) {
  std::vector<int> tails;
  for (int x : perm) {
    const auto it = std::lower_bound(tails.begin(), tails.end(), x);
    if (it == tails.end()) tails.push_back(x);
    else *it = x;
  }
  return static_cast<int>(perm.size() - tails.size());
}

bool read_items(const std::vector<const Item*>& items, const std::vector<int>& ids,
                const std::vector<ValueType>& types, Alternative& a) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i]->structured) {
      a.cells.emplace_back(ids[i], read_cell(items[i]->text));
      continue;
    }
    Reading cell;
    if (!read_single_cell(items[i]->text, types[i], cell)) return false;
    a.cells.emplace_back(ids[i], std::move(cell));
  }
  return true;
}

bool passes_all(const Alternative& a, const std::vector<RuleInstance>& rules, std::size_t cells) {
  std::vector<Operand> v(cells);
  for (const auto& [id, r] : a.cells) {
    if (r.state == ValueState::number) v[id] = nz::number_value(r.value);
  }
  for (const RuleInstance& r : rules)
    if (evaluate(r, v) != CheckResult::pass) return false;
  return true;
}

// The numbers of a single-row table's region in source order: a chunk per table row with a
// value (its cells after its last text), or per stretch of number runs.
struct Blocks {
  std::vector<std::vector<Item>> chunks;
  bool splittable = false;  // a run read after a text of its paragraph: its cells may be glued
  std::string run;          // the runs as printed
  SourcePos pos;            // of the first chunk
};

Blocks blocks_of(const TableDef& t, const std::vector<Token>& tokens) {
  Blocks out;
  std::vector<std::vector<Item>>& chunks = out.chunks;
  bool open = false;
  const std::string header_key = label_key(t.header);  // keyed once, not for each text run
  // Numbers after a text in its paragraph are the table's when the text ends with a column
  // header or holds the table's header: the text is keyed for such numbers only.
  const Token* last_text_run = nullptr;
  std::vector<std::string> pieces;  // a number run's, cut into one buffer for all runs
  auto after_header = [&]() {
    if (!last_text_run) return false;
    const std::string key = label_key(last_text_run->text);
    return ends_with_column_key(t, key) || key.find(header_key) != std::string::npos;
  };
  std::vector<nz::CellNumber::Kind> kinds;  // a row's cells' kinds (one buffer for all rows)
  for (const Token& tok : tokens) {
    if (tok.kind == Token::table_row) {
      open = false;
      kinds.clear();
      int last_text = -1;
      for (int c = 0; c < static_cast<int>(tok.cells.size()); ++c)
        if (kinds.emplace_back(cell_kind(tok.cells[c])) == nz::CellNumber::text) last_text = c;
      const auto first = kinds.begin() + (last_text + 1);
      if (std::none_of(first, kinds.end(), [](nz::CellNumber::Kind k) {
            return k == nz::CellNumber::number || k == nz::CellNumber::dash;
          }))
        continue;  // no value: its cells are not copied
      std::vector<Item> items;
      for (std::size_t c = last_text + 1; c < tok.cells.size(); ++c)
        items.push_back({std::string(tok.cells[c]), true, c < tok.readings.size() ? tok.readings[c] : std::vector<std::string>{}});
      if (chunks.empty()) out.pos = tok.pos;
      chunks.push_back(std::move(items));
      continue;
    }
    if (tok.kind == Token::text_run) {
      open = false;
      last_text_run = &tok;
      continue;
    }
    if (!(tok.loose || (tok.after_text && after_header()))) continue;
    if (!open) chunks.emplace_back();
    if (chunks.size() == 1 && chunks.front().empty()) out.pos = tok.pos;
    open = true;
    out.splittable |= !tok.loose;
    pieces.clear();
    append_number_pieces(tok.text, pieces);
    for (std::string& p : pieces) chunks.back().push_back({std::move(p), false, {}});
    if (!out.run.empty()) out.run += ' ';
    out.run += tok.text;
  }
  return out;
}

}  // namespace

void map_single_row(const TableDef& t, const std::vector<RuleInstance>& rules, std::size_t cells,
                    const std::vector<Token>& tokens, Mapping& out, std::size_t& budget) {
  const std::size_t n = t.columns.size();
  Blocks blocks = blocks_of(t, tokens);
  std::vector<std::vector<Item>>& chunks = blocks.chunks;
  const std::string& run = blocks.run;
  const SourcePos pos = blocks.pos;
  const bool splittable = blocks.splittable;
  std::size_t total = 0;
  for (const auto& c : chunks) total += c.size();
  // Rows with more cells than the table has: their empty cells at a row's end are the first
  // to go (a table printed in blocks, each row ending in an empty cell), before any value.
  for (auto& c : chunks)
    while (total > n && !c.empty() && c.back().structured && nz::parse_cell_number(c.back().text).kind == nz::CellNumber::blank)
      c.pop_back(), --total;
  if (total == 0) return;
  const auto& ids = row_cells(t, static_cast<int>(t.rows.size()) - 1);
  const auto types = column_types(t);
  if (total < n || (splittable && total != n)) {
    std::vector<std::string> pieces;
    for (const auto& c : chunks)
      for (const Item& i : c) pieces.push_back(i.text);
    out.points.push_back(ruled_readings({ids, types, pieces, run, pos, t.id}, rules, budget, out.diagnostics));
    return;
  }
  if (total > n) {
    out.diagnostics.push_back({Severity::warning, "table.extra-values",
                               t.id + " holds " + std::to_string(total) + " values where " + std::to_string(n) +
                                   " are expected; the first " + std::to_string(n) + " are used",
                               pos});
  }
  ChoicePoint p;
  p.run = run;
  p.pos = pos;
  p.what = "the " + std::to_string(n) + " values of " + t.id;
  std::vector<int> order(chunks.size());
  std::iota(order.begin(), order.end(), 0);
  auto reading = [&](const std::vector<int>& perm, Alternative& a) {
    std::vector<const Item*> items;
    for (int c : perm)
      for (const Item& i : chunks[c])
        if (items.size() < n) items.push_back(&i);
    return read_items(items, ids, types, a);
  };
  Alternative natural;
  if (reading(order, natural)) {
    p.alternatives.push_back(natural);
    std::size_t k = 0;
    for (const auto& c : chunks)
      for (const Item& i : c)
        if (k < n) {
          if (!i.readings.empty()) add_readings(p, ids[k], i.readings);
          ++k;
        }
  }
  // Reading order repair: only when the source order breaks the rules and the blocks are few.
  if ((p.alternatives.empty() || !passes_all(natural, rules, cells)) && chunks.size() > 1 &&
      chunks.size() <= max_repair_blocks && total == n) {
    // The rules are tried on the numbers first; a reading is built only for an order that passes.
    std::vector<std::vector<Operand>> chunk_values;
    for (const auto& c : chunks) {
      std::vector<Operand>& vals = chunk_values.emplace_back();
      for (const Item& i : c) {
        // As read_items reads it as a count (without a one-cell Alternative per number).
        Reading r;
        bool ok = true;
        if (i.structured) r = read_cell(i.text);
        else ok = read_single_cell(i.text, ValueType::count, r);
        vals.push_back(ok && r.state == ValueState::number ? Operand(nz::number_value(r.value)) : std::nullopt);
      }
    }
    std::vector<Operand> v(cells);
    while (std::next_permutation(order.begin(), order.end())) {
      std::size_t k = 0;
      for (int c : order)
        for (const Operand& o : chunk_values[c]) v[ids[k++]] = o;
      if (!std::all_of(rules.begin(), rules.end(), [&](const RuleInstance& r) { return evaluate(r, v) == CheckResult::pass; }))
        continue;
      Alternative a;
      if (!reading(order, a) || !passes_all(a, rules, cells)) continue;
      a.cost = moves(order);
      a.note = "reading order repaired: the source prints the blocks of this row out of column order";
      p.alternatives.push_back(std::move(a));
    }
  }
  out.points.push_back(std::move(p));
}

}  // namespace nianbao::schema::detail
