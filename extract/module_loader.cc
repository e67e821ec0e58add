// Finding and opening the command's modules (module_loader.h): each with dlopen,
// RTLD_LOCAL, so that its copies of nianbao's code and its libraries stay its own.
#include "extract/module_loader.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

namespace nianbao::extract {
namespace {

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string executable_folder() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  return folder_of(std::string(buf, static_cast<std::size_t>(n)));
}

// The folder of the object (program or module) this code was linked into.
std::string own_folder() {
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void*>(&own_folder), &info) == 0 || !info.dli_fname) return executable_folder();
  return folder_of(info.dli_fname);
}

}  // namespace

void* load_module_entry(const char* file, const char* env_var, const char* entry, std::string& error) {
  std::vector<std::string> tried;
  if (const char* env = std::getenv(env_var); env && *env) tried.push_back(env);
  const std::string exe = executable_folder(), own = own_folder();
  if (own != exe) tried.push_back(own + "/" + file);
  tried.push_back(exe + "/" + file);
  tried.push_back(exe + "/" + NIANBAO_MODULES_INSTALLED + "/" + file);
  for (const std::string& path : tried) {
    if (::access(path.c_str(), F_OK) != 0) continue;
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      error = ::dlerror();
      return nullptr;
    }
    void* found = ::dlsym(handle, entry);
    if (!found) error = path + ": no entry point " + entry;
    return found;
  }
  error = "the module was not found at";
  for (const std::string& path : tried) error += " " + path;
  return nullptr;
}

}  // namespace nianbao::extract
