// The long-lived streaming mode (`nianbao extract --stream`) for engines that pipe records
// through a program (Spark RDD.pipe, Hadoop Streaming, Dask, GNU parallel): NDJSON requests in,
// one NDJSON result per request out, in order, each line flushed; a bad request is an error
// record, never the end of the stream. Request and result fields: docs/scaling.md.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "pipeline/pipeline.h"

namespace nianbao {

enum class ReportFormat { xml, json };

struct StreamOptions {
  ReportFormat format = ReportFormat::json;  // a request's "format" overrides it
  std::string encoding;                      // forced encoding, "" = decide (a request's "encoding" overrides)
  InputKind kind = InputKind::automatic;     // a request's "kind" overrides
  Limits limits;
};

struct StreamResult {
  std::string line;  // without its newline
  bool ok = false;
};

// The result line for one request line: {"ok":true,…,"report":{…}} or {"ok":true,…,"xml":"…"},
// or {"ok":false,…,"status":N,"error":"…"}. Never throws.
StreamResult answer_request(std::string_view request, const StreamOptions& options);

// Answer every non-blank line of `in` on `out`, flushing after each result. Returns the number
// of error records; throws OutputError when `out` cannot be written.
std::size_t run_stream(std::istream& in, std::ostream& out, const StreamOptions& options);

// Standard base64 (RFC 4648, with or without padding); throws InputError naming `source` on
// anything else.
std::string decode_base64(std::string_view text, const std::string& source);

}  // namespace nianbao
