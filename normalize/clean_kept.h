// normalize: where line cleaning (append_clean_line) has nothing to do. A report's text is
// nearly all characters that cleaning keeps as they are; a reader that cleans it line by line
// copies what comes before the first character it may change and cleans only from there.
// (Beside normalize.h, which every unit includes, so that this one call does not rebuild them.)
#pragma once

#include <cstddef>
#include <string_view>

#include "normalize/normalize.h"

namespace nianbao::normalize {

// An offset k of `text`, a character start, before which append_clean_line keeps every
// character as it is, the text being cut into lines at '\n' and '\r' (which are no line's own
// and count as kept): a line that ends at or before k cleans to itself, and a line [a, b) with
// a < k < b cleans to text[a, k) followed by the cleaning of text[k, b). text.size() when every
// character is kept; else the character at k is one cleaning may change (or one it keeps: C2 B7
// ·, U+FFFD stop the scan too). 32 bytes at a time with SSE2; 0 without.
std::size_t line_cleaning_kept_prefix(std::string_view text);

}  // namespace nianbao::normalize
