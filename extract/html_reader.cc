// HTML reader: placeholder until the parser-backed reader lands.
#include "extract/extract.h"

namespace nianbao::extract {

Document read_html(std::string_view utf8, const Limits& limits) { return read_text(utf8, limits); }

}  // namespace nianbao::extract
