// output: the writers of a report. Today the XML document (pugixml) and its RELAX NG schema;
// every writer reads the report model (model/report.h) and nothing else of the pipeline.
#pragma once

#include <string>
#include <string_view>

#include "model/report.h"

namespace nianbao::output {

// The report as XML (see output/nianbao.rng). Always well-formed, whatever the input was.
std::string to_xml(const Report& report);

// The RELAX NG schema of to_xml's output.
std::string_view relax_ng();

}  // namespace nianbao::output
