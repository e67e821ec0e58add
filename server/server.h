// server: `nianbao serve` — one process serving a corpus database over HTTP (cpp-httplib): a
// small JSON API (/api/…) and the pages that are its clients (search, agency, report; compiled
// in). Bound to 127.0.0.1 unless told otherwise; read-only on the database unless a corrections
// file is given (then a correction re-indexes its report).
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

namespace nianbao::server {

struct ServeOptions {
  std::string db;                 // the corpus database (nianbao index)
  std::string bind = "127.0.0.1";
  int port = 8080;                // 0 = any free port
  std::string corrections;        // the corrections file the page writes; "" = corrections off
};

// Serve until the process is stopped. `ready` is called with the port once it is bound (the
// command prints it). Throws DbError when the database cannot be opened, Error when the address
// cannot be bound.
void serve(const ServeOptions& options, std::ostream& log, const std::function<void(int port)>& ready);

}  // namespace nianbao::server
