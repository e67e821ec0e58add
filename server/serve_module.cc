// The serve module (nianbao-serve.so): the server and cpp-httplib with OpenSSL and brotli, loaded
// by the `nianbao` command only for `serve` (serve_loader.cc).
#include "server/internal/serve_module.h"

extern "C" __attribute__((visibility("default"))) void nianbao_serve(const nianbao::server::ServeOptions& options,
                                                                     std::ostream& log,
                                                                     const std::function<void(int port)>& ready) {
  static_assert(std::is_same_v<decltype(&nianbao_serve), nianbao::server::ServeEntry>);
  nianbao::server::serve(options, log, ready);
}
