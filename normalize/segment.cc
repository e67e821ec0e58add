// Sentence and word segmentation with ICU BreakIterator over the UTF-8 text (no copies to
// UTF-16). Iterators are costly to create, so each thread builds them once and reuses them.
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>

#include "normalize/normalize.h"

namespace nianbao::normalize {
namespace {

std::unique_ptr<icu::BreakIterator> make_iterator(bool sentences) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      sentences ? icu::BreakIterator::createSentenceInstance(icu::Locale::getChinese(), status)
                : icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  if (U_FAILURE(status)) return nullptr;
  return it;
}

icu::BreakIterator* thread_iterator(bool sentences) {
  thread_local std::unique_ptr<icu::BreakIterator> sentence_it = make_iterator(true);
  thread_local std::unique_ptr<icu::BreakIterator> word_it = make_iterator(false);
  return sentences ? sentence_it.get() : word_it.get();
}

// Boundaries (byte offsets) of `text` with the given iterator, always starting at 0 and ending
// at text.size().
std::vector<std::size_t> boundaries(icu::BreakIterator* it, std::string_view text) {
  std::vector<std::size_t> out{0};
  if (!it || text.empty()) {
    if (!text.empty()) out.push_back(text.size());
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) {
    out.push_back(text.size());
    return out;
  }
  it->setText(&ut, status);
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) out.push_back(static_cast<std::size_t>(b));
  utext_close(&ut);
  if (out.back() != text.size()) out.push_back(text.size());
  return out;
}

// A piece that holds no letter or ideograph ("1." "（一）" "2024.") belongs to what follows.
bool has_letters(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t c = next_code_point(s, i);
    if (is_cjk(c) || (c < 0x80 && std::isalpha(static_cast<int>(c)))) return true;
  }
  return false;
}

}  // namespace

std::vector<std::size_t> sentence_ends(std::string_view text) {
  const std::vector<std::size_t> b = boundaries(thread_iterator(true), text);
  std::vector<std::size_t> out;
  std::size_t start = 0;
  for (std::size_t k = 1; k + 1 < b.size(); ++k) {  // the last sentence ends at text.size()
    const std::string_view piece = text.substr(start, b[k] - start);
    if (!has_letters(piece) || piece.size() <= 3) continue;  // glue to the next
    out.push_back(b[k]);
    start = b[k];
  }
  return out;
}

std::vector<std::string> split_sentences(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  for (const std::size_t end : sentence_ends(text)) {
    out.emplace_back(text.substr(start, end - start));
    start = end;
  }
  out.emplace_back(text.substr(start));
  return out;
}

std::vector<std::string> split_words(std::string_view text) {
  icu::BreakIterator* it = thread_iterator(false);
  const std::vector<std::size_t> b = boundaries(it, text);
  std::vector<std::string> out;
  for (std::size_t k = 1; k < b.size(); ++k) {
    const std::string_view w = text.substr(b[k - 1], b[k] - b[k - 1]);
    std::size_t i = 0;
    bool keep = false;
    while (i < w.size()) {
      const char32_t c = next_code_point(w, i);
      if (is_cjk(c) || (c < 0x80 && std::isalnum(static_cast<int>(c))) || (c >= 0xFF10 && c <= 0xFF5A)) {
        keep = true;
        break;
      }
    }
    if (keep) out.emplace_back(w);
  }
  return out;
}

}  // namespace nianbao::normalize
