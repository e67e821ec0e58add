// Internal to output/: what the XML writer writes of a check's identity, kept per thread with
// its fingerprint (fingerprint.cc): the same checks come back in every report of a template, and
// one lookup gives both the fingerprint and the `cells` value, escaped once.
#pragma once

#include <string>
#include <string_view>

#include "model/report.h"

namespace nianbao::output::internal {

struct KeptCheck {
  const std::string& fingerprint;  // check_fingerprint(template_id, check)
  // The check's cell ids joined by spaces and escaped as an attribute value: what
  // XmlStream::escaped_words gives for them.
  const std::string& cells_xml;
};

// Valid until the thread clears what it keeps (output/fingerprint.h): write it at once.
KeptCheck kept_check(std::string_view template_id, const Check& check);

}  // namespace nianbao::output::internal
