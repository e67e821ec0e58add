// Test helpers over corpus/: the real reports, their hand-checked expectations
// (corpus/expected/NAME.tsv, format in corpus/README.md), and XML validation with libxml2.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "model/report.h"

namespace nianbao::test {

std::string source_dir();
std::string read_file(const std::string& path);

// The report files of corpus/ (NAME.txt, NAME.html, NAME.pdf), sorted: those with a text
// (by default), or the scans that need OCR (SOURCES.tsv input "pdf (scan)").
enum class Scans { excluded, only };
std::vector<std::string> corpus_files(Scans scans = Scans::excluded);
std::string corpus_path(const std::string& file);

struct Expected {
  std::string template_id;
  std::vector<std::string> sections;      // @sections, whitespace removed
  std::vector<std::string> fails;         // @fails
  std::map<std::string, std::string> cells;  // cell id → number | blank | dash | ambiguous
};
// corpus/expected/NAME.tsv for a report file name ("001.txt" → expected/001.tsv).
Expected expected_for(const std::string& file);

// The report extracted from a corpus file, as the command would.
Report extract_corpus(const std::string& file);

// A value as the expectation files write it: its number, or blank / dash / ambiguous.
std::string state_of(const CellValue& v);

// Level-1 section headings of a report, whitespace removed.
std::vector<std::string> level1_headings(const Report& r);

// "a | b | c", for readable failure messages.
std::string join(const std::vector<std::string>& parts, const std::string& sep = " | ");

// Validate an XML document against output/nianbao.rng; returns "" when valid, else the errors.
std::string validate_against_schema(const std::string& xml);

}  // namespace nianbao::test
