// The C++ side of the Python package (`import nianbao`, pybind11): extract a report from bytes
// or a file into a Report handle that writes its XML and JSON; the pure-Python layer
// (nianbao/__init__.py) builds the report object and the DataFrames on top of the JSON.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "engine/corpus_db.h"
#include "model/errors.h"
#include "model/version.h"
#include "output/output.h"
#include "pipeline/files.h"
#include "pipeline/pipeline.h"

namespace py = pybind11;
using namespace nianbao;

namespace {

ExtractOptions options_for(const std::string& source, const std::string& kind, const std::string& encoding) {
  ExtractOptions o;
  o.source = source;
  o.encoding = encoding;
  if (kind == "html") o.kind = InputKind::html;
  else if (kind == "text") o.kind = InputKind::text;
  else if (!kind.empty() && kind != "auto") throw py::value_error("kind must be 'html', 'text' or 'auto', not '" + kind + "'");
  return o;
}

// The work runs without the GIL: a thread pool of Python threads extracts in parallel.
Report extract_bytes(py::bytes data, const std::string& source, const std::string& kind, const std::string& encoding) {
  const ExtractOptions o = options_for(source, kind, encoding);
  const std::string_view bytes = data;
  py::gil_scoped_release release;
  return extract_report(bytes, o);
}

Report extract_path(const std::string& path, const std::string& source, const std::string& kind,
                    const std::string& encoding) {
  const ExtractOptions o = options_for(source.empty() ? path : source, kind, encoding);
  py::gil_scoped_release release;
  return extract_report(read_input(path, o.limits.max_input_bytes), o);
}

}  // namespace

PYBIND11_MODULE(_nianbao, m) {
  m.doc() = "nianbao's C++ pipeline (see the nianbao package)";
  static py::exception<InputError> input_error(m, "InputError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      input_error(e.describe().c_str());
    }
  });
  py::class_<Report>(m, "Report")
      .def("to_xml", [](const Report& r) { return output::to_xml(r); }, "The report as nianbao's XML")
      .def("to_json", [](const Report& r, bool pretty) { return output::to_json(r, pretty); }, py::arg("pretty") = false,
           "The report as JSON (output/nianbao.schema.json)")
      .def_property_readonly("source", [](const Report& r) { return r.source; });
  m.def("extract_bytes", &extract_bytes, py::arg("data"), py::arg("source"), py::arg("kind") = "",
        py::arg("encoding") = "");
  m.def("extract_path", &extract_path, py::arg("path"), py::arg("source") = "", py::arg("kind") = "",
        py::arg("encoding") = "");
  m.def("canonical_cells", [] { return engine::canonical_cells(); },
        "Every canonical cell id of the templates, in the column order of `nianbao export --csv`");
  m.attr("version") = std::string(version);
}
