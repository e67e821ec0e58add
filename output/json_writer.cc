// The JSON writer (nlohmann::json): the same walk over the report model as the XML writer and
// the same content, as JSON objects (see output/nianbao.schema.json). Numbers of cells stay
// decimal strings, as in the XML: a 17-digit run or 96171.6 must not pass through a double.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "model/version.h"
#include "output/internal/names.h"
#include "output/output.h"

namespace nianbao::output {

namespace embedded {
std::string_view file(std::string_view name);  // the data files compiled in (cmake/Embed.cmake)
}

namespace {

using Json = nlohmann::ordered_json;  // keys in the order of the XML's attributes and children
using namespace nianbao::output::internal;

void set_line(Json& j, const SourcePos& pos) {
  if (pos.line > 0) j["line"] = pos.line;
}

Json table_json(const Block& b) {
  const Table& t = b.table;
  Json j = {{"type", "table"}, {"source", table_source_name(t.source)}, {"cols", std::max(0, t.columns)}};
  set_line(j, b.pos);
  Json rows = Json::array();
  for (const TableRow& row : t.rows) {
    Json r = Json::object();
    if (row.header) r["role"] = "label";
    Json cells = Json::array();
    for (const TableCell& c : row.cells)
      cells.push_back({{"r", std::max(0, c.row)}, {"c", std::max(0, c.col)}, {"rows", std::max(1, c.rows)},
                       {"cols", std::max(1, c.cols)}, {"text", c.text}});
    r["cells"] = std::move(cells);
    rows.push_back(std::move(r));
  }
  j["rows"] = std::move(rows);
  return j;
}

Json block_json(const Block& b) {
  if (b.kind == BlockKind::table) return table_json(b);
  Json j = {{"type", "p"}};
  set_line(j, b.pos);
  Json sentences = Json::array();
  if (b.sentences.empty()) sentences.push_back(b.text);
  for (const std::string& s : b.sentences) sentences.push_back(s);
  j["sentences"] = std::move(sentences);
  return j;
}

class BodyWriter {
 public:
  explicit BodyWriter(const Report& r) : r_(r), tree_(r) {}

  Json write() {
    Json body = {{"blocks", Json::array()}, {"sections", Json::array()}};
    for (std::size_t i = 0; i < tree_.leading_end(); ++i) body["blocks"].push_back(block_json(r_.blocks[i]));
    for (std::size_t s : tree_.roots()) body["sections"].push_back(section(s));
    return body;
  }

 private:
  Json section(std::size_t index) {
    const Section& s = r_.sections[index];
    Json j = {{"level", s.level}, {"num", s.num}};
    set_line(j, s.pos);
    j["heading"] = s.heading;
    Json blocks = Json::array(), children = Json::array();
    for (std::size_t i = s.first_block; i < tree_.own_end(index); ++i) blocks.push_back(block_json(r_.blocks[i]));
    for (std::size_t c : tree_.children(index)) children.push_back(section(c));
    j["blocks"] = std::move(blocks);
    j["sections"] = std::move(children);
    return j;
  }

  const Report& r_;
  SectionTree tree_;
};

Json value_json(const CellValue& v) {
  Json j = {{"cell", v.cell}, {"state", value_state_name(v.state)}};
  if (v.state == ValueState::number) j["value"] = v.number;
  if (!v.raw.empty() || v.state == ValueState::number) j["raw"] = v.raw;
  if (!v.unit.empty()) j["unit"] = v.unit;
  if (!v.note.empty()) j["note"] = v.note;
  if (v.state == ValueState::ambiguous) j["candidates"] = v.candidates;
  return j;
}

Json check_json(const Check& c) {
  Json j = {{"rule", c.rule}};
  if (!c.scope.empty()) j["scope"] = c.scope;
  j["result"] = check_result_name(c.result);
  if (!c.left.empty()) j["left"] = c.left;
  if (!c.right.empty()) j["right"] = c.right;
  return j;
}

Json diagnostic_json(const Diagnostic& d) {
  Json j = {{"severity", severity_name(d.severity)}, {"code", d.code}};
  set_line(j, d.pos);
  j["message"] = d.message;
  return j;
}

}  // namespace

std::string to_json(const Report& r, bool pretty) {
  Json j = {{"source", source_name(r.source)},
            {"encoding", r.encoding},
            {"encoding_method", r.encoding_method.empty() ? std::string("default") : r.encoding_method},
            {"input", r.input_kind == "html" ? "html" : "text"},
            {"template", r.template_id},
            {"replaced", r.replaced},
            {"generator", "nianbao " + std::string(version)}};
  Json meta = Json::object();
  if (!r.title.empty()) meta["title"] = r.title;
  if (!r.agency.empty()) meta["agency"] = r.agency;
  if (!r.year.empty()) meta["year"] = r.year;
  j["meta"] = std::move(meta);
  j["body"] = BodyWriter(r).write();
  if (r.template_id != "none" || !r.values.empty()) {
    Json values = Json::array(), checks = Json::array();
    for (const CellValue& v : r.values) values.push_back(value_json(v));
    for (const Check& c : r.checks) checks.push_back(check_json(c));
    j["values"] = std::move(values);
    j["checks"] = std::move(checks);
  }
  if (!r.diagnostics.empty()) {
    Json diagnostics = Json::array();
    for (const Diagnostic& d : r.diagnostics) diagnostics.push_back(diagnostic_json(d));
    j["diagnostics"] = std::move(diagnostics);
  }
  // Invalid UTF-8 cannot reach the model (decode replaces it), but a writer must not throw on it.
  return j.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
}

std::string_view json_schema() { return embedded::file("nianbao.schema.json"); }

}  // namespace nianbao::output
