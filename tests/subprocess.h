// Runs a piece of a test in a forked child, for what must be measured or bounded from outside:
// its peak memory (maxrss from wait4, not a timing) and a time limit, so that a hang or a
// runaway allocation fails the test instead of the machine.
#pragma once

#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <functional>

namespace nianbao::test {

struct ChildResult {
  bool finished = false;     // exited normally (not killed by the time or memory limit)
  int status = -1;           // its exit status
  long max_rss_kib = 0;      // peak resident memory
  double cpu_seconds = 0;    // user + system time
};

// AddressSanitizer reserves terabytes of address space for its shadow memory, so a bound on the
// address space cannot hold under it: the CPU bound still stops a runaway child there.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool address_space_boundable = false;
#else
inline constexpr bool address_space_boundable = true;
#endif

// `body` runs in the child, which then exits 0 (or 1 on an exception); at most `seconds` of
// CPU and `memory_bytes` of address space (0: no bound; not under AddressSanitizer).
inline ChildResult run_in_child(const std::function<void()>& body, unsigned seconds, std::size_t memory_bytes = 0) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const rlimit cpu{seconds, seconds};
    ::setrlimit(RLIMIT_CPU, &cpu);
    if (memory_bytes && address_space_boundable) {
      const rlimit as{memory_bytes, memory_bytes};
      ::setrlimit(RLIMIT_AS, &as);
    }
    try {
      body();
    } catch (...) {
      ::_exit(1);
    }
    ::_exit(0);
  }
  ChildResult r;
  int status = 0;
  rusage usage{};
  if (pid < 0 || ::wait4(pid, &status, 0, &usage) != pid) return r;
  r.finished = WIFEXITED(status);
  r.status = r.finished ? WEXITSTATUS(status) : -1;
  r.max_rss_kib = usage.ru_maxrss;
  r.cpu_seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  return r;
}

}  // namespace nianbao::test
