// The whole job for one input, as the stages in order: decode → read blocks → build sections
// → segment sentences → metadata → apply template (cells, checks). Used by every command,
// the tests, the benchmark and the fuzzers.
#pragma once

#include <string>
#include <string_view>

#include "extract/extract.h"
#include "model/limits.h"
#include "model/report.h"

namespace nianbao {

enum class InputKind { automatic, html, text };

struct ExtractOptions {
  std::string source = "-";  // name recorded in the output and in error messages
  std::string encoding;      // forced encoding, "" = decide
  InputKind kind = InputKind::automatic;
  extract::PageOptions pages;  // PDFs and images: which pages, and which of them OCR reads
  Limits limits;
};

// Throws InputError when the input cannot be read as a report at all (binary, too large).
Report extract_report(std::string_view bytes, const ExtractOptions& options);

// Read a whole file (or stdin for "-"); throws InputError naming the file on failure.
std::string read_input(const std::string& path, std::size_t max_bytes);

// Write `content` to `path` atomically (temporary file + rename): a reader never sees half a
// document. "-" writes to stdout. Throws std::runtime_error naming the path on failure.
void write_output(const std::string& path, std::string_view content);

// Removes the temporary files write_output leaves beside `path` when its writer is killed
// before the rename (a batch worker that crashed).
void remove_temporary_outputs(const std::string& path);

}  // namespace nianbao
