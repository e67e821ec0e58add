// nianbao's public C++ API, for a program that links the installed library
// (find_package(nianbao) → nianbao::nianbao, or pkg-config nianbao): bytes of a report in,
// the report model out (model/report.h), written as XML. Everything else is internal.
#pragma once

#include "model/errors.h"
#include "model/limits.h"
#include "model/report.h"
#include "model/version.h"
#include "output/output.h"
#include "pipeline/files.h"
#include "pipeline/pipeline.h"

// Example:
//   nianbao::ExtractOptions options;
//   options.source = "report.html";
//   nianbao::Report r = nianbao::extract_report(nianbao::read_input("report.html", options.limits.max_input_bytes),
//                                               options);
//   std::string xml = nianbao::output::to_xml(r);
