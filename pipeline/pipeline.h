// pipeline: the whole job for one input, as the stages in order: decode → read blocks → build
// sections → segment sentences → metadata → apply template (cells, checks). Used by every
// command, the tests, the benchmark and the fuzzers; the file helpers are in pipeline/files.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "model/limits.h"
#include "model/report.h"
#include "pipeline/corrections.h"
#include "pipeline/provenance.h"

namespace nianbao {

enum class InputKind { automatic, html, text };

struct ExtractOptions {
  std::string source = "-";  // name recorded in the output and in error messages
  std::string encoding;      // forced encoding, "" = decide
  InputKind kind = InputKind::automatic;
  extract::PageOptions pages;  // PDFs and images: which pages, and which of them OCR reads
  Limits limits;
  std::vector<Correction> corrections;  // applied when their report id is this report's
  std::string template_file;  // a format read from this file instead of a built-in one ("" = detect)
  GivenMeta meta;             // given metadata (--meta, --source-url, a sidecar): wins over what is read
  std::string retrieved;      // the retrieval date when a URL is given without one (YYYY-MM-DD)
};

// Throws InputError when the input cannot be read as a report at all (binary, too large), and
// schema::TemplateError when options.template_file is not a valid template. `owner`, when given,
// holds `bytes` and is freed once a text or HTML input is decoded (the input is not alive beside
// what is read from it).
Report extract_report(std::string_view bytes, const ExtractOptions& options, std::string* owner = nullptr);

// For a process that extracts report after report (the command's batch, index and serve, the
// benchmark): the heap keeps heap_top_pad bytes of freed memory at its top rather than giving
// them back to the system after each report and faulting them in again a page at a time (the
// corpus texts: 21 500 page faults for 10 MB of reports, a third of the run's time; 2 600
// kept). Process-wide (glibc's M_TOP_PAD, and no fast bins: see pipeline.cc); a no-op elsewhere.
// Call once, at the start of main.
void keep_heap_between_reports();

// The ids of the report formats the templates define ("gov-2019", …), and "none" (no format).
std::vector<std::string> format_ids();

}  // namespace nianbao
