// The corrections file: reading (RFC 4180 CSV), appending, and applying to a report.
#include "pipeline/corrections.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/errors.h"
#include "pipeline/files.h"
#include "schema/schema.h"
#include "schema/template.h"

namespace nianbao {
namespace {

constexpr const char* header = "report,cell,value,reason,who,when";

std::string csv(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string record(const Correction& c) {
  return csv(c.report) + ',' + csv(c.cell) + ',' + csv(c.value) + ',' + csv(c.reason) + ',' + csv(c.who) + ',' +
         csv(c.when) + '\n';
}

bool is_number(const std::string& v) {
  if (v.empty()) return false;
  std::size_t i = v[0] == '-' ? 1 : 0, digits = 0, points = 0;
  for (; i < v.size(); ++i) {
    if (v[i] == '.') ++points;
    else if (v[i] >= '0' && v[i] <= '9') ++digits;
    else return false;
  }
  return digits > 0 && points <= 1;
}

void check_value(const std::string& file, const std::string& where, const std::string& value) {
  if (value != "blank" && value != "dash" && !is_number(value))
    throw InputError(file, "correction value \"" + value + "\" is not a number, blank or dash", where);
}

const char* state_text(const CellValue& v) {
  switch (v.state) {
    case ValueState::number: return "";
    case ValueState::blank: return "blank";
    case ValueState::dash: return "dash";
    case ValueState::ambiguous: return "ambiguous";
  }
  return "";
}

}  // namespace

std::vector<Correction> read_corrections(const std::string& path) {
  std::vector<Correction> out;
  if (path.empty()) return out;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return out;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot open the corrections file");
  std::vector<std::string> f;
  std::size_t line = 1;
  for (std::size_t start = line; read_csv_record(in, f, line); start = line) {
    if (f.size() == 1 && f[0].empty()) continue;
    const std::string where = "line " + std::to_string(start);
    if (f.size() != 6) throw InputError(path, "expected 6 fields (" + std::string(header) + "), found " +
                                                  std::to_string(f.size()), where);
    if (f[0] == "report" && f[1] == "cell") continue;  // the header
    check_value(path, where, f[2]);
    out.push_back({f[0], f[1], f[2], f[3], f[4], f[5]});
  }
  return out;
}

bool is_canonical_cell(const std::string& cell) {
  for (const schema::Template& t : schema::templates())
    if (t.cell_of(cell) >= 0) return true;
  return false;
}

void append_correction(const std::string& path, const Correction& c) {
  check_value(path, "", c.value);
  std::error_code ec;
  const bool fresh = !std::filesystem::exists(path, ec) || std::filesystem::file_size(path, ec) == 0;
  std::ofstream out(path, std::ios::binary | std::ios::app);
  if (fresh) out << header << '\n';
  out << record(c);
  out.flush();
  if (!out) throw OutputError(path + ": cannot append to the corrections file");
}

Correction remove_correction(const std::string& path, std::size_t index) {
  std::vector<Correction> all = read_corrections(path);
  if (index >= all.size())
    throw InputError(path, "no correction number " + std::to_string(index + 1) + " (the file holds " +
                               std::to_string(all.size()) + ")");
  Correction removed = all[index];
  all.erase(all.begin() + static_cast<std::ptrdiff_t>(index));
  OutputFile out(path);
  out.stream() << header << '\n';
  for (const Correction& c : all) out.stream() << record(c);
  out.commit();
  return removed;
}

std::size_t apply_corrections(Report& report, const std::vector<Correction>& corrections) {
  std::size_t applied = 0;
  for (const Correction& c : corrections) {
    if (c.report != report.id) continue;
    CellValue* v = nullptr;
    for (CellValue& x : report.values)
      if (x.cell == c.cell) v = &x;
    if (!v) {
      report.values.push_back({});
      v = &report.values.back();
      v->cell = c.cell;
      v->state = ValueState::blank;
      v->replaced = "absent";
    } else if (v->replaced.empty()) {
      v->replaced = v->state == ValueState::number ? v->number : state_text(*v);
    }
    v->candidates.clear();
    v->state = c.value == "blank" ? ValueState::blank : c.value == "dash" ? ValueState::dash : ValueState::number;
    v->number = v->state == ValueState::number ? c.value : "";
    v->note = "corrected: " + c.reason + (c.who.empty() ? "" : " (" + c.who + (c.when.empty() ? "" : ", " + c.when) + ")");
    ++applied;
  }
  if (applied) schema::recheck(report);
  return applied;
}

}  // namespace nianbao
