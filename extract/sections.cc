// Numbered headings → nested sections. A heading is a number (一、 （一） 1. （1）) and a short
// title without a comma; an enumerated sentence ("（二）是加大平台建设力度，…。") is not one.
// In flattened text (a report on one line) level-1 headings run straight into their bodies;
// where a heading ends is decided by the known headings, the title words a heading ends with,
// and what a body starts with (a year, a sub-number, a space, punctuation).
#include <algorithm>
#include <cstdint>

#include "extract/extract.h"
#include "extract/internal/first_char.h"
#include "model/long_lived.h"
#include "normalize/normalize.h"

namespace nianbao::extract {

namespace {

namespace nz = nianbao::normalize;

// `texts` by their first three bytes (HeadingHints::ByLead); `keep_empty`: the empty texts are
// among the short ones (an empty known heading starts every title; an empty label names none).
void index_by_lead(const std::vector<std::string>& texts, HeadingHints::ByLead& x, bool keep_empty) {
  for (std::size_t k = 0; k < texts.size(); ++k) {
    if (texts[k].size() >= 3) x.by_lead.emplace_back(lead_key(texts[k]), static_cast<std::uint32_t>(k));
    else if (keep_empty || !texts[k].empty()) x.short_ones.push_back(static_cast<std::uint32_t>(k));
  }
  std::sort(x.by_lead.begin(), x.by_lead.end());
}

// The known headings by their first three bytes, and their first characters: those that
// next_code_point decodes as they are written (ASCII and the ideographs always; any other
// written back to compare); a heading without one (empty, or broken UTF-8) sets any_start.
void index_known(const std::vector<std::string>& known, HeadingHints::KnownIndex& x) {
  index_by_lead(known, x, true);
  for (const std::string& k : known) {
    std::size_t i = 0;
    const char32_t c = k.empty() ? 0 : nz::next_code_point(k, i);
    bool well_formed = c != 0;
    if (well_formed && c >= 0x80 && !nz::is_ideograph_at(k, 0)) {
      std::string bytes;
      nz::append_utf8(bytes, c);
      well_formed = k.compare(0, i, bytes) == 0;
    }
    if (well_formed) x.starts.push_back(c);
    else x.any_start = true;
  }
  std::sort(x.starts.begin(), x.starts.end());
}

// The index of `hints`, built at the first call (kept with the hints, across reports).
const HeadingHints::LabelIndex* label_index(const HeadingHints& hints) {
  HeadingHints::LabelIndex* x = hints.label_index.get();
  if (!x) return nullptr;
  std::call_once(x->once, [&] {
    const LongLivedAllocations kept_across_reports;
    x->of = hints.not_headings.data();
    x->size = hints.not_headings.size();
    index_by_lead(hints.not_headings, x->labels, false);
    x->known_of = hints.known.data();
    x->known_size = hints.known.size();
    index_known(hints.known, x->known);
  });
  return x;
}

struct NumberPrefix {
  int level = 0;        // 0 = none
  std::string num;      // the numeral as written: "一", "1"
  std::size_t end = 0;  // byte offset after the number and its punctuation (and spaces)
};

// A level-1 number anywhere in a flattened paragraph: the leftmost match at or after `from` of
// ([一二三四五六七八九十]{1,3})、 as RE2 finds it (each 、 in turn, with up to three numerals
// right before it, counted back no further than `from`; the text is UTF-8, so a numeral's bytes
// only ever match at a character). Sets `at` and `size` (bytes, 、 included). The 、 looked at
// are those a numeral may end right before (find_comma_after_numeral_lead): no other has one.
constexpr std::size_t max_run_in_numerals = 3;
bool find_level1_number(std::string_view text, std::size_t from, std::size_t& at, std::size_t& size) {
  constexpr std::string_view comma = "、";
  for (std::size_t c = find_comma_after_numeral_lead(text, from + 3); c != std::string_view::npos;
       c = find_comma_after_numeral_lead(text, c + comma.size())) {
    std::size_t start = c, numerals = 0;
    while (numerals < max_run_in_numerals && start >= from + 3 && nz::is_ideograph_at(text, start - 3)) {
      std::size_t i = start - 3;
      if (!is_chinese_numeral_char(nz::next_code_point(text, i))) break;
      start -= 3;
      ++numerals;
    }
    if (numerals == 0) continue;
    at = start;
    size = c + comma.size() - start;
    return true;
  }
  return false;
}

NumberPrefix number_prefix(std::string_view text) {
  if (!may_start_list_number(text)) return {};  // as parse_list_number decides, without the parse
  const nz::ListNumber n = nz::parse_list_number(text);
  if (!n.heading_like()) return {};
  return {static_cast<int>(n.style), std::string(n.numeral), n.length};
}

// A piece of a paragraph's text, which is already clean: only its ends may hold a space. A view:
// a block's text is copied once, into the block (a copy of the piece first was a second one).
std::string_view trimmed(std::string_view s) { return nz::trim(s, " "); }

// Byte length of the shortest prefix of `text` whose folded form equals `target` (npos if none).
// A text that starts with the target's ideographs needs no fold: an ideograph of U+4E00–U+9FFF
// folds to itself, whatever follows it.
std::size_t folded_prefix_length(std::string_view text, std::string_view target) {
  if (target.size() % 3 == 0 && nz::ideograph_run_end(text, 0) >= target.size())
    return text.compare(0, target.size(), target) == 0 ? target.size() : std::string_view::npos;
  std::string folded;
  std::size_t i = 0;
  while (i < text.size() && folded.size() < target.size()) {
    const std::size_t start = i;
    nz::next_code_point(text, i);
    folded += nz::fold(text.substr(start, i - start));
    if (target.compare(0, folded.size(), folded) != 0) return std::string_view::npos;
  }
  return folded == target ? i : std::string_view::npos;
}

class SectionBuilder {
 public:
  // The hints' index where it was built from these hints; else the labels are tested one by one,
  // and the known headings indexed here (a copy of the hints, or hints changed since). Hints
  // without an index are read by the definitions alone (a test's reference).
  SectionBuilder(const HeadingHints& hints, const Limits& limits) : hints_(hints), limits_(limits) {
    const HeadingHints::LabelIndex* x = label_index(hints);
    if (!x) return;
    if (x->of == hints.not_headings.data() && x->size == hints.not_headings.size()) labels_ = &x->labels;
    if (x->known_of == hints.known.data() && x->known_size == hints.known.size()) {
      known_ = &x->known;
    } else {
      index_known(hints.known, own_known_);
      known_ = &own_known_;
    }
  }

  // The blocks are rewritten in place (a heading paragraph gives at most one block, usually):
  // the pieces of block i go back in front of it. Only when a paragraph splits into more blocks
  // than there is room for (run-in level-1 headings) is the rest built in a second vector.
  std::vector<Section> run(std::vector<Block>& blocks) {
    out_of_sequence_ = out_of_sequence(blocks);
    std::vector<Block> pieces, copy;  // what one block gives; all blocks once they outgrow the input
    std::size_t kept = 0;             // blocks written back in place
    bool copying = false;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      base_ = copying ? copy.size() : kept;
      pieces.clear();
      Block& b = blocks[i];
      if (b.kind != BlockKind::paragraph) pieces.push_back(std::move(b));
      else split_paragraph(std::move(b), pieces, std::binary_search(out_of_sequence_.begin(), out_of_sequence_.end(), i), heading_of(i));
      if (!copying && kept + pieces.size() > i + 1) {  // would overwrite blocks not read yet
        copying = true;
        copy.reserve(blocks.size() + pieces.size());
        for (std::size_t k = 0; k < kept; ++k) copy.push_back(std::move(blocks[k]));
      }
      for (Block& p : pieces) {
        if (copying) copy.push_back(std::move(p));
        else blocks[kept++] = std::move(p);
      }
    }
    if (copying) blocks = std::move(copy);
    else blocks.resize(kept);
    close_sections(blocks.size());
    return std::move(sections_);
  }

 private:
  struct Heading {
    int level = 0;
    std::string num;
    std::size_t number = 0;  // bytes of its number and punctuation (at a paragraph's start, and the spaces after)
    std::size_t length = 0;  // bytes of the heading in the paragraph (number + title)
    std::size_t body = 0;    // where the body starts (after punctuation and spaces)
  };

  // A level-1 number that repeats or goes backwards is no new section: "一、本年新收…" after
  // 三、 is a row of 表三, "四、结转下年度继续办理" before the real 四、 too. The level-1 headings
  // kept are the heaviest chain of strictly increasing numbers, a known heading weighing
  // `known_weight` times an unknown one (so one known 四、 outweighs a table row numbered 四、,
  // and an unknown heading is kept when nothing contradicts it). Equal chains keep the later
  // heading of a number: a table row precedes its section's next heading. A known heading
  // numbered 一 starts a new run. Returns the indices
  // of the paragraphs whose level-1 number is not a heading, sorted.
  static constexpr int known_weight = 3;
  struct Candidate {
    std::size_t block;
    int value, weight, best = 0, prev = -1;
  };
  // The heaviest strictly increasing chain of c[first, last): each candidate's best weight and
  // predecessor (the earliest one of the heaviest lighter-numbered candidates before it), and the
  // chain's end (the latest of the heaviest). A prefix-maximum tree over the numbers seen so far
  // keeps it O(n log n): a report of many numbered paragraphs must not cost n².
  static int heaviest_chain(std::vector<Candidate>& c, int first, int last) {
    std::vector<int> values;
    for (int i = first; i < last; ++i) values.push_back(c[i].value);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    std::vector<int> tree(values.size() + 1, -1);  // Fenwick tree of candidate indices, by rank
    const auto better = [&](int a, int b) {        // heavier, or as heavy and earlier
      if (b < 0) return a >= 0;
      return a >= 0 && (c[a].best > c[b].best || (c[a].best == c[b].best && a < b));
    };
    int end = -1;
    for (int i = first; i < last; ++i) {
      const std::size_t rank = static_cast<std::size_t>(std::lower_bound(values.begin(), values.end(), c[i].value) -
                                                        values.begin());
      int prev = -1;  // the best of the ranks below this one
      for (std::size_t k = rank; k > 0; k &= k - 1)
        if (better(tree[k], prev)) prev = tree[k];
      c[i].best = c[i].weight + (prev >= 0 ? c[prev].best : 0);
      c[i].prev = prev;
      for (std::size_t k = rank + 1; k < tree.size(); k += k & (~k + 1))
        if (better(i, tree[k])) tree[k] = i;
      if (end < 0 || c[i].best >= c[end].best) end = i;
    }
    return end;
  }

  // Also keeps the heading each paragraph starts with (headings_), which split_paragraph reads.
  std::vector<std::size_t> out_of_sequence(const std::vector<Block>& blocks) {
    std::vector<Candidate> c;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      if (blocks[i].kind != BlockKind::paragraph) continue;
      const Heading h = heading_at_start(blocks[i].text);
      if (h.level > 0) headings_.emplace_back(i, h);
      if (h.level != 1) continue;
      const bool known = known_heading_prefix(std::string_view(blocks[i].text).substr(h.number)) != nullptr;
      c.push_back({i, nz::chinese_numeral_value(h.num), known ? known_weight : 1});
    }
    // Runs of numbering, each chained on its own (004 prints its tables' part numbered anew).
    std::vector<bool> kept(c.size(), false);
    for (int first = 0; first < static_cast<int>(c.size());) {
      int last = first + 1;
      while (last < static_cast<int>(c.size()) && !(c[last].value == 1 && c[last].weight == known_weight)) ++last;
      const int end = heaviest_chain(c, first, last);
      for (int i = end; i >= 0; i = c[i].prev) kept[i] = true;
      first = last;
    }
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < c.size(); ++i)
      if (!kept[i]) out.push_back(c[i].block);
    return out;
  }

  // Title text checks shared by both heading forms.
  static constexpr std::size_t max_label_precheck = 3;  // bytes: one ideograph
  bool is_table_label(std::string_view title) const {
    // A row of a table that stayed text ("（七）总计 0 0 0 0 0 0 0") is no heading either.
    int number_groups = 0;
    for (std::size_t i = 0; i < title.size(); ++i)
      if (std::isdigit(static_cast<unsigned char>(title[i])) && (i == 0 || !std::isdigit(static_cast<unsigned char>(title[i - 1]))))
        ++number_groups;
    if (number_groups >= 3) return true;
    std::string& f = title_fold_;  // a buffer: a title is folded at most once per call
    nz::fold_into(title, f);
    while (!f.empty() && (std::isdigit(static_cast<unsigned char>(f.back())) || f.back() == '.' || f.back() == '-'))
      f.pop_back();
    if (f.empty()) return true;
    // Each test of names_label needs the two to share their first min(sizes) bytes, three at
    // most: with the index, only the labels sharing the title's first three bytes and the
    // shorter labels are tested.
    const std::vector<std::string>& labels = hints_.not_headings;
    if (labels_ && f.size() >= max_label_precheck) {
      const std::uint32_t key = lead_key(f);
      for (auto it = first_with_lead(labels_->by_lead, key); it != labels_->by_lead.data() + labels_->by_lead.size() && it->first == key; ++it)
        if (names_label(f, labels[it->second])) return true;
      for (const std::uint32_t k : labels_->short_ones)
        if (names_label(f, labels[k])) return true;
      return false;
    }
    for (const std::string& label : labels)
      if (names_label(f, label)) return true;
    return false;
  }

  // Is the folded title `f` the table label, or one broken across PDF lines?
  static bool names_label(const std::string& f, const std::string& label) {
    // Each test below needs the two to share their first min(sizes) bytes: most labels differ
    // from the title in their first three (a memcmp call per test and label was the cost).
    const std::size_t shared = std::min({f.size(), label.size(), max_label_precheck});
    bool differ = label.empty();
    for (std::size_t k = 0; k < shared && !differ; ++k) differ = f[k] != label[k];
    if (differ) return false;
    if (f == label) return true;
    // A label broken across PDF lines: "（三）不" / "予公开".
    if (f.size() < label.size() && label.starts_with(f)) return true;
    return f.size() >= 12 && label.size() >= 12 && f.starts_with(label);
  }

  // The longest known heading the fold of the title's first known_fold_bytes starts with (null
  // if none): that fold is made only where the title's first character and leading ideographs
  // cannot decide it (known_ null: always).
  const std::string* known_heading_prefix(std::string_view title) const {
    if (known_) {
      const std::size_t run = nz::ideograph_run_end(title.substr(0, std::min(title.size(), known_fold_bytes)), 0);
      if (run > 0) {  // the title's first character is the ideograph of its first three bytes
        bool decided = false;
        const std::string* best = known_by_ideographs(title.substr(0, run), decided);
        if (decided) return best;
      } else if (const char32_t c = plain_first_char(title);
                 c != 0 && !known_->any_start && !std::binary_search(known_->starts.begin(), known_->starts.end(), c)) {
        return nullptr;  // the fold starts with a plain first character as it is: no known heading does
      }
    }
    const std::string* best = nullptr;
    const std::string f = fold_prefix(title, known_fold_bytes);
    for (const std::string& k : hints_.known)
      if (f.starts_with(k) && (!best || k.size() > best->size())) best = &k;
    return best;
  }

  // known_heading_prefix without the fold where the title's leading ideographs `lead` decide it:
  // the fold starts with them as they are (an ideograph of U+4E00–U+9FFF is its own NFKC and
  // composes with nothing after it), so a known heading no longer than them matches when the
  // title starts with its bytes, and a longer one cannot match when they differ from its start.
  // `decided` is false when a longer heading starts with all of them: the fold must say. Only the
  // headings that share the first three bytes of `lead` (or are shorter) can do either; with
  // none of them and no heading without a first character, none starts the fold either (its
  // first character is lead's first): nothing, decided.
  static constexpr std::size_t known_fold_bytes = 200;  // a known heading is far shorter
  const std::string* known_by_ideographs(std::string_view lead, bool& decided) const {
    const std::string* best = nullptr;
    decided = true;
    const auto meet = [&](const std::string& k) {
      if (k.size() <= lead.size()) {
        if (lead.starts_with(k) && (!best || k.size() > best->size())) best = &k;
      } else if (std::string_view(k).starts_with(lead)) {
        decided = false;
      }
      return decided;
    };
    const std::uint32_t key = lead_key(lead);
    const auto* const end = known_->by_lead.data() + known_->by_lead.size();
    for (auto it = first_with_lead(known_->by_lead, key); it != end && it->first == key; ++it)
      if (!meet(hints_.known[it->second])) return nullptr;
    for (const std::uint32_t k : known_->short_ones)
      if (!meet(hints_.known[k])) return nullptr;
    return best;
  }

  // A heading at the start of a paragraph: number, title up to 。/：/end, no comma inside.
  Heading heading_at_start(std::string_view text) const {
    const NumberPrefix np = number_prefix(text);
    if (np.level == 0) return {};
    const std::string_view rest = text.substr(np.end);
    // A title is at most 40 characters: its end is looked for in the first 160 bytes only.
    const std::string_view head = rest.substr(0, std::min<std::size_t>(rest.size(), 160));
    std::size_t stop = rest.size();
    for (const char* p : {"。", "：", ":"}) stop = std::min(stop, nz::find_bytes(head, p));
    std::string_view title = rest.substr(0, stop);
    while (!title.empty() && title.back() == ' ') title.remove_suffix(1);
    const std::size_t max_chars = np.level <= 2 ? 40 : 30;
    // A comma makes an enumerated sentence — unless the title stands alone as its own short
    // paragraph ("（三）完善公开制度规范，加强政府信息管理" in HTML).
    const bool alone = stop == rest.size() && rest.find("；") == std::string_view::npos;
    const bool comma = !alone && (title.find("，") != std::string_view::npos || title.find(',') != std::string_view::npos ||
                                  title.find("；") != std::string_view::npos);
    Heading h{np.level, np.num, np.end, 0, 0};
    if (!title.empty() && nz::count_code_points(title) <= max_chars && !comma && !title.starts_with("是")) {
      if (is_table_label(title)) return {};
      h.length = np.end + title.size();
      // The heading keeps the punctuation that closes it: "（一）主动公开情况。"
      for (const char* p : {"。", "：", ":"})
        if (text.substr(h.length, std::string_view(p).size()) == p) h.length += std::string_view(p).size();
    } else if (np.level == 1) {
      // A run-in level-1 heading ("一、 概述 推进政府信息公开工作…").
      const std::size_t len = run_in_title_length(rest);
      if (len == 0 || is_table_label(rest.substr(0, len))) return {};
      h.length = np.end + len;
    } else {
      return {};
    }
    h.body = skip_separators(text, h.length);
    return h;
  }

  // Where a run-in title ends in `rest` (text after the number), 0 if it is not a heading;
  // `known`: known_heading_prefix(rest), which the caller may have asked already.
  std::size_t run_in_title_length(std::string_view rest) const { return run_in_title_length(rest, known_heading_prefix(rest)); }
  std::size_t run_in_title_length(std::string_view rest, const std::string* known) const {
    if (known) {
      const std::size_t n = folded_prefix_length(rest, *known);
      if (n != std::string_view::npos) return n;
    }
    // The window ends at punctuation, a space after text, a digit (a year) or a sub-number.
    std::size_t i = 0, window = 0, chars = 0;  // chars: code points of rest[0, i)
    bool ended_cleanly = false;
    while (i < rest.size() && chars < 40) {
      const std::size_t start = i;
      const char32_t c = nz::next_code_point(rest, i);
      chars += nz::count_code_points(rest.substr(start, i - start));
      const bool stop = c == U'，' || c == U'。' || c == U'；' || c == U'：' || c == ',' || c == ';' || c == ':' ||
                        c == U'（' || c == '(' || (c >= '0' && c <= '9') || c == U'“' || c == U'《' ||
                        ((c == ' ' || c == U'\u3000') && start > 0);
      if (stop) {
        window = start;
        ended_cleanly = c == ' ' || c == U'\u3000' || (c >= '0' && c <= '9') || c == U'（' || c == '(';
        break;
      }
      window = i;
    }
    if (window == 0) return 0;
    const std::string_view w = rest.substr(0, window);
    std::size_t best = 0;
    for (const std::string& word : hints_.end_words) {
      for (std::size_t at = w.find(word); at != std::string_view::npos; at = w.find(word, at + 1))
        best = std::max(best, at + word.size());
    }
    if (best > 0) return best;
    return ended_cleanly && nz::count_code_points(w) <= 20 ? window : 0;
  }

  static std::size_t skip_separators(std::string_view text, std::size_t at) {
    while (at < text.size()) {
      std::size_t i = at;
      const char32_t c = nz::next_code_point(text, i);
      if (c == ' ' || c == U'。' || c == U'：' || c == ':' || c == U'\u3000') at = i;
      else break;
    }
    return at;
  }

  // Level-1 headings inside a flattened paragraph: offsets where each one starts.
  std::vector<std::pair<std::size_t, Heading>> inline_level1(std::string_view text) const {
    std::vector<std::pair<std::size_t, Heading>> found;
    std::vector<bool> found_known;  // per heading found: it starts with a known heading
    int last = last_level1_;
    std::size_t from = 1;  // a heading at offset 0 is handled by heading_at_start
    std::size_t at = 0, match = 0;
    while (from < text.size() && find_level1_number(text, from, at, match)) {
      from = at + match;
      const std::string_view numeral = text.substr(at, match - 3);
      const std::string_view rest = text.substr(at + match);
      // What precedes: a sentence end, a space, a closing bracket, a digit or a unit.
      std::size_t p = at;
      while (p > 0 && nz::is_continuation_byte(text[p - 1])) --p;
      if (p > 0) --p;
      std::size_t q = p;
      const char32_t before = nz::next_code_point(text, q);
      const bool boundary = before == ' ' || before == U'。' || before == U'）' || before == ')' ||
                            before == U'”' || before == U'！' || before == U'？' || (before >= '0' && before <= '9') ||
                            before == U'；' || before == U'元' || before == U'：';
      const int value = nz::chinese_numeral_value(numeral);
      const std::string* known_title = known_heading_prefix(rest);
      const bool known = known_title != nullptr;
      if (!(known || (boundary && value == last + 1))) continue;
      if (!boundary && !known) continue;
      const std::size_t len = run_in_title_length(rest, known_title);
      if (len == 0 || is_table_label(rest.substr(0, len))) continue;
      Heading h{1, std::string(numeral), match, match + len, 0};
      h.body = skip_separators(text, at + h.length) - at;
      // An unknown heading whose number a known one repeats right after is a table row
      // ("四、结转下年继续办理" — a label typo — before "四、政府信息公开行政复议…"), as in
      // the chain of paragraph headings.
      if (known && !found.empty() && !found_known.back() && found.back().second.num == h.num) {
        found.pop_back();
        found_known.pop_back();
      }
      found.push_back({at, h});
      found_known.push_back(known);
      last = value;
      from = at + h.length;
    }
    return found;
  }

  void open_section(const Heading& h, std::string heading, std::size_t block_index, SourcePos pos) {
    if (h.level > limits_.max_section_depth) return;
    close_sections_to(h.level, block_index);
    Section s;
    s.level = h.level;
    s.num = h.num;
    s.heading = std::move(heading);
    s.parent = open_.empty() ? -1 : open_.back();
    s.first_block = block_index;
    s.pos = pos;
    sections_.push_back(std::move(s));
    open_.push_back(static_cast<int>(sections_.size() - 1));
    if (h.level == 1) last_level1_ = nz::chinese_numeral_value(h.num);
  }

  void close_sections_to(int level, std::size_t block_index) {
    while (!open_.empty() && sections_[open_.back()].level >= level) {
      sections_[open_.back()].end_block = block_index;
      open_.pop_back();
    }
  }
  void close_sections(std::size_t block_index) { close_sections_to(0, block_index); }

  void emit_text(Block& model, std::string_view text, std::vector<Block>& out) {
    const std::string_view t = trimmed(text);
    if (t.empty()) return;
    Block b;
    b.kind = BlockKind::paragraph;
    b.text = t;
    b.pos = model.pos;
    out.push_back(std::move(b));
  }

  // The heading paragraph i starts with (out_of_sequence found them), asked in increasing i.
  Heading heading_of(std::size_t i) {
    while (next_heading_ < headings_.size() && headings_[next_heading_].first < i) ++next_heading_;
    if (next_heading_ < headings_.size() && headings_[next_heading_].first == i) return headings_[next_heading_].second;
    return {};
  }

  // `first`: the heading the paragraph starts with (heading_at_start of its text).
  void split_paragraph(Block&& b, std::vector<Block>& out, bool out_of_sequence, const Heading& first) {
    std::string_view text = b.text;
    std::size_t consumed = 0;
    if (first.level > 0 && !(first.level == 1 && out_of_sequence)) {
      open_section(first, std::string(trimmed(text.substr(0, first.length))), base_ + out.size(), b.pos);
      consumed = first.body;
      if (first.level > limits_.max_section_depth) consumed = 0;
    }
    if (text.size() - consumed > 300) {
      const std::size_t base = consumed;
      for (const auto& [at, h] : inline_level1(text.substr(base))) {
        emit_text(b, text.substr(consumed, base + at - consumed), out);
        open_section(h, std::string(trimmed(text.substr(base + at, h.length))), base_ + out.size(), b.pos);
        consumed = base + at + h.body;
      }
    }
    if (consumed == 0) {
      out.push_back(std::move(b));
      return;
    }
    if (consumed < text.size()) {
      Block rest;
      rest.kind = BlockKind::paragraph;
      rest.text = trimmed(text.substr(consumed));
      rest.pos = b.pos;
      if (!rest.text.empty()) out.push_back(std::move(rest));
    }
  }

  const HeadingHints& hints_;
  const Limits& limits_;
  const HeadingHints::ByLead* labels_ = nullptr;  // null: the labels are tested one by one
  HeadingHints::KnownIndex own_known_;               // where the hints' index is not theirs
  const HeadingHints::KnownIndex* known_ = nullptr;  // the hints' or own_known_; null: no index
  std::vector<Section> sections_;
  std::vector<int> open_;
  int last_level1_ = 0;
  std::vector<std::size_t> out_of_sequence_;  // paragraphs whose level-1 number is no heading
  std::vector<std::pair<std::size_t, Heading>> headings_;  // paragraphs that start with a heading, in order
  std::size_t next_heading_ = 0;                            // the first of them not yet split
  std::size_t base_ = 0;  // index in the output of the first block the current block gives
  mutable std::string title_fold_;  // is_table_label's fold of a title
};

}  // namespace

std::vector<Section> build_sections(std::vector<Block>& blocks, const HeadingHints& hints, const Limits& limits) {
  return SectionBuilder(hints, limits).run(blocks);
}

void segment(std::vector<Block>& blocks) {
  for (Block& b : blocks) {
    if (b.kind != BlockKind::paragraph) continue;
    if (std::vector<std::size_t> ends = nz::sentence_ends(b.text); !ends.empty()) b.edit_sentence_ends() = std::move(ends);
  }
}

}  // namespace nianbao::extract
