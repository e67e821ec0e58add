// The choice among readings: local pruning by the rules a choice point decides alone, then
// an enumeration of the remaining combinations within a budget.
#include "schema/solver.h"

#include <algorithm>
#include <map>
#include <set>

#include "normalize/normalize.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

Operand operand(const Reading& r) {
  Operand o;
  if (r.state != ValueState::number) return o;
  try {
    o.value = std::stold(r.value);
    o.known = true;
  } catch (...) {
  }
  return o;
}

std::string reading_key(const Reading& r) {
  return std::to_string(static_cast<int>(r.state)) + ":" + r.value;
}

// Rule instances whose cells are all in `cells`.
std::vector<const RuleInstance*> rules_within(const std::vector<RuleInstance>& rules, const std::set<std::string>& cells) {
  std::vector<const RuleInstance*> out;
  for (const RuleInstance& r : rules) {
    bool inside = true;
    for (const auto* side : {&r.left, &r.right})
      for (const std::string& id : *side)
        if (!cells.count(id)) inside = false;
    if (inside) out.push_back(&r);
  }
  return out;
}

int passes(const std::vector<const RuleInstance*>& rules, const ValueLookup& values) {
  int n = 0;
  for (const RuleInstance* r : rules) n += evaluate(*r, values) == CheckResult::pass;
  return n;
}

void assign_readings(const Alternative& a, ValueLookup& values) {
  for (const auto& [id, reading] : a.cells) values[id] = operand(reading);
}

}  // namespace

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

std::vector<CellValue> solve(const std::vector<ChoicePoint>& input, const std::vector<RuleInstance>& rules,
                             std::size_t budget, std::vector<Diagnostic>& diagnostics) {
  std::vector<ChoicePoint> points;
  for (const ChoicePoint& p : input) {
    if (p.alternatives.empty()) {
      diagnostics.push_back({Severity::warning, "cells.unreadable", "no reading fits " + p.what, p.pos});
      continue;
    }
    points.push_back(p);
  }
  // Fixed cells: choice points with a single reading. Local pruning keeps, for each other
  // point, the alternatives that pass the most rules it decides together with the fixed cells;
  // a point left with one alternative becomes fixed in turn, until nothing changes.
  ValueLookup base;
  std::set<std::string> fixed_cells;
  std::vector<bool> fixed(points.size(), false);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < points.size(); ++i)
      if (!fixed[i] && points[i].alternatives.size() == 1) {
        fixed[i] = true;
        assign_readings(points[i].alternatives.front(), base);
        for (const auto& [id, r] : points[i].alternatives.front().cells) fixed_cells.insert(id);
      }
    for (ChoicePoint& p : points) {
      if (p.alternatives.size() < 2) continue;
      std::set<std::string> cells = fixed_cells;
      for (const auto& [id, r] : p.alternatives.front().cells) cells.insert(id);
      const auto local = rules_within(rules, cells);
      if (local.empty()) continue;
      std::vector<int> scores;
      int best = -1;
      for (const Alternative& a : p.alternatives) {
        ValueLookup v = base;
        assign_readings(a, v);
        scores.push_back(passes(local, v));
        best = std::max(best, scores.back());
      }
      std::vector<Alternative> kept;
      for (std::size_t i = 0; i < p.alternatives.size(); ++i)
        if (scores[i] == best) kept.push_back(p.alternatives[i]);
      if (kept.size() < p.alternatives.size()) {
        p.alternatives = std::move(kept);
        changed = true;
      }
    }
  }
  // Global enumeration over the points that still have a choice.
  std::vector<std::size_t> varying;
  std::size_t combinations = 1;
  bool too_many = false;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (points[i].alternatives.size() < 2) continue;
    varying.push_back(i);
    combinations *= points[i].alternatives.size();
    if (combinations > budget) too_many = true;
  }
  std::vector<std::vector<std::size_t>> best_choices;  // one index per varying point
  if (!varying.empty() && !too_many) {
    std::vector<const RuleInstance*> all;
    for (const RuleInstance& r : rules) all.push_back(&r);
    int best_pass = -1, best_cost = 0;
    std::vector<std::size_t> choice(varying.size(), 0);
    ValueLookup values = base;
    while (true) {
      int cost = 0;
      for (std::size_t k = 0; k < varying.size(); ++k) {
        const Alternative& a = points[varying[k]].alternatives[choice[k]];
        assign_readings(a, values);
        cost += a.cost;
      }
      const int pass = passes(all, values);
      if (pass > best_pass || (pass == best_pass && cost < best_cost)) {
        best_pass = pass;
        best_cost = cost;
        best_choices.clear();
      }
      if (pass == best_pass && cost == best_cost) best_choices.push_back(choice);
      std::size_t k = 0;
      while (k < varying.size() && ++choice[k] == points[varying[k]].alternatives.size()) choice[k++] = 0;
      if (k == varying.size()) break;
    }
  } else if (too_many) {
    diagnostics.push_back({Severity::warning, "limit.split-candidates",
                           "more than " + std::to_string(budget) +
                               " combinations of readings; cells decided one run at a time",
                           {}});
  }
  // Decide each cell.
  std::vector<CellValue> out;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const ChoicePoint& p = points[i];
    std::vector<std::size_t> taken;  // indices of the alternatives among the winners
    const auto at = std::find(varying.begin(), varying.end(), i);
    if (at == varying.end() || best_choices.empty()) {
      for (std::size_t a = 0; a < p.alternatives.size(); ++a) taken.push_back(a);
      if (p.alternatives.size() > 1) {
        // Without a global choice, prefer the cheapest readings of this point.
        int min_cost = p.alternatives.front().cost;
        for (const Alternative& a : p.alternatives) min_cost = std::min(min_cost, a.cost);
        std::erase_if(taken, [&](std::size_t a) { return p.alternatives[a].cost != min_cost; });
      }
    } else {
      const std::size_t k = static_cast<std::size_t>(at - varying.begin());
      std::set<std::size_t> s;
      for (const auto& c : best_choices) s.insert(c[k]);
      taken.assign(s.begin(), s.end());
    }
    const Alternative& first = p.alternatives[taken.front()];
    for (std::size_t c = 0; c < first.cells.size(); ++c) {
      const auto& [id, reading] = first.cells[c];
      std::vector<std::string> keys, values;
      for (std::size_t a : taken) {
        const Reading& r = p.alternatives[a].cells[c].second;
        if (std::find(keys.begin(), keys.end(), reading_key(r)) == keys.end()) {
          keys.push_back(reading_key(r));
          if (r.state == ValueState::number) values.push_back(r.value);
        }
      }
      CellValue v;
      v.cell = id;
      if (keys.size() == 1) {
        v.state = reading.state;
        v.number = reading.state == ValueState::number ? reading.value : "";
        v.raw = reading.raw;
        v.unit = reading.unit;
        v.note = taken.size() == 1 ? first.note : "";
        if (v.state == ValueState::ambiguous) v.raw = reading.raw;
      } else {
        v.state = ValueState::ambiguous;
        v.raw = p.run;
        v.candidates = values;
      }
      out.push_back(std::move(v));
    }
  }
  return out;
}

}  // namespace nianbao::schema
