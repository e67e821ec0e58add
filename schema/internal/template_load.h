// Internal to schema/: a template's XML read into a Template (template.cc), and the prepared
// form of the built-in templates (template_blob.cc): the build-time tool that prepares them
// (tools/templates_blob.cc) and the program share both, so no process parses the built-in XML;
// the same for the heading knowledge drawn from them (headings.cc).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "schema/template.h"

namespace nianbao::schema {

// The text of a file a template includes, by the name its <include file="…"> gives.
using Resolver = std::function<std::string(const std::string& name)>;

// Reads and checks a template (`file` names it in errors and in its rules' and phrases' file);
// compiles its phrases' patterns when asked (built-in templates leave them to the first text check).
Template load_template(std::string_view xml, const std::string& file, const Resolver& resolve, bool compile_patterns);

// A new Template::serial (caches key on it), for a template loaded or read from its prepared form.
std::uint64_t next_template_serial();

// Templates as loaded, in a byte form read back field by field (every field but `serial`, which
// the reader gives anew, and PhraseDef::re, which must be null: patterns compile at first use).
std::string serialize_templates(const std::vector<Template>& templates);
// Throws std::runtime_error on bytes that are not such a form (cut short, or left over).
std::vector<Template> deserialize_templates(std::string_view bytes);

// The heading knowledge of the templates and headings.xml (headings.cc), and its byte form.
extract::HeadingHints compute_heading_hints(const std::vector<Template>& templates, std::string_view headings_xml);
std::string serialize_heading_hints(const extract::HeadingHints& hints);
extract::HeadingHints deserialize_heading_hints(std::string_view bytes);

}  // namespace nianbao::schema
