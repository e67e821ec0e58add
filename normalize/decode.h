// normalize: decode() for a caller that can read the input where it is. Nearly every text input
// is well-formed UTF-8 already, and its decoded text is its own bytes: then nothing is copied.
// (Beside normalize.h, which every unit includes, so that this one call does not rebuild them.)
#pragma once

#include <string_view>

#include "normalize/normalize.h"

namespace nianbao::normalize {

// decode(bytes, options), but when the text is a stretch of `bytes` as they are (UTF-8 read
// whole, no NUL dropped; a byte order mark left out), that stretch is set in `in_place` and
// the result's text is left empty; else `in_place` is empty and the result's text holds it.
// The text is therefore `in_place` when it is not empty, else the result's text.
Decoded decode_in_place(std::string_view bytes, const DecodeOptions& options, std::string_view& in_place);

}  // namespace nianbao::normalize
