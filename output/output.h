// output: the writers of a report — the XML document (written as a stream) with its RELAX NG schema, and the
// same content as JSON (nlohmann) with its JSON Schema; every writer reads the report model
// (model/report.h) and nothing else of the pipeline.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "model/report.h"

namespace nianbao::output {

// The report as XML (see output/nianbao.rng). Always well-formed, whatever the input was.
std::string to_xml(const Report& report);
// The same document written to `out` as it is made (never held whole in memory).
void write_xml(const Report& report, std::ostream& out);

// The input name as written in source=: valid UTF-8 kept as it is; a byte that is not part of
// valid UTF-8, a control character and "%" are percent-encoded (%FF), so a file name in any
// encoding gives valid XML and every name gives a different source.
std::string source_name(std::string_view path);

// The source= of the <report> element at the start of an XML output (`head`: its first bytes),
// unescaped; "" when there is none.
std::string recorded_source(std::string_view head);

// The RELAX NG schema of to_xml's output.
std::string_view relax_ng();

// The report as one JSON object with the XML's content (see output/nianbao.schema.json): one
// line, or indented when `pretty`.
std::string to_json(const Report& report, bool pretty = false);

// The JSON Schema (draft-07) of to_json's output.
std::string_view json_schema();

}  // namespace nianbao::output
