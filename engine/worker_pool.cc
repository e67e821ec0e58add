// The worker processes of `batch` (see worker_pool.h). Protocol, one pipe each way per worker:
// the parent writes an input's index (8 bytes), the worker answers with a 4-byte length and the
// message. End of file on the task pipe tells a worker to exit; end of file on its answer pipe
// while it holds an input means it died on that input.
#include "engine/internal/worker_pool.h"

#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

namespace nianbao::engine {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t idle = static_cast<std::size_t>(-1);
constexpr std::uint32_t max_message = 16 * 1024;

bool write_all(int fd, const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// False at end of file or on an error before `size` bytes.
bool read_all(int fd, void* data, std::size_t size) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = ::read(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

struct Worker {
  pid_t pid = -1;
  int task_fd = -1;    // parent → worker: indices
  int answer_fd = -1;  // worker → parent: messages
  std::size_t input = idle;
  Clock::time_point since;
  bool killed_for_time = false;
};

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

[[noreturn]] void worker_main(int task_fd, int answer_fd, const std::function<std::string(std::size_t)>& work) {
  auto loop = [&] {
    std::uint64_t index = 0;
    while (read_all(task_fd, &index, sizeof index)) {
      std::string message = work(static_cast<std::size_t>(index));
      if (message.size() > max_message) message.resize(max_message);
      const auto length = static_cast<std::uint32_t>(message.size());
      std::string frame(reinterpret_cast<const char*>(&length), sizeof length);
      frame += message;
      if (!write_all(answer_fd, frame.data(), frame.size())) break;
    }
  };
  // The loop runs on a thread of its own so that its allocations come from a fresh malloc
  // arena: in the inherited main arena they would reuse free chunks scattered among the
  // parent's pages (the list of inputs) and copy those pages, a cost per input of the batch.
  try {
    std::thread(loop).join();
  } catch (const std::system_error&) {
    loop();  // no thread to be had: the main arena will do
  }
  // _exit: no destructors or atexit handlers of the parent's state, no flush of its buffers.
  ::_exit(0);
}

// Waits for a child process to end; returns its wait status.
int reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// Why a worker ended while it held an input, from its wait status.
std::string death_reason(int status, const Worker& w, double timeout) {
  if (w.killed_for_time) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "stopped after %.0f s on this input (--timeout); no output", timeout);
    return buf;
  }
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = sigabbrev_np(sig);
    return std::string("nianbao crashed on this input (signal ") + (name ? std::string("SIG") + name : std::to_string(sig)) +
           ", " + strsignal(sig) + "); no output. Please report it with the input";
  }
  if (WIFEXITED(status))
    return "the worker process ended (exit status " + std::to_string(WEXITSTATUS(status)) +
           ") without finishing this input; no output";
  return "the worker process ended without finishing this input; no output";
}

class Pool {
 public:
  Pool(std::size_t total, const WorkerPoolOptions& options, const std::function<std::string(std::size_t)>& work)
      : total_(total), options_(options), work_(work) {}

  ~Pool() {
    for (Worker& w : workers_) {
      close_fd(w.task_fd);
      close_fd(w.answer_fd);
      if (w.pid > 0) {
        if (w.input != idle) ::kill(w.pid, SIGKILL);
        reap(w.pid);
      }
    }
  }

  void run(const std::function<void(std::size_t, const std::string&)>& on_done,
           const std::function<void(std::size_t, const std::string&)>& on_failed, const std::function<void()>& on_tick) {
    const std::size_t n = std::max<std::size_t>(1, std::min<std::size_t>(options_.workers, total_));
    workers_.resize(n);
    for (Worker& w : workers_)
      if (next_ < total_) start(w);
    std::size_t finished = 0;
    std::vector<pollfd> fds;
    std::vector<Worker*> polled;
    while (finished < total_) {
      fds.clear();
      polled.clear();
      for (Worker& w : workers_)
        if (w.input != idle) {
          fds.push_back({w.answer_fd, POLLIN, 0});
          polled.push_back(&w);
        }
      if (fds.empty())  // no worker could be started, or none restarted
        throw std::runtime_error(std::string("cannot start a worker process: ") + std::strerror(start_errno_));
      const int ready = ::poll(fds.data(), fds.size(), options_.tick_ms);
      if (ready < 0 && errno != EINTR) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
      for (std::size_t k = 0; ready > 0 && k < fds.size(); ++k) {
        if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        Worker& w = *polled[k];
        const std::size_t input = w.input;
        std::uint32_t length = 0;
        std::string message;
        bool ok = read_all(w.answer_fd, &length, sizeof length) && length <= max_message;
        if (ok) {
          message.resize(length);
          ok = read_all(w.answer_fd, message.data(), length);
        }
        ++finished;
        if (ok) {
          w.input = idle;
          on_done(input, message);
          if (next_ < total_) assign(w);
          else close_fd(w.task_fd);  // the worker exits at end of file
        } else {
          on_failed(input, bury(w));
          if (next_ < total_) start(w);
        }
      }
      if (options_.timeout_seconds > 0) {
        const auto now = Clock::now();
        for (Worker& w : workers_)
          if (w.input != idle && !w.killed_for_time &&
              std::chrono::duration<double>(now - w.since).count() > options_.timeout_seconds) {
            ::kill(w.pid, SIGKILL);  // its answer pipe then ends: reported by the loop above
            w.killed_for_time = true;
          }
      }
      on_tick();
    }
  }

 private:
  // Forks a worker into `w` and gives it the next input. On failure `w` stays empty.
  void start(Worker& w) {
    int task[2], answer[2];
    if (::pipe(task) != 0) {
      start_errno_ = errno;
      return;
    }
    if (::pipe(answer) != 0) {
      start_errno_ = errno;
      ::close(task[0]);
      ::close(task[1]);
      return;
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
      start_errno_ = errno;
      for (int fd : {task[0], task[1], answer[0], answer[1]}) ::close(fd);
      return;
    }
    if (pid == 0) {
      // The other workers' pipes are theirs: holding them would keep their task pipes open.
      for (Worker& other : workers_) {
        if (other.task_fd >= 0) ::close(other.task_fd);
        if (other.answer_fd >= 0) ::close(other.answer_fd);
      }
      ::close(task[1]);
      ::close(answer[0]);
      worker_main(task[0], answer[1], work_);
    }
    ::close(task[0]);
    ::close(answer[1]);
    w = Worker{};
    w.pid = pid;
    w.task_fd = task[1];
    w.answer_fd = answer[0];
    assign(w);
  }

  void assign(Worker& w) {
    const std::uint64_t index = next_++;
    w.input = static_cast<std::size_t>(index);
    w.since = Clock::now();
    // A failed write means the worker is gone: its answer pipe ends and the loop reports it.
    write_all(w.task_fd, &index, sizeof index);
  }

  // Reaps a worker that ended while holding an input; returns why it ended.
  std::string bury(Worker& w) {
    close_fd(w.task_fd);
    close_fd(w.answer_fd);
    if (!w.killed_for_time) ::kill(w.pid, SIGKILL);  // a worker that answered garbage
    std::string reason = death_reason(reap(w.pid), w, options_.timeout_seconds);
    w = Worker{};
    return reason;
  }

  std::size_t total_;
  WorkerPoolOptions options_;
  const std::function<std::string(std::size_t)>& work_;
  std::vector<Worker> workers_;
  std::size_t next_ = 0;
  int start_errno_ = 0;
};

}  // namespace

void run_in_workers(std::size_t total, const WorkerPoolOptions& options,
                    const std::function<std::string(std::size_t)>& work,
                    const std::function<void(std::size_t, const std::string&)>& on_done,
                    const std::function<void(std::size_t, const std::string&)>& on_failed,
                    const std::function<void()>& on_tick) {
  // A write to a worker that just died must fail with EPIPE, not kill the batch.
  struct sigaction ignore {}, previous {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  try {
    Pool pool(total, options, work);
    pool.run(on_done, on_failed, on_tick);
  } catch (...) {
    ::sigaction(SIGPIPE, &previous, nullptr);
    throw;
  }
  ::sigaction(SIGPIPE, &previous, nullptr);
}

}  // namespace nianbao::engine
