// Text tables: placeholder until the detectors land (tab-separated, pipe, box, aligned).
#include "extract/lines.h"

namespace nianbao::extract {

std::vector<TextTable> find_text_tables(const std::vector<Line>&, const Limits&, std::vector<Diagnostic>&) {
  return {};
}

}  // namespace nianbao::extract
