// read_pdf and read_image for the `nianbao` command: the readers live in the paged-input module
// (internal/paged_module.h), loaded with dlopen on the first PDF or scan, so that a process
// reading text or HTML never loads poppler, Tesseract, Leptonica and their ~60 libraries
// (bench/README.md, "Start-up"). The module is looked for at $NIANBAO_PAGED_MODULE, beside the
// executable (the build tree) and in the installed library folder (NIANBAO_PAGED_INSTALLED,
// relative to the executable's folder).
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "extract/internal/paged_module.h"
#include "model/errors.h"

namespace nianbao::extract {
namespace {

constexpr const char* module_file = "nianbao-paged.so";

std::string executable_folder() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  const std::string exe(buf, static_cast<std::size_t>(n));
  const std::size_t slash = exe.rfind('/');
  return slash == std::string::npos ? "." : exe.substr(0, slash);
}

struct Loaded {
  PagedEntry entry = nullptr;
  std::string error;  // why it could not be loaded
};

Loaded load() {
  std::vector<std::string> tried;
  if (const char* env = std::getenv("NIANBAO_PAGED_MODULE"); env && *env) tried.push_back(env);
  const std::string folder = executable_folder();
  tried.push_back(folder + "/" + module_file);
  tried.push_back(folder + "/" + NIANBAO_PAGED_INSTALLED + "/" + module_file);
  Loaded r;
  for (const std::string& path : tried) {
    if (::access(path.c_str(), F_OK) != 0) continue;
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      r.error = ::dlerror();
      return r;
    }
    r.entry = reinterpret_cast<PagedEntry>(::dlsym(handle, paged_entry_name));
    if (!r.entry) r.error = path + ": no entry point " + paged_entry_name;
    return r;
  }
  r.error = "the module was not found at";
  for (const std::string& path : tried) r.error += " " + path;
  return r;
}

Document read_paged(const PagedRequest& request) {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] { loaded = load(); });
  if (!loaded.entry)
    throw InputError(*request.source, "cannot read PDFs and images: the paged-input module (" + std::string(module_file) +
                                          ") did not load: " + loaded.error);
  Document out;
  loaded.entry(request, out);
  return out;
}

}  // namespace

Document read_pdf(std::string_view bytes, const std::string& source, const PageOptions& options, const Limits& limits) {
  return read_paged({PagedKind::pdf, bytes, &source, &options, &limits});
}

Document read_image(std::string_view bytes, const std::string& source, const Limits& limits) {
  return read_paged({PagedKind::image, bytes, &source, nullptr, &limits});
}

}  // namespace nianbao::extract
