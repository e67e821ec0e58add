// The choice among readings: local pruning by the rules a choice point decides alone, then
// an enumeration of the remaining combinations within a budget. Cells and rules are
// compiled to indices first: the enumeration evaluates rules many times.
#include "schema/internal/solver.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>

#include "normalize/normalize.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

Operand operand(const Reading& r) {
  if (r.state != ValueState::number) return std::nullopt;
  return nz::number_value(r.value);
}

// The rules a reading satisfies, as flags over a list of rules. Readings are compared by
// these sets, not by how many rules they pass: a reading that satisfies a subset of what
// another satisfies loses to it; two readings that each satisfy a rule the other fails are
// both kept (the source is wrong somewhere, and the rules cannot say where).
// Kept as bits, 64 rules to a word (compared a word at a time).
using PassSet = std::vector<std::uint64_t>;
constexpr std::size_t rules_per_word = 64;

std::size_t pass_words(std::size_t rules) { return (rules + rules_per_word - 1) / rules_per_word; }

// Whether the rules set in `a` (n words) are a proper subset of those set in `b`.
bool strictly_within(const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  bool smaller = false;
  for (std::size_t w = 0; w < n; ++w) {
    if ((a[w] & ~b[w]) != 0) return false;
    smaller = smaller || (b[w] & ~a[w]) != 0;
  }
  return smaller;
}
bool strictly_within(const PassSet& a, const PassSet& b) { return strictly_within(a.data(), b.data(), a.size()); }

// Rules and readings over cell indices.
struct CompiledRule {
  std::span<const int> left, right;  // the RuleInstance's, which outlive the model (solve's argument)
};

struct CompiledAlternative {
  std::span<const std::pair<int, Operand>> cells;  // in Model::cells_
};

class Model {
 public:
  // Every alternative's cells in one vector, sized first (an allocation per alternative was
  // half of the model's cost).
  Model(const std::vector<ChoicePoint*>& points, const std::vector<RuleInstance>& rule_list) {
    std::size_t n = 0, alts = 0;
    for (const ChoicePoint* p : points) {
      alts += p->alternatives.size();
      for (const Alternative& a : p->alternatives) n += a.cells.size();
    }
    cells_.reserve(n);
    alternatives.all.reserve(alts);
    alternatives.start.reserve(points.size() + 1);
    alternatives.start.push_back(0);
    for (const ChoicePoint* p : points) {
      for (const Alternative& a : p->alternatives) {
        const std::size_t from = cells_.size();
        for (const auto& [cell, r] : a.cells) cells_.emplace_back(cell, operand(r));
        alternatives.all.push_back({std::span(cells_).subspan(from, a.cells.size())});
      }
      alternatives.start.push_back(alternatives.all.size());
    }
    rules.reserve(rule_list.size());
    for (const RuleInstance& r : rule_list) rules.push_back({r.left, r.right});
  }


  // Which of the rules `which` hold under `v` (in the order of `which`), written to `out`
  // (pass_words(which.size()) words).
  void passed(const std::vector<int>& which, const std::vector<Operand>& v, std::uint64_t* out) const {
    std::fill(out, out + pass_words(which.size()), 0);
    for (std::size_t k = 0; k < which.size(); ++k)
      if (passes(rules[which[k]], v)) out[k / rules_per_word] |= std::uint64_t{1} << (k % rules_per_word);
  }
  PassSet passed(const std::vector<int>& which, const std::vector<Operand>& v) const {
    PassSet out(pass_words(which.size()));
    passed(which, v, out.data());
    return out;
  }

  // pass / fail, or undetermined when an operand is not a number.
  static CheckResult result(const CompiledRule& r, const std::vector<Operand>& v) {
    long double l = 0, rr = 0;
    for (int i : r.left) {
      if (i < 0 || !v[i]) return CheckResult::undetermined;
      l += *v[i];
    }
    for (int i : r.right) {
      if (i < 0 || !v[i]) return CheckResult::undetermined;
      rr += *v[i];
    }
    return sums_equal(l, rr) ? CheckResult::pass : CheckResult::fail;
  }
  static bool passes(const CompiledRule& r, const std::vector<Operand>& v) { return result(r, v) == CheckResult::pass; }

  static void assign(const CompiledAlternative& a, std::vector<Operand>& v) {
    for (const auto& [i, o] : a.cells) v[i] = o;
  }

  // Per point, its alternatives: alternatives[p][a]. One vector for all points.
  struct {
    std::vector<CompiledAlternative> all;
    std::vector<std::size_t> start;  // point p's are all[start[p]] to all[start[p + 1]]
    std::span<const CompiledAlternative> operator[](std::size_t p) const {
      return std::span(all).subspan(start[p], start[p + 1] - start[p]);
    }
  } alternatives;
  std::vector<CompiledRule> rules;

 private:
  std::vector<std::pair<int, Operand>> cells_;
};

// The readable choice points, indexable without copying their readings.
struct Points {
  const std::vector<ChoicePoint*>& v;
  const ChoicePoint& operator[](std::size_t i) const { return *v[i]; }
  ChoicePoint& to_move_from(std::size_t i) const { return *v[i]; }  // decide, last
  std::size_t size() const { return v.size(); }
};

// alive[p]: the alternatives of point p still in the running.
using Alive = std::vector<std::vector<int>>;

// Step 1's state: the values of the fixed cells, and buffers reused for every point.
class Pruner {
 public:
  Pruner(const Model& m, const Points& points, const RuleIndex& by_cell, std::size_t cells, Alive& alive)
      : m_(m), points_(points), alive_(alive), by_cell_(by_cell), base_(cells), v_(cells), fixed_cell_(cells, 0),
        point_mark_(cells, 0), set_mark_(cells, 0), rule_mark_(m.rules.size(), 0), fixed_(alive.size(), false) {}

  std::vector<Operand> run() {
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t p = 0; p < alive_.size(); ++p)
        if (!fixed_[p] && alive_[p].size() == 1) fix(p);
      for (std::size_t p = 0; p < alive_.size(); ++p)
        if (alive_[p].size() >= 2 && !points_[p].misprinted) changed = prune_point(p) || changed;
    }
    return std::move(base_);
  }

 private:
  void fix(std::size_t p) {
    fixed_[p] = true;
    const CompiledAlternative& a = m_.alternatives[p][alive_[p].front()];
    Model::assign(a, base_);
    Model::assign(a, v_);
    for (const auto& [i, o] : a.cells) fixed_cell_[i] = 1;
  }

  // The rules that decide among p's readings, into local_: those whose cells are all fixed or
  // p's (as its first reading has them). Only those that read a cell some reading of p sets are
  // listed: a rule over fixed cells alone holds or fails under every reading alike and tells
  // none apart. The cells the readings set go to touched_.
  void local_rules(std::size_t p) {
    ++mark_;
    local_.clear();
    touched_.clear();
    for (const auto& [i, o] : m_.alternatives[p][alive_[p].front()].cells) point_mark_[i] = mark_;
    auto inside = [&](int i) { return fixed_cell_[i] || point_mark_[i] == mark_; };
    for (int a : alive_[p])
      for (const auto& [i, o] : m_.alternatives[p][a].cells) {
        if (set_mark_[i] == mark_) continue;
        set_mark_[i] = mark_;
        touched_.push_back(i);
        for (std::size_t k = by_cell_.start[i]; k < by_cell_.start[i + 1]; ++k) {
          const int r = by_cell_.rules[k];
          if (rule_mark_[r] == mark_) continue;
          rule_mark_[r] = mark_;
          const CompiledRule& rule = m_.rules[r];
          if (std::all_of(rule.left.begin(), rule.left.end(), inside) &&
              std::all_of(rule.right.begin(), rule.right.end(), inside))
            local_.push_back(r);
        }
      }
  }

  // Local pruning of point p: the readings whose passed rules another's strictly contain go.
  bool prune_point(std::size_t p) {
    local_rules(p);
    if (local_.empty()) return false;
    const std::vector<int>& alive = alive_[p];
    const std::size_t n = alive.size(), words = pass_words(local_.size());
    bits_.resize(n * words);
    for (std::size_t k = 0; k < n; ++k) {
      Model::assign(m_.alternatives[p][alive[k]], v_);
      m_.passed(local_, v_, &bits_[k * words]);
    }
    for (const int i : touched_) v_[i] = base_[i];
    // Readings with equal sets stand or fall together: each distinct set is compared once.
    distinct_.clear();
    of_.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint64_t* set = &bits_[k * words];
      std::size_t d = 0;
      while (d < distinct_.size() && !std::equal(set, set + words, &bits_[distinct_[d] * words])) ++d;
      if (d == distinct_.size()) distinct_.push_back(k);
      of_[k] = d;
    }
    beaten_.assign(distinct_.size(), 0);
    for (std::size_t d = 0; d < distinct_.size(); ++d)
      for (std::size_t o = 0; o < distinct_.size() && !beaten_[d]; ++o)
        beaten_[d] = strictly_within(&bits_[distinct_[d] * words], &bits_[distinct_[o] * words], words);
    kept_.clear();
    for (std::size_t k = 0; k < n; ++k)
      if (!beaten_[of_[k]]) kept_.push_back(alive[k]);
    if (kept_.size() == n) return false;
    alive_[p].assign(kept_.begin(), kept_.end());  // fewer: in its own room
    return true;
  }

  const Model& m_;
  const Points& points_;
  Alive& alive_;
  const RuleIndex& by_cell_;
  std::vector<Operand> base_, v_;  // the fixed cells' values; the same with a reading tried
  std::vector<char> fixed_cell_;
  std::vector<std::size_t> point_mark_, set_mark_, rule_mark_;  // == mark_: p's first reading's cell, set, rule seen
  std::size_t mark_ = 0;
  std::vector<bool> fixed_;
  std::vector<int> local_, touched_, kept_;
  std::vector<std::uint64_t> bits_;  // per alive reading of the point, its PassSet's words
  std::vector<std::size_t> distinct_, of_;
  std::vector<char> beaten_;
};

// Step 1, prune. Fixed cells: points with a single reading. Local pruning keeps, for each
// other point, the alternatives that pass the most rules it decides together with the fixed
// cells; a point left with one alternative becomes fixed in turn, until nothing changes.
// Returns the values of the fixed cells.
std::vector<Operand> prune(const Model& m, const Points& points, const RuleIndex& by_cell, std::size_t cells, Alive& alive) {
  return Pruner(m, points, by_cell, cells, alive).run();
}

// What step 2 found: the points that vary under the rules, and the winning combinations.
struct Enumeration {
  std::vector<std::size_t> varying;
  std::vector<std::vector<std::size_t>> best_choices;  // per winning combination: index into alive
  bool too_many = false;                               // more combinations than the budget
};

// The combinations that satisfy one set of rules, at the least cost seen for that set.
struct Winner {
  PassSet passed;
  int cost = 0;
  std::vector<std::vector<std::size_t>> choices;
};

// Keeps the combinations no other one beats: a combination loses to one that satisfies
// every rule it satisfies and more, or the same rules at a lower cost.
void admit(std::vector<Winner>& frontier, PassSet passed, int cost, const std::vector<std::size_t>& choice) {
  for (Winner& w : frontier) {
    if (strictly_within(passed, w.passed)) return;
    if (w.passed == passed) {
      if (cost > w.cost) return;
      if (cost < w.cost) w.choices.clear(), w.cost = cost;
      w.choices.push_back(choice);
      return;
    }
  }
  std::erase_if(frontier, [&](const Winner& w) { return strictly_within(w.passed, passed); });
  frontier.push_back({std::move(passed), cost, {choice}});
}

// Step 2, enumerate every combination of the points that still have a choice and that some
// rule reads (a point no rule reads, like a 表二 run, is decided alone: all its readings
// stay). The winners are the combinations no other one beats (admit): one, when a reading
// satisfies every rule that any reading can; several, when the source itself is wrong.
Enumeration enumerate(const Model& m, const Points& points, const Alive& alive, const std::vector<Operand>& base,
                      const std::vector<bool>& ruled, std::size_t cells, std::size_t budget) {
  Enumeration e;
  std::size_t combinations = 1;
  for (std::size_t p = 0; p < points.size(); ++p) {
    if (alive[p].size() < 2 || points[p].misprinted) continue;
    bool read_by_rules = false;
    for (const auto& [i, o] : m.alternatives[p][alive[p].front()].cells) read_by_rules = read_by_rules || ruled[i];
    if (!read_by_rules) continue;
    e.varying.push_back(p);
    combinations *= alive[p].size();
    if (combinations > budget) e.too_many = true;
  }
  if (!e.varying.empty() && !e.too_many) {
    // Only the rules that read a varying cell can change from one combination to the next.
    std::vector<bool> varies(cells, false);
    for (std::size_t p : e.varying)
      for (const auto& [i, o] : m.alternatives[p][alive[p].front()].cells) varies[i] = true;
    std::vector<int> all;
    for (std::size_t r = 0; r < m.rules.size(); ++r) {
      bool touches = false;
      for (const auto* side : {&m.rules[r].left, &m.rules[r].right})
        for (int i : *side) touches = touches || (i >= 0 && varies[i]);
      if (touches) all.push_back(static_cast<int>(r));
    }
    std::vector<Winner> frontier;
    std::vector<std::size_t> choice(e.varying.size(), 0);
    std::vector<Operand> v = base;
    while (true) {
      int cost = 0;
      for (std::size_t k = 0; k < e.varying.size(); ++k) {
        const int a = alive[e.varying[k]][choice[k]];
        Model::assign(m.alternatives[e.varying[k]][a], v);
        cost += points[e.varying[k]].alternatives[a].cost;
      }
      admit(frontier, m.passed(all, v), cost, choice);
      std::size_t k = 0;
      while (k < e.varying.size() && ++choice[k] == alive[e.varying[k]].size()) choice[k++] = 0;
      if (k == e.varying.size()) break;
    }
    for (Winner& w : frontier)
      for (auto& c : w.choices) e.best_choices.push_back(std::move(c));
  }
  return e;
}

// The readings the solver keeps, over the whole table: each winning combination of the
// varying points with each reading of every misprinted point. Empty when there are more than
// max_kept (a rule's certainty is then not claimed).
constexpr std::size_t max_kept = 4096;  // a 表三 row cut 7 ways by each of two misprinted runs is 49

std::vector<std::vector<Operand>> kept_readings(const Model& m, const Points& points, const Alive& alive,
                                                const std::vector<Operand>& base, const Enumeration& e) {
  std::vector<std::vector<Operand>> out;
  if (e.best_choices.size() > max_kept) return out;
  if (e.best_choices.empty()) out.push_back(base);
  for (const auto& choice : e.best_choices) {
    std::vector<Operand> v = base;
    for (std::size_t k = 0; k < e.varying.size(); ++k)
      Model::assign(m.alternatives[e.varying[k]][alive[e.varying[k]][choice[k]]], v);
    out.push_back(std::move(v));
  }
  for (std::size_t p = 0; p < points.size(); ++p) {
    if (!points[p].misprinted || alive[p].size() < 2) continue;
    if (out.size() * alive[p].size() > max_kept) return {};
    std::vector<std::vector<Operand>> next;
    for (const std::vector<Operand>& v : out)
      for (int a : alive[p]) {
        next.push_back(v);
        Model::assign(m.alternatives[p][a], next.back());
      }
    out = std::move(next);
  }
  return out;
}

// The rules whose result is the same under every reading kept, when there are several: a
// rule that fails under each of them is a certain fail, whichever reading is the true one.
std::vector<SureResult> sure_results(const Model& m, const Points& points, const Alive& alive, const Enumeration& e,
                                     const std::vector<std::vector<Operand>>& kept) {
  std::vector<SureResult> out;
  if (kept.size() < 2) return out;
  std::vector<std::size_t> open;  // the points whose reading is not decided
  for (std::size_t p = 0; p < points.size(); ++p)
    if (alive[p].size() > 1 && (points[p].misprinted || std::find(e.varying.begin(), e.varying.end(), p) != e.varying.end()))
      open.push_back(p);
  for (std::size_t r = 0; r < m.rules.size(); ++r) {
    std::string runs;
    for (std::size_t p : open) {
      bool reads = false;
      for (const auto& [i, o] : m.alternatives[p][alive[p].front()].cells)
        for (const auto* side : {&m.rules[r].left, &m.rules[r].right})
          reads = reads || std::find(side->begin(), side->end(), i) != side->end();
      if (reads) runs += (runs.empty() ? "" : "; ") + points[p].described();
    }
    if (runs.empty()) continue;
    bool all_fail = true, all_pass = true;
    for (const std::vector<Operand>& v : kept) {
      const CheckResult c = Model::result(m.rules[r], v);
      all_fail = all_fail && c == CheckResult::fail;
      all_pass = all_pass && c == CheckResult::pass;
    }
    if (!all_fail && !all_pass) continue;
    out.push_back({r, all_fail ? CheckResult::fail : CheckResult::pass,
                   std::string(all_fail ? "fails" : "holds") + " under each of the " + std::to_string(kept.size()) +
                       " readings the rules leave of " + runs});
  }
  return out;
}

// The points whose order is unknown (ChoicePoint::order_unknown) and whose every reading kept
// fails a rule reading their cells: for each, the rule's id, "" for the others.
std::vector<std::string> orders_refuted(const Template& t, const Model& m, const std::vector<RuleInstance>& rules,
                                        const Points& points, const Alive& alive,
                                        const std::vector<std::vector<Operand>>& kept) {
  std::vector<std::string> out(points.size());
  if (kept.empty()) return out;
  for (std::size_t p = 0; p < points.size(); ++p) {
    if (!points[p].order_unknown) continue;
    std::vector<bool> mine(t.cells.size(), false);
    for (const auto& [cell, reading] : points[p].alternatives[alive[p].front()].cells) mine[cell] = true;
    for (std::size_t r = 0; r < m.rules.size() && out[p].empty(); ++r) {
      bool reads = false;
      for (const auto* side : {&m.rules[r].left, &m.rules[r].right})
        for (int i : *side) reads = reads || (i >= 0 && mine[i]);
      if (reads && std::all_of(kept.begin(), kept.end(), [&](const std::vector<Operand>& v) {
            return Model::result(m.rules[r], v) == CheckResult::fail;
          }))
        out[p] = rules[r].rule;
    }
  }
  return out;
}

// The alternatives of point p that the winners take: those of the winning combinations, or,
// for a point decided alone, its cheapest alive ones. Appended to `taken`.
void taken_of(const Points& points, const Alive& alive, const Enumeration& e, std::size_t p, std::vector<int>& taken) {
  const ChoicePoint& point = points[p];
  const auto at = std::find(e.varying.begin(), e.varying.end(), p);
  if (at == e.varying.end() || e.best_choices.empty()) {
    // Without a global choice, prefer the cheapest readings of this point.
    int min_cost = point.alternatives[alive[p].front()].cost;
    for (int a : alive[p]) min_cost = std::min(min_cost, point.alternatives[a].cost);
    for (int a : alive[p])
      if (point.alternatives[a].cost == min_cost) taken.push_back(a);
  } else {
    // The winners' alternatives of the point, ascending, each once.
    const std::size_t k = static_cast<std::size_t>(at - e.varying.begin()), from = taken.size();
    for (const auto& c : e.best_choices) taken.push_back(alive[p][c[k]]);
    std::sort(taken.begin() + static_cast<std::ptrdiff_t>(from), taken.end());
    taken.erase(std::unique(taken.begin() + static_cast<std::ptrdiff_t>(from), taken.end()), taken.end());
  }
}

// One value to build: cell `c` of point `p`'s first taken alternative, template cell `cell`.
struct Slot {
  int cell = 0;
  std::size_t p = 0, c = 0;
};

// The value of one slot, built in place: one reading among the winners, or ambiguous with the
// candidates. `distinct` is a buffer; `last` says this is the last value built from the point
// (its alternative's note may then be moved). Inline: one call site, once per value, and out
// of line it costs the value a call and its spills (measured: 0.2 M instructions of 8).
[[gnu::always_inline]] inline void build_value(const CheckCellIds& cell_id, ChoicePoint& point, std::span<const int> taken,
                                               std::size_t c, const std::string& refuted, bool last,
                                               std::vector<const Reading*>& distinct, CellValue& v) {
  Alternative& first = point.alternatives[taken.front()];
  auto& [cell, reading] = first.cells[c];
  // The distinct readings of this cell among the winners (one, when a single reading won).
  distinct.assign(1, &reading);
  for (std::size_t k = 1; k < taken.size(); ++k) {
    const Reading& r = point.alternatives[taken[k]].cells[c].second;
    if (std::none_of(distinct.begin(), distinct.end(),
                     [&](const Reading* d) { return d->state == r.state && d->value == r.value; }))
      distinct.push_back(&r);
  }
  v.cell = cell_id(cell);
  v.pos = point.pos;
  if (!refuted.empty()) {
    v.state = ValueState::ambiguous;
    v.raw = point.run;
    for (const Reading* d : distinct)
      if (d->state == ValueState::number) v.candidates.push_back(d->value);
    v.note = "no order of these numbers satisfies " + refuted + ": the source prints them in an order not known";
  } else if (distinct.size() == 1) {
    // The reading is read here for the last time: its texts move into the value.
    // `v` is new (all empty): an empty text is not moved (an out-of-line assignment each).
    v.state = reading.state;
    if (reading.state == ValueState::number && !reading.value.empty()) v.number = std::move(reading.value);
    v.raw = std::move(reading.raw);
    if (!reading.unit.empty()) v.unit = std::move(reading.unit);
    if (!reading.candidates.empty()) v.candidates = std::move(reading.candidates);
    if (taken.size() == 1 && !first.note.empty()) {
      if (last) v.note = std::move(first.note);
      else v.note = first.note;
    }
  } else {
    v.state = ValueState::ambiguous;
    v.raw = point.run;
    for (const Reading* d : distinct)
      if (d->state == ValueState::number) v.candidates.push_back(d->value);
  }
}

// Step 3, decide each cell, its value appended to `out` where it stays: in the order of
// Template::cells, the first point's value of a cell two points read (a row printed twice).
// Built in place, as a CellValue moved is several strings.
void decide(const Template& t, const Model& m, const Points& points, const Alive& alive, const Enumeration& e,
            const std::vector<std::string>& refuted, std::vector<CellValue>& out, std::vector<int>& cells,
            std::vector<Operand>* operands) {
  std::vector<int> taken;  // every point's, point p's from taken_at[p] to taken_at[p + 1]
  std::vector<std::size_t> taken_at(points.size() + 1, 0);
  std::vector<Slot> slots;
  std::vector<std::size_t> left(points.size(), 0);  // per point: its values not built yet
  std::size_t most_taken = 0, cells_read = 0;
  for (std::size_t p = 0; p < points.size(); ++p)
    most_taken += alive[p].size(), cells_read += points[p].alternatives[alive[p].front()].cells.size();
  taken.reserve(most_taken);
  slots.reserve(cells_read);
  for (std::size_t p = 0; p < points.size(); ++p) {
    taken_of(points, alive, e, p, taken);
    taken_at[p + 1] = taken.size();
    const Alternative& first = points[p].alternatives[taken[taken_at[p]]];
    for (std::size_t c = 0; c < first.cells.size(); ++c) slots.push_back({first.cells[c].first, p, c});
  }
  const auto by_cell = [](const Slot& a, const Slot& b) { return a.cell < b.cell; };
  if (!std::is_sorted(slots.begin(), slots.end(), by_cell)) std::stable_sort(slots.begin(), slots.end(), by_cell);
  std::erase_if(slots, [&, previous = -1](const Slot& s) mutable {
    const bool again = s.cell == previous;
    previous = s.cell;
    return again;
  });
  for (const Slot& s : slots) ++left[s.p];
  out.reserve(out.size() + slots.size());
  cells.reserve(cells.size() + slots.size());
  if (operands) operands->reserve(operands->size() + slots.size());
  std::vector<const Reading*> distinct;  // one buffer for all
  const CheckCellIds cell_id(t);
  for (const Slot& s : slots) {
    const std::span<const int> of_p(taken.data() + taken_at[s.p], taken_at[s.p + 1] - taken_at[s.p]);
    CellValue& v = out.emplace_back();
    build_value(cell_id, points.to_move_from(s.p), of_p, s.c, refuted[s.p], --left[s.p] == 0, distinct, v);
    cells.push_back(s.cell);
    // A number is the one reading of its first taken alternative (build_value), read by the model.
    if (!operands) continue;
    if (v.state != ValueState::number) operands->emplace_back();
    else operands->push_back(m.alternatives.all[m.alternatives.start[s.p] + of_p.front()].cells[s.c].second);
  }
}

}  // namespace

void solve(const Template& t, std::vector<ChoicePoint>& input, const std::vector<RuleInstance>& rules, std::size_t budget,
           std::vector<Diagnostic>& diagnostics, std::vector<CellValue>& out, std::vector<int>& cells,
           std::vector<SureResult>* sure, std::vector<Operand>* operands) {
  std::vector<ChoicePoint*> readable;
  readable.reserve(input.size());
  for (ChoicePoint& p : input) {
    if (p.alternatives.empty()) {
      diagnostics.push_back({Severity::warning, "cells.unreadable", "no reading fits " + p.described(), p.pos});
      continue;
    }
    readable.push_back(&p);
  }
  const Points points{readable};
  const Model m(readable, rules);
  Alive alive(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    alive[p].resize(points[p].alternatives.size());
    for (int a = 0; a < static_cast<int>(alive[p].size()); ++a) alive[p][a] = a;
  }
  std::optional<RuleIndex> local;
  const RuleIndex& by_cell = rule_index(rules, t.cells.size(), local);
  const std::vector<Operand> base = prune(m, points, by_cell, t.cells.size(), alive);
  const Enumeration e = enumerate(m, points, alive, base, by_cell.ruled, t.cells.size(), budget);
  if (e.too_many)
    diagnostics.push_back({Severity::warning, "limit.split-candidates",
                           "more than " + std::to_string(budget) +
                               " combinations of readings; cells decided one run at a time",
                           {}});
  // The readings kept over the whole table, once: the rules that hold or fail under all of them,
  // and the orders of flat numbers that every one of them refutes.
  const std::vector<std::vector<Operand>> kept =
      e.too_many ? std::vector<std::vector<Operand>>{} : kept_readings(m, points, alive, base, e);
  if (sure) *sure = sure_results(m, points, alive, e, kept);
  decide(t, m, points, alive, e, orders_refuted(t, m, rules, points, alive, kept), out, cells, operands);
}

}  // namespace nianbao::schema
