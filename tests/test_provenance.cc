// Given metadata: extract --meta / --source-url (standard input included) and batch --sidecar win
// over what is read, are recorded as given, and travel with the URL and the retrieval date into
// the XML, the JSON, the database and every export.
#include <doctest/doctest.h>

#include <ctime>
#include <filesystem>

#include "tests/corpus.h"
#include "tests/temp_dir.h"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

std::string today() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &utc);
  return buf;
}

}  // namespace

TEST_CASE("extract --meta and --source-url on standard input win over what is read and are recorded as given") {
  test::TempDir t;
  // 001.txt says 淮安市人民政府 and 2024 (corpus/metadata.tsv); the given values replace them.
  const std::string cmd = "extract - --meta agency=淮安市洪泽区人民政府 --meta year=2023 --source-url "
                          "'https://www.example.gov.cn/a?b=1&c=2' --meta published=2024-01-20 -o " + t / "x.xml";
  REQUIRE(test::run_nianbao(cmd + " < " + test::corpus_path("001.txt")) == 0);
  const std::string xml = test::read_file(t / "x.xml");
  CHECK(xml.find("province=\"江苏省\" city=\"淮安市\" county=\"洪泽区\">淮安市洪泽区人民政府</agency>") != std::string::npos);
  CHECK(xml.find("<year>2023</year>") != std::string::npos);
  CHECK(xml.find("<provenance url=\"https://www.example.gov.cn/a?b=1&amp;c=2\" retrieved=\"" + today() +
                 "\" published=\"2024-01-20\" given=\"agency year published url\" />") != std::string::npos);
  CHECK(test::validate_against_schema(xml) == "");
  REQUIRE(test::run_nianbao(cmd + " --format json < " + test::corpus_path("001.txt")) == 0);
  CHECK(test::read_file(t / "x.xml").find("\"given\": [") != std::string::npos);

  CHECK(test::run_nianbao("extract - --meta colour=red < " + test::corpus_path("001.txt") + " 2>/dev/null") == 2);
  CHECK(test::run_nianbao("extract - --meta year=24 < " + test::corpus_path("001.txt") + " 2>/dev/null") == 2);
  CHECK(test::run_nianbao("extract - --source-url ftp://x < " + test::corpus_path("001.txt") + " 2>/dev/null") == 2);
}

TEST_CASE("batch --sidecar gives each input its url, agency, year and published date, through index into every export") {
  test::TempDir t;
  test::copy_file(test::corpus_path("002.txt"), t / "in/002.txt");
  test::copy_file(test::corpus_path("017.html"), t / "in/017.html");
  test::write_file(t / "in/sources.csv",
                   "path,url,agency,year,published\n"
                   "002.txt,https://www.hongze.gov.cn/2023.html,,,2024-01-31\n"
                   "017.html,\"https://www.shuyang.gov.cn/fgj/a,b.html\",沭阳县发展和改革局,2023,2024-01-15\n");
  REQUIRE(test::run_nianbao("batch " + t / "in" + " -o " + t / "out --sidecar " + t / "in/sources.csv" + " >/dev/null 2>&1") == 0);
  REQUIRE(test::run_nianbao("index " + t / "out --db " + t / "c.db >/dev/null") == 0);
  REQUIRE(test::run_nianbao("export --db " + t / "c.db --csv -o " + t / "wide.csv") == 0);
  REQUIRE(test::run_nianbao("export --db " + t / "c.db --long -o " + t / "long.csv") == 0);
  REQUIRE(test::run_nianbao("export --db " + t / "c.db --checks -o " + t / "checks.csv") == 0);
  REQUIRE(test::run_nianbao("export --db " + t / "c.db --ndjson -o " + t / "bulk.ndjson") == 0);
  const std::string wide = test::read_file(t / "wide.csv");
  CHECK(wide.rfind("report,path,source,url,retrieved,published,agency,", 0) == 0);
  CHECK(wide.find(",https://www.hongze.gov.cn/2023.html,") != std::string::npos);
  CHECK(wide.find(",2024-01-31,") != std::string::npos);
  CHECK(wide.find(",\"https://www.shuyang.gov.cn/fgj/a,b.html\",") != std::string::npos);
  for (const char* f : {"long.csv", "checks.csv"})
    CHECK_MESSAGE(test::read_file(t / f).find(",https://www.hongze.gov.cn/2023.html\n") != std::string::npos, f);
  CHECK(test::read_file(t / "bulk.ndjson").find("\"url\":\"https://www.hongze.gov.cn/2023.html\",\"retrieved\":\"") !=
        std::string::npos);

  // A bad row is an input error naming the file and its line; nothing is extracted.
  test::write_file(t / "bad.csv", "path,year\n002.txt,2023\n017.html,23\n");
  CHECK(test::run_nianbao("batch " + t / "in" + " -o " + t / "out2 --sidecar " + t / "bad.csv" + " >/dev/null 2>" +
                          t / "err") == 3);
  CHECK(test::read_file(t / "err").find("bad.csv: line 3: year \"23\" is not four digits") != std::string::npos);
}
