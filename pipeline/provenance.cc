// Given metadata: --meta KEY=VALUE, --source-url, the batch sidecar CSV, and applying them.
#include "pipeline/provenance.h"

#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "metadata/metadata.h"
#include "model/errors.h"
#include "pipeline/files.h"

namespace nianbao {

namespace fs = std::filesystem;

namespace {

bool digits(std::string_view s, std::size_t from, std::size_t n) {
  return s.size() >= from + n && std::all_of(s.begin() + from, s.begin() + from + n, [](char c) { return c >= '0' && c <= '9'; });
}

// What is wrong with VALUE for KEY, "" when nothing.
std::string problem(const std::string& key, const std::string& value) {
  if (std::find(meta_keys().begin(), meta_keys().end(), key) == meta_keys().end())
    return "unknown metadata key \"" + key + "\" (one of agency, year, url, retrieved, published)";
  if (value.empty()) return key + " is empty";
  if (key == "year" && !(value.size() == 4 && digits(value, 0, 4))) return "year \"" + value + "\" is not four digits";
  if ((key == "retrieved" || key == "published") &&
      !(value.size() == 10 && digits(value, 0, 4) && value[4] == '-' && digits(value, 5, 2) && value[7] == '-' && digits(value, 8, 2)))
    return key + " \"" + value + "\" is not a date YYYY-MM-DD";
  if (key == "url" && !(value.starts_with("http://") || value.starts_with("https://")))
    return "url \"" + value + "\" does not start with http:// or https://";
  return "";
}

}  // namespace

const std::vector<std::string>& meta_keys() {
  static const std::vector<std::string> keys = {"agency", "year", "url", "retrieved", "published"};
  return keys;
}

void add_meta(GivenMeta& meta, const std::string& key, const std::string& value, const std::string& where) {
  if (const std::string p = problem(key, value); !p.empty()) throw UsageError((where.empty() ? "" : where + ": ") + p);
  const auto same = std::find_if(meta.begin(), meta.end(), [&](const auto& kv) { return kv.first == key; });
  if (same != meta.end()) same->second = value;
  else meta.emplace_back(key, value);
}

void add_meta(GivenMeta& meta, std::string_view key_value) {
  const std::size_t eq = key_value.find('=');
  if (eq == std::string_view::npos) throw UsageError("--meta \"" + std::string(key_value) + "\" is not KEY=VALUE");
  add_meta(meta, std::string(key_value.substr(0, eq)), std::string(key_value.substr(eq + 1)));
}

std::string sidecar_key(const std::string& input) { return fs::absolute(input).lexically_normal().string(); }

std::map<std::string, GivenMeta> read_sidecar(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot read the sidecar file");
  std::vector<std::string> header, fields;
  std::size_t line = 0;
  if (!read_csv_record(in, header, line)) throw InputError(path, "empty sidecar file (a header path,url,agency,year,published)");
  if (!header.empty() && header[0].starts_with("\xEF\xBB\xBF")) header[0].erase(0, 3);
  if (std::find(header.begin(), header.end(), "path") == header.end())
    throw InputError(path, "the header has no column \"path\"", "line 1");
  for (const std::string& h : header)
    if (h != "path" && problem(h, "x").starts_with("unknown"))
      throw InputError(path, "unknown column \"" + h + "\" (path, url, agency, year, published, retrieved)", "line 1");
  const fs::path folder = fs::path(path).parent_path();
  std::map<std::string, GivenMeta> out;
  for (std::size_t row = line + 1; read_csv_record(in, fields, line); row = line + 1) {
    if (fields.size() == 1 && fields[0].empty()) continue;
    const std::string where = "line " + std::to_string(row);
    if (fields.size() != header.size())
      throw InputError(path, std::to_string(fields.size()) + " fields where the header has " + std::to_string(header.size()), where);
    GivenMeta meta;
    std::string input;
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == "path") input = fields[i];
      else if (!fields[i].empty() && !problem(header[i], fields[i]).empty())
        throw InputError(path, problem(header[i], fields[i]), where);
      else if (!fields[i].empty()) add_meta(meta, header[i], fields[i]);
    }
    if (input.empty()) throw InputError(path, "empty path", where);
    out[sidecar_key(fs::path(input).is_absolute() ? input : (folder / input).string())] = std::move(meta);
  }
  return out;
}

std::string retrieval_date(const std::string& input) {
  std::time_t when = std::time(nullptr);
  struct stat st{};
  if (input != "-" && ::stat(input.c_str(), &st) == 0) when = st.st_mtime;
  std::tm utc{};
  gmtime_r(&when, &utc);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &utc);
  return buf;
}

void apply_given_meta(Report& report, const GivenMeta& meta, const std::string& retrieved_default) {
  if (meta.empty()) return;
  Provenance& p = report.provenance;
  for (const auto& [key, value] : meta) {
    if (key == "agency") metadata::set_given_agency(report, value);
    else if (key == "year") report.year = value;
    else if (key == "url") p.url = value;
    else if (key == "retrieved") p.retrieved = value;
    else if (key == "published") p.published = value;
    if (std::find(p.given.begin(), p.given.end(), key) == p.given.end()) p.given.push_back(key);
  }
  if (!p.url.empty() && p.retrieved.empty()) p.retrieved = retrieved_default;
}

}  // namespace nianbao
