// The streaming mode (`extract --stream`): one result per request line, in order, and a bad
// request is an error record that does not end the stream.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "model/errors.h"
#include "output/output.h"
#include "pipeline/stream.h"
#include "tests/corpus.h"

using namespace nianbao;
using nlohmann::json;

namespace {

std::string base64(const std::string& bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += alphabet[(v >> k) & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::vector<json> stream(const std::string& input, StreamOptions options = {}) {
  std::istringstream in(input);
  std::ostringstream out;
  run_stream(in, out, options);
  std::vector<json> results;
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) results.push_back(json::parse(line));
  return results;
}

}  // namespace

TEST_CASE("a stream request by path gives the report as JSON, the same as extract --format json") {
  const std::string path = test::corpus_path("001.txt");
  const std::vector<json> r = stream(json({{"path", path}, {"id", 7}}).dump() + "\n");
  REQUIRE(r.size() == 1);
  CHECK(r[0]["ok"] == true);
  CHECK(r[0]["id"] == 7);
  ExtractOptions o;
  o.source = path;
  CHECK(r[0]["report"] == json::parse(output::to_json(extract_report(test::read_file(path), o))));
}

TEST_CASE("a stream request with inline base64 bytes uses its source name and echoes its URL") {
  const std::string page = test::read_file(test::corpus_path("017.html"));
  const json request = {{"bytes", base64(page)}, {"source", "page.shtml"}, {"url", "https://example.gov.cn/a"},
                        {"format", "xml"}};
  const std::vector<json> r = stream(request.dump() + "\n");
  REQUIRE(r.size() == 1);
  CHECK(r[0]["ok"] == true);
  CHECK(r[0]["source"] == "page.shtml");
  CHECK(r[0]["url"] == "https://example.gov.cn/a");
  const std::string xml = r[0]["xml"];
  CHECK(xml.find("<report source=\"page.shtml\"") != std::string::npos);
  CHECK(xml.find("input=\"html\"") != std::string::npos);
  CHECK(test::validate_against_schema(xml) == "");
}

TEST_CASE("a stream request's url and metadata are the report's provenance, as --source-url and --meta give them") {
  const std::string page = test::read_file(test::corpus_path("017.html"));
  const json request = {{"bytes", base64(page)}, {"source", "page.shtml"}, {"url", "https://example.gov.cn/a"},
                        {"published", "2022-01-20"}, {"format", "json"}};
  const std::vector<json> r = stream(request.dump() + "\n" +
                                     json({{"path", test::corpus_path("002.txt")}, {"year", "20x1"}}).dump() + "\n");
  REQUIRE(r.size() == 2);
  REQUIRE(r[0]["ok"] == true);
  const json& provenance = r[0]["report"]["meta"]["provenance"];
  CHECK(provenance["url"] == "https://example.gov.cn/a");
  CHECK(provenance["published"] == "2022-01-20");
  CHECK(provenance["given"] == json::array({"url", "published"}));
  CHECK_FALSE(provenance["retrieved"].get<std::string>().empty());  // the day of the run, for inline bytes
  CHECK(r[1]["ok"] == false);  // a year that is not four digits is the request's error, not the stream's end
  CHECK(r[1]["status"] == exit_input);
  CHECK(r[1]["error"].get<std::string>().find("request field \"year\"") != std::string::npos);
}

TEST_CASE("bad stream requests give error records in order and the stream goes on") {
  const std::string good = json({{"path", test::corpus_path("002.txt")}}).dump();
  const std::string input = good + "\n" +                        // 0: fine
                            "not json\n" +                       // 1: not JSON
                            "[1,2]\n" +                          // 2: not an object
                            "\n" +                               // blank: skipped
                            "{\"path\":\"/no/such/file.txt\"}\n" +  // 3: missing file
                            "{\"bytes\":\"@@@\",\"source\":\"x\"}\n" +  // 4: not base64
                            "{\"bytes\":\"\",\"source\":\"empty.txt\"}\n" +  // 5: empty input
                            "{\"path\":\"a\",\"bytes\":\"QQ==\"}\n" +  // 6: both
                            good + "\n";                         // 7: fine again
  const std::vector<json> r = stream(input);
  REQUIRE(r.size() == 8);
  for (int i : {0, 7}) CHECK(r[i]["ok"] == true);
  for (int i = 1; i <= 6; ++i) {
    CAPTURE(i);
    CHECK(r[i]["ok"] == false);
    CHECK(r[i]["status"] == exit_input);
    CHECK_FALSE(r[i]["error"].get<std::string>().empty());
  }
  CHECK(r[3]["error"].get<std::string>().find("/no/such/file.txt") != std::string::npos);
  CHECK(r[4]["source"] == "x");
  CHECK(r[5]["error"].get<std::string>().find("empty.txt") != std::string::npos);
}

TEST_CASE("an inline input over the size limit is an error record, not a decoded copy") {
  StreamOptions options;
  options.limits.max_input_bytes = 100;
  const std::vector<json> r =
      stream(json({{"bytes", base64(std::string(1000, 'a'))}, {"source", "big.txt"}}).dump() + "\n", options);
  REQUIRE(r.size() == 1);
  CHECK(r[0]["ok"] == false);
  CHECK(r[0]["error"].get<std::string>().find("--max-input-bytes") != std::string::npos);
}

TEST_CASE("base64 decoding accepts padded and unpadded text and rejects other characters") {
  CHECK(decode_base64("5bm05oql", "-") == "年报");
  CHECK(decode_base64("QQ==", "-") == "A");
  CHECK(decode_base64("QQ", "-") == "A");
  CHECK_THROWS_AS(decode_base64("QQ$=", "-"), InputError);
  CHECK_THROWS_AS(decode_base64("Q", "-"), InputError);
}
