// The files around a report, shared by every command: which file names are reports (and which
// of them are HTML pages), reading an input within its size limit, and writing an output so
// that a reader never sees half a document.
#pragma once

#include <cstddef>
#include <memory>
#include <istream>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao {

// The extensions of web pages (lower case, with the dot): .html .htm .shtml .xhtml .jsp .php …
const std::vector<std::string>& html_extensions();
// The extensions a folder walk takes as reports: text, web pages, PDFs and scanned images.
const std::vector<std::string>& report_extensions();
// The extension of a file name, lower case, with the dot (".html"); "" when it has none.
std::string lower_extension(std::string_view name);
// True if the name ends in one of these (case-insensitive).
bool has_html_name(std::string_view name);
bool has_report_name(std::string_view name);

// Read a whole input (a file, or stdin for "-") as a stream, never trusting a size a
// non-regular file reports (a FIFO, /dev/stdin, `<(cmd)`): reading stops with an InputError at
// max_bytes + 1 bytes. Throws InputError naming the file on failure.
std::string read_input(const std::string& path, std::size_t max_bytes);

// An output written as a stream and put in place whole by commit(). The one writer of every
// output file (docs/robustness.md, "Output targets"):
// - a regular or missing target is written as a temporary file in its folder, created with a
//   random name and O_EXCL|O_NOFOLLOW (a planted link or file is never followed), its name short
//   enough for NAME_MAX whatever the target's, and renamed into place by commit(); a reader never
//   sees half a document and an OutputFile destroyed without commit() leaves nothing behind;
// - an existing non-regular target (a device such as /dev/null, a FIFO, a socket) is written
//   directly and never replaced;
// - a target that is the same file as `input` (device and inode) is refused before anything is
//   written;
// - a file-size limit (`ulimit -f`) is an OutputError (SIGXFSZ is ignored, EFBIG reported), and
//   the temporary file is removed.
// "-" is standard output. Errors are OutputErrors naming `path`.
class OutputFile {
 public:
  explicit OutputFile(const std::string& path, const std::string& input = "");
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  std::ostream& stream();
  void commit();

 private:
  std::string path_;
  std::string temporary_;  // "" for stdout, a non-regular target, and after commit
  int fd_ = -1;
  std::unique_ptr<std::streambuf> buffer_;
  std::unique_ptr<std::ostream> stream_;
};

// Write `content` to `path` through an OutputFile (refusing `input` as the target).
void write_output(const std::string& path, std::string_view content, const std::string& input = "");

// A log file that must exist while it is written (OUTDIR/errors.tsv): a new file put in place
// at once by the same creation as OutputFile (never opening a link or another file planted at
// `path`), returned open for writing. Throws OutputError naming `path`.
int create_replacing(const std::string& path);

// Removes the temporary files OutputFile leaves beside `path` when its writer is killed
// before the rename (a batch worker that crashed).
void remove_temporary_outputs(const std::string& path);

// The fields of one RFC 4180 CSV record read from `in` (quoted fields may hold commas, quotes
// and newlines; CR dropped); `line` counts the lines read. False at the end of the input.
bool read_csv_record(std::istream& in, std::vector<std::string>& fields, std::size_t& line);

}  // namespace nianbao
