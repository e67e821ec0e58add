// The files around a report, shared by every command: which file names are reports (and which
// of them are HTML pages), reading an input within its size limit, and writing an output so
// that a reader never sees half a document.
#pragma once

#include <cstddef>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao {

// The extensions of web pages (lower case, with the dot): .html .htm .shtml .xhtml .jsp .php …
const std::vector<std::string>& html_extensions();
// The extensions a folder walk takes as reports: text and the web pages.
const std::vector<std::string>& report_extensions();
// The extension of a file name, lower case, with the dot (".html"); "" when it has none.
std::string lower_extension(std::string_view name);
// True if the name ends in one of these (case-insensitive).
bool has_html_name(std::string_view name);
bool has_report_name(std::string_view name);

// Read a whole file (or stdin for "-"); throws InputError naming the file on failure.
std::string read_input(const std::string& path, std::size_t max_bytes);

// An output written as a stream and put in place whole by commit() (a temporary file beside
// `path`, renamed): a reader never sees half a document, and an OutputFile destroyed without
// commit() leaves nothing behind. "-" is standard output. Errors are OutputErrors naming `path`.
class OutputFile {
 public:
  explicit OutputFile(const std::string& path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  std::ostream& stream();
  void commit();

 private:
  std::string path_;
  std::string temporary_;  // "" for stdout and after commit
  std::ofstream file_;
};

// Write `content` to `path` through an OutputFile.
void write_output(const std::string& path, std::string_view content);

// Removes the temporary files write_output leaves beside `path` when its writer is killed
// before the rename (a batch worker that crashed).
void remove_temporary_outputs(const std::string& path);

}  // namespace nianbao
