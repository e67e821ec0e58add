// The text rules (N1): phrases of the prose found by their RE2 patterns, compared with cells.
#include "schema/internal/text_checks.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>

#include "model/long_lived.h"
#include "normalize/key_search.h"
#include "normalize/normalize.h"
#include "schema/internal/phrase_scope.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

struct Match {
  std::size_t begin = 0, end = 0;
  Statement statement;
};

// The matches of one phrase in a piece of a folded paragraph (at `offset` in it), left to right;
// their bounds are the paragraph's.
void find_matches(std::string_view text, std::size_t offset, const TextRuleDef& rule, const PhraseDef& phrase,
                  const re2::RE2& re, const Template& t, const SourcePos& pos, std::vector<Match>& out) {
  re2::StringPiece groups[2];
  for (std::size_t at = 0; at < text.size();) {
    bool matched = false;
    {
      const LongLivedAllocations dfa_states;  // what RE2 learns while it matches, it keeps
      matched = re.Match(text, at, text.size(), re2::RE2::UNANCHORED, groups, 2);
    }
    if (!matched) break;
    Match m;
    m.begin = static_cast<std::size_t>(groups[0].data() - text.data());
    m.end = m.begin + groups[0].size();
    const std::size_t next = std::max(m.end, at + 1);
    m.begin += offset;
    m.end += offset;
    m.statement.rule = rule.id;
    m.statement.number = std::string(groups[1].data(), groups[1].size());
    m.statement.phrase = std::string(groups[0].data(), groups[0].size());
    m.statement.pos = pos;
    for (const auto& sum : phrase.cells) {
      std::vector<int> cells;
      for (const std::string& id : sum) cells.push_back(t.cell_of(id));
      m.statement.sums.push_back(std::move(cells));
    }
    out.push_back(std::move(m));
    at = next;
  }
}

// A template's phrases, each compiled when a piece of a paragraph first holds what it needs
// (the built-in templates load without compiling them: template.cc, and most phrases never
// occur in a report). What a phrase needs is read from its syntax (internal/phrase_scope.h):
// the literal runs outside its groups and its groups of literal alternatives (行政复议 and 件
// for 行政复议(?:案件)?(\d+)件; 全 or 共 for (?:全|共)…). All of them are looked for in a piece
// in one pass, and only the phrases whose needs it holds are searched.
// An RE2::Set that told which phrases occur cost, in time, five times its instructions (its
// automaton waits on a table load for every byte, twice per piece).
struct Phrases {
  struct One {
    const TextRuleDef* rule;
    const PhraseDef* phrase;
    // What every match holds: for each clause, the keys of `texts` one of which it holds.
    std::vector<std::vector<std::uint32_t>> needs;
    bool needs_held(const std::vector<bool>& held) const {
      return std::all_of(needs.begin(), needs.end(), [&](const std::vector<std::uint32_t>& clause) {
        return std::any_of(clause.begin(), clause.end(), [&](std::uint32_t k) { return held[k]; });
      });
    }
    // The pattern compiled, and as it matches within a piece (PhraseScope::within_pieces), each
    // on first use; null when it does not compile.
    struct Compiled {
      std::once_flag once;
      std::unique_ptr<const re2::RE2> re;
      const re2::RE2* get(const std::string& pattern) {
        std::call_once(once, [&] {
          const LongLivedAllocations kept_across_reports;
          auto r = std::make_unique<const re2::RE2>(pattern, re2::RE2::Quiet);
          if (r->ok() && r->NumberOfCapturingGroups() == 1) re = std::move(r);
        });
        return re.get();
      }
    } whole, piece;
    std::string piece_pattern;  // within_pieces of the pattern, "" when that is the pattern
    // The regex for a whole text, or for a piece of the scope's (the whole one when the other
    // does not compile).
    const re2::RE2* get(bool in_piece) {
      const re2::RE2* r = in_piece && !piece_pattern.empty() ? piece.get(piece_pattern) : nullptr;
      return r ? r : whole.get(phrase->pattern);
    }
  };
  std::vector<std::unique_ptr<One>> all;  // template order
  std::unique_ptr<nz::KeySearch> texts;   // the distinct texts of every phrase's clauses
  // Where in a paragraph a phrase may match (N1: the clauses between 。;, that hold a digit and
  // 件): only there are the texts looked for and the phrases run.
  PhraseScope scope;
};

Phrases& phrases_of(const Template& t) {
  static std::mutex lock;
  static std::map<std::uint64_t, Phrases> cache;  // never erased: references stay valid
  const std::lock_guard<std::mutex> hold(lock);
  auto it = cache.find(t.serial);
  if (it != cache.end()) return it->second;
  Phrases ps;
  std::vector<std::string> patterns;
  for (const TextRuleDef& rule : t.text_rules)
    for (const PhraseDef& phrase : rule.phrases) {
      ps.all.push_back(std::make_unique<Phrases::One>());
      ps.all.back()->rule = &rule;
      ps.all.back()->phrase = &phrase;
      patterns.push_back(phrase.pattern);
    }
  ps.scope = phrase_scope(patterns);
  for (const auto& one : ps.all)
    if (std::string p = ps.scope.within_pieces(one->phrase->pattern); p != one->phrase->pattern) one->piece_pattern = std::move(p);
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < ps.all.size(); ++i)
    for (const std::vector<std::string>& clause : ps.scope.needs[i]) {
      std::vector<std::uint32_t>& ids = ps.all[i]->needs.emplace_back();
      for (const std::string& text : clause) {
        const auto at = std::find(keys.begin(), keys.end(), text);
        ids.push_back(static_cast<std::uint32_t>(at - keys.begin()));
        if (at == keys.end()) keys.push_back(text);
      }
    }
  ps.texts = std::make_unique<nz::KeySearch>(std::move(keys));
  return cache.emplace(t.serial, std::move(ps)).first->second;
}

// The matches of the phrases in a piece of a folded paragraph (at `offset` in it), the phrases
// in template order: those whose needs the piece holds (every phrase when `whole`).
void find_all_matches(std::string_view text, std::size_t offset, const Template& t, Phrases& ps, const SourcePos& pos,
                      bool whole, std::vector<Match>& out) {
  thread_local std::vector<bool> held;
  if (!whole) {
    held.assign(ps.texts->size(), false);
    ps.texts->mark(text, held);
  }
  for (const auto& one : ps.all) {
    if (!whole && !one->needs_held(held)) continue;
    if (const re2::RE2* re = one->get(!whole)) find_matches(text, offset, *one->rule, *one->phrase, *re, t, pos, out);
  }
}

template <class Texts>
std::string render_sum(const Texts& numbers) {
  std::string out;
  for (const std::string& n : numbers) out += (out.empty() ? "" : "+") + n;
  return out;
}

}  // namespace

std::vector<Statement> find_statements(const Report& report, const Template& t) {
  return find_statements(ReportText(report), t);
}

namespace {

std::vector<Statement> statements_of(const ReportText& folded, const Template& t, bool scoped) {
  std::vector<Statement> out;
  if (t.text_rules.empty()) return out;
  Phrases& ps = phrases_of(t);
  const Report& report = folded.report();
  for (const Block& b : report.blocks) {
    if (b.kind != BlockKind::paragraph) continue;
    // Every match holds a digit: a paragraph that cannot fold to one is not folded to be searched.
    if (scoped && ps.scope.needs_digit && !nz::may_fold_to_digit(b.text)) continue;
    // Nor one that cannot fold to a character every match holds (件).
    if (scoped && !ps.scope.may_fold_to_needed(b.text)) continue;
    const std::string_view text = folded.folded(static_cast<std::size_t>(&b - report.blocks.data()));
    std::vector<Match> matches;
    if (scoped) {
      std::string_view piece;
      for (std::size_t from = 0; ps.scope.next_piece(text, from, piece);)
        find_all_matches(piece, static_cast<std::size_t>(piece.data() - text.data()), t, ps, b.pos, false, matches);
    } else {
      find_all_matches(text, 0, t, ps, b.pos, true, matches);
    }
    std::stable_sort(matches.begin(), matches.end(), [](const Match& a, const Match& c) { return a.begin < c.begin; });
    for (const Match& m : matches) {
      const bool inside = std::any_of(matches.begin(), matches.end(), [&](const Match& o) {
        return &o != &m && o.begin <= m.begin && m.end <= o.end && o.end - o.begin > m.end - m.begin;
      });
      if (!inside) out.push_back(m.statement);
    }
  }
  return out;
}

}  // namespace

std::vector<Statement> find_statements(const ReportText& folded, const Template& t) {
  return statements_of(folded, t, true);
}

std::vector<Statement> find_statements_unscoped(const ReportText& folded, const Template& t) {
  return statements_of(folded, t, false);
}

void hint_by_text(const Template& t, const std::vector<Statement>& statements, std::vector<CellValue>& values) {
  for (const Statement& s : statements) {
    if (s.sums.size() != 1 || s.sums.front().size() != 1 || s.sums.front().front() < 0) continue;
    const std::string& id = t.cells[s.sums.front().front()];
    for (CellValue& v : values) {
      if (v.cell != id || v.state != ValueState::ambiguous) continue;
      const long double stated = nz::number_value(s.number);
      const auto named = std::find_if(v.candidates.begin(), v.candidates.end(),
                                      [&](const std::string& c) { return sums_equal(nz::number_value(c), stated); });
      if (named == v.candidates.end()) continue;
      std::rotate(v.candidates.begin(), named, named + 1);
      const std::string hint = "the text at line " + std::to_string(s.pos.line) + " states " + s.number + ": " + s.phrase;
      if (v.note.find(hint) == std::string::npos) v.note += (v.note.empty() ? "" : "; ") + hint;
    }
  }
}

namespace {

// The checks of the statements, `first_of(cell)` giving a template cell's first value (null:
// none).
template <class FirstValue>
std::vector<Check> checks_of_statements(const Template& t, const std::vector<Statement>& statements,
                                        const FirstValue& first_of) {
  std::vector<Check> out;
  for (const Statement& s : statements) {
    Check c;
    c.rule = s.rule;
    c.left = s.number;
    c.pos = s.pos;
    c.note = "the text at line " + std::to_string(s.pos.line) + ": " + s.phrase;
    const long double stated = nz::number_value(s.number);
    bool all_known = true;
    std::size_t held = s.sums.size();
    std::vector<std::string> first_numbers;
    for (std::size_t k = 0; k < s.sums.size(); ++k) {
      long double sum = 0;
      bool known = true;
      std::vector<std::string> numbers;
      for (int cell : s.sums[k]) {
        const CellValue* v = cell < 0 ? nullptr : first_of(cell);
        const bool number = v && v->state == ValueState::number;
        known = known && number;
        numbers.push_back(number ? v->number : "?");
        if (number) sum += nz::number_value(v->number);
      }
      if (k == 0) first_numbers = numbers;
      all_known = all_known && known;
      if (known && sums_equal(sum, stated) && held == s.sums.size()) {
        held = k;
        first_numbers = numbers;
      }
    }
    const std::size_t shown = held < s.sums.size() ? held : 0;
    for (int cell : s.sums[shown])
      if (cell >= 0) c.cells.push_back(check_cell_id(t, cell));
    c.scope = c.cells.empty() ? "" : c.cells.front();
    c.right = render_sum(first_numbers);
    if (held < s.sums.size()) {
      c.result = CheckResult::pass;
      if (held > 0) c.note += " (holds as " + render_sum(c.cells) + ")";
    } else {
      c.result = all_known ? CheckResult::fail : CheckResult::undetermined;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::vector<Check> text_checks(const Template& t, const std::vector<Statement>& statements,
                               const std::vector<CellValue>& values) {
  if (statements.empty()) return {};
  // A cell's first value: the values sorted by cell, stably (one allocation, where a hash map
  // allocated a node per value).
  std::vector<std::pair<std::string_view, const CellValue*>> by_cell;
  by_cell.reserve(values.size());
  for (const CellValue& v : values) by_cell.emplace_back(v.cell, &v);
  std::stable_sort(by_cell.begin(), by_cell.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return checks_of_statements(t, statements, [&](int cell) -> const CellValue* {
    const std::string_view id = t.cells[cell];
    const auto it = std::lower_bound(by_cell.begin(), by_cell.end(), id, [](const auto& e, std::string_view k) { return e.first < k; });
    return it != by_cell.end() && it->first == id ? it->second : nullptr;
  });
}

std::vector<Check> text_checks(const Template& t, const std::vector<Statement>& statements,
                               const std::vector<const CellValue*>& first_value) {
  return checks_of_statements(t, statements, [&](int cell) -> const CellValue* {
    return static_cast<std::size_t>(cell) < first_value.size() ? first_value[static_cast<std::size_t>(cell)] : nullptr;
  });
}

}  // namespace nianbao::schema
