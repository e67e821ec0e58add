// A pool of forked worker processes for `batch`: each input is worked on in a child process,
// so an input that crashes nianbao, exhausts memory or hangs costs that input only. The parent
// (single-threaded) hands out inputs over pipes, collects one message per input, and notices
// a worker that dies or overruns its time.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace nianbao::engine {

struct WorkerPoolOptions {
  unsigned workers = 1;        // processes at once (at most the number of inputs)
  double timeout_seconds = 0;  // a worker still busy on one input after this is killed; 0 = never
  int tick_ms = 200;           // on_tick is called at least this often
};

// Runs work(i) for every i in [0, total) in worker processes and calls, in this process,
// on_done(i, message) with the message work returned, or on_failed(i, reason) when the
// worker died on input i (a signal, an exit without a message, or killed after the timeout).
// Every input gets exactly one of the two calls. Messages longer than 16 KiB are cut.
// `work` must not rely on state that it changes in this process: it runs in a child.
// Throws std::runtime_error when no worker process can be started.
void run_in_workers(std::size_t total, const WorkerPoolOptions& options,
                    const std::function<std::string(std::size_t)>& work,
                    const std::function<void(std::size_t, const std::string&)>& on_done,
                    const std::function<void(std::size_t, const std::string&)>& on_failed,
                    const std::function<void()>& on_tick);

}  // namespace nianbao::engine
