// The JSON writer (nlohmann::json): the same walk over the report model as the XML writer and
// the same content, as JSON objects (see output/nianbao.schema.json). Numbers of cells stay
// decimal strings, as in the XML: a 17-digit run or 96171.6 must not pass through a double.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "model/version.h"
#include "output/internal/names.h"
#include "output/fingerprint.h"
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
  if (pos.page > 0) j["page"] = pos.page;
}

// "x0 y0 x1 y1" in points, one decimal, as in the XML.
void set_box(Json& j, const Box& b) {
  if (b.empty()) return;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.1f %.1f %.1f %.1f", b.x0, b.y0, b.x1, b.y1);
  j["box"] = buf;
}

Json table_json(const Block& b) {
  const Table& t = b.table();
  Json j = {{"type", "table"}, {"source", table_source_name(t.source)}, {"cols", std::max(0, t.columns)}};
  set_line(j, b.pos);
  set_box(j, b.box());
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
  set_box(j, b.box());
  Json sentences = Json::array();
  for (std::size_t k = 0; k < b.sentence_count(); ++k) sentences.push_back(std::string(b.sentence(k)));
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
  set_line(j, v.pos);
  if (!v.replaced.empty()) j["replaced"] = v.replaced;
  if (v.state == ValueState::ambiguous) j["candidates"] = v.candidates;
  return j;
}

Json check_json(const Check& c, const std::string& template_id) {
  Json j = {{"rule", c.rule}};
  if (!c.scope.empty()) j["scope"] = c.scope;
  j["result"] = check_result_name(c.result);
  j["fingerprint"] = check_fingerprint(template_id, c);
  if (!c.left.empty()) j["left"] = c.left;
  if (!c.right.empty()) j["right"] = c.right;
  if (!c.cells.empty()) j["cells"] = c.cells;
  if (!c.note.empty()) j["note"] = c.note;
  set_line(j, c.pos);
  return j;
}

// meta: title, agency with where it sits (division) and as the report wrote it, year, and what
// a PDF says of itself.
Json meta_json(const Report& r) {
  Json meta = Json::object();
  if (!r.title.empty()) meta["title"] = r.title;
  if (!r.agency.empty()) {
    meta["agency"] = r.agency;
    const Division& d = r.division;
    Json division = Json::object();
    if (!d.code.empty()) division["code"] = d.code;
    if (!d.province.empty()) division["province"] = d.province;
    if (!d.city.empty()) division["city"] = d.city;
    if (!d.county.empty()) division["county"] = d.county;
    if (!division.empty()) meta["division"] = std::move(division);
    if (!r.agency_as_read.empty()) meta["agency_as_read"] = r.agency_as_read;
  }
  if (!r.year.empty()) meta["year"] = r.year;
  if (!r.info.title.empty() || !r.info.author.empty() || !r.info.created.empty()) {
    Json info = Json::object();
    if (!r.info.title.empty()) info["title"] = r.info.title;
    if (!r.info.author.empty()) info["author"] = r.info.author;
    if (!r.info.created.empty()) info["created"] = r.info.created;
    meta["document_info"] = std::move(info);
  }
  const Provenance& p = r.provenance;
  if (!p.url.empty() || !p.retrieved.empty() || !p.published.empty() || !p.given.empty()) {
    Json provenance = Json::object();
    if (!p.url.empty()) provenance["url"] = p.url;
    if (!p.retrieved.empty()) provenance["retrieved"] = p.retrieved;
    if (!p.published.empty()) provenance["published"] = p.published;
    if (!p.given.empty()) provenance["given"] = p.given;
    meta["provenance"] = std::move(provenance);
  }
  return meta;
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
            {"input", input_name(r.input_kind)}};
  if (r.pages > 0) j["pages"] = r.pages;
  if (r.ocr_pages > 0) j["ocr_pages"] = r.ocr_pages;
  j["template"] = r.template_id;
  j["replaced"] = r.replaced;
  j["generator"] = "nianbao " + std::string(version);
  if (!r.id.empty()) j["id"] = r.id;
  j["meta"] = meta_json(r);
  j["body"] = BodyWriter(r).write();
  if (r.template_id != "none" || !r.values.empty()) {
    Json values = Json::array(), checks = Json::array();
    for (const CellValue& v : r.values) values.push_back(value_json(v));
    for (const Check& c : r.checks) checks.push_back(check_json(c, r.template_id));
    j["values"] = std::move(values);
    if (!r.table_reads.empty()) {
      Json reads = Json::array();
      for (const TableRead& t : r.table_reads)
        reads.push_back({{"id", t.table}, {"expected", t.expected}, {"read", t.read}, {"blank", t.blank},
                         {"dash", t.dash}, {"ambiguous", t.ambiguous}, {"unread", t.unread}});
      j["tables_read"] = std::move(reads);
    }
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
