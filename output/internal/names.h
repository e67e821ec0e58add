// The names the writers give the model's enumerations and the shape of the section tree, shared
// by the XML and the JSON writer so that both documents say the same thing the same way.
#pragma once

#include <cstddef>
#include <vector>

#include "model/report.h"

namespace nianbao::output::internal {

// The input kind as the documents name it: html, pdf, image, docx, else text.
inline const char* input_name(const std::string& kind) {
  for (const char* k : {"html", "pdf", "image", "docx"})
    if (kind == k) return k;
  return "text";
}

inline const char* table_source_name(TableSource s) {
  switch (s) {
    case TableSource::html: return "html";
    case TableSource::tab_separated: return "tab-separated";
    case TableSource::pipe: return "pipe";
    case TableSource::box: return "box";
    case TableSource::space_aligned: return "space-aligned";
    case TableSource::pdf: return "pdf";
    case TableSource::docx: return "docx";
  }
  return "html";
}

inline const char* severity_name(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "warning";
}

inline const char* check_result_name(CheckResult r) {
  switch (r) {
    case CheckResult::pass: return "pass";
    case CheckResult::fail: return "fail";
    case CheckResult::undetermined: return "undetermined";
  }
  return "undetermined";
}

inline const char* value_state_name(ValueState s) {
  switch (s) {
    case ValueState::number: return "number";
    case ValueState::blank: return "blank";
    case ValueState::dash: return "dash";
    case ValueState::ambiguous: return "ambiguous";
  }
  return "blank";
}

// The section tree over the flat list: the blocks before the first section, each section's own
// blocks (up to its first child's) and its children, in document order.
class SectionTree {
 public:
  explicit SectionTree(const Report& r) : r_(r), children_(r.sections.size()) {
    for (std::size_t s = 0; s < r.sections.size(); ++s) {
      const int p = r.sections[s].parent;
      if (p >= 0 && static_cast<std::size_t>(p) < s) children_[static_cast<std::size_t>(p)].push_back(s);
      else if (p < 0) roots_.push_back(s);
    }
  }
  // Blocks [0, leading_end()) come before any section.
  std::size_t leading_end() const {
    const std::size_t first = r_.sections.empty() ? r_.blocks.size() : r_.sections.front().first_block;
    return first < r_.blocks.size() ? first : r_.blocks.size();
  }
  const std::vector<std::size_t>& roots() const { return roots_; }
  const std::vector<std::size_t>& children(std::size_t s) const { return children_[s]; }
  // The section's own blocks: [first_block, own_end(s)).
  std::size_t own_end(std::size_t s) const {
    const std::size_t end = children_[s].empty() ? r_.sections[s].end_block
                                                 : r_.sections[children_[s].front()].first_block;
    return end < r_.blocks.size() ? end : r_.blocks.size();
  }

 private:
  const Report& r_;
  std::vector<std::vector<std::size_t>> children_;
  std::vector<std::size_t> roots_;
};

}  // namespace nianbao::output::internal
