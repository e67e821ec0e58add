// The list of subcommands and the exit status they leave.
#include "cli/commands.h"

#include "model/errors.h"

namespace nianbao::cli {
namespace {
int status = exit_ok;
}  // namespace

void register_commands(CLI::App& app) {
  register_extract(app, status);
  register_batch(app, status);
  register_index(app, status);
  register_search(app, status);
  register_export(app, status);
  register_audit(app, status);
}

int exit_status() { return status; }

}  // namespace nianbao::cli
