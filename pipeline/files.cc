// The files around a report: which names are reports (and which are HTML), reading an input
// (a file or stdin) within the size limit, and writing an output atomically.
#include "pipeline/files.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "model/errors.h"

namespace nianbao {

std::string lower_extension(std::string_view name) {
  const std::size_t slash = name.find_last_of('/');
  const std::size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
  std::string ext(name.substr(dot));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

namespace {

bool listed(const std::vector<std::string>& list, const std::string& ext) {
  return std::find(list.begin(), list.end(), ext) != list.end();
}

}  // namespace

const std::vector<std::string>& html_extensions() {
  static const std::vector<std::string> exts = {".html", ".htm", ".shtml", ".xhtml", ".jsp", ".php", ".asp", ".aspx"};
  return exts;
}

const std::vector<std::string>& report_extensions() {
  static const std::vector<std::string> exts = [] {
    std::vector<std::string> all = {".txt", ".text"};
    all.insert(all.end(), html_extensions().begin(), html_extensions().end());
    return all;
  }();
  return exts;
}

bool has_html_name(std::string_view name) { return listed(html_extensions(), lower_extension(name)); }

bool has_report_name(std::string_view name) { return listed(report_extensions(), lower_extension(name)); }

std::string read_input(const std::string& path, std::size_t max_bytes) {
  if (path == "-") {
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return data;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path, "is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, std::string("cannot open: ") + std::strerror(errno));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size > 0 && static_cast<std::size_t>(size) > max_bytes)
    throw InputError(path, "input is " + std::to_string(size) + " bytes, more than the limit of " +
                               std::to_string(max_bytes) + " (--max-input-bytes)");
  in.seekg(0, std::ios::beg);
  std::string data(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
  if (size > 0 && !in.read(data.data(), size)) throw InputError(path, "read error");
  return data;
}

namespace {
// write_output writes `path` as a temporary file beside it, then renames it into place.
std::string temporary_prefix(const std::string& path) { return path + ".tmp."; }
}  // namespace

OutputFile::OutputFile(const std::string& path) : path_(path) {
  if (path == "-") return;
  const std::filesystem::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  static std::atomic<unsigned> counter{0};
  temporary_ = temporary_prefix(path) + std::to_string(::getpid()) + "." + std::to_string(counter++);
  file_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!file_) throw OutputError(path + ": cannot write: " + std::strerror(errno));
}

OutputFile::~OutputFile() {
  if (!temporary_.empty()) std::remove(temporary_.c_str());
}

std::ostream& OutputFile::stream() { return path_ == "-" ? std::cout : file_; }

void OutputFile::commit() {
  if (path_ == "-") {
    std::cout.flush();
    if (!std::cout) throw OutputError("cannot write to standard output");
    return;
  }
  file_.close();
  if (!file_) throw OutputError(path_ + ": write failed: " + std::strerror(errno));
  std::error_code ec;
  std::filesystem::rename(temporary_, path_, ec);
  if (ec) throw OutputError(path_ + ": cannot replace: " + ec.message());
  temporary_.clear();
}

void write_output(const std::string& path, std::string_view content) {
  OutputFile out(path);
  out.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  out.commit();
}

void remove_temporary_outputs(const std::string& path) {
  const std::filesystem::path target(path);
  const std::string prefix = std::filesystem::path(temporary_prefix(path)).filename().string();
  std::error_code ec;
  for (std::filesystem::directory_iterator it(target.has_parent_path() ? target.parent_path() : ".", ec), end;
       !ec && it != end; it.increment(ec))
    if (it->path().filename().string().rfind(prefix, 0) == 0) std::filesystem::remove(it->path(), ec);
}

}  // namespace nianbao
