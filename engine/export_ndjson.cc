// The OpenSearch/Elasticsearch _bulk body of the corpus: for each report an action line and a
// document (metadata, numeric cells as an object, failed checks), optionally one per sentence.
// The mapping of these documents is docs/opensearch-mapping.json.
#include <cstdio>
#include <ostream>

#include "engine/corpus_db.h"
#include "engine/export.h"
#include "engine/formats.h"

namespace nianbao::engine {

namespace {

// A document id that stays the same when the database is rebuilt: FNV-1a of the XML path.
std::string stable_id(const std::string& path) {
  std::uint64_t h = 1469598103934665603ull;
  for (const unsigned char c : path) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

std::string ndjson_cell_key(const std::string& cell) {
  // Dots would make object paths in the index (and t3.result.other would be both a number and
  // an object across formats): "t3.result.other.misc[total]" → "t3_result_other_misc__total".
  std::string key;
  for (const char c : cell) {
    if (c == '.') key += '_';
    else if (c == '[') key += "__";
    else if (c != ']') key += c;
  }
  return key;
}

void export_ndjson(Database& d, std::ostream& out, const std::string& index, bool sentences) {
  Statement reports = d.prepare(
      "SELECT id, path, source, agency, year, template, title, warnings, failed_checks, report_id, url, retrieved, "
      "published FROM reports WHERE primary_form = 1 ORDER BY id");
  Statement reads = d.prepare("SELECT tbl, expected, read, blank, dash, ambiguous, unread FROM table_reads "
                              "WHERE report = ? ORDER BY tbl");
  Statement cells = d.prepare("SELECT cell, value, state FROM cells WHERE report = ? ORDER BY cell");
  Statement checks = d.prepare(
      "SELECT rule, scope, left, right FROM checks WHERE report = ? AND result = 'fail' ORDER BY rowid");
  Statement sents = d.prepare("SELECT ord, section, text FROM sentences WHERE report = ? ORDER BY ord");
  const std::string action = "{\"index\":{\"_index\":" + json_string(index) + ",\"_id\":";
  while (reports.step()) {
    const std::int64_t rid = reports.integer(0);
    const std::string id = reports.is_null(9) ? stable_id(reports.text(1)) : reports.text(9);
    std::string common = "\"report_id\":" + json_string(id) + ",\"agency\":" + json_string(reports.text(3)) +
                         ",\"year\":" + (reports.is_null(4) ? std::string("null") : reports.text(4)) +
                         ",\"template\":" + json_string(reports.text(5)) + ",\"source\":" + json_string(reports.text(2));
    out << action << json_string(id) << "}}\n";
    out << "{\"type\":\"report\"," << common << ",\"path\":" << json_string(reports.text(1))
        << ",\"title\":" << json_string(reports.text(6)) << ",\"warnings\":" << reports.integer(7)
        << ",\"failed_check_count\":" << reports.integer(8);
    for (const auto& [column, name] : {std::pair{10, "url"}, {11, "retrieved"}, {12, "published"}})
      if (!reports.is_null(column)) out << ",\"" << name << "\":" << json_string(reports.text(column));
    // Per template table, its cells by state: a lost table stands out (unread == expected).
    out << ",\"tables_read\":{";
    reads.bind(1, rid);
    for (bool first_table = true; reads.step(); first_table = false) {
      out << (first_table ? "" : ",") << json_string(ndjson_cell_key(reads.text(0))) << ":{";
      for (int k = 0; k < 6; ++k)
        out << (k ? "," : "") << '"' << table_read_counts[k] << "\":" << reads.integer(k + 1);
      out << '}';
    }
    reads.reset();
    out << "},\"cells\":{";
    std::string states;
    bool first = true;
    cells.bind(1, rid);
    while (cells.step()) {
      const std::string key = json_string(ndjson_cell_key(cells.text(0)));
      if (cells.text(2) == "number" && !cells.is_null(1)) {
        out << (first ? "" : ",") << key << ':' << cells.text(1);
        first = false;
      } else {
        states += (states.empty() ? "" : ",") + key + ':' + json_string(cells.text(2));
      }
    }
    cells.reset();
    out << "},\"cell_states\":{" << states << "},\"failed_checks\":[";
    first = true;
    checks.bind(1, rid);
    while (checks.step()) {
      out << (first ? "" : ",") << "{\"rule\":" << json_string(checks.text(0)) << ",\"scope\":"
          << json_string(checks.text(1)) << ",\"left\":" << json_string(checks.text(2))
          << ",\"right\":" << json_string(checks.text(3)) << '}';
      first = false;
    }
    checks.reset();
    out << "]}\n";
    if (!sentences) continue;
    sents.bind(1, rid);
    while (sents.step()) {
      out << action << json_string(id + "-" + sents.text(0)) << "}}\n";
      out << "{\"type\":\"sentence\"," << common << ",\"ord\":" << sents.integer(0)
          << ",\"section\":" << json_string(sents.text(1)) << ",\"text\":" << json_string(sents.text(2)) << "}\n";
    }
    sents.reset();
  }
}

}  // namespace nianbao::engine
