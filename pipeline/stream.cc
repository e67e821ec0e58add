// The streaming mode: one request line → one result line. Requests are parsed with nlohmann,
// the report is written by output/ (JSON embedded as is, XML as a JSON string).
#include "pipeline/stream.h"

#include <nlohmann/json.hpp>

#include <array>
#include <istream>
#include <new>
#include <ostream>

#include "model/errors.h"
#include "output/output.h"
#include "pipeline/files.h"
#include "pipeline/provenance.h"

namespace nianbao {

namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// A string field of the request, "" when absent; InputError when present with another type.
std::string string_field(const Json& request, const char* name, const std::string& source) {
  const auto it = request.find(name);
  if (it == request.end() || it->is_null()) return "";
  if (!it->is_string()) throw InputError(source, std::string("request field \"") + name + "\" is not a string");
  return it->get<std::string>();
}

struct Request {
  Json id;  // echoed back when given
  std::string source = "-";
  std::string url;
  ReportFormat format;
  ExtractOptions extract;
  std::string bytes;
};

// The request's own metadata (url, agency, year, published, retrieved), as --meta and
// --source-url give it to one extract: validated the same way, recorded as given.
void given_meta(const Json& j, Request& r) {
  for (const std::string& key : meta_keys()) {
    const std::string value = string_field(j, key.c_str(), r.source);
    if (value.empty()) continue;
    try {
      add_meta(r.extract.meta, key, value, "request field \"" + key + "\"");
    } catch (const UsageError& e) {
      throw InputError(r.source, e.what());
    }
  }
}

Request parse_request(const Json& j, const StreamOptions& defaults) {
  Request r;
  r.format = defaults.format;
  r.extract.encoding = defaults.encoding;
  r.extract.kind = defaults.kind;
  r.extract.limits = defaults.limits;
  if (!j.is_object()) throw InputError("-", "request is not a JSON object");
  if (j.contains("id")) r.id = j["id"];
  const std::string path = string_field(j, "path", "-");
  const bool inline_bytes = j.contains("bytes");
  r.source = string_field(j, "source", "-");
  if (r.source.empty()) r.source = path.empty() ? "-" : path;
  r.url = string_field(j, "url", r.source);
  given_meta(j, r);
  if (path.empty() == !inline_bytes)
    throw InputError(r.source, "a request needs either \"path\" or \"bytes\" (base64), not both");
  const std::string format = string_field(j, "format", r.source);
  if (format == "xml") r.format = ReportFormat::xml;
  else if (format == "json") r.format = ReportFormat::json;
  else if (!format.empty()) throw InputError(r.source, "request field \"format\" is \"" + format + "\", not xml or json");
  const std::string kind = string_field(j, "kind", r.source);
  if (kind == "html") r.extract.kind = InputKind::html;
  else if (kind == "text") r.extract.kind = InputKind::text;
  else if (!kind.empty()) throw InputError(r.source, "request field \"kind\" is \"" + kind + "\", not html or text");
  const std::string encoding = string_field(j, "encoding", r.source);
  if (!encoding.empty()) r.extract.encoding = encoding;
  r.extract.source = r.source;
  if (inline_bytes) {
    const std::string text = string_field(j, "bytes", r.source);
    if (text.size() / 4 * 3 > r.extract.limits.max_input_bytes + 3)
      throw InputError(r.source, "inline bytes are more than the limit of " +
                                     std::to_string(r.extract.limits.max_input_bytes) + " (--max-input-bytes)");
    r.bytes = decode_base64(text, r.source);
  } else {
    r.bytes = read_input(path, r.extract.limits.max_input_bytes);
  }
  if (!r.extract.meta.empty()) r.extract.retrieved = retrieval_date(inline_bytes ? "-" : path);
  return r;
}

// {"id":…,"source":…,"url":…,"ok":…  — the common head of a result.
std::string head(const Json& id, const std::string& source, const std::string& url, bool ok) {
  Json j = Json::object();
  if (!id.is_null()) j["id"] = id;
  j["source"] = source;
  if (!url.empty()) j["url"] = url;
  j["ok"] = ok;
  std::string s = dump(j);
  s.pop_back();  // the closing brace: the caller appends fields
  return s;
}

StreamResult error_record(const Json& id, const std::string& source, int status, const std::string& message) {
  return {head(id, source, "", false) + ",\"status\":" + std::to_string(status) + ",\"error\":" + dump(Json(message)) +
              "}",
          false};
}

}  // namespace

std::string decode_base64(std::string_view text, const std::string& source) {
  static constexpr std::array<signed char, 256> table = [] {
    std::array<signed char, 256> t{};
    t.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    return t;
  }();
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const signed char v = table[static_cast<unsigned char>(text[i])];
    if (v < 0) throw InputError(source, "inline bytes are not base64", "character " + std::to_string(i));
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (bits >= 6) throw InputError(source, "inline bytes are not base64 (truncated)");
  return out;
}

StreamResult answer_request(std::string_view line, const StreamOptions& options) {
  Json id;
  std::string source = "-";
  try {
    Json j = Json::parse(line.begin(), line.end(), nullptr, false);
    if (j.is_discarded()) throw InputError("-", "request is not valid JSON");
    if (j.is_object() && j.contains("id")) id = j["id"];
    if (j.is_object() && j.contains("source") && j["source"].is_string()) source = j["source"].get<std::string>();
    else if (j.is_object() && j.contains("path") && j["path"].is_string()) source = j["path"].get<std::string>();
    const Request r = parse_request(j, options);
    const Report report = extract_report(r.bytes, r.extract);
    const std::string body = r.format == ReportFormat::json ? ",\"report\":" + output::to_json(report)
                                                            : ",\"xml\":" + dump(Json(output::to_xml(report)));
    return {head(r.id, r.source, r.url, true) + body + "}", true};
  } catch (const InputError& e) {
    return error_record(id, source, e.status, e.describe());
  } catch (const Error& e) {
    return error_record(id, source, e.status, e.what());
  } catch (const std::bad_alloc&) {
    return error_record(id, source, exit_internal, "out of memory");
  } catch (const std::exception& e) {
    return error_record(id, source, exit_internal, std::string("internal error: ") + e.what());
  }
}

std::size_t run_stream(std::istream& in, std::ostream& out, const StreamOptions& options) {
  std::size_t errors = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const StreamResult result = answer_request(line, options);
    if (!result.ok) ++errors;
    out << result.line << '\n';
    out.flush();
    if (!out) throw OutputError("standard output: write failed");
  }
  return errors;
}

}  // namespace nianbao
