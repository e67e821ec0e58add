// serve() for the `nianbao` command: the server lives in the serve module
// (internal/serve_module.h), loaded with dlopen when `serve` runs, so that the other commands
// start without cpp-httplib and its libraries (bench/README.md, "Start-up"). The module is looked
// for at $NIANBAO_SERVE_MODULE, beside the executable and in the installed library folder
// (extract/module_loader.h).
#include <ostream>
#include <stdexcept>

#include "extract/module_loader.h"
#include "server/internal/serve_module.h"

namespace nianbao::server {

void serve(const ServeOptions& options, std::ostream& log, const std::function<void(int port)>& ready) {
  std::string error;
  void* entry = extract::load_module_entry("nianbao-serve.so", "NIANBAO_SERVE_MODULE", serve_entry_name, error);
  if (!entry) throw std::runtime_error("the serve module (nianbao-serve.so) did not load: " + error);
  CarriedError error_thrown;
  reinterpret_cast<ServeEntry>(entry)(options, [&log](std::string_view text) { log << text << std::flush; }, ready,
                                      error_thrown);
  error_thrown.rethrow();
}

}  // namespace nianbao::server
