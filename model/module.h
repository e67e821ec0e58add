// The optional modules of the `nianbao` command (nianbao-paged.so, nianbao-serve.so): shared
// objects loaded with dlopen by the one command that needs them, so that every other command
// starts without their libraries (bench/README.md, "Start-up"). A module is looked for at the
// path in an environment variable, beside the executable (the build tree), then in the installed
// library folder (relative to the executable's folder).
#pragma once

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace nianbao {

struct LoadedModule {
  void* entry = nullptr;  // the entry point found by dlsym; null when the module did not load
  std::string error;      // why it did not
};

inline std::string executable_folder() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  const std::string exe(buf, static_cast<std::size_t>(n));
  const std::size_t slash = exe.rfind('/');
  return slash == std::string::npos ? "." : exe.substr(0, slash);
}

// Loads `file` (found as said above; `env` names the variable, `installed` the library folder
// relative to the executable's) and finds its `entry` symbol. Never unloaded.
inline LoadedModule load_module(const char* file, const char* env, const char* installed, const char* entry) {
  std::vector<std::string> tried;
  if (const char* path = std::getenv(env); path && *path) tried.push_back(path);
  const std::string folder = executable_folder();
  tried.push_back(folder + "/" + file);
  tried.push_back(folder + "/" + installed + "/" + file);
  LoadedModule r;
  for (const std::string& path : tried) {
    if (::access(path.c_str(), F_OK) != 0) continue;
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      r.error = ::dlerror();
      return r;
    }
    r.entry = ::dlsym(handle, entry);
    if (!r.entry) r.error = path + ": no entry point " + entry;
    return r;
  }
  r.error = "the module was not found at";
  for (const std::string& path : tried) r.error += " " + path;
  return r;
}

}  // namespace nianbao
