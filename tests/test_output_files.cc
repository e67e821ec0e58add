// Output targets (issue 10, items 1–3, 18, 19 and errors.tsv): every output goes through
// pipeline/files.h OutputFile, which never replaces a device or a FIFO, never follows a link
// planted at its temporary name or at errors.tsv, refuses the input as the output, and leaves no
// temporary file behind when a write fails (ulimit -f) or a name is as long as a file system allows.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "model/errors.h"
#include "pipeline/files.h"
#include "tests/corpus.h"
#include "tests/temp_dir.h"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

const char* const kSmallReport = "一、总体情况\n本年度主动公开。\n";

std::set<std::string> entries(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

bool is_kind(const std::string& path, mode_t kind) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && (st.st_mode & S_IFMT) == kind;
}

}  // namespace

TEST_CASE("output to a FIFO is written into the FIFO, which stays a FIFO") {
  test::TempDir t;
  test::write_file(t / "in.txt", kSmallReport);
  REQUIRE(::mkfifo((t / "fifo").c_str(), 0600) == 0);
  // Our reader end is open first, so the writer's open does not wait.
  const int reader = ::open((t / "fifo").c_str(), O_RDONLY | O_NONBLOCK);
  REQUIRE(reader >= 0);
  CHECK(test::run_nianbao("extract " + t / "in.txt" + " -o " + t / "fifo") == 0);
  std::string got(1 << 16, '\0');
  const ssize_t n = ::read(reader, got.data(), got.size());
  ::close(reader);
  got.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  CHECK(is_kind(t / "fifo", S_IFIFO));
  CHECK(got.find("<report ") != std::string::npos);
}

TEST_CASE("output to a character device is written to the device, never replaced by a file") {
  test::TempDir t;
  test::write_file(t / "in.txt", kSmallReport);
  // A null device of our own (as root); elsewhere the FIFO test covers non-regular targets.
  if (::mknod((t / "null").c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) return;
  CHECK(test::run_nianbao("extract " + t / "in.txt" + " -o " + t / "null") == 0);
  CHECK(is_kind(t / "null", S_IFCHR));
  CHECK(entries(t.str()) == std::set<std::string>{"in.txt", "null"});
}

TEST_CASE("output equal to the input, by name, by link or by hard link, is refused and the input kept") {
  test::TempDir t;
  test::write_file(t / "in.txt", kSmallReport);
  fs::create_symlink(t / "in.txt", t / "link.txt");
  fs::create_hard_link(t / "in.txt", t / "hard.txt");
  for (const std::string target : {"in.txt", "link.txt", "hard.txt"}) {
    CAPTURE(target);
    CHECK(test::run_nianbao("extract " + t / "in.txt" + " -o " + t / target + " 2>/dev/null") == exit_output);
    CHECK(test::read_file(t / "in.txt") == kSmallReport);
  }
  CHECK(entries(t.str()) == std::set<std::string>{"in.txt", "link.txt", "hard.txt"});
}

TEST_CASE("temporary output names are random, hidden, exclusive and never follow a planted link") {
  test::TempDir t;
  const std::string target = t / "out.xml";
  test::write_file(t / "victim", "keep");
  // The names the old scheme used: OUT.tmp.<pid>.<n>, for this process.
  for (int n = 0; n < 4; ++n)
    fs::create_symlink(t / "victim", target + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(n));
  {
    OutputFile a(target), b(target);
    a.stream() << "a";
    b.stream() << "b";
    std::set<std::string> temporaries;
    for (const std::string& name : entries(t.str()))
      if (name.rfind(".out.xml.", 0) == 0) temporaries.insert(name);
    CHECK(temporaries.size() == 2);  // two different names, both hidden
    a.commit();
  }
  CHECK(test::read_file(target) == "a");
  CHECK(test::read_file(t / "victim") == "keep");
  CHECK(is_kind(target, S_IFREG));
  for (const std::string& name : entries(t.str())) CHECK(name.find(".tmp-") == std::string::npos);
}

TEST_CASE("an output name of 255 bytes, 85 CJK characters, is written") {
  test::TempDir t;
  test::write_file(t / "in.txt", kSmallReport);
  std::string name;
  for (int i = 0; i < 83; ++i) name += "报";  // 249 bytes + ".xml" = 253
  name += ".xml";
  REQUIRE(name.size() <= 255);
  CHECK(test::run_nianbao("extract " + t / "in.txt" + " -o '" + t / name + "'") == 0);
  CHECK(test::read_file(t / name).find("<report ") != std::string::npos);
  CHECK(entries(t.str()).size() == 2);
}

TEST_CASE("a write beyond ulimit -f fails with status 4 and leaves no temporary file") {
  test::TempDir t;
  test::copy_file(test::corpus_path("001.txt"), t / "in.txt");
  // dash counts ulimit -f in 512-byte blocks: 4 blocks, far less than the XML of 001.txt.
  const std::string cmd = "sh -c 'ulimit -f 4; exec " + std::string(NIANBAO_BINARY) + " extract " + t / "in.txt" +
                          " -o " + t / "out.xml" + " 2>/dev/null'";
  const int rc = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(rc));
  CHECK(WEXITSTATUS(rc) == exit_output);
  CHECK(entries(t.str()) == std::set<std::string>{"in.txt"});
}

TEST_CASE("batch writes errors.tsv as a new file and never through a link planted there") {
  test::TempDir t;
  test::write_file(t / "victim", "keep");
  fs::create_directories(t / "out");
  fs::create_symlink(t / "victim", t / "out/errors.tsv");
  CHECK(test::run_nianbao("batch " + t / "missing.txt" + " -o " + t / "out" + " -q >/dev/null 2>&1") == exit_input);
  CHECK(test::read_file(t / "victim") == "keep");
  CHECK(is_kind(t / "out/errors.tsv", S_IFREG));
  CHECK(test::read_file(t / "out/errors.tsv").find("missing.txt") != std::string::npos);
}
