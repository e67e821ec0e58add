// Label matching (see labels.h): keys, exact and approximate matches, thresholds.
#include "schema/internal/labels.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <optional>

#include "normalize/normalize.h"
#include "schema/template.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

// Length of the leading row number in a folded label (0 if none): the one list-number parser.
std::size_t number_length(std::string_view f) { return nz::parse_list_number(f).length; }

// Keep letters, digits and ideographs; drop punctuation, quotes and symbols: of `s` from byte
// `from` on, in place (the kept bytes move to the front; a byte is written only where one was
// read before), so that a folded label becomes its key without a second string.
void strip_punctuation_in_place(std::string& s, std::size_t from) {
  const std::string_view v(s);  // its bytes stay where they are until the resize at the end
  std::size_t kept = 0;
  auto keep = [&](std::size_t begin, std::size_t end) {
    if (kept != begin && end > begin) std::memmove(s.data() + kept, v.data() + begin, end - begin);
    kept += end - begin;
  };
  std::size_t i = from;
  std::size_t run = from;  // start of the kept bytes not yet moved
  while (i < v.size()) {
    // ASCII letters and digits and the ideographs stay in the run, crossed together.
    i = nz::ideograph_ascii_run_end<nz::KeptAscii::alnum>(v, i);
    if (i == v.size()) break;
    if (static_cast<unsigned char>(v[i]) < 0x80) {  // any other ASCII byte ends it
      keep(run, i);
      run = ++i;
      continue;
    }
    keep(run, i);
    const std::size_t start = i;
    const char32_t c = nz::next_code_point(v, i);
    if (c >= 0x80 && nz::is_cjk(c)) keep(start, i);
    run = i;
  }
  keep(run, v.size());
  s.resize(kept);
}

std::string strip_punctuation(std::string_view s) {
  std::string out(s);
  strip_punctuation_in_place(out, 0);
  return out;
}

// Remove parenthesised parts of a folded label: "部分公开(区分处理的,…)" → "部分公开".
std::string without_parentheticals(std::string_view f) {
  std::string out;
  int depth = 0;
  for (char c : f) {
    if (c == '(') ++depth;
    else if (c == ')') depth = depth > 0 ? depth - 1 : 0;
    else if (depth == 0) out += c;
  }
  return out;
}

std::u32string code_points(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out += nz::next_code_point(s, i);
  return out;
}

// Edit distance between code point strings; `free_start` lets `b`'s prefix and suffix go
// unpaid (the best substring of b). Past `limit` the count stops at limit + 1.
int distance(std::u32string_view a, std::u32string_view b, int limit, bool substring) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (!substring && std::abs(n - m) > limit) return limit + 1;
  // Two rows of the table: on the stack for a label-sized `b` (nearly every call), else allocated.
  constexpr int stack_columns = 64;
  int stack_rows[2 * (stack_columns + 1)];
  std::vector<int> heap_rows;
  int* prev = stack_rows;
  if (m > stack_columns) {
    heap_rows.resize(2 * static_cast<std::size_t>(m + 1));
    prev = heap_rows.data();
  }
  int* cur = prev + m + 1;
  for (int j = 0; j <= m; ++j) prev[j] = substring ? 0 : j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  const int d = substring ? *std::min_element(prev, prev + m + 1) : prev[m];
  return std::min(d, limit + 1);
}

// How many code points of `a` occur nowhere in `b`: a lower bound of the edits between `a` and
// `b` or any substring of it (each such code point is substituted or deleted), found without
// the table.
int missing_from(std::u32string_view a, std::u32string_view b) {
  int missing = 0;
  for (const char32_t c : a) missing += b.find(c) == std::u32string_view::npos;
  return missing;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }


// The row number as a key: "(三)" → "三", "1" → "1".
std::string number_key(std::string_view number) {
  std::string out;
  for (char c : number)
    if (c != '(' && c != ')') out += c;
  return out;
}

// A piece of a label broken across lines (PDF text) names a row only from four ideographs
// on: shorter pieces ("其他", "总计", "处理") are the start or end of several labels.
constexpr std::size_t min_fragment_bytes = 12;
// A label that only ends or starts the text names the row from two ideographs on: a
// one-character label inside a longer text is a coincidence.
constexpr std::size_t min_affix_label_bytes = 6;

// Scores of a match, by kind: an exact label beats an approximate one, which beats a label
// that only ends or starts the text, which beats a fragment of a label. Each kind adds the
// matched length in bytes, so that within a kind the longer label wins (the text "（三）不予公开
// 3.危及…" ends with the row label, not with "不予公开"); the kinds are 50 to 200 apart, so a
// much longer label can outrank a short one of the kind above: its length is evidence too.
constexpr int exact_score = 1000, approximate_score = 800, approximate_suffix_score = 700, suffix_score = 600,
              prefix_score = 400, fragment_prefix_score = 200, fragment_suffix_score = 150;
// An approximate match loses this much per edit it needed: one edit less wins over a label a
// few characters longer.
constexpr int per_edit_penalty = 20;
// A row number printed with the label that agrees with the row's adds this much (one that
// disagrees takes it away): it settles a tie of labels of one kind ("3.其他" vs "（六）其他")
// but cannot lift a suffix match (600) above an exact one (1000), which is 400 apart.
constexpr int number_agreement = 50;

// A text's code points with, for each length L, a 64-bit set of the code points of its last L
// (bit c mod 64): a code point of a label whose bit a stretch lacks is not in it, so counting
// those bounds the edits from below without the table (distance and missing_from stay the
// judges: the bound only skips what they would reject).
// Its two buffers are the thread's, reused by every match (one KeyPoints at a time).
struct KeyPoints {
  std::u32string& points;
  std::vector<std::uint64_t>& tail_bits;  // [L]: the code points of the last L
  explicit KeyPoints(std::string_view key) : points(points_buffer()), tail_bits(bits_buffer()) {
    points.clear();
    for (std::size_t i = 0; i < key.size();) points += nz::next_code_point(key, i);
    tail_bits.assign(points.size() + 1, 0);
    for (std::size_t len = 1; len <= points.size(); ++len)
      tail_bits[len] = tail_bits[len - 1] | bit_of(points[points.size() - len]);
  }
  static std::uint64_t bit_of(char32_t c) { return std::uint64_t{1} << (c & 63); }
  static std::uint64_t bits_of(std::u32string_view r) {
    std::uint64_t bits = 0;
    for (const char32_t c : r) bits |= bit_of(c);
    return bits;
  }
  // How many code points of a label (`r_bits`: bits_of its code points) surely occur nowhere in
  // the last `len` code points: at least one per bit of its set the stretch's set lacks.
  int surely_missing(std::uint64_t r_bits, std::size_t len) const { return bit_count(r_bits & ~tail_bits[len]); }
  // Bits set in x (std::popcount is a library call without -mpopcnt).
  static int bit_count(std::uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555u;
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
    return static_cast<int>((x * 0x0101010101010101u) >> 56);
  }

 private:
  static std::u32string& points_buffer() {
    thread_local std::u32string buffer;
    return buffer;
  }
  static std::vector<std::uint64_t>& bits_buffer() {
    thread_local std::vector<std::uint64_t> buffer;
    return buffer;
  }
};

// The approximate score of `key` against the row key `rk` allowed `edits` edits, 0 if too far.
int approximate(const KeyPoints& kp, const std::string& rk, std::u32string_view r, std::uint64_t r_bits, int edits,
                int& used) {
  if (edits <= 0) return 0;
  const std::u32string_view key = kp.points;
  used = kp.surely_missing(r_bits, key.size()) > edits ? edits + 1 : distance(r, key, edits, false);
  if (used <= edits) return approximate_score + static_cast<int>(rk.size()) - per_edit_penalty * used;
  // The text ends with the label, give or take the edits ("一、本年新收…" keyed with noise before it).
  // Every ending tried lies in the last r.size() + edits code points: the label's code points
  // missing from those are edits under every length.
  if (key.size() > r.size()) {
    const std::size_t tail = std::min(key.size(), r.size() + edits);
    if (kp.surely_missing(r_bits, tail) > edits || missing_from(r, key.substr(key.size() - tail)) > edits) return 0;
  }
  if (key.size() > r.size()) {
    for (std::size_t len = r.size() > static_cast<std::size_t>(edits) ? r.size() - edits : 1; len <= r.size() + edits && len <= key.size(); ++len) {
      used = kp.surely_missing(r_bits, len) > edits ? edits + 1 : distance(r, key.substr(key.size() - len), edits, false);
      if (used <= edits) return approximate_suffix_score + static_cast<int>(rk.size()) - per_edit_penalty * used;
    }
  }
  return 0;
}

}  // namespace

namespace {
// The number of a folded label whose leading number is `n` bytes long.
std::string_view number_view(std::string_view folded_label, std::size_t n) {
  if (n == 0) return {};
  std::string_view num = folded_label.substr(0, n);
  if (num.front() != '(') {
    // drop the trailing punctuation: "1." → "1", "三、" → "三"
    if (num.back() == '.' || num.back() == ',') num.remove_suffix(1);
    else num.remove_suffix(3);
  }
  return num;
}
}  // namespace

std::string word_characters(std::string_view folded) { return strip_punctuation(folded); }

std::string label_number(std::string_view folded_label) {
  return std::string(number_view(folded_label, number_length(folded_label)));
}

std::string strip_number(std::string_view folded_label) {
  return std::string(folded_label.substr(number_length(folded_label)));
}

std::string label_key(std::string_view label) {
  std::string f = nz::fold(label);  // key_of_folded, in place
  strip_punctuation_in_place(f, number_length(f));
  return f;
}

std::string key_of_folded(std::string_view folded_label) {
  std::string out;
  key_of_folded_into(folded_label, out);
  return out;
}

void key_of_folded_into(std::string_view folded_label, std::string& out) {
  out.assign(folded_label.substr(number_length(folded_label)));
  strip_punctuation_in_place(out, 0);
}

LabelText label_text(std::string_view text) {
  LabelText out;
  label_text_into(text, out);
  return out;
}

void label_text_into(std::string_view text, LabelText& out) {
  nz::fold_into(text, out.key);
  const std::size_t n = number_length(out.key);  // parsed once for the key and the number
  out.number.assign(number_view(out.key, n));  // into its own capacity, no string made first
  strip_punctuation_in_place(out.key, n);
}

std::vector<std::string> label_keys(std::string_view label) {
  const std::string f = nz::fold(label);
  std::vector<std::string> out;
  for (std::string k : {label_key(label), strip_punctuation(without_parentheticals(f.substr(number_length(f))))})
    if (!k.empty() && std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  return out;
}

int edit_distance(std::string_view a, std::string_view b, int limit) {
  return distance(code_points(a), code_points(b), limit, false);
}

int substring_distance(std::string_view pattern, std::string_view text, int limit) {
  return distance(code_points(pattern), code_points(text), limit, true);
}

namespace {

// allowed_edits on code points decoded once (a format's labels are compared with each other
// by the hundred at every start-up).
int allowed_edits_of(const std::u32string& key, const std::vector<const std::u32string*>& others) {
  int edits = static_cast<int>(key.size()) / chars_per_edit;
  for (const std::u32string* o : others) {
    if (edits == 0) break;
    const int d = distance(key, *o, 2 * edits + 1, false);
    edits = std::min(edits, (d - 1) / 2);
  }
  return std::max(edits, 0);
}

}  // namespace

int allowed_edits(std::string_view key, const std::vector<std::string>& others) {
  std::vector<std::u32string> points;
  points.reserve(others.size());
  for (const std::string& o : others) points.push_back(code_points(o));
  std::vector<const std::u32string*> pointers;
  for (const std::u32string& p : points) pointers.push_back(&p);
  return allowed_edits_of(code_points(key), pointers);
}

void derive_label_thresholds(Template& t) {
  // Row keys are told apart from every other row key and column header of the format.
  std::vector<std::u32string> columns;
  std::vector<std::pair<const RowDef*, std::u32string>> keys;  // every row key, with its row
  for (const TableDef& table : t.tables) {
    for (const ColumnDef& c : table.columns) columns.push_back(code_points(c.key_text));
    for (const RowDef& r : table.rows)
      for (const std::string& k : r.keys) keys.emplace_back(&r, code_points(k));
  }
  std::vector<const std::u32string*> others;
  std::size_t next_key = 0;  // keys are in the order of the rows below
  for (TableDef& table : t.tables) {
    for (RowDef& row : table.rows) {
      others.clear();
      for (const std::u32string& c : columns) others.push_back(&c);
      for (const auto& [owner, points] : keys)
        if (owner != &row) others.push_back(&points);
      row.key_edits.clear();
      row.key_points.clear();
      row.key_bits.clear();
      for (std::size_t k = 0; k < row.keys.size(); ++k) {
        row.key_edits.push_back(allowed_edits_of(keys[next_key].second, others));
        row.key_bits.push_back(KeyPoints::bits_of(keys[next_key].second));
        row.key_points.push_back(keys[next_key++].second);
      }
    }
  }
  // Headings from each other.
  for (SectionDef& s : t.sections) {
    std::vector<std::string> heading_others;
    for (const SectionDef& o : t.sections)
      if (&o != &s) heading_others.push_back(o.heading_key);
    s.heading_edits = allowed_edits(s.heading_key, heading_others);
  }
}

LabelMatch match_label(const std::vector<const TableDef*>& tables, std::string_view text, bool fragments) {
  return LabelMatcher(tables).match(label_text(text), fragments);
}

LabelMatch match_label(const std::vector<const TableDef*>& tables, const LabelText& text, bool fragments) {
  return LabelMatcher(tables).match(text, fragments);
}

namespace {
// The first two bytes of a key, and its last two, as one number each.
// A key's ends as the exact pass compares them first: its first `end_bytes` bytes and its last
// (an ideograph and a byte of the next: two bytes would be one ideograph's first two, which
// dozens of ideographs share).
constexpr std::size_t end_bytes = 4;
static_assert(end_bytes <= min_affix_label_bytes && end_bytes <= min_fragment_bytes,
              "a key shorter than end_bytes is no affix, a text shorter than it no fragment");
std::uint32_t end_word(std::string_view s, std::size_t at) {
  std::uint32_t w = 0;
  for (std::size_t i = at; i < at + end_bytes; ++i) w = w << 8 | static_cast<unsigned char>(s[i]);
  return w;
}
std::uint32_t first_bytes(std::string_view s) { return end_word(s, 0); }
std::uint32_t last_bytes(std::string_view s) { return end_word(s, s.size() - end_bytes); }
}  // namespace

LabelMatcher::LabelMatcher(const std::vector<const TableDef*>& tables) {
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const TableDef* table = tables[t];
    for (int r = 0; r < static_cast<int>(table->rows.size()); ++r) {
      const RowDef& row = table->rows[r];
      for (std::size_t ki = 0; ki < row.keys.size(); ++ki) {
        RowKey k;
        k.table = static_cast<int>(t);
        k.row = r;
        k.def = &row;
        k.key = &row.keys[ki];
        k.short_key = k.key->size() < end_bytes;
        if (!k.short_key) k.first = first_bytes(*k.key), k.last = last_bytes(*k.key);
        if (ki < row.key_edits.size() && ki < row.key_points.size() && row.key_edits[ki] > 0) {
          k.edits = row.key_edits[ki];
          k.points = &row.key_points[ki];
          k.bits = ki < row.key_bits.size() ? row.key_bits[ki] : KeyPoints::bits_of(row.key_points[ki]);
        }
        keys_.push_back(k);
      }
    }
  }
  tables_ = tables;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_first, by_last;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    const RowKey& k = keys_[i];
    if (k.edits > 0) {
      const std::size_t points = k.points->size(), edits = static_cast<std::size_t>(k.edits);
      approximate_.push_back({k.bits, k.edits, points > edits ? points - edits : 0, i});
    }
    const auto index = static_cast<std::uint32_t>(i);
    if (k.short_key) {
      short_keys_.push_back(index);
    } else {
      by_first.emplace_back(k.first, index);
      by_last.emplace_back(k.last, index);
    }
  }
  by_first_ = WordIndex(std::move(by_first));
  by_last_ = WordIndex(std::move(by_last));
  column_sizes_.reserve(tables.size());
  for (const TableDef* table : tables) {
    std::uint64_t sizes = 0;
    for (const ColumnDef& c : table->columns) sizes |= KeyPoints::bit_of(static_cast<char32_t>(c.key_text.size()));
    column_sizes_.push_back(sizes);
  }
}

bool LabelMatcher::is_column(int table, const std::string& key) const {
  if ((column_sizes_[table] & KeyPoints::bit_of(static_cast<char32_t>(key.size()))) == 0) return false;
  for (const ColumnDef& c : tables_[table]->columns)
    if (c.key_text == key) return true;
  return false;
}

LabelMatch LabelMatcher::match(const LabelText& text, bool fragments) const {
  LabelMatch best;
  if (text.key.empty()) return best;
  match_exact(text, fragments, best);
  if (best.score < exact_score) match_approximate(text, best);
  return best;
}

namespace {
// The label's own number agrees or disagrees with the row's ("3.其他" is not "（六）其他").
int number_score(int score, const std::string& number, const RowDef& row) {
  if (score > 0 && !number.empty() && !row.number.empty()) score += number == row.number ? number_agreement : -number_agreement;
  return score;
}
}  // namespace

void LabelMatcher::match_exact(const LabelText& text, bool fragments, LabelMatch& best) const {
  const std::string& key = text.key;
  const std::string_view kv = key;
  const bool numbered = !text.number.empty();
  // The best of equal scores is the first key in the order of keys_: the candidates come in two
  // lists (a key may be in both), each in that order, so a tie goes to the lower index.
  std::uint32_t best_index = 0;
  auto offer = [&](std::uint32_t i, const RowKey& k, int score) {
    score = number_score(score, text.number, *k.def);
    if (score > best.score || (score > 0 && score == best.score && i < best_index)) {
      best = {tables_[k.table], k.row, score, 0, std::string()};
      best_index = i;
    }
  };
  // The text is the key: a header word ("其他", "总计") standing alone is a column, not a row.
  auto equal_score = [&](const RowKey& k) {
    return fragments && !numbered && is_column(k.table, key) ? 0 : exact_score + static_cast<int>(key.size());
  };
  // Which kind of match a text and a key may be follows from their sizes: equal, the text ends
  // or starts with the key (longer text), or is a fragment of it (shorter text); one comparison
  // of bytes then says whether it is. A key that shares its first bytes with the text can only
  // be equal to it or start it or start with it; one that shares its last bytes, be equal or
  // end it or end with it. A key in both lists is scored in both, and keeps the better: the
  // kinds rank as the scores do (an exact match, then a suffix, a prefix, a fragment's prefix, a
  // fragment's suffix), so this is the score of the first kind the key is.
  auto consider_first = [&](std::uint32_t i) {
    const RowKey& k = keys_[i];
    const std::string_view rk = *k.key;
    int score = 0;
    if (kv.size() == rk.size()) {
      if (kv == rk) score = equal_score(k);
    } else if (kv.size() > rk.size()) {
      if (rk.size() >= min_affix_label_bytes && starts_with(kv, rk)) score = prefix_score + static_cast<int>(rk.size());
    } else if (fragments && kv.size() >= min_fragment_bytes && starts_with(rk, kv)) {
      score = fragment_prefix_score + static_cast<int>(kv.size());
    }
    offer(i, k, score);
  };
  auto consider_last = [&](std::uint32_t i) {
    const RowKey& k = keys_[i];
    const std::string_view rk = *k.key;
    int score = 0;
    if (kv.size() == rk.size()) {
      if (kv == rk) score = equal_score(k);
    } else if (kv.size() > rk.size()) {
      if (rk.size() >= min_affix_label_bytes && ends_with(kv, rk)) {
        score = suffix_score + static_cast<int>(rk.size());
        const std::string& number = k.def->number;
        if (!number.empty() && ends_with(kv.substr(0, kv.size() - rk.size()), number_key(number))) score += number_agreement;
      }
    } else if (fragments && kv.size() >= min_fragment_bytes && ends_with(rk, kv)) {
      score = fragment_suffix_score + static_cast<int>(kv.size());
    }
    offer(i, k, score);
  };
  // Whether the key and a row key may be equal or one end or start with the other: their first
  // end_bytes bytes or their last are the same (or one is shorter than that). Looked up first:
  // most of a format's labels share neither with a text. A short text can only be a short key
  // (it is too short to be a fragment, a short key too short to be an affix), a longer one only
  // match a key that shares its first bytes or its last.
  if (key.size() < end_bytes) {
    for (const std::uint32_t i : short_keys_)
      if (key == *keys_[i].key) offer(i, keys_[i], equal_score(keys_[i]));
    return;
  }
  for (const std::uint32_t i : by_first_.find(first_bytes(key))) consider_first(i);
  for (const std::uint32_t i : by_last_.find(last_bytes(key))) consider_last(i);
}

void LabelMatcher::match_approximate(const LabelText& text, LabelMatch& best) const {
  const std::string& key = text.key;
  std::optional<KeyPoints> key_points;  // decoded once a label is within reach of the text's code points
  const auto [text_bits, text_points] = key_code_points(key);
  for (const ApproximateKey& a : approximate_) {
    // A text shorter than the label less its edits is neither it nor ends with it (approximate
    // would score it 0): short texts (a cell, a word) skip the long labels at once.
    if (text_points < a.min_points) continue;
    // More of the label's code points surely absent from the whole text than its edits: no
    // ending of the text is within reach either (approximate would score it 0).
    if (KeyPoints::bit_count(a.bits & ~text_bits) > a.edits) continue;
    const RowKey& k = keys_[a.index];
    if (is_column(k.table, key)) continue;
    if (!key_points) key_points.emplace(key);
    int used = 0;
    const int score = number_score(approximate(*key_points, *k.key, *k.points, k.bits, k.edits, used), text.number, *k.def);
    if (score > best.score) best = {tables_[k.table], k.row, score, used, *k.key};
  }
}

KeyCodePoints key_code_points(const std::string& key) {
  // A code point's low six bits are its last byte's (an ASCII byte's own), and each code point
  // has one last byte: the byte before one that is no continuation byte (before the string's
  // terminating '\0', the last byte).
  KeyCodePoints out;
  const char* const bytes = key.c_str();
  for (std::size_t i = 0; i < key.size(); ++i) {
    const std::uint64_t last = !nz::is_continuation_byte(bytes[i + 1]);
    out.bits |= last << (static_cast<unsigned char>(bytes[i]) & 63);
    out.count += last;
  }
  return out;
}

bool ends_with_column_label(const TableDef& table, std::string_view text) {
  return ends_with_column_key(table, label_key(text));
}

bool ends_with_column_key(const TableDef& table, std::string_view key) {
  for (const ColumnDef& c : table.columns)
    if (!c.key_text.empty() && ends_with(key, c.key_text)) return true;
  return false;
}

bool heading_names(const SectionDef& section, std::string_view heading, int* edits) {
  return heading_key_names(section, label_key(heading), edits);
}

bool heading_key_names(const SectionDef& section, const std::string& key, int* edits) {
  if (edits) *edits = 0;
  if (key.find(section.match) != std::string::npos) return true;
  if (section.heading_edits == 0) return false;
  // substring_distance, after the bounds that skip it for nearly every other heading (the
  // first, on 64-bit sets of the code points, before the format's heading is even decoded).
  std::uint64_t text_bits = 0;
  for (std::size_t i = 0; i < key.size();) text_bits |= KeyPoints::bit_of(nz::next_code_point(key, i));
  int surely_missing = 0;
  for (std::size_t i = 0; i < section.heading_key.size();)
    surely_missing += (text_bits & KeyPoints::bit_of(nz::next_code_point(section.heading_key, i))) == 0;
  if (surely_missing > section.heading_edits) return false;
  const std::u32string pattern = code_points(section.heading_key), text = code_points(key);
  if (missing_from(pattern, text) > section.heading_edits) return false;
  const int d = distance(pattern, text, section.heading_edits, true);
  if (d > section.heading_edits) return false;
  if (edits) *edits = d;
  return true;
}

const TableDef* last_title_in(const std::vector<std::pair<std::string, const TableDef*>>& titles, std::string_view key) {
  std::size_t best_at = std::string::npos;
  const TableDef* out = nullptr;
  for (const auto& [title, table] : titles) {
    if (title.empty()) continue;
    // Its last occurrence: found forwards (rfind compares the title at every byte of the key, and
    // most keys hold no title at all).
    std::size_t at = nz::find_bytes(key, title);
    if (at == std::string::npos) continue;
    for (std::size_t next; (next = nz::find_bytes(key, title, at + 1)) != std::string::npos;) at = next;
    if (best_at == std::string::npos || at > best_at) {
      best_at = at;
      out = table;
    }
  }
  return out;
}

}  // namespace nianbao::schema
