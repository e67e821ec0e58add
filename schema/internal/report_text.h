// Internal to schema/: a report's texts in the forms the engine compares, each computed once per
// report and on first use — a paragraph folded (the text rules), a block's label key (finding
// table regions), a section heading's key (naming a section) — where each unit used to fold
// the same paragraph again for every table, rule and section it looked at.
#pragma once

#include <string>
#include <vector>

#include "model/report.h"

namespace nianbao::schema {

class ReportText {
 public:
  explicit ReportText(const Report& report) : report_(report) {}
  ReportText(const ReportText&) = delete;
  ReportText& operator=(const ReportText&) = delete;

  const Report& report() const { return report_; }
  // normalize::fold of paragraph `block`'s text ("" for a table block).
  const std::string& folded(std::size_t block) const;
  // label_key of the block: a paragraph's text, or a table's cells run together.
  const std::string& block_key(std::size_t block) const;
  // label_key of section `section`'s heading.
  const std::string& heading_key(std::size_t section) const;

 private:
  struct Lazy {
    std::string value;
    bool done = false;
  };
  const Report& report_;
  mutable std::vector<Lazy> folded_, keys_, headings_;
};

}  // namespace nianbao::schema
