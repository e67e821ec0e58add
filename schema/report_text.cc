// A report's keys, each computed once (see internal/report_text.h).
#include "schema/internal/report_text.h"

#include <algorithm>
#include <cstring>

#include "normalize/normalize.h"
#include "schema/internal/labels.h"

namespace nianbao::schema {
namespace {

// Key bytes are kept in chunks of this size (a longer key gets a chunk of its own): few
// allocations, and at most one chunk's slack.
constexpr std::size_t key_chunk_bytes = 64 * 1024;
// What an empty key's view points at (a computed key is never a null view).
constexpr char no_bytes[1] = {};

}  // namespace

std::string ReportText::folded(std::size_t block) const {
  const Block& b = report_.blocks[block];
  return b.kind == BlockKind::paragraph ? normalize::fold(b.text) : std::string();
}

std::string_view ReportText::keep(const std::string& key) const {
  if (key.empty()) return std::string_view(no_bytes, 0);
  if (chunks_.empty() || chunk_used_ + key.size() > chunk_size_) {
    chunk_size_ = std::max(key_chunk_bytes, key.size());
    chunks_.emplace_back(new char[chunk_size_]);
    chunk_used_ = 0;
  }
  char* at = chunks_.back().get() + chunk_used_;
  std::memcpy(at, key.data(), key.size());
  chunk_used_ += key.size();
  return std::string_view(at, key.size());
}

std::string_view ReportText::block_key(std::size_t block) const {
  if (keys_.empty()) keys_.resize(report_.blocks.size());
  std::string_view& k = keys_[block];
  if (!k.data()) {
    const Block& b = report_.blocks[block];
    if (b.kind == BlockKind::paragraph) {
      k = keep(key_of_folded(normalize::fold(b.text)));
    } else {
      std::string all;
      for (const TableRow& r : b.table->rows)
        for (const TableCell& c : r.cells) all += c.text;
      k = keep(label_key(all));
    }
  }
  return k;
}

const std::string& ReportText::heading_key(std::size_t section) const {
  if (headings_.empty()) {
    headings_.resize(report_.sections.size());
    headings_done_.resize(report_.sections.size());
  }
  if (!headings_done_[section]) {
    headings_[section] = label_key(report_.sections[section].heading);
    headings_done_[section] = true;
  }
  return headings_[section];
}

}  // namespace nianbao::schema
