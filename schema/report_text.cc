// A report's folded texts and keys, each computed once (see internal/report_text.h).
#include "schema/internal/report_text.h"

#include "normalize/normalize.h"
#include "schema/internal/labels.h"

namespace nianbao::schema {

const std::string& ReportText::folded(std::size_t block) const {
  if (folded_.empty()) folded_.resize(report_.blocks.size());
  Lazy& f = folded_[block];
  if (!f.done) {
    const Block& b = report_.blocks[block];
    if (b.kind == BlockKind::paragraph) f.value = normalize::fold(b.text);
    f.done = true;
  }
  return f.value;
}

const std::string& ReportText::block_key(std::size_t block) const {
  if (keys_.empty()) keys_.resize(report_.blocks.size());
  Lazy& k = keys_[block];
  if (!k.done) {
    const Block& b = report_.blocks[block];
    if (b.kind == BlockKind::paragraph) {
      k.value = key_of_folded(folded(block));
    } else {
      std::string all;
      for (const TableRow& r : b.table->rows)
        for (const TableCell& c : r.cells) all += c.text;
      k.value = label_key(all);
    }
    k.done = true;
  }
  return k.value;
}

const std::string& ReportText::heading_key(std::size_t section) const {
  if (headings_.empty()) headings_.resize(report_.sections.size());
  Lazy& h = headings_[section];
  if (!h.done) {
    h.value = label_key(report_.sections[section].heading);
    h.done = true;
  }
  return h.value;
}

}  // namespace nianbao::schema
