// extract_report and the file helpers shared by the commands.
#include "cli/pipeline.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "extract/extract.h"
#include "model/errors.h"
#include "normalize/normalize.h"
#include "schema/schema.h"

namespace nianbao {

namespace {

bool has_html_name(std::string_view name) {
  auto ends = [&](std::string_view suffix) {
    if (name.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(name[name.size() - suffix.size() + i])) != suffix[i]) return false;
    return true;
  };
  return ends(".html") || ends(".htm") || ends(".shtml") || ends(".xhtml") || ends(".jsp") || ends(".php") ||
         ends(".asp") || ends(".aspx");
}

// What the first bytes say the input is, when it is not text: a PDF (its header may follow a
// little junk), an image, a Word file. "" for text and HTML.
std::string paged_kind(std::string_view b) {
  const std::size_t pdf = b.substr(0, 1024).find("%PDF-");
  if (pdf != std::string_view::npos) return "pdf";
  if (b.rfind("\x89PNG", 0) == 0 || b.rfind("\xFF\xD8\xFF", 0) == 0 || b.rfind(std::string_view("II*\0", 4), 0) == 0 ||
      b.rfind(std::string_view("MM\0*", 4), 0) == 0)
    return "image";
  return "";
}

// Blocks, title and sections of a PDF or an image read into `report`.
extract::Document read_paged(std::string_view bytes, const std::string& kind, const ExtractOptions& options,
                             Report& report) {
  report.input_kind = kind;
  report.encoding = "UTF-8";
  report.encoding_method = "default";
  extract::Document doc = kind == "pdf" ? extract::read_pdf(bytes, options.source, options.pages, options.limits)
                                        : extract::read_image(bytes, options.source, options.limits);
  report.pages = doc.pages;
  report.ocr_pages = doc.ocr_pages;
  report.info = doc.info;
  return doc;
}

}  // namespace

Report extract_report(std::string_view bytes, const ExtractOptions& options) {
  if (bytes.size() > options.limits.max_input_bytes)
    throw InputError(options.source, "input is " + std::to_string(bytes.size()) + " bytes, more than the limit of " +
                                         std::to_string(options.limits.max_input_bytes) + " (--max-input-bytes)");
  if (bytes.empty()) throw InputError(options.source, "empty input (0 bytes): nothing to extract");
  Report report;
  report.source = options.source;
  const std::string paged = options.kind == InputKind::automatic ? paged_kind(bytes) : "";
  extract::Document doc;
  if (!paged.empty()) {
    doc = read_paged(bytes, paged, options, report);
  } else {
    bool html = options.kind == InputKind::html;
    if (options.kind == InputKind::automatic) html = has_html_name(options.source) || extract::looks_like_html(bytes);
    report.input_kind = html ? "html" : "text";
    const normalize::Decoded decoded = normalize::decode(bytes, {options.encoding, html, options.source});
    report.encoding = decoded.encoding;
    report.encoding_method = decoded.method;
    report.replaced = decoded.replaced;
    if (!decoded.note.empty()) report.diagnostics.push_back({Severity::warning, "encoding", decoded.note, {}});
    if (decoded.replaced > 0)
      report.diagnostics.push_back({Severity::warning, "encoding.invalid",
                                    std::to_string(decoded.replaced) + " invalid byte sequences replaced by U+FFFD", {}});
    doc = html ? extract::read_html(decoded.text, options.limits) : extract::read_text(decoded.text, options.limits);
  }
  report.blocks = std::move(doc.blocks);
  for (Diagnostic& d : doc.diagnostics) report.diagnostics.push_back(std::move(d));
  if (report.blocks.empty())
    report.diagnostics.push_back({Severity::warning, "document.empty", "no text found in the input", {}});
  report.sections = extract::build_sections(report.blocks, schema::heading_hints(), options.limits);
  extract::segment(report.blocks);
  schema::find_metadata(report, doc.title);
  schema::apply_template(report, options.limits);
  return report;
}

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

void write_output(const std::string& path, std::string_view content) {
  if (path == "-") {
    std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
    std::cout.flush();
    if (!std::cout) throw std::runtime_error("cannot write to standard output");
    return;
  }
  const std::filesystem::path target(path);
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
  static std::atomic<unsigned> counter{0};
  const std::string tmp = temporary_prefix(path) + std::to_string(::getpid()) + "." + std::to_string(counter++);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(path + ": cannot write: " + std::strerror(errno));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      std::remove(tmp.c_str());
      throw std::runtime_error(path + ": write failed: " + std::strerror(errno));
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw std::runtime_error(path + ": cannot replace: " + ec.message());
  }
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
