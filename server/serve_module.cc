// The serve module (nianbao-serve.so): the server and cpp-httplib with OpenSSL and brotli, loaded
// by the `nianbao` command only for `serve` (serve_loader.cc).
#include <ostream>
#include <streambuf>

#include "server/internal/serve_module.h"

namespace {

// A stream buffer that hands every piece of text to the command's log function at once.
class ForwardingBuffer : public std::streambuf {
 public:
  explicit ForwardingBuffer(const nianbao::server::ServeLog& log) : log_(log) {}

 protected:
  std::streamsize xsputn(const char* text, std::streamsize n) override {
    log_(std::string_view(text, static_cast<std::size_t>(n)));
    return n;
  }
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char one = traits_type::to_char_type(c);
    log_(std::string_view(&one, 1));
    return c;
  }

 private:
  const nianbao::server::ServeLog& log_;
};

}  // namespace

extern "C" __attribute__((visibility("default"))) void nianbao_serve(const nianbao::server::ServeOptions& options,
                                                                     const nianbao::server::ServeLog& log,
                                                                     const std::function<void(int port)>& ready,
                                                                     nianbao::CarriedError& error) {
  static_assert(std::is_same_v<decltype(&nianbao_serve), nianbao::server::ServeEntry>);
  try {
    ForwardingBuffer buffer(log);
    std::ostream stream(&buffer);
    nianbao::server::serve(options, stream, ready);
  } catch (...) {
    error.carry_current();
  }
}
