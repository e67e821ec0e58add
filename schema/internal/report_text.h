// Internal to schema/: a report's texts in the forms the engine compares — a block's label key
// (finding table regions, detecting the format), a section heading's key (naming a section) —
// each computed once per report, on first use, where each unit used to key the same block again
// for every table it tested; a paragraph's folded text, which three units read; and the text
// without spaces that format detection reads (spaceless, below the class). The keys are
// kept compactly (8 bytes per block: a key of up to 7 bytes in them, a longer one in chunks of
// key bytes): an input of a million one-character lines must not cost a string, or a view, per
// line.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/report.h"

namespace nianbao::schema {

struct SectionDef;

class ReportText {
 public:
  explicit ReportText(const Report& report) : report_(report) {}
  ReportText(const ReportText&) = delete;
  ReportText& operator=(const ReportText&) = delete;

  const Report& report() const { return report_; }
  // normalize::fold of paragraph `block`'s text ("" for a table block), folded once per report
  // (but for short ones): the format's labels, the text rules and the findings all read it. The
  // view stays valid until the next call of folded().
  std::string_view folded(std::size_t block) const;
  // label_key of the block: a paragraph's text, or a table's cells run together. The view stays
  // valid as long as this object.
  std::string_view block_key(std::size_t block) const;
  // label_key of section `section`'s heading.
  const std::string& heading_key(std::size_t section) const;
  // The report's first level-1 section whose heading names `sd` (heading_key_names), null when
  // none does, and the edits it was named within; looked for once per report and section
  // definition (the tables of a section and the findings all ask for it).
  const Section* section_named(const SectionDef& sd, int* edits = nullptr) const;

 private:
  std::uintptr_t keep(std::string_view key) const;
  std::string_view view(const std::uintptr_t& key) const;

  const Report& report_;
  // Per block, 0 until computed; else its low bit set: a key of up to 7 bytes, its length twice
  // in the first byte and its bytes in the others; clear: the address of the key's length (a
  // size_t) and bytes in a chunk.
  mutable std::vector<std::uintptr_t> keys_;
  // The folded paragraphs but short ones, kept as keys are; by block, sparse, so that an input
  // of a million one-character lines costs nothing per line more.
  mutable std::unordered_map<std::size_t, std::uintptr_t> folded_;
  mutable std::string scratch_;  // a short paragraph folded, until the next call; a long one being kept
  mutable std::string key_scratch_;  // a paragraph's key being kept
  mutable std::vector<std::unique_ptr<char[]>> chunks_;  // the key bytes; a chunk never moves
  mutable std::size_t chunk_size_ = 0, chunk_used_ = 0;  // of the last chunk
  mutable std::vector<std::string> headings_;
  mutable std::vector<bool> headings_done_;
  struct Named {
    const SectionDef* def;
    const Section* section;
    int edits;
  };
  mutable std::vector<Named> named_;  // section_named's answers, a few per report
};

// The report's text without spaces ("本年新 制作数量" from a cell broken by <br> reads as one
// word), each text followed by a '\n': the table cells' (`tables`: 表二's headers are the format
// signals) or the paragraphs' (which only flattened reports need). Format detection reads it. Its
// bytes are written once, into room not zeroed first (a std::string's would be).
struct SpacelessText {
  std::unique_ptr<char[]> bytes;
  std::size_t size = 0;
  std::string_view view() const { return {bytes.get(), size}; }
};
SpacelessText spaceless(const Report& report, bool tables);

}  // namespace nianbao::schema
