// The start-up benchmark: the cost of one `nianbao extract FILE` process on a small file, as a
// pipeline that calls the command once per file pays it. Spawns the command N times and prints
// the mean wall time and the mean CPU time (user + system, from wait4's rusage: it does not count
// time spent waiting for a busy machine's cores). Usage: nianbao_startup NIANBAO FILE [N]
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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s NIANBAO FILE [N]\n", argv[0]);
    return 2;
  }
  const int n = argc > 3 ? std::atoi(argv[3]) : 200;
  run_once(argv[1], argv[2]);  // warm the page cache
  std::vector<Sample> samples;
  for (int i = 0; i < n; ++i) samples.push_back(run_once(argv[1], argv[2]));
  double wall = 0, cpu = 0;
  for (const Sample& s : samples) wall += s.wall_ms, cpu += s.cpu_ms;
  std::vector<double> walls;
  for (const Sample& s : samples) walls.push_back(s.wall_ms);
  std::sort(walls.begin(), walls.end());
  std::printf("start-up: %s extract %s, %d runs: CPU %.2f ms, wall %.2f ms (median %.2f)\n", argv[1], argv[2], n,
              cpu / n, wall / n, walls[walls.size() / 2]);
  return 0;
}
