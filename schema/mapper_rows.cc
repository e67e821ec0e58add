// The readings of one table row: its cells read as they are (a table row), or every way to
// cut a flattened digit run into them, kept when they pass the run's own rules.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "model/kept.h"
#include "normalize/normalize.h"
#include "schema/internal/mapper_parts.h"

namespace nianbao::schema {

namespace nz = nianbao::normalize;

// The one reading of a cell's printed text (solver.h).
Reading read_cell(const std::string& text) {
  const nz::CellNumber n = nz::parse_cell_number(text);
  Reading r;
  r.raw = nz::clean(text);
  switch (n.kind) {
    case nz::CellNumber::number:
      r.state = ValueState::number;
      r.value = n.value;
      r.unit = n.unit;
      break;
    case nz::CellNumber::blank: r.state = ValueState::blank; break;
    case nz::CellNumber::dash: r.state = ValueState::dash; break;
    case nz::CellNumber::text: r.state = ValueState::ambiguous; break;
  }
  return r;
}

namespace detail {
// ---------------------------------------------------------------------------------------
// Readings of one row

normalize::CellNumber::Kind cell_kind(std::string_view text) {
  if (!text.empty() && normalize::is_ideograph_at(text, 0) && !normalize::may_start_none_word(text))
    return normalize::CellNumber::text;
  // A row label's opening parenthesis ("（一）予以公开"): folded, "(" starts neither a number
  // nor a dash word, whatever follows.
  if (text.starts_with("\xEF\xBC\x88") || text.starts_with('(')) return normalize::CellNumber::text;
  // Nor a row label's number ("1.属于国家秘密", "2、…"): digits, then "." before an ideograph
  // or "、", which are no decimals, unit or annotation of a number.
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits > 0 && ((text.substr(digits, 1) == "." && digits + 1 < text.size() &&
                      normalize::is_ideograph_at(text, digits + 1)) ||
                     text.substr(digits, 3) == "\xE3\x80\x81"))
    return normalize::CellNumber::text;
  return normalize::parse_cell_number(text).kind;
}

std::vector<ValueType> column_types(const TableDef& t) {
  std::vector<ValueType> out;
  out.reserve(t.columns.size());
  for (const ColumnDef& c : t.columns) out.push_back(c.type);
  return out;
}

const std::vector<int>& row_cells(const TableDef& t, int row) { return t.cell_index[row]; }

// A rule on the cells of one run: positions of its left and right operands.
using LocalRule = std::pair<std::vector<std::size_t>, std::vector<std::size_t>>;

// The note of a reading whose cells were cut out of a run of digits, made in one allocation.
std::string split_note(const std::string& run) {
  constexpr std::string_view before = "split from '", after = "'";
  std::string note;
  note.reserve(before.size() + run.size() + after.size());
  note.append(before).append(run).append(after);
  return note;
}

// A run's choice point before any reading: what it is, for the solver's messages.
ChoicePoint empty_point(const DigitRun& r) {
  ChoicePoint p;
  p.run = r.text;
  p.pos = r.pos;
  p.what = r.what;
  p.what_is_run = true;
  return p;
}

namespace {

// The units of the budget the walk spends on a run of exactly one piece per cell whose every
// piece is a whole cell of its column (splits.h): a node for the first piece, then for each
// piece a node per shorter cut of it that is a cell (each refused at once: more pieces left
// than cells) and one for the whole piece (the next piece's node, or the reading's).
std::size_t one_piece_per_cell_nodes(const std::vector<std::string>& pieces, const std::vector<ValueType>& types) {
  std::size_t nodes = 1 + pieces.size();
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const std::string& s = pieces[i];
    if (types[i] == ValueType::money) {
      for (std::size_t end = 1; end < s.size(); ++end) nodes += splits_detail::valid_money(std::string_view(s).substr(0, end));
      continue;
    }
    // A count is cut after each of its digits (a whole count has no leading zero but "0").
    const bool sign = types[i] == ValueType::signed_count && (s[0] == '-' || s[0] == '+');
    nodes += s.size() - (sign ? 1 : 0) - 1;
  }
  return nodes;
}

// The one reading of a run of exactly one piece per cell, each piece a whole cell of its
// column, as `a`: what the walk would find, without walking, the budget charged as much
// (one_piece_per_cell_nodes). False, nothing charged, when the run is not such a run or the
// budget would run out on the way: the walk then finds what it finds, and says so.
bool one_piece_per_cell(const DigitRun& in, std::size_t& budget, Alternative& a) {
  const std::vector<std::string>& pieces = in.pieces;
  const std::vector<ValueType>& types = in.types;
  if (pieces.empty() || pieces.size() != in.cells.size()) return false;
  a.cells.resize(pieces.size());
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].size() > splits_detail::max_cell_bytes(types[i])) return false;
    if (!read_single_cell(pieces[i], types[i], a.cells[i].second)) return false;
    a.cells[i].first = in.cells[i];
  }
  const std::size_t nodes = one_piece_per_cell_nodes(pieces, types);
  if (nodes > budget) return false;
  budget -= nodes;
  return true;
}

}  // namespace

// No rule reads these cells (a 表二 row): the winners are all readings, so only each cell's
// distinct values are kept, not the readings themselves.
ChoicePoint distinct_readings(const DigitRun& in, std::size_t& budget, std::vector<Diagnostic>& diags) {
  const std::vector<int>& ids = in.cells;
  const std::vector<ValueType>& types = in.types;
  const std::vector<std::string>& pieces = in.pieces;
  const std::string& run = in.text;
  ChoicePoint p = empty_point(in);
  // A run of one cell per piece (nearly every table row's) has one reading at most: found
  // without the walk when it has one.
  if (Alternative one; one_piece_per_cell(in, budget, one)) {
    p.alternatives.push_back(std::move(one));
    return p;
  }
  // Per cell, its distinct readings: the thread's lists, reused (a row is a few cells, each
  // with the few cuts a bounded cell has).
  thread_local std::vector<std::vector<Reading>> distinct;
  if (distinct.size() < ids.size()) distinct.resize(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) distinct[i].clear();
  // Per cell, its cut in the reading before: the walk goes depth first, so a reading keeps the
  // first cells of the one before, the same bytes of the same piece, which add nothing to what
  // was seen; only the cells cut anew are looked for among it.
  std::vector<std::string_view> before(ids.size());
  bool any = false;
  const bool complete = enumerate_splits(pieces, types, budget, [&](const std::vector<std::string_view>& cells) {
    any = true;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (cells[i].data() == before[i].data() && cells[i].size() == before[i].size()) continue;
      before[i] = cells[i];
      auto& seen = distinct[i];
      if (std::none_of(seen.begin(), seen.end(), [&](const Reading& c) { return c.raw == cells[i]; })) {
        // Read in place (read_single_cell sets every field), and dropped when its value was seen:
        // a reading moved in is three short texts copied.
        Reading& cell = seen.emplace_back();
        read_single_cell(cells[i], types[i], cell);
        if (std::any_of(seen.begin(), seen.end() - 1, [&](const Reading& c) { return c.value == cell.value; }))
          seen.pop_back();
      }
    }
    return true;
  });
  if (!any) return p;  // no reading at all: the solver says so
  Alternative a;
  a.cells.reserve(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    Reading r;
    if (complete && distinct[i].size() == 1) {
      r = std::move(distinct[i].front());  // the lists are cleared before their next use
    } else {
      r.state = ValueState::ambiguous;
      r.raw = run;
      if (complete)
        for (const Reading& c : distinct[i]) r.candidates.push_back(c.value);
    }
    a.cells.emplace_back(ids[i], std::move(r));
  }
  if (pieces.size() < ids.size()) a.note = split_note(run);
  if (!complete)
    diags.push_back({Severity::warning, "limit.split-candidates",
                     "stopped enumerating the readings of '" + run + "' (--max-split-candidates)", in.pos});
  p.alternatives.push_back(std::move(a));
  return p;
}

namespace {

// The rules that read only a run's cells, and where each is decided.
struct RowRules {
  std::vector<LocalRule> rules;
  // Per position of a cell: the rules whose last cell it is (a rule is checked once that cell
  // is cut).
  std::vector<std::vector<std::size_t>> ending_at;
};

// The rules that read only the cells `ids`, over positions in `ids`.
RowRules compute_local_rules(const std::vector<int>& ids, const std::vector<RuleInstance>& rules) {
  RowRules out;
  out.ending_at.resize(ids.size());
  std::vector<LocalRule>& local = out.rules;
  if (ids.empty()) return out;
  // Each cell's position in `ids` (its first), -1 for a cell not in it: a rule is looked at once.
  const int max_id = *std::max_element(ids.begin(), ids.end());
  std::vector<int> position(static_cast<std::size_t>(std::max(max_id, 0)) + 1, -1);
  for (std::size_t i = ids.size(); i-- > 0;)
    if (ids[i] >= 0) position[static_cast<std::size_t>(ids[i])] = static_cast<int>(i);
  auto at_of = [&](int cell) {
    if (cell >= 0 && cell <= max_id) return position[static_cast<std::size_t>(cell)];
    const auto it = std::find(ids.begin(), ids.end(), cell);  // a negative id (none in the template)
    return it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
  };
  for (const RuleInstance& rule : rules) {
    const auto in_ids = [&](int cell) { return at_of(cell) >= 0; };
    if (!std::all_of(rule.left.begin(), rule.left.end(), in_ids) || !std::all_of(rule.right.begin(), rule.right.end(), in_ids))
      continue;
    LocalRule at;
    for (int cell : rule.left) at.first.push_back(static_cast<std::size_t>(at_of(cell)));
    for (int cell : rule.right) at.second.push_back(static_cast<std::size_t>(at_of(cell)));
    local.push_back(std::move(at));
  }
  for (std::size_t k = 0; k < local.size(); ++k) {
    std::size_t end = 0;
    for (const auto* side : {&local[k].first, &local[k].second})
      for (std::size_t i : *side) end = std::max(end, i);
    out.ending_at[end].push_back(k);
  }
  return out;
}

// The rows (runs of cells) whose local rules a thread keeps: the keys are the cell runs reports
// were read into, which the reports choose, so a long-lived process clears them past this many
// (a few hundred bytes each) instead of growing without end.
constexpr std::size_t max_kept_row_rules = 4096;

// The local rules of a row under rules that expand_rules keeps (never freed, so their address
// names them): computed once per thread for each row, not once per run read.
const RowRules& cached_local_rules(const std::vector<int>& ids, const std::vector<RuleInstance>& rules) {
  struct Key {
    const std::vector<RuleInstance>* rules;
    std::vector<int> ids;
    bool operator==(const Key&) const = default;
  };
  struct Hash {
    std::size_t operator()(const Key& k) const {
      std::size_t h = std::hash<const void*>()(k.rules);
      for (int i : k.ids) h = h * 1000003u ^ static_cast<std::size_t>(i);
      return h;
    }
  };
  thread_local Kept<Key, RowRules, Hash> kept(max_kept_row_rules);
  return kept.find_or_make(Key{&rules, ids}, [&] { return compute_local_rules(ids, rules); });
}

}  // namespace

// The rules that read only this run's cells (a row's total, 表四's group totals) decide
// among its readings as they are found: only the readings that pass all of them are kept,
// without building the others; when none does, all are kept (misprinted).
ChoicePoint ruled_readings(const DigitRun& in, const std::vector<RuleInstance>& rules, std::size_t& budget,
                           std::vector<Diagnostic>& diags, bool expanded_rules) {
  const std::vector<int>& ids = in.cells;
  const std::vector<ValueType>& types = in.types;
  const std::vector<std::string>& pieces = in.pieces;
  const std::string& run = in.text;
  const SourcePos pos = in.pos;
  ChoicePoint p = empty_point(in);
  RowRules own;
  if (!expanded_rules) own = compute_local_rules(ids, rules);
  const RowRules& row_rules = expanded_rules ? cached_local_rules(ids, rules) : own;
  const std::vector<LocalRule>& local = row_rules.rules;
  const std::vector<std::vector<std::size_t>>& ending_at = row_rules.ending_at;
  // Readings are kept in memory for the solver: more than a few thousand cannot be told apart
  // by the rules anyway, and would cost memory out of proportion to the input.
  constexpr std::size_t max_readings = 4096;
  // First only the readings that pass every local rule, pruned as soon as a rule's last cell is
  // cut (a 表四 group whose total is wrong ends its branch), each cut's number read once as it
  // is cut.
  thread_local std::vector<long double> values;
  values.assign(ids.size(), 0);
  auto all_pass_so_far = [&](std::size_t last, long double value) {
    values[last] = value;
    for (const std::size_t k : ending_at[last]) {
      long double a = 0, b = 0;
      for (std::size_t i : local[k].first) a += values[i];
      for (std::size_t i : local[k].second) b += values[i];
      if (!sums_equal(a, b)) return false;
    }
    return true;
  };
  // The note of every reading kept (when the run has fewer pieces than cells): given once the
  // readings are known, so that the last one takes the note itself and only the others copy it.
  auto give_note = [&]() {
    if (pieces.size() >= ids.size() || p.alternatives.empty()) return;
    std::string note = split_note(run);
    for (std::size_t i = 0; i + 1 < p.alternatives.size(); ++i) p.alternatives[i].note = note;
    p.alternatives.back().note = std::move(note);
  };
  // Keeps a reading; false once there are max_readings.
  auto keep_all = [&](const std::vector<std::string_view>& cells) {
    Alternative& a = p.alternatives.emplace_back();
    a.cells.resize(cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
      a.cells[i].first = ids[i];
      read_single_cell(cells[i], types[i], a.cells[i].second);
    }
    return p.alternatives.size() < max_readings;
  };
  bool complete = true;
  if (!local.empty()) {
    complete = enumerate_splits(pieces, types, budget, all_pass_so_far, keep_all);
    if (p.alternatives.size() >= max_readings) complete = false;
    if (complete && !p.alternatives.empty()) {
      give_note();
      return p;
    }
  }
  // No reading passes every local rule: the run was misprinted (a digit too many or too few),
  // and no reading is chosen — every one is kept, and the solver leaves the cells they
  // disagree on ambiguous. Without local rules every reading is kept too.
  p.misprinted = complete && !local.empty();
  complete = complete && enumerate_splits(pieces, types, budget, keep_all);
  if (p.alternatives.size() >= max_readings) complete = false;
  if (!complete) {
    diags.push_back({Severity::warning, "limit.split-candidates",
                     "stopped enumerating the readings of '" + run + "' (--max-split-candidates)", pos});
    p.alternatives.clear();  // an incomplete list would be a silent guess
    Alternative unknown;
    unknown.cells.reserve(ids.size());
    for (const int id : ids) {
      Reading r;
      r.state = ValueState::ambiguous;
      r.raw = run;
      unknown.cells.emplace_back(id, r);
    }
    p.alternatives.push_back(std::move(unknown));
  } else {
    give_note();
  }
  return p;
}

void add_readings(ChoicePoint& p, int cell, const std::vector<std::string>& others) {
  // Alternatives double with each doubtful cell: a row with more is left as read (its rules
  // still flag a wrong reading).
  constexpr std::size_t kMaxAlternatives = 64;
  const std::size_t n = p.alternatives.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (const std::string& other : others) {
      const Reading r = read_cell(other);
      if (r.state != ValueState::number || p.alternatives.size() >= kMaxAlternatives) continue;
      Alternative copy = p.alternatives[i];
      bool found = false;
      for (auto& [id, reading] : copy.cells)
        if (id == cell && reading.value != r.value) reading = r, found = true;
      if (!found) continue;
      copy.note = "OCR doubt: the scan may read " + r.raw + " here";
      p.alternatives.push_back(std::move(copy));
    }
  }
}

ChoicePoint structured_point(const std::vector<int>& ids, std::span<const std::vector<std::string>> placements,
                             SourcePos pos, const std::vector<std::vector<std::string>>& readings) {
  ChoicePoint p;
  p.pos = pos;
  for (const std::vector<std::string>& slots : placements) {
    Alternative a;
    a.cells.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) a.cells.emplace_back(ids[i], read_cell(slots[i]));
    if (placements.size() > 1) {
      a.note = "an empty cell of a row wider than the table placed by the rules";
      for (const std::string& s : slots) p.run += (p.run.empty() ? "" : " ") + (s.empty() ? "_" : s);
    }
    p.alternatives.push_back(std::move(a));
  }
  if (placements.size() == 1)
    for (std::size_t i = 0; i < ids.size() && i < readings.size(); ++i)
      if (!readings[i].empty()) add_readings(p, ids[i], readings[i]);
  return p;
}

}  // namespace detail

}  // namespace nianbao::schema
