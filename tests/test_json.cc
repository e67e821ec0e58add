// The JSON output (`extract --format json`) says what the XML says: every corpus report's JSON
// equals its XML read back into JSON by the mapping of output/nianbao.schema.json, written
// here independently of the writer. Validation against the JSON Schema: tests/json_schema_test.py.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <cstdlib>
#include <sstream>
#include <string>

#include "output/output.h"
#include "tests/corpus.h"

using namespace nianbao;
using nlohmann::json;

namespace {

// An attribute as a JSON value: integers for the counting attributes, strings otherwise.
void copy_attribute(json& j, const pugi::xml_attribute& a) {
  const std::string name = a.name();
  static const char* numeric[] = {"replaced", "line", "page", "pages", "ocr-pages", "level", "cols", "rows", "r", "c",
                                  "expected", "read", "blank", "dash", "ambiguous", "unread"};
  for (const char* n : numeric)
    if (name == n) {
      j[name] = std::strtoull(a.value(), nullptr, 10);
      return;
    }
  std::string key = name;
  for (char& ch : key)
    if (ch == '-') ch = '_';
  j[key] = a.value();
}

json attributes(const pugi::xml_node& n) {
  json j = json::object();
  for (const pugi::xml_attribute& a : n.attributes()) copy_attribute(j, a);
  return j;
}

json block_from_xml(const pugi::xml_node& n) {
  json j = attributes(n);
  if (std::string(n.name()) == "p") {
    j["type"] = "p";
    j["sentences"] = json::array();
    for (const pugi::xml_node& s : n.children("s")) j["sentences"].push_back(s.text().get());
    return j;
  }
  j["type"] = "table";
  j["rows"] = json::array();
  for (const pugi::xml_node& row : n.children("row")) {
    json r = attributes(row);
    r["cells"] = json::array();
    for (const pugi::xml_node& cell : row.children("cell")) {
      json c = attributes(cell);
      c["text"] = cell.text().get();
      r["cells"].push_back(c);
    }
    j["rows"].push_back(r);
  }
  return j;
}

json container_from_xml(const pugi::xml_node& n) {
  json j = attributes(n);
  j["blocks"] = json::array();
  j["sections"] = json::array();
  for (const pugi::xml_node& c : n.children()) {
    const std::string name = c.name();
    if (name == "heading") j["heading"] = c.text().get();
    else if (name == "section") j["sections"].push_back(container_from_xml(c));
    else if (name == "p" || name == "table") j["blocks"].push_back(block_from_xml(c));
  }
  return j;
}

json report_from_xml(const std::string& xml) {
  pugi::xml_document doc;
  REQUIRE(doc.load_buffer(xml.data(), xml.size()));
  const pugi::xml_node root = doc.child("report");
  json j = attributes(root);
  j["meta"] = json::object();
  for (const pugi::xml_node& m : root.child("meta").children()) {
    const std::string name = m.name();
    if (name == "document-info") {
      j["meta"]["document_info"] = attributes(m);
      continue;
    }
    if (name == "provenance") {
      j["meta"]["provenance"] = attributes(m);
      if (m.attribute("given")) {
        std::istringstream keys(m.attribute("given").value());
        j["meta"]["provenance"]["given"] = json::array();
        for (std::string k; keys >> k;) j["meta"]["provenance"]["given"].push_back(k);
      }
      continue;
    }
    j["meta"][name] = m.text().get();
    if (name != "agency") continue;
    for (const char* a : {"province", "city", "county"})
      if (m.attribute(a)) j["meta"]["division"][a] = m.attribute(a).value();
    if (m.attribute("division")) j["meta"]["division"]["code"] = m.attribute("division").value();
    if (m.attribute("as-read")) j["meta"]["agency_as_read"] = m.attribute("as-read").value();
  }
  j["body"] = container_from_xml(root.child("body"));
  if (root.child("values")) {
    j["values"] = json::array();
    for (const pugi::xml_node& v : root.child("values").children("value")) {
      json value = attributes(v);
      if (v.attribute("replaced")) value["replaced"] = v.attribute("replaced").value();  // a value, not a count
      if (!value.contains("state")) {
        value["state"] = "number";
        value["value"] = v.text().get();
      }
      if (value["state"] == "ambiguous") {
        value["candidates"] = json::array();
        for (const pugi::xml_node& c : v.children("candidate")) value["candidates"].push_back(c.text().get());
      }
      j["values"].push_back(value);
    }
    j["checks"] = json::array();
    for (const pugi::xml_node& c : root.child("checks").children("check")) {
      json check = attributes(c);
      if (check.contains("cells")) {  // space-separated in the XML, an array in the JSON
        json cells = json::array();
        std::istringstream words(check["cells"].get<std::string>());
        for (std::string id; words >> id;) cells.push_back(id);
        check["cells"] = cells;
      }
      j["checks"].push_back(check);
    }
    if (root.child("tables-read")) {
      j["tables_read"] = json::array();
      for (const pugi::xml_node& t : root.child("tables-read").children("table-read")) j["tables_read"].push_back(attributes(t));
    }
  }
  if (root.child("diagnostics")) {
    j["diagnostics"] = json::array();
    for (const pugi::xml_node& d : root.child("diagnostics").children("diagnostic")) {
      json diagnostic = attributes(d);
      diagnostic["message"] = d.text().get();
      j["diagnostics"].push_back(diagnostic);
    }
  }
  return j;
}

}  // namespace

TEST_CASE("the JSON of every corpus report holds exactly the content of its XML") {
  for (const std::string& file : test::corpus_files()) {
    CAPTURE(file);
    const Report report = test::extract_corpus(file);
    const json from_writer = json::parse(output::to_json(report));
    const json from_xml = report_from_xml(output::to_xml(report));
    CHECK(from_writer == from_xml);
    if (from_writer != from_xml) MESSAGE(json::diff(from_xml, from_writer).dump().substr(0, 2000));
  }
}

TEST_CASE("JSON keeps blank and dash cells apart from zero and numbers as exact decimals") {
  const Report report = test::extract_corpus("000-seed.txt");
  const json j = json::parse(output::to_json(report, true));
  REQUIRE(j["values"].size() == report.values.size());
  for (std::size_t i = 0; i < report.values.size(); ++i) {
    const CellValue& v = report.values[i];
    CAPTURE(v.cell);
    if (v.state == ValueState::number) {
      CHECK(j["values"][i]["value"] == v.number);  // a string, never a double
    } else {
      CHECK_FALSE(j["values"][i].contains("value"));
    }
  }
}

TEST_CASE("JSON output of a model with control characters and invalid UTF-8 still parses") {
  Report r;
  r.source = "bad\x01name\xff.txt";
  Block b;
  b.text = "a\x02" "b";
  r.blocks.push_back(b);
  const std::string out = output::to_json(r);
  const json j = json::parse(out);
  CHECK(j["body"]["blocks"][0]["sentences"][0] == "a\x02" "b");
  CHECK(j["source"] == "bad%01name%FF.txt");  // as the XML's source=: output::source_name
}
