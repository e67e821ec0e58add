// What a batch works on: the inputs named on the command line, found in folders or listed on
// standard input, each with its mirrored output name under OUTDIR.
#include <algorithm>
#include <filesystem>
#include <istream>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>

#include "engine/batch.h"
#include "pipeline/files.h"

namespace nianbao::engine {

namespace fs = std::filesystem;

namespace {

// FNV-1a, 64 bits: a hash that is the same on every machine and in every version.
std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (const unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

std::string output_name(const std::string& input, const std::string& outdir) {
  const fs::path normal = fs::path(input).lexically_normal();
  fs::path rel;
  bool leading = true, dropped = normal.has_root_path();
  for (const fs::path& part : normal.relative_path()) {
    if (leading && (part == ".." || part == ".")) {
      dropped |= part == "..";
      continue;
    }
    leading = false;
    rel /= part;
  }
  if (rel.empty() || rel.filename().empty()) {
    rel /= "input";
    dropped = true;
  }
  std::string name = (fs::path(outdir) / rel).string();
  if (dropped) {  // a root or a leading ".." was dropped: say which input it was
    char tag[16];
    std::snprintf(tag, sizeof tag, "~%08llx",
                  static_cast<unsigned long long>(stable_hash(normal.string()) & 0xffffffffull));
    name += tag;
  }
  return name + ".xml";
}

namespace {

// Why a file found in a folder is not read as a report.
std::string not_taken(const fs::path& p, bool regular) {
  if (!regular) return "not a regular file (a FIFO, socket, device or broken link): not read";
  const std::string ext = lower_extension(p.string());
  return (ext.empty() ? std::string("a file without an extension") : "a " + ext + " file") +
         " is not a report kind nianbao reads (text, web pages, PDF, PNG/JPEG/TIFF scans, DOCX); "
         "name it on the command line to read it anyway";
}

}  // namespace

std::vector<std::string> find_files(const std::string& folder, const std::vector<std::string>& extensions,
                                    const std::string& skip, std::string& error, std::vector<OtherFile>* others) {
  std::error_code ec;
  const fs::path skip_canonical = skip.empty() ? fs::path() : fs::weakly_canonical(skip, ec);
  fs::recursive_directory_iterator it(folder, fs::directory_options::none, ec), end;
  std::vector<std::string> found;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    std::error_code e2;
    const bool dir = it->is_directory(e2);
    if (!name.empty() && name[0] == '.') {
      if (dir) it.disable_recursion_pending();
      continue;
    }
    if (dir) {
      if (!skip.empty() && fs::weakly_canonical(p, e2) == skip_canonical) it.disable_recursion_pending();
      continue;
    }
    const std::string ext = lower_extension(p.string());
    const bool regular = it->is_regular_file(e2);
    if (std::find(extensions.begin(), extensions.end(), ext) != extensions.end() && regular)
      found.push_back(p.string());
    else if (others)
      others->push_back({p.string(), not_taken(p, regular)});
  }
  if (ec) error = "cannot walk the folder: " + ec.message();
  std::sort(found.begin(), found.end());
  if (others)
    std::sort(others->begin(), others->end(), [](const OtherFile& a, const OtherFile& b) { return a.path < b.path; });
  return found;
}

std::vector<BatchInput> plan_batch(const std::vector<std::string>& args, std::istream& list,
                                   const std::string& outdir, const std::vector<std::string>& own_files) {
  std::error_code ec;
  auto own = [&](const std::string& path) {
    return std::any_of(own_files.begin(), own_files.end(), [&](const std::string& f) {
      std::error_code same_ec;
      return !f.empty() && fs::equivalent(f, path, same_ec);
    });
  };
  std::vector<std::string> files;
  std::vector<BatchInput> broken;
  bool list_read = false;
  for (const std::string& arg : args) {
    if (arg == "-") {
      if (list_read) continue;  // standard input can be read once
      list_read = true;
      std::string line;
      while (std::getline(list, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
        if (!line.empty()) files.push_back(line);
      }
    } else if (fs::is_directory(arg, ec)) {
      std::string error;
      std::vector<OtherFile> others;
      for (std::string& f : find_files(arg, report_extensions(), outdir, error, &others)) files.push_back(std::move(f));
      for (OtherFile& o : others)
        if (!own(o.path)) broken.push_back({std::move(o.path), "", std::move(o.reason)});
      if (!error.empty()) broken.push_back({arg, "", error});
    } else {
      files.push_back(arg);  // a named file is taken whatever its name; missing ones fail later
    }
  }

  std::vector<BatchInput> plan;
  plan.reserve(files.size() + broken.size());
  std::map<std::string, std::string> owner;  // output name → the input it belongs to
  std::set<std::string> named;
  for (std::string& file : files) {
    if (!named.insert(fs::path(file).lexically_normal().string()).second) continue;  // named twice
    std::string name = output_name(file, outdir);
    const auto [it, fresh] = owner.emplace(name, file);
    if (fresh) plan.push_back({std::move(file), std::move(name), ""});
    else plan.push_back({file, "", "its output name " + name + " is also that of " + it->second + "; rename one"});
  }
  for (BatchInput& b : broken) plan.push_back(std::move(b));
  return plan;
}

}  // namespace nianbao::engine
