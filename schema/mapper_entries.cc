// Entries of a table region (see mapper_entries.h): each token is a table row, a text run
// (a row label, a block title) or a number run; labels are matched in labels.cc.
#include "schema/internal/mapper_entries.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string_view>

#include "model/long_lived.h"
#include "normalize/normalize.h"
#include "schema/internal/labels.h"
#include "schema/internal/mapper_parts.h"

namespace nianbao::schema::detail {
namespace {

namespace nz = nianbao::normalize;

std::string approximate_note(const LabelMatch& m, std::string_view text) {
  if (m.edits == 0) return "";
  return "row label '" + std::string(text) + "' read as " + m.table->rows[m.row].id + " (within " + std::to_string(m.edits) +
         " edit(s) of its label)";
}

// The entries a reader makes room for before reading (a region's rows; more grow as usual).
constexpr std::size_t max_reserved_entries = 256;

// The header rows (rows without a value) whose labels a reader keeps for the rest of its
// region: a table's header is a few rows; a region of more distinct ones reads the rest anew.
constexpr std::size_t max_kept_headers = 16;

// An unrecognised text before numbers opens a row only if it is label-sized: two characters
// ("合计", a stray word) are not a row label.
constexpr std::size_t min_unnamed_label_chars = 3;

using Kind = nz::CellNumber::Kind;

// What each cell of a row is (number, blank, dash, text): read once per row, into `out`.
void cell_kinds(const std::vector<std::string_view>& cells, std::vector<Kind>& out) {
  out.clear();
  for (const std::string_view c : cells) out.push_back(cell_kind(c));
}

// Whether a row's cells (`kinds`: their kinds) hold a value: a number or a dash.
bool any_value(const std::vector<Kind>& kinds) {
  return std::any_of(kinds.begin(), kinds.end(), [](Kind k) { return k == nz::CellNumber::number || k == nz::CellNumber::dash; });
}

// Values (numbers, no dash) in whole rows of n, then only empty cells: rows run together.
// `kinds`: the slots' kinds.
bool whole_rows_of_values(const std::vector<Kind>& kinds, std::size_t n) {
  std::size_t values = 0;
  while (values < kinds.size() && kinds[values] == nz::CellNumber::number) ++values;
  for (std::size_t i = values; i < kinds.size(); ++i)
    if (kinds[i] != nz::CellNumber::blank) return false;
  return values > n && values % n == 0;
}

// Whether `table` is one of a built-in template's, which live as long as the process.
bool built_in(const TableDef* table) {
  const std::less<const TableDef*> before;
  for (const Template& t : templates())
    if (!t.tables.empty() && !before(table, t.tables.data()) && before(table, t.tables.data() + t.tables.size()))
      return true;
  return false;
}

// The labels of `tables` as the reader compares them: the matcher of their row labels and
// their titles' keys. Only a block's title (表二) is looked for in the texts: it says which
// block the rows after it are in (Entry::block), which no other layout reads.
struct TableLabels {
  explicit TableLabels(const std::vector<const TableDef*>& tables) : matcher(tables) {
    for (const TableDef* t : tables)
      if (t->layout == TableLayout::label_blocks) title_keys.emplace_back(label_key(t->title), t);
  }
  LabelMatcher matcher;
  std::vector<std::pair<std::string, const TableDef*>> title_keys;
};

// The labels of `tables`: made once per thread for a built-in template's tables (a report
// reads each table group of its format once, and the matcher indexes a few hundred keys), else
// made into `own`.
const TableLabels* labels_of(const std::vector<const TableDef*>& tables, std::unique_ptr<TableLabels>& own) {
  if (!std::all_of(tables.begin(), tables.end(), built_in)) {
    own = std::make_unique<TableLabels>(tables);
    return own.get();
  }
  thread_local std::map<std::vector<const TableDef*>, std::unique_ptr<TableLabels>> kept;
  auto it = kept.find(tables);
  if (it == kept.end()) {
    const LongLivedAllocations kept_across_reports;
    it = kept.emplace(tables, std::make_unique<TableLabels>(tables)).first;
  }
  return it->second.get();
}

class EntryReader {
 public:
  EntryReader(std::vector<const TableDef*> tables, std::vector<Diagnostic>& diags)
      : tables_(std::move(tables)),
        labels_(labels_of(tables_, own_labels_)),
        diags_(diags) {}

  std::vector<Entry> read(const std::vector<Token>& tokens) {
    // A token opens at most one entry: room for them at once (up to a bound), not moved at every
    // doubling (an Entry is a dozen strings and vectors).
    entries_.reserve(std::min(tokens.size(), max_reserved_entries));
    for (const Token& tok : tokens) {
      switch (tok.kind) {
        case Token::table_row: row(tok); break;
        case Token::text_run: text(tok); break;
        case Token::number_run: number(tok); break;
      }
    }
    return std::move(entries_);
  }

 private:
  void note_title(const std::string& key) {
    if (const TableDef* t = last_title_in(labels_->title_keys, key)) block_ = t;
  }

  // The label of a table row: the text cell that names a value row best, or two neighbouring
  // text cells together (a label a converter split: "（三）不 | 予公开") when they name one
  // better than either alone; and the last text cell, after which the values stand.
  struct RowLabel {
    LabelMatch match;
    int cell = -1, last_text = -1;
    std::string split;  // the two cells joined, when the label was read from two
    const TableDef* title = nullptr;  // the table title the row named last (block_ after it)
  };
  RowLabel row_label(const Token& tok, const std::vector<Kind>& kinds) {
    RowLabel out;
    for (int c = 0; c < static_cast<int>(tok.cells.size()); ++c) {
      if (kinds[c] != nz::CellNumber::text) continue;
      out.last_text = c;
      label_text_into(tok.cells[c], label_);
      if (const TableDef* t = last_title_in(labels_->title_keys, label_.key)) block_ = out.title = t;
      const LabelMatch m = labels_->matcher.match(label_, false);
      // A group label beside a row label ("三、本年度办理结果 | (一) 予以公开") names no cells.
      if (m.row >= 0 && is_value_row(m.table->rows[m.row]) && m.score > out.match.score) {
        out.match = m;
        out.cell = c;
      }
    }
    for (int c = 0; c + 1 <= out.last_text; ++c) {
      if (kinds[c] != nz::CellNumber::text || kinds[c + 1] != nz::CellNumber::text) continue;
      joined_.assign(tok.cells[c]).append(tok.cells[c + 1]);
      label_text_into(joined_, label_);
      const LabelMatch m = labels_->matcher.match(label_, false);
      if (m.row >= 0 && is_value_row(m.table->rows[m.row]) && m.score > out.match.score) {
        out.match = m;
        out.cell = c;
        out.split = joined_;
      }
    }
    return out;
  }

  // row_label of a row without values: a region may print its header rows again at each page
  // ("类别 | 数据1 | … | 总计" eight times in one report, a cell and a pair of cells read as a
  // label for each cell), so what one names is kept and looked up when it comes again.
  RowLabel header_label(const Token& tok, const std::vector<Kind>& kinds) {
    for (const KeptHeader& h : headers_)
      if (h.cells == tok.cells) {
        if (h.label.title) block_ = h.label.title;
        return h.label;
      }
    RowLabel out = row_label(tok, kinds);
    if (headers_.size() < max_kept_headers) headers_.push_back({tok.cells, out});
    return out;
  }

  void row(const Token& tok) {
    current_ = -1;
    const int pending = pending_label_;  // the row before: a label whose cells were all empty
    pending_label_ = -1;
    cell_kinds(tok.cells, kinds_);
    const std::vector<Kind>& kinds = kinds_;
    const RowLabel found = any_value(kinds) ? row_label(tok, kinds) : header_label(tok, kinds);
    const LabelMatch& label = found.match;
    const int last_text = found.last_text, label_cell = found.cell;
    const std::string& split_label = found.split;
    std::vector<Kind>& slot_kinds = slot_kinds_;
    slot_kinds.assign(kinds.begin() + (last_text + 1), kinds.end());
    // Numbers without a label right after a label whose cells were all empty continue that
    // label's row (a row split in two by a PDF converter), in its table whatever title came last.
    const TableDef* table = label.table           ? label.table
                            : tables_.size() == 1 ? tables_.front()
                            : pending >= 0        ? entries_[pending].table
                                                  : block_;
    const bool has_value = any_value(slot_kinds);
    if (!table || (label.row < 0 && !has_value)) return;  // a header row: its cells are not copied
    std::vector<std::string> slots(tok.cells.begin() + (last_text + 1), tok.cells.end());
    // OCR's other readings of the cells, kept when the slots are the row's cells as they are.
    std::vector<std::vector<std::string>> readings;
    if (tok.readings.size() == tok.cells.size())
      readings.assign(tok.readings.begin() + (last_text + 1), tok.readings.end());
    const std::size_t n = table->columns.size();
    if (slots.size() != n) readings.clear();
    // A row no wider than the table has one placement, its slots (not copied into options).
    std::vector<std::vector<std::string>> options;
    if (slots.size() > n) options = placements(slots, slot_kinds, n);
    if (!options.empty() && options.front().size() != slots.size()) {
      // A placement drops cells at the front: the kinds follow the cells kept.
      const std::size_t front = placement_front(slot_kinds, n);
      slot_kinds.assign(slot_kinds.begin() + static_cast<long>(front), slot_kinds.begin() + static_cast<long>(front + n));
    }
    if (!options.empty()) slots = options.front();
    if (slots.size() > n && whole_rows_of_values(slot_kinds, n)) {
      // Several rows' values after one label, empty cells only at the end (one cell per line,
      // its rows run together): read as the rows of a run, the empty end dropped.
      Entry& e = entries_.emplace_back();  // filled in place: an Entry is a dozen strings and vectors to move
      e.table = table;
      e.row = label.row;
      e.strong = label.row >= 0;
      e.pos = tok.pos;
      e.block = block_;
      for (std::size_t i = 0; i < slots.size(); ++i)
        if (slot_kinds[i] != nz::CellNumber::blank)
          e.pieces.push_back(slots[i]), e.run += (e.run.empty() ? "" : " ") + slots[i];
      e.groups.assign(e.pieces.size() / n, n);
      if (label.row >= 0) e.note = approximate_note(label, split_label.empty() ? tok.cells[label_cell] : split_label);
      return;
    }
    if (slots.size() != n) {
      if (has_value)
        diags_.push_back({Severity::warning, "table.row-width",
                          "a row of " + table->id + " has " + std::to_string(slots.size()) + " value cells where " +
                              std::to_string(n) + " are expected; not used",
                          tok.pos});
      return;
    }
    if (label.row < 0 && has_value && pending >= 0 && entries_[pending].table == table) {
      // A row's numbers on the line after its label (a row split in two by a PDF converter).
      Entry& e = entries_[pending];
      e.slots = std::move(slots);
      e.readings = std::move(readings);
      if (options.size() > 1) e.slot_options = std::move(options);
      e.note += (e.note.empty() ? "" : "; ") + std::string("the numbers are printed on the line after the label");
      return;
    }
    if (label.row >= 0 && !has_value) pending_label_ = static_cast<int>(entries_.size());
    Entry& e = entries_.emplace_back();
    e.table = table;
    e.row = label.row;
    e.strong = label.row >= 0;
    e.structured = true;
    if (label.row >= 0) e.note = approximate_note(label, split_label.empty() ? tok.cells[label_cell] : split_label);
    if (!split_label.empty())
      e.note += (e.note.empty() ? "" : "; ") + std::string("row label read from two cells ('") + std::string(tok.cells[label_cell]) +
                "' + '" + std::string(tok.cells[label_cell + 1]) + "')";
    e.slots = std::move(slots);
    e.readings = std::move(readings);
    if (options.size() > 1) e.slot_options = std::move(options);
    e.pos = tok.pos;
    e.block = block_;
  }

  // The ways to drop the empty cells around a row's values until `n` are left: empty cells at
  // both ends (spans printed as empty cells, or an empty value at either end) can leave
  // several; the rules choose among them, and where they cannot, the cells the placements
  // disagree on are ambiguous. Empty when the row is too wide to place.
  // `kinds`: the slots' kinds.
  static std::vector<std::vector<std::string>> placements(const std::vector<std::string>& slots,
                                                          const std::vector<Kind>& kinds, std::size_t n) {
    if (slots.size() <= n) return {slots};
    std::size_t lead = 0, trail = 0;
    blank_ends(kinds, lead, trail);
    const std::size_t excess = slots.size() - n;
    std::vector<std::vector<std::string>> out;
    for (std::size_t front = excess > trail ? excess - trail : 0; front <= std::min(lead, excess); ++front)
      out.emplace_back(slots.begin() + static_cast<long>(front), slots.begin() + static_cast<long>(front + n));
    return out;
  }

  // The empty cells at the start (lead) and, after those, at the end (trail) of a row.
  static void blank_ends(const std::vector<Kind>& kinds, std::size_t& lead, std::size_t& trail) {
    while (lead < kinds.size() && kinds[lead] == nz::CellNumber::blank) ++lead;
    while (trail < kinds.size() - lead && kinds[kinds.size() - 1 - trail] == nz::CellNumber::blank) ++trail;
  }

  // The cells the first placement drops at the front of a row wider than n.
  static std::size_t placement_front(const std::vector<Kind>& kinds, std::size_t n) {
    std::size_t lead = 0, trail = 0;
    blank_ends(kinds, lead, trail);
    const std::size_t excess = kinds.size() - n;
    return excess > trail ? excess - trail : 0;
  }

  void text(const Token& tok) {
    pending_label_ = -1;
    label_text_into(tok.text, label_);
    const LabelText& text = label_;
    note_title(text.key);
    const LabelMatch m = labels_->matcher.match(text, tok.label_only);
    // (A group label names no cells: numbers right after one belong to a row under it.)
    const bool unnamed = m.row < 0 || !is_value_row(m.table->rows[m.row]);
    const TableDef* table = tables_.size() == 1 ? tables_.front() : block_;
    if (unnamed && tok.next_is_number && table && table->layout != TableLayout::single_row &&
        nz::count_code_points(text.key) >= min_unnamed_label_chars && !ends_with_column_label(*table, tok.text)) {
      // A label too damaged to name its row still opens one: its numbers are placed by
      // position between the rows whose labels were read (or in its block's one empty row),
      // when the counts leave one place.
      Entry& e = entries_.emplace_back();  // filled in place: an Entry is a dozen strings and vectors to move
      e.table = table;
      e.unnamed = true;
      e.pos = tok.pos;
      e.block = block_;
      e.note = "row label '" + std::string(tok.text) + "' not recognised; row placed by its position";
      current_ = static_cast<int>(entries_.size() - 1);
      return;
    }
    if (m.row < 0 || !is_value_row(m.table->rows[m.row])) {
      current_ = -1;
      return;
    }
    Entry& e = entries_.emplace_back();
    e.table = m.table;
    e.row = m.row;
    e.strong = tok.next_is_number;
    e.pos = tok.pos;
    e.block = block_;
    e.note = approximate_note(m, tok.text);
    current_ = static_cast<int>(entries_.size() - 1);
  }

  // A number run: its pieces are cut into the entry's list.
  void number(const Token& tok) {
    pending_label_ = -1;
    const bool eligible = tok.loose || (tok.after_text && current_ >= 0);
    if (!eligible) return;
    if (current_ < 0) {
      Entry e;
      e.table = tables_.size() == 1 ? tables_.front() : block_;
      e.pos = tok.pos;
      e.block = block_;
      if (!e.table) return;
      entries_.push_back(std::move(e));
      current_ = static_cast<int>(entries_.size() - 1);
    }
    Entry& e = entries_[current_];
    const std::size_t before = e.pieces.size();
    append_number_pieces(tok.text, e.pieces);
    e.groups.push_back(e.pieces.size() - before);
    e.splittable |= !tok.loose;
    if (!e.run.empty()) e.run += ' ';
    e.run += tok.text;
  }

  std::vector<const TableDef*> tables_;
  std::unique_ptr<TableLabels> own_labels_;  // tables_'s labels, when not kept by labels_of
  const TableLabels* labels_;                // tables_'s labels
  std::vector<Diagnostic>& diags_;
  LabelText label_;     // the text being matched, keyed (one buffer for all)
  std::string joined_;  // two cells joined (row_label)
  std::vector<Kind> kinds_, slot_kinds_;  // row's: its cells' kinds, its value slots' (one buffer each for all rows)
  // The header rows of the region read so far, with their labels (header_label).
  struct KeptHeader {
    std::vector<std::string_view> cells;
    RowLabel label;
  };
  std::vector<KeptHeader> headers_;
  std::vector<Entry> entries_;
  int current_ = -1;
  int pending_label_ = -1;  // entry of the last table row if it was a label with empty cells
  const TableDef* block_ = nullptr;
};

}  // namespace

std::vector<Entry> read_entries(const std::vector<const TableDef*>& tables, const std::vector<Token>& tokens,
                                std::vector<Diagnostic>& diagnostics) {
  return EntryReader(tables, diagnostics).read(tokens);
}

}  // namespace nianbao::schema::detail
