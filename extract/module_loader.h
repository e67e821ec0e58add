// Finds and opens one of the `nianbao` command's modules — the paged inputs (nianbao-paged.so,
// loaded by the command), OCR (nianbao-ocr.so, loaded by the paged module), serve
// (nianbao-serve.so, server/serve_loader.cc) — so that a process pays for poppler, Tesseract or
// cpp-httplib only when it needs them. The one loader of them all.
#pragma once

#include <string>

namespace nianbao::extract {

// The address of `entry` in the module `file`, looked for at $`env_var`, beside the program or
// module that asks (dladdr of this code), beside the executable (the build tree) and in the
// installed library folder (NIANBAO_MODULES_INSTALLED, relative to the executable's folder).
// nullptr when it cannot be loaded, with `error` saying why and where it was looked for.
void* load_module_entry(const char* file, const char* env_var, const char* entry, std::string& error);

}  // namespace nianbao::extract
