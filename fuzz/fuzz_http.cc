// libFuzzer harness: the request handling of `nianbao serve` — cpp-httplib's parsing of the
// request line, headers and body, then our guards, routes and API over a real corpus database
// (paths, query strings, bodies, headers; corrections with the token included). The input is the
// bytes a client sends on one connection, read from memory; responses are discarded.
// NIANBAO_FUZZ_DB names the database (scripts/fuzz.sh http builds it from corpus reports).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "server/internal/app.h"

namespace {

// The token and port the seeds use (fuzz/http-seeds/).
constexpr const char* fuzz_token = "fuzz-token";
constexpr int fuzz_port = 8080;
// Requests handled per input (keep-alive): enough to reach state a request leaves behind.
constexpr int max_requests = 4;

class MemoryStream : public httplib::Stream {
 public:
  MemoryStream(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool is_readable() const override { return at_ < size_; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, std::size_t size) override {
    const std::size_t n = std::min(size, size_ - at_);
    std::copy(data_ + at_, data_ + at_ + n, ptr);
    at_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char*, std::size_t size) override { return static_cast<ssize_t>(size); }
  void get_remote_ip_and_port(std::string& ip, int& port) const override { ip = "127.0.0.1", port = 50000; }
  void get_local_ip_and_port(std::string& ip, int& port) const override { ip = "127.0.0.1", port = fuzz_port; }
  socket_t socket() const override { return INVALID_SOCKET; }
  bool done() const { return at_ >= size_; }

 private:
  const std::uint8_t* data_;
  std::size_t size_, at_ = 0;
};

class FuzzServer : public httplib::Server {
 public:
  bool handle(httplib::Stream& stream) {
    bool closed = false;
    return process_request(stream, false, closed, nullptr) && !closed;
  }
};

struct Fixture {
  FuzzServer http;
  std::ostringstream log;
  nianbao::server::AppHandle app;
  Fixture() {
    const char* db = std::getenv("NIANBAO_FUZZ_DB");
    if (!db) {
      std::cerr << "fuzz_http: set NIANBAO_FUZZ_DB to a corpus database (scripts/fuzz.sh http builds one)\n";
      std::abort();
    }
    nianbao::server::ServeOptions options;
    options.db = db;
    options.port = fuzz_port;
    const char* corrections = std::getenv("NIANBAO_FUZZ_CORRECTIONS");
    if (corrections) options.corrections = corrections;
    app = nianbao::server::install_app(http, options, log, fuzz_token, fuzz_port);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture fixture;
  MemoryStream stream(data, size);
  for (int i = 0; i < max_requests && !stream.done(); ++i)
    if (!fixture.http.handle(stream)) break;
  fixture.log.str("");
  return 0;
}
