// The start-up benchmark: the cost of one `nianbao extract FILE` process on a small file, as a
// pipeline that calls the command once per file pays it. Spawns the command N times and prints
// the mean wall time and the mean CPU time (user + system, from wait4's rusage: it does not count
// time spent waiting for a busy machine's cores). Several binaries (comma-separated: builds to
// compare, or /bin/true for the floor of any process) are run in turns, ROUNDS rounds of N runs
// each, so that a machine whose load changes weighs on all alike; per binary it prints the
// median and the lowest of the rounds' mean CPU times.
// Usage: nianbao_startup NIANBAO[,NIANBAO...] FILE [N] [ROUNDS]
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

extern char** environ;

namespace {

struct Sample {
  double wall_ms = 0;
  double cpu_ms = 0;
};

Sample run_once(const char* binary, const char* file) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  const char* argv[] = {binary, "extract", file, nullptr};
  const auto t0 = std::chrono::steady_clock::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, binary, &actions, nullptr, const_cast<char**>(argv), environ) != 0) {
    std::perror("posix_spawn");
    std::exit(2);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const auto t1 = std::chrono::steady_clock::now();
  posix_spawn_file_actions_destroy(&actions);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "startup: %s extract %s failed\n", binary, file);
    std::exit(2);
  }
  auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
  return {std::chrono::duration<double, std::milli>(t1 - t0).count(), ms(usage.ru_utime) + ms(usage.ru_stime)};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s NIANBAO[,NIANBAO...] FILE [N] [ROUNDS]\n", argv[0]);
    return 2;
  }
  std::vector<std::string> binaries;
  for (std::string list = argv[1]; !list.empty();) {
    const std::size_t comma = list.find(',');
    binaries.push_back(list.substr(0, comma));
    list = comma == std::string::npos ? "" : list.substr(comma + 1);
  }
  const int n = argc > 3 ? std::atoi(argv[3]) : 200;
  const int rounds = argc > 4 ? std::atoi(argv[4]) : 1;
  if (binaries.empty() || n < 1 || rounds < 1) {
    std::fprintf(stderr, "%s: N and ROUNDS must be at least 1\n", argv[0]);
    return 2;
  }
  for (const std::string& b : binaries) run_once(b.c_str(), argv[2]);  // warm the page cache
  std::vector<std::vector<double>> cpu(binaries.size()), wall(binaries.size());  // per round: means
  for (int r = 0; r < rounds; ++r)
    for (std::size_t b = 0; b < binaries.size(); ++b) {
      double wall_sum = 0, cpu_sum = 0;
      for (int i = 0; i < n; ++i) {
        const Sample s = run_once(binaries[b].c_str(), argv[2]);
        wall_sum += s.wall_ms, cpu_sum += s.cpu_ms;
      }
      cpu[b].push_back(cpu_sum / n), wall[b].push_back(wall_sum / n);
    }
  for (std::size_t b = 0; b < binaries.size(); ++b)
    std::printf("start-up: %s extract %s, %d x %d runs: CPU %.2f ms (lowest round %.2f), wall %.2f ms\n",
                binaries[b].c_str(), argv[2], rounds, n, median(cpu[b]), *std::min_element(cpu[b].begin(), cpu[b].end()),
                median(wall[b]));
  return 0;
}
