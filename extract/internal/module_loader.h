// Internal to extract/: finds and opens one of the `nianbao` command's modules — the paged
// inputs (nianbao-paged.so, loaded by the command) and OCR (nianbao-ocr.so, loaded by the paged
// module) — so that a process pays for poppler or Tesseract only when an input needs them.
#pragma once

#include <string>

namespace nianbao::extract {

// The address of `entry` in the module `file`, looked for at $`env_var`, beside the program or
// module that asks (dladdr of this code), beside the executable (the build tree) and in the
// installed library folder (NIANBAO_PAGED_INSTALLED, relative to the executable's folder).
// nullptr when it cannot be loaded, with `error` saying why and where it was looked for.
void* load_module_entry(const char* file, const char* env_var, const char* entry, std::string& error);

}  // namespace nianbao::extract
