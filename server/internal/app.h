// Internal to server/: the application of `nianbao serve` — its routes, guards and limits — set
// on a cpp-httplib server apart from any socket, so that a fuzzer can feed it requests from
// memory (fuzz/fuzz_http.cc) while `serve` puts it on its listener.
#pragma once

#include <httplib.h>

#include <iosfwd>
#include <memory>
#include <string>

#include "server/server.h"

namespace nianbao::server {

class App;  // server.cc
struct AppDeleter {
  void operator()(App* app) const;
};
using AppHandle = std::unique_ptr<App, AppDeleter>;

// Opens the database of `options` and sets the routes on `http`; requests that change state
// must carry `token`, and on loopback the Host header must name `port`. The handle must outlive
// every request `http` handles. Throws as serve() does.
AppHandle install_app(httplib::Server& http, const ServeOptions& options, std::ostream& log, const std::string& token,
                      int port);

}  // namespace nianbao::server
