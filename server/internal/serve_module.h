// Internal to server/: the one entry point of the serve module (nianbao-serve.so), through which
// the `nianbao` command runs `serve` without loading cpp-httplib, OpenSSL and brotli (and
// running OpenSSL's initialisation) in every other command (bench/README.md, "Start-up").
#pragma once

#include "server/server.h"

namespace nianbao::server {

// The module's exported function (extern "C", found by dlsym): serve() itself.
using ServeEntry = void (*)(const ServeOptions& options, std::ostream& log, const std::function<void(int port)>& ready);
inline constexpr const char* serve_entry_name = "nianbao_serve";

}  // namespace nianbao::server
