// Corrections from the report page: a value changed with a reason is appended to the corrections
// file (pipeline/corrections.h, the file `nianbao correct`, batch and index use), and the report
// is re-indexed from its XML with every correction of the file, so that its checks are
// recomputed; undo removes one record and re-indexes the same way.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "engine/browse.h"
#include "engine/corpus_db.h"
#include "pipeline/corrections.h"
#include "server/internal/api.h"

namespace nianbao::server {

namespace {

using nlohmann::json;

// A reason or a name longer than this is refused (they go into a CSV file a person reads).
constexpr std::size_t max_text_chars = 2000;

std::string now_utc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

json body_json(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw HttpError(400, "the body is not a JSON object");
  return j;
}

std::string text_field(const json& j, const char* name, bool required) {
  const auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) throw HttpError(400, std::string("missing \"") + name + "\"");
    return "";
  }
  if (!it->is_string()) throw HttpError(400, std::string("\"") + name + "\" is not a string");
  std::string s = it->get<std::string>();
  if (s.size() > max_text_chars) throw HttpError(400, std::string("\"") + name + "\" is too long");
  if (required && s.find_first_not_of(" \t\r\n") == std::string::npos)
    throw HttpError(400, std::string("\"") + name + "\" is empty");
  return s;
}

engine::ReportRecord correctable(engine::Database& db, std::int64_t id, const std::string& file) {
  if (file.empty()) throw HttpError(409, "corrections are off: start `nianbao serve` with --corrections FILE");
  const auto rec = engine::find_report(db, id);
  if (!rec) throw HttpError(404, "no such report");
  if (rec->report_id.empty()) throw HttpError(409, "this report has no stable id (indexed from an older XML)");
  return *rec;
}

}  // namespace

json corrections_of(const std::string& file, const std::string& report_id) {
  json out = json::array();
  if (file.empty() || report_id.empty()) return out;
  const std::vector<Correction> all = read_corrections(file);
  for (std::size_t n = 0; n < all.size(); ++n) {
    const Correction& c = all[n];
    if (c.report != report_id) continue;
    out.push_back({{"n", n}, {"cell", c.cell}, {"value", c.value}, {"reason", c.reason}, {"who", c.who}, {"when", c.when}});
  }
  return out;
}

std::string add_correction_json(engine::Database& db, std::int64_t id, const std::string& file, const std::string& body) {
  const engine::ReportRecord rec = correctable(db, id, file);
  const json j = body_json(body);
  Correction c;
  c.report = rec.report_id;
  c.cell = text_field(j, "cell", true);
  c.value = text_field(j, "value", true);
  c.reason = text_field(j, "reason", true);
  c.who = text_field(j, "who", false);
  c.when = now_utc();
  const auto& cells = engine::template_cells(rec.template_id);
  if (std::find(cells.begin(), cells.end(), c.cell) == cells.end())
    throw HttpError(400, c.cell + " is not a cell of " + rec.template_id);
  try {
    append_correction(file, c);  // checks the value as the file's readers will
  } catch (const InputError& e) {
    throw HttpError(400, e.what());
  }
  engine::reindex_report(db, id, read_corrections(file));
  return report_json(db, id, file);
}

std::string undo_correction_json(engine::Database& db, std::int64_t id, const std::string& file, const std::string& body) {
  const engine::ReportRecord rec = correctable(db, id, file);
  const json j = body_json(body);
  const auto n = j.find("n");
  if (n == j.end() || !n->is_number_unsigned()) throw HttpError(400, "\"n\" (the correction's number) is missing");
  const std::size_t index = n->get<std::size_t>();
  // The record must still be the one the page listed (the file may have changed since).
  const std::vector<Correction> all = read_corrections(file);
  if (index >= all.size() || all[index].report != rec.report_id || all[index].cell != text_field(j, "cell", true) ||
      all[index].value != text_field(j, "value", true))
    throw HttpError(409, "the corrections file changed since the page was loaded: reload it");
  remove_correction(file, index);
  engine::reindex_report(db, id, read_corrections(file));
  return report_json(db, id, file);
}

}  // namespace nianbao::server
