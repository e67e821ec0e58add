// Label matching, in one unit: the comparable form of a label (label_key), whether a text
// names a row label, a table title or a section heading of a template — exactly, or within an
// edit distance that the template itself allows (a typo, a dropped or doubled character, an
// OCR look-alike) — and the thresholds derived from the templates so that no text can be
// within reach of two of its labels.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/internal/word_index.h"

namespace nianbao::schema {

struct TableDef;
struct RowDef;
struct SectionDef;
struct Template;

// A text as label matching sees it: its key (label_key) and its own row number (label_number),
// from one folding.
struct LabelText {
  std::string key;
  std::string number;
};
LabelText label_text(std::string_view text);
// label_text into `out`, its strings' capacity reused (a reader keys its texts one at a time).
// `text` must not be a view of `out`.
void label_text_into(std::string_view text, LabelText& out);

// The comparable form of a label: NFKC folded, whitespace, quotes and the leading row number
// (一、 （一） 1. 1、 1．) removed. "（三） 不予公开" → "不予公开"; "3.危及“三安全一稳定”" → "危及三安全一稳定".
std::string label_key(std::string_view label);
// label_key of a label already folded (normalize::fold): label_key(x) == key_of_folded(fold(x)).
std::string key_of_folded(std::string_view folded_label);
// key_of_folded into `out`, its capacity reused; `folded_label` must not be a view of `out`.
void key_of_folded_into(std::string_view folded_label, std::string& out);
// A folded text with only the characters that carry words: ASCII letters and digits and CJK
// ideographs (normalize::is_cjk); punctuation, brackets, symbols and whitespace dropped. The
// label key is this of the text after its row number.
std::string word_characters(std::string_view folded);
// A folded label without its leading row number ("三、收到…" → "收到…"); punctuation kept.
std::string strip_number(std::string_view folded_label);
// The leading row number of a folded label ("1.属于…" → "1", "(三)不予公开" → "(三)"), "" if none.
std::string label_number(std::string_view folded_label);
// The keys a template label is known by: label_key, and the key without its parenthesised
// remark ("部分公开(区分处理的,…)" → "部分公开").
std::vector<std::string> label_keys(std::string_view label);

// Edits (insert, delete, substitute one code point) between two keys; stops counting past
// `limit` (returns limit + 1).
int edit_distance(std::string_view a, std::string_view b, int limit);
// The fewest edits that turn `pattern` into some substring of `text` (Sellers), bounded the same way.
int substring_distance(std::string_view pattern, std::string_view text, int limit);

// How many edits a key may be away from the text that names it, given the other keys it must
// not be confused with: fewer than half the distance to the nearest of them (so no text is
// within reach of two), and at most one edit per `chars_per_edit` code points.
int allowed_edits(std::string_view key, const std::vector<std::string>& others);
constexpr int chars_per_edit = 5;  // one typo in a 5-character label; a 4-character one must be exact

// Fills the thresholds of a loaded template: RowDef::key_edits, SectionDef::heading_edits.
void derive_label_thresholds(Template& t);

struct LabelMatch {
  const TableDef* table = nullptr;
  int row = -1;    // index into table->rows, -1 when nothing matched
  int score = 0;   // higher is better: exact > approximate > ends-with > prefix/fragment
  int edits = 0;   // > 0: matched within that many edits of `label`
  std::string label;  // the key matched approximately
};

// The row label of `tables` that `text` names. With `fragments`, a piece of a label broken
// across lines (PDF text) also matches; otherwise the text must equal, end with or start with
// a label, or be within the label's allowed edits of it (or end so).
LabelMatch match_label(const std::vector<const TableDef*>& tables, std::string_view text, bool fragments);
LabelMatch match_label(const std::vector<const TableDef*>& tables, const LabelText& text, bool fragments);

// match_label for many texts against the same tables: their row keys listed once, flat, with
// what each comparison needs (the tables outlive it).
class LabelMatcher {
 public:
  explicit LabelMatcher(const std::vector<const TableDef*>& tables);
  LabelMatch match(const LabelText& text, bool fragments) const;

 private:
  struct RowKey {
    int table = 0, row = 0;  // index into tables_, into its rows
    const RowDef* def = nullptr;
    const std::string* key = nullptr;
    bool short_key = false;               // under end_bytes (labels.cc) bytes
    std::uint32_t first = 0, last = 0;    // its first end_bytes bytes, its last
    int edits = 0;                        // approximate matching: allowed edits (0: not tried)
    const std::u32string* points = nullptr;
    std::uint64_t bits = 0;
  };
  // The two passes of match: exact, ends or starts with (and fragments); within the edits.
  // match_exact starts from an empty `best` (it breaks ties of its own candidates by index).
  void match_exact(const LabelText& text, bool fragments, LabelMatch& best) const;
  void match_approximate(const LabelText& text, LabelMatch& best) const;
  // Whether `key` is a column header of tables_[table] ("其他", "总计" standing alone).
  bool is_column(int table, const std::string& key) const;

  std::vector<const TableDef*> tables_;
  std::vector<std::uint64_t> column_sizes_;  // per table: its column keys' sizes (bit size mod 64)
  std::vector<RowKey> keys_;
  // The keys matched approximately (edits > 0), flat, with their code point sets.
  struct ApproximateKey {
    std::uint64_t bits = 0;
    int edits = 0;
    std::size_t min_points = 0;  // the fewest code points a text within reach has: the key's less its edits
    std::size_t index = 0;       // into keys_
  };
  std::vector<ApproximateKey> approximate_;
  // The keys of keys_ by their first bytes, and by their last, so that the exact pass looks
  // only at the keys that may match; and the short keys, which may match any text.
  WordIndex by_first_, by_last_;
  std::vector<std::uint32_t> short_keys_;
};

// The code points of a key (label_text's or label_key's: ASCII bytes and whole UTF-8 sequences,
// a lead and its continuation bytes) as the approximate pass bounds with them: how many, and
// their values mod 64 as a set of bits (bit c & 63 for each code point c). Read a byte at a time
// without a branch on the bytes (a decoder's branches follow the text's mix of ASCII and
// ideographs). Exposed for tests.
struct KeyCodePoints {
  std::uint64_t bits = 0;
  std::size_t count = 0;
};
KeyCodePoints key_code_points(const std::string& key);

// True if `text` names one of the table's column headers (e.g. "总计" in a flattened 表四).
bool ends_with_column_label(const TableDef& table, std::string_view text);
// The same for a text already keyed (label_key(text)).
bool ends_with_column_key(const TableDef& table, std::string_view key);

// Whether a report's heading names the section: it contains the section's match phrase, or
// holds the format's heading within the allowed edits (`edits` says how many were needed).
bool heading_names(const SectionDef& section, std::string_view heading, int* edits = nullptr);
// The same for a heading already keyed (label_key(heading)).
bool heading_key_names(const SectionDef& section, const std::string& key, int* edits = nullptr);

// Where the last table title of `titles` (label keys) occurs in `key`: the table, or null.
const TableDef* last_title_in(const std::vector<std::pair<std::string, const TableDef*>>& titles, std::string_view key);

}  // namespace nianbao::schema
