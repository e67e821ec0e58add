// A report's keys, each computed once, and its text without spaces (see internal/report_text.h).
#include "schema/internal/report_text.h"

#include <algorithm>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "normalize/normalize.h"
#include "schema/internal/labels.h"

namespace nianbao::schema {
namespace {

// Key bytes are kept in chunks of this size (a longer key gets a chunk of its own): few
// allocations, and at most one chunk's slack.
constexpr std::size_t key_chunk_bytes = 64 * 1024;

// Paragraphs shorter than this are folded again when asked (see folded()).
constexpr std::size_t min_kept_fold_bytes = 32;

static_assert(std::endian::native == std::endian::little, "a short key's length is its word's first byte");

// `text` without its spaces, stored from `out` on (room for text.size() bytes); returns the end.
// Each byte is stored and kept when it is no space, without a branch on the bytes; with SSE2 a
// window of 16 without a space is stored whole (it ends within the text's room: fewer bytes were
// kept before it than read).
char* store_without_spaces(std::string_view text, char* out) {
  const auto store_bytes = [&out, text](std::size_t from, std::size_t to) {
    for (std::size_t j = from; j < to; ++j) {
      const char c = text[j];
      *out = c;
      out += c != ' ';
    }
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, space)) == 0) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);
      out += 16;
      continue;
    }
    store_bytes(i, i + 16);
  }
#endif
  store_bytes(i, text.size());
  return out;
}

}  // namespace

SpacelessText spaceless(const Report& report, bool tables) {
  // Each text of the blocks of the kind asked for, to `visit`: a paragraph's, or a table's cells'.
  const auto each_text = [&](auto&& visit) {
    for (const Block& b : report.blocks) {
      if ((b.kind == BlockKind::table) != tables) continue;
      if (b.kind == BlockKind::paragraph) visit(std::string_view(b.text));
      else
        for (const TableRow& r : b.table().rows)
          for (const TableCell& c : r.cells) visit(std::string_view(c.text));
    }
  };
  std::size_t most = 0;  // the texts with their spaces and line ends: room made once
  each_text([&](std::string_view t) { most += t.size() + 1; });
  SpacelessText out;
  out.bytes.reset(new char[most]);  // written below before it is read: not zeroed
  char* end = out.bytes.get();
  each_text([&](std::string_view t) {
    end = store_without_spaces(t, end);
    *end++ = '\n';
  });
  out.size = static_cast<std::size_t>(end - out.bytes.get());
  return out;
}

std::string_view ReportText::folded(std::size_t block) const {
  const Block& b = report_.blocks[block];
  if (b.kind != BlockKind::paragraph) return {};
  // A text that short folds in fewer instructions than a lookup costs; it is not kept.
  if (b.text.size() < min_kept_fold_bytes) {
    normalize::fold_into(b.text, scratch_);
    return scratch_;
  }
  auto [it, added] = folded_.try_emplace(block, 0);
  if (added) {
    normalize::fold_into(b.text, scratch_);
    it->second = keep(scratch_);
  }
  return view(it->second);
}

std::uintptr_t ReportText::keep(std::string_view key) const {
  if (key.size() < sizeof(std::uintptr_t)) {  // in the word itself (little-endian: its first byte is the length)
    std::uintptr_t k = (key.size() << 1) | 1;
    std::memcpy(reinterpret_cast<char*>(&k) + 1, key.data(), key.size());
    return k;
  }
  const std::size_t need = sizeof(std::size_t) + key.size();
  chunk_used_ = (chunk_used_ + 1) & ~std::size_t{1};  // an even address: its low bit tells it from a short key
  if (chunks_.empty() || chunk_used_ + need > chunk_size_) {
    chunk_size_ = std::max(key_chunk_bytes, need);
    chunks_.emplace_back(new char[chunk_size_]);
    chunk_used_ = 0;
  }
  char* at = chunks_.back().get() + chunk_used_;
  const std::size_t n = key.size();
  std::memcpy(at, &n, sizeof n);
  std::memcpy(at + sizeof n, key.data(), n);
  chunk_used_ += need;
  return reinterpret_cast<std::uintptr_t>(at);
}

std::string_view ReportText::view(const std::uintptr_t& key) const {
  if (key & 1) return std::string_view(reinterpret_cast<const char*>(&key) + 1, (key & 0xFF) >> 1);
  const char* at = reinterpret_cast<const char*>(key);
  std::size_t n;
  std::memcpy(&n, at, sizeof n);
  return std::string_view(at + sizeof n, n);
}

std::string_view ReportText::block_key(std::size_t block) const {
  if (keys_.empty()) keys_.resize(report_.blocks.size());
  std::uintptr_t& k = keys_[block];
  if (k == 0) {
    const Block& b = report_.blocks[block];
    if (b.kind == BlockKind::paragraph) {
      key_of_folded_into(folded(block), key_scratch_);
      k = keep(key_scratch_);
    } else {
      std::string all;
      for (const TableRow& r : b.table().rows)
        for (const TableCell& c : r.cells) all += c.text;
      k = keep(label_key(all));
    }
  }
  return view(k);
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

const Section* ReportText::section_named(const SectionDef& sd, int* edits) const {
  for (const Named& n : named_)
    if (n.def == &sd) {
      if (edits) *edits = n.edits;
      return n.section;
    }
  Named n{&sd, nullptr, 0};
  for (std::size_t s = 0; s < report_.sections.size(); ++s)
    if (report_.sections[s].level == 1 && heading_key_names(sd, heading_key(s), &n.edits)) {
      n.section = &report_.sections[s];
      break;
    }
  if (!n.section) n.edits = 0;
  named_.push_back(n);
  if (edits) *edits = n.edits;
  return n.section;
}

}  // namespace nianbao::schema
