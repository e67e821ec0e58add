// Corpus helpers for the tests (see corpus.h).
#include "tests/corpus.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "schema/schema.h"
#include "output/output.h"

namespace nianbao::test {

std::string source_dir() { return NIANBAO_SOURCE_DIR; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Files whose input column in corpus/SOURCES.tsv says they are scans (read by OCR).
static std::vector<std::string> scanned_files() {
  std::vector<std::string> out;
  std::istringstream in(read_file(source_dir() + "/corpus/SOURCES.tsv"));
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, '\t');) f.push_back(x);
    if (f.size() > 4 && f[4].find("(scan)") != std::string::npos) out.push_back(f[0]);
  }
  return out;
}

std::vector<std::string> corpus_files(Scans scans) {
  std::vector<std::string> out;
  const std::vector<std::string> scanned = scanned_files();
  for (const auto& e : std::filesystem::directory_iterator(source_dir() + "/corpus")) {
    const std::string ext = e.path().extension().string();
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || !(ext == ".txt" || ext == ".html" || ext == ".pdf")) continue;
    const bool scan = std::find(scanned.begin(), scanned.end(), name) != scanned.end();
    if (scan == (scans == Scans::only)) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string corpus_path(const std::string& file) { return source_dir() + "/corpus/" + file; }

static std::string strip_spaces(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t') continue;
    if (s.compare(i, 3, "\u3000") == 0) { i += 2; continue; }
    out += s[i];
  }
  return out;
}

static std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::size_t start = 0;
  for (std::size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + sep.size())
    out.push_back(s.substr(start, at - start));
  out.push_back(s.substr(start));
  return out;
}

Expected expected_for(const std::string& file) {
  const std::string stem = file.substr(0, file.rfind('.'));
  std::istringstream in(read_file(source_dir() + "/corpus/expected/" + stem + ".tsv"));
  Expected e;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    const std::string key = line.substr(0, tab);
    const std::string value = tab == std::string::npos ? "" : line.substr(tab + 1);
    if (key == "@template") e.template_id = value;
    else if (key == "@sections") for (const std::string& s : split(value, " | ")) e.sections.push_back(strip_spaces(s));
    else if (key == "@fails") for (const std::string& f : split(value, ",")) e.fails.push_back(strip_spaces(f));
    else e.cells[key] = value;
  }
  return e;
}

Report extract_corpus(const std::string& file) {
  ExtractOptions options;
  options.source = "corpus/" + file;
  return extract_report(read_file(corpus_path(file)), options);
}

std::string state_of(const CellValue& v) {
  switch (v.state) {
    case ValueState::number: return v.number;
    case ValueState::blank: return "blank";
    case ValueState::dash: return "dash";
    case ValueState::ambiguous: return "ambiguous";
  }
  return "?";
}

std::vector<std::string> level1_headings(const Report& r) {
  std::vector<std::string> out;
  for (const Section& s : r.sections)
    if (s.level == 1) out.push_back(strip_spaces(s.heading));
  return out;
}

namespace {
thread_local std::string validation_errors;
void collect_error(void*, const char* msg, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, msg);
  vsnprintf(buf, sizeof buf, msg, ap);
  va_end(ap);
  validation_errors += buf;
}
void ignore_warning(void*, const char*, ...) {}
}  // namespace

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string validate_against_schema(const std::string& xml) {
  std::string& errors = validation_errors;
  errors.clear();
  const std::string_view rng = output::relax_ng();
  xmlRelaxNGParserCtxtPtr pctx = xmlRelaxNGNewMemParserCtxt(rng.data(), static_cast<int>(rng.size()));
  xmlRelaxNGPtr grammar = xmlRelaxNGParse(pctx);
  xmlRelaxNGFreeParserCtxt(pctx);
  if (!grammar) return "output/nianbao.rng does not parse";
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "report.xml", "UTF-8", XML_PARSE_NONET);
  if (!doc) {
    xmlRelaxNGFree(grammar);
    return "output is not well-formed XML";
  }
  xmlRelaxNGValidCtxtPtr vctx = xmlRelaxNGNewValidCtxt(grammar);
  xmlRelaxNGSetValidErrors(vctx, collect_error, ignore_warning, nullptr);
  const int rc = xmlRelaxNGValidateDoc(vctx, doc);
  xmlRelaxNGFreeValidCtxt(vctx);
  xmlFreeDoc(doc);
  xmlRelaxNGFree(grammar);
  if (rc == 0) return "";
  return errors.empty() ? "invalid" : errors;
}

}  // namespace nianbao::test
