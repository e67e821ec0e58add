// The HTTP side of `nianbao serve` (cpp-httplib): routes, the compiled-in pages, and the guards —
// time and size limits, a Host check against DNS rebinding on loopback, an anti-forgery token
// on every request that is not a read, and content policies (the source page runs no script).
#include "server/server.h"

#include <httplib.h>

#include <array>
#include <deque>
#include <map>
#include <cstdio>
#include <mutex>
#include <ostream>
#include <random>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/browse.h"
#include "engine/corpus_db.h"
#include "extract/extract.h"
#include "model/errors.h"
#include "server/internal/api.h"
#include "server/internal/app.h"

namespace nianbao::server {

namespace embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& files();
}

namespace {

// A client that sends or reads nothing for this long is dropped; bodies are small (no upload).
constexpr time_t io_timeout_seconds = 5;
constexpr std::size_t max_body_bytes = 64 * 1024;
// This many PDF pages are kept rendered (a few hundred KB each; at page_dpi, internal/api.h).
constexpr std::size_t cached_pages = 24;

constexpr const char* page_policy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
// The source page: no script, nothing fetched, a unique origin (sandbox).
constexpr const char* source_policy =
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

std::string random_token() {
  std::random_device device;
  std::string out;
  for (int i = 0; i < 32; ++i) {
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned>(device() & 0xff));
    out += hex;
  }
  return out;
}

bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string_view mime_type(std::string_view name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

const std::string_view* find_file(std::string_view name) {
  for (const auto& [n, content] : embedded::files())
    if (n == name) return &content;
  return nullptr;
}

void send_json(httplib::Response& res, const std::string& body) {
  if (body.empty()) {
    res.status = 404;
    res.set_content(R"({"error":"not found"})", "application/json");
  } else {
    res.set_content(body, "application/json; charset=utf-8");
  }
}

}  // namespace

class App {
 public:
  App(const ServeOptions& options, std::ostream& log, httplib::Server& http, std::string token)
      : options_(options),
        log_(log),
        db_(options.corrections.empty() ? engine::open_corpus(options.db)
                                        : engine::open_corpus_for_corrections(options.db)),
        token_(std::move(token)),
        http_(http) {
    configure();
  }

  void set_port(int port) { port_ = port; }

  void run(const std::function<void(int)>& ready) {
    const int port = options_.port == 0 ? http_.bind_to_any_port(options_.bind)
                                        : (http_.bind_to_port(options_.bind, options_.port) ? options_.port : -1);
    if (port < 0)
      throw Error(exit_output, "cannot listen on " + options_.bind + ":" + std::to_string(options_.port));
    port_ = port;
    ready(port);
    http_.listen_after_bind();
  }

 private:
  bool loopback() const { return options_.bind == "127.0.0.1" || options_.bind == "::1" || options_.bind == "localhost"; }

  // Guards run before any route: Host (loopback only), then the token for every non-read.
  httplib::Server::HandlerResponse guard(const httplib::Request& req, httplib::Response& res) {
    if (loopback()) {
      const std::string host = req.get_header_value("Host");
      const std::string port = ":" + std::to_string(port_);
      if (host != "127.0.0.1" + port && host != "localhost" + port && host != "[::1]" + port) {
        res.status = 421;
        res.set_content("unexpected Host header", "text/plain");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    if (req.method != "GET" && req.method != "HEAD" &&
        !same_secret(req.get_header_value("X-Nianbao-Token"), token_)) {
      res.status = 403;
      res.set_content("missing or wrong X-Nianbao-Token", "text/plain");
      return httplib::Server::HandlerResponse::Handled;
    }
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
    return httplib::Server::HandlerResponse::Unhandled;
  }

  template <class F>
  void with_db(httplib::Response& res, F&& f) {
    std::lock_guard<std::mutex> lock(db_mutex_);
    f(res);
  }

  void page(const std::string& route, const char* file) {
    http_.Get(route, [this, file](const httplib::Request&, httplib::Response& res) { send_file(res, file); });
  }

  void send_file(httplib::Response& res, std::string_view name) {
    const std::string_view* content = find_file(name);
    if (!content) {
      res.status = 404;
      return;
    }
    res.set_header("Content-Security-Policy", page_policy);
    res.set_content(content->data(), content->size(), std::string(mime_type(name)).c_str());
  }

  void configure() {
    http_.set_read_timeout(io_timeout_seconds);
    http_.set_write_timeout(io_timeout_seconds);
    http_.set_keep_alive_timeout(io_timeout_seconds);
    http_.set_payload_max_length(max_body_bytes);
    http_.set_pre_routing_handler([this](const auto& req, auto& res) { return guard(req, res); });
    http_.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
      res.status = 500;
      std::string what = "internal error";
      try {
        std::rethrow_exception(ep);
      } catch (const HttpError& e) {
        res.status = e.status;
        what = e.what();
      } catch (const UsageError& e) {
        res.status = 400;  // a request beyond a bound (too many search terms)
        what = e.what();
      } catch (const InputError& e) {
        res.status = 410;  // the database names a file that is gone or unreadable
        what = e.describe();
      } catch (const std::exception& e) {
        what = e.what();
      }
      log_ << "nianbao serve: " << req.path << ": " << what << std::endl;
      res.set_content(what, "text/plain; charset=utf-8");
    });
    page("/", "search.html");
    page("/report", "report.html");
    page("/agency", "agency.html");
    http_.Get(R"(/static/([a-z0-9_.-]+))", [this](const httplib::Request& req, httplib::Response& res) {
      send_file(res, req.matches[1].str());
    });
    http_.Get("/api/session", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"token":")" + token_ + "\"}", "application/json");
    });
    // The facets count the whole corpus (a second on 10 000 reports): computed once, again after a correction.
    http_.Get("/api/facets", [this](const auto&, auto& r) {
      with_db(r, [&](auto& res) {
        if (facets_.empty()) facets_ = facets_json(db_);
        send_json(res, facets_);
      });
    });
    http_.Get("/api/search", [this](const httplib::Request& req, httplib::Response& r) {
      with_db(r, [&](auto& res) { send_json(res, search_json(db_, req.params)); });
    });
    http_.Get(R"(/api/reports/(\d{1,18}))", [this](const httplib::Request& req, httplib::Response& r) {
      with_db(r, [&](auto& res) { send_json(res, report_json(db_, std::stoll(req.matches[1].str()), options_.corrections)); });
    });
    http_.Post(R"(/api/reports/(\d{1,18})/corrections)", [this](const httplib::Request& req, httplib::Response& r) {
      with_db(r, [&](auto& res) {
        facets_.clear();
        send_json(res, add_correction_json(db_, std::stoll(req.matches[1].str()), options_.corrections, req.body));
      });
    });
    http_.Post(R"(/api/reports/(\d{1,18})/corrections/undo)", [this](const httplib::Request& req, httplib::Response& r) {
      with_db(r, [&](auto& res) {
        facets_.clear();
        send_json(res, undo_correction_json(db_, std::stoll(req.matches[1].str()), options_.corrections, req.body));
      });
    });
    http_.Get(R"(/api/reports/(\d{1,18})/source)", [this](const httplib::Request& req, httplib::Response& r) {
      with_db(r, [&](auto& res) { send_json(res, source_json(db_, std::stoll(req.matches[1].str()))); });
    });
    http_.Get(R"(/api/reports/(\d{1,18})/xml)", [this](const httplib::Request& req, httplib::Response& r) {
      with_db(r, [&](auto& res) { send_xml(res, std::stoll(req.matches[1].str())); });
    });
    http_.Get(R"(/api/reports/(\d{1,18})/source.html)", [this](const httplib::Request& req, httplib::Response& r) {
      with_db(r, [&](auto& res) { send_source_page(res, std::stoll(req.matches[1].str())); });
    });
    http_.Get(R"(/api/reports/(\d{1,18})/pages/(\d{1,4})\.png)", [this](const httplib::Request& req, httplib::Response& r) {
      with_db(r, [&](auto& res) { send_page(res, std::stoll(req.matches[1].str()), std::stoi(req.matches[2].str())); });
    });
    http_.Get(R"(/api/templates/([a-z0-9_.-]{1,64}))", [](const httplib::Request& req, httplib::Response& res) {
      send_json(res, template_json(req.matches[1].str()));
    });
    http_.Get(R"(/api/agencies/(.+))", [this](const httplib::Request& req, httplib::Response& r) {
      with_db(r, [&](auto& res) { send_json(res, agency_json(db_, req.matches[1].str(), req.params)); });
    });
  }

  void send_xml(httplib::Response& res, std::int64_t id) {
    const auto rec = engine::find_report(db_, id);
    if (!rec) return send_json(res, "");
    res.set_content(engine::read_report_xml_text(*rec, max_file_bytes), "application/xml; charset=utf-8");
  }

  // The source web page as it was, decoded to UTF-8, under a policy that runs none of its
  // scripts and loads nothing (the report page shows it in a sandboxed frame as well).
  void send_source_page(httplib::Response& res, std::int64_t id) {
    const auto rec = engine::find_report(db_, id);
    if (!rec) return send_json(res, "");
    const engine::SourceText source = engine::read_report_source(*rec, max_file_bytes);
    if (!source.html) {
      res.status = 404;
      return;
    }
    res.set_header("Content-Security-Policy", source_policy);
    res.set_content(source.text, "text/html; charset=utf-8");
  }

  // A page of a PDF source as a PNG, rendered once and kept (the last few pages asked for).
  void send_page(httplib::Response& res, std::int64_t id, int page) {
    const auto key = std::make_pair(id, page);
    auto it = pages_.find(key);
    if (it == pages_.end()) {
      const auto rec = engine::find_report(db_, id);
      if (!rec) return send_json(res, "");
      const engine::SourceText source = engine::read_report_source(*rec, max_file_bytes);
      if (source.pdf.empty()) return send_json(res, "");
      if (page_order_.size() >= cached_pages) {
        pages_.erase(page_order_.front());
        page_order_.pop_front();
      }
      std::string png = extract::pdf_page_png(source.pdf, page, page_dpi);
      if (png.empty()) throw HttpError(404, "no such page");
      it = pages_.emplace(key, std::move(png)).first;
      page_order_.push_back(key);
    }
    res.set_content(it->second, "image/png");
  }

  ServeOptions options_;
  std::ostream& log_;
  engine::Database db_;
  std::mutex db_mutex_;  // one connection, one request at a time on it (and on the corrections file)
  std::string token_;
  httplib::Server& http_;
  int port_ = 0;
  std::string facets_;  // "" until asked for
  std::map<std::pair<std::int64_t, int>, std::string> pages_;
  std::deque<std::pair<std::int64_t, int>> page_order_;  // oldest first
};

void AppDeleter::operator()(App* app) const { delete app; }

AppHandle install_app(httplib::Server& http, const ServeOptions& options, std::ostream& log, const std::string& token,
                      int port) {
  AppHandle app(new App(options, log, http, token));
  app->set_port(port);
  return app;
}

void serve(const ServeOptions& options, std::ostream& log, const std::function<void(int port)>& ready) {
  httplib::Server http;
  App app(options, log, http, random_token());
  app.run(ready);
}

}  // namespace nianbao::server
