// Internal to server/: the one entry point of the serve module (nianbao-serve.so), through which
// the `nianbao` command runs `serve` without loading cpp-httplib, OpenSSL and brotli (and
// running OpenSSL's initialisation) in every other command (bench/README.md, "Start-up").
#pragma once

#include <functional>
#include <string_view>

#include "model/errors.h"
#include "server/server.h"

namespace nianbao::server {

// The module's exported function (extern "C", found by dlsym): serve() itself. Nothing of one C++
// runtime reaches the other (model/errors.h, CarriedError): the log is a function given each
// piece of text (the command writes it to its own stream), and what serve() throws comes back
// in `error`.
using ServeLog = std::function<void(std::string_view text)>;
using ServeEntry = void (*)(const ServeOptions& options, const ServeLog& log, const std::function<void(int port)>& ready,
                            CarriedError& error);
inline constexpr const char* serve_entry_name = "nianbao_serve";

}  // namespace nianbao::server
