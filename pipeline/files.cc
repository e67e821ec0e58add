// The files around a report: which names are reports (and which are HTML), reading an input
// (a file or stdin) within the size limit, and writing an output atomically.
#include "pipeline/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <functional>
#include <mutex>
#include <random>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <istream>
#include <vector>

#include "model/errors.h"

namespace nianbao {

std::string lower_extension(std::string_view name) {
  const std::size_t slash = name.find_last_of('/');
  const std::size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
  std::string ext(name.substr(dot));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

namespace {

bool listed(const std::vector<std::string>& list, const std::string& ext) {
  return std::find(list.begin(), list.end(), ext) != list.end();
}

}  // namespace

const std::vector<std::string>& html_extensions() {
  static const std::vector<std::string> exts = {".html", ".htm", ".shtml", ".xhtml", ".jsp", ".php", ".asp", ".aspx"};
  return exts;
}

const std::vector<std::string>& report_extensions() {
  static const std::vector<std::string> exts = [] {
    std::vector<std::string> all = {".txt", ".text"};
    all.insert(all.end(), html_extensions().begin(), html_extensions().end());
    // What agencies publish and archives hold besides pages: PDFs, scans as images, Word files
    // (.doc and .wps are taken to say that they need converting, unless they are HTML inside).
    all.insert(all.end(), {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".docx", ".doc", ".wps"});
    return all;
  }();
  return exts;
}

bool has_html_name(std::string_view name) { return listed(html_extensions(), lower_extension(name)); }

bool has_report_name(std::string_view name) { return listed(report_extensions(), lower_extension(name)); }

namespace {

std::string errno_text(int e) { return std::strerror(e); }

// Reads an open descriptor to its end, failing at more than max_bytes.
std::string read_stream(int fd, const std::string& path, std::size_t max_bytes, std::size_t size_hint) {
  std::string data;
  data.reserve(std::min(size_hint, max_bytes) + 1);
  char chunk[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(path, "read error: " + errno_text(errno));
    }
    if (data.size() + static_cast<std::size_t>(n) > max_bytes)
      throw InputError(path, "input is more than the limit of " + std::to_string(max_bytes) +
                                 " bytes (--max-input-bytes); reading stopped there");
    data.append(chunk, static_cast<std::size_t>(n));
  }
  return data;
}

}  // namespace

std::string read_input(const std::string& path, std::size_t max_bytes) {
  if (path == "-") return read_stream(STDIN_FILENO, path, max_bytes, 0);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(path, "cannot open: " + errno_text(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw InputError(path, "cannot read: " + errno_text(errno));
  if (S_ISDIR(st.st_mode)) throw InputError(path, "is a directory");
  // Only a regular file's size is known before reading; a FIFO or a device says 0 or anything.
  if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > max_bytes)
    throw InputError(path, "input is " + std::to_string(st.st_size) + " bytes, more than the limit of " +
                               std::to_string(max_bytes) + " (--max-input-bytes)");
  return read_stream(fd, path, max_bytes, S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0);
}

namespace {

// Temporary names: "." + the target's name cut to fit + "." + a hash of the whole name +
// ".tmp-" + 8 random characters. Hidden, so folder walks skip them; at most
// 1 + kNameBytes + 1 + 16 + 5 + 8 bytes, well under NAME_MAX (255) for any target name.
constexpr std::size_t kNameBytes = 160;
constexpr std::size_t kRandomChars = 8;

std::string temporary_prefix(const std::string& path) {
  const std::filesystem::path target(path);
  const std::string name = target.filename().string();
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(name));
  const std::string stem = "." + name.substr(0, kNameBytes) + "." + hash + ".tmp-";
  return (target.has_parent_path() ? target.parent_path() / stem : std::filesystem::path(stem)).string();
}

// Creates a new file at a random temporary name for `path` (O_EXCL: never an existing file or
// link). Returns the descriptor and sets `name`.
int create_temporary(const std::string& path, std::string& name) {
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  static std::random_device device;
  static std::mt19937_64 random(device() ^ (static_cast<std::uint64_t>(::getpid()) << 32));
  const std::string prefix = temporary_prefix(path);
  for (int attempt = 0; attempt < 100; ++attempt) {
    name = prefix;
    for (std::size_t i = 0; i < kRandomChars; ++i) name += alphabet[random() % (sizeof alphabet - 1)];
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno != EEXIST) throw OutputError(path + ": cannot write: " + errno_text(errno));
  }
  throw OutputError(path + ": cannot write: no free temporary name");
}

// A file larger than `ulimit -f` must fail as a write error, not kill the process with the
// temporary file left behind.
void ignore_file_size_signal() {
  static std::once_flag once;
  std::call_once(once, [] { std::signal(SIGXFSZ, SIG_IGN); });
}

// A streambuf writing to a descriptor; a failed write (EFBIG, ENOSPC, EPIPE) sets errno and
// fails the stream.
class DescriptorBuffer : public std::streambuf {
 public:
  explicit DescriptorBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override {
    const char* p = pbase();
    while (p < pptr()) {
      const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        return -1;
      }
      p += n;
    }
    setp(buffer_, buffer_ + sizeof buffer_);
    return 0;
  }

 private:
  int fd_;
  int error_ = 0;
  char buffer_[1 << 16];
};

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

}  // namespace

OutputFile::OutputFile(const std::string& path, const std::string& input) : path_(path) {
  if (path == "-") return;
  ignore_file_size_signal();
  struct stat target {};
  const bool exists = ::stat(path.c_str(), &target) == 0;
  struct stat in {};
  if (exists && S_ISREG(target.st_mode) && !input.empty() && input != "-" && ::stat(input.c_str(), &in) == 0 &&
      same_file(target, in))
    throw OutputError(path + ": is the input " + input + "; refusing to replace it (choose another output)");
  if (exists && S_ISDIR(target.st_mode)) throw OutputError(path + ": is a directory");
  if (exists && !S_ISREG(target.st_mode)) {
    // A device or a FIFO: written to as it is, never replaced by a regular file.
    fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) throw OutputError(path + ": cannot write: " + errno_text(errno));
  } else {
    const std::filesystem::path p(path);
    std::error_code ec;
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
    fd_ = create_temporary(path, temporary_);
  }
  buffer_ = std::make_unique<DescriptorBuffer>(fd_);
  stream_ = std::make_unique<std::ostream>(buffer_.get());
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temporary_.empty()) ::unlink(temporary_.c_str());
}

std::ostream& OutputFile::stream() { return stream_ ? *stream_ : std::cout; }

void OutputFile::commit() {
  if (!stream_) {
    std::cout.flush();
    if (!std::cout) throw OutputError("cannot write to standard output");
    return;
  }
  stream_->flush();
  const int error = static_cast<DescriptorBuffer&>(*buffer_).error();
  if (!*stream_ || error != 0)
    throw OutputError(path_ + ": write failed: " + errno_text(error ? error : EIO) +
                      (error == EFBIG ? " (the file size limit, ulimit -f)" : ""));
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) throw OutputError(path_ + ": write failed: " + errno_text(errno));
  if (temporary_.empty()) return;
  if (::rename(temporary_.c_str(), path_.c_str()) != 0)
    throw OutputError(path_ + ": cannot replace: " + errno_text(errno));
  temporary_.clear();
}

void write_output(const std::string& path, std::string_view content, const std::string& input) {
  OutputFile out(path, input);
  out.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  out.commit();
}

int create_replacing(const std::string& path) {
  std::string temporary;
  const int fd = create_temporary(path, temporary);
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int e = errno;
    ::close(fd);
    ::unlink(temporary.c_str());
    throw OutputError(path + ": cannot write: " + errno_text(e));
  }
  return fd;
}

void remove_temporary_outputs(const std::string& path) {
  const std::filesystem::path target(path);
  const std::string prefix = std::filesystem::path(temporary_prefix(path)).filename().string();
  std::error_code ec;
  for (std::filesystem::directory_iterator it(target.has_parent_path() ? target.parent_path() : ".", ec), end;
       !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() == prefix.size() + kRandomChars && name.compare(0, prefix.size(), prefix) == 0)
      std::filesystem::remove(it->path(), ec);
  }
}

bool read_csv_record(std::istream& in, std::vector<std::string>& fields, std::size_t& line) {
  fields.assign(1, "");
  bool quoted = false, any = false;
  for (char ch; in.get(ch);) {
    any = true;
    if (quoted) {
      if (ch == '"' && in.peek() == '"') fields.back() += '"', in.get();
      else if (ch == '"') quoted = false;
      else fields.back() += ch, line += ch == '\n';
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      fields.emplace_back();
    } else if (ch == '\n') {
      ++line;
      return true;
    } else if (ch != '\r') {
      fields.back() += ch;
    }
  }
  return any;
}


}  // namespace nianbao
