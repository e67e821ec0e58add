// output: the writers of a report — the XML document (pugixml) with its RELAX NG schema, and the
// same content as JSON (nlohmann) with its JSON Schema; every writer reads the report model
// (model/report.h) and nothing else of the pipeline.
#pragma once

#include <string>
#include <string_view>

#include "model/report.h"

namespace nianbao::output {

// The report as XML (see output/nianbao.rng). Always well-formed, whatever the input was.
std::string to_xml(const Report& report);

// The RELAX NG schema of to_xml's output.
std::string_view relax_ng();

// The report as one JSON object with the XML's content (see output/nianbao.schema.json): one
// line, or indented when `pretty`.
std::string to_json(const Report& report, bool pretty = false);

// The JSON Schema (draft-07) of to_json's output.
std::string_view json_schema();

}  // namespace nianbao::output
