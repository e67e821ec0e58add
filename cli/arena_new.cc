// operator new and delete of the programs (the `nianbao` command and the benchmarks; CMake option
// NIANBAO_SLAB_ARENA): small blocks from the slab arena (cli/slab_arena.h), the rest from malloc.
// An extract makes about 860 allocations of 500 KB in all for a 10 KB text; glibc's malloc and free
// were a tenth of its instructions and of its mispredicted branches (bench/README.md, "Thirteenth
// round"). The command exports these symbols (arena_new.symbols), so that the modules it loads and
// their libraries allocate and free through them too: a block may be freed by code other than
// the code that made it.
#include <pthread.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "cli/slab_arena.h"
#include "model/long_lived.h"

namespace {

using nianbao::alloc::ArenaShape;
using nianbao::alloc::SlabArena;
using nianbao::alloc::ThreadSlabs;

// 256 KB slabs: a 10 KB report's ~500 KB of blocks spans two or three, and a slab held by a few
// blocks kept longer wastes little. Eight per thread bound what a thread keeps in them to 2 MB
// (a larger report's further blocks come from malloc, which reuses what is freed). 1 024 slabs
// reserve 256 MB of address space, touched only as threads use them. Requests over 16 KB (whole
// texts, the XML document) are few and malloc serves them well. A slab at work in a report holds
// hundreds of its blocks; one held by 64 or fewer when the thread wants an empty slab is held by
// what lives on, and is let go when the thread has no empty slab; at most 32
// such (8 MB) wait for their blocks at a time.
constexpr ArenaShape program_shape{
    .slab_bytes = std::size_t{256} << 10,
    .slab_count = 1024,
    .slabs_per_thread = 8,
    .largest_request = std::size_t{16} << 10,
    .declines_before_retry = 64,
    .pinned_blocks = 64,
    .most_let_go = 32,
};

void arm_thread_exit();

constinit SlabArena arena(program_shape, arm_thread_exit);
constinit thread_local ThreadSlabs slabs;

// The counts of the threads that have ended, for NIANBAO_ARENA_STATS.
std::atomic<std::uint64_t> served_by_ended{0}, declined_by_ended{0};

struct ThreadExit {
  bool armed = false;
  ~ThreadExit() {
    if (!armed) return;
    arena.abandon(slabs);
    served_by_ended.fetch_add(slabs.served, std::memory_order_relaxed);
    declined_by_ended.fetch_add(slabs.declined, std::memory_order_relaxed);
  }
};
thread_local ThreadExit thread_exit;

// NIANBAO_ARENA_STATS set: at exit, how many requests the arena served and declined, and the
// slabs let go while blocks that live on held them, on standard error (after the main thread's
// end, so that all threads count).
struct ExitStats {
  ~ExitStats() {
    if (std::getenv("NIANBAO_ARENA_STATS") == nullptr) return;
    std::fprintf(stderr, "nianbao: slab arena: %llu requests served, %llu declined, %zu slabs let go\n",
                 static_cast<unsigned long long>(served_by_ended.load()),
                 static_cast<unsigned long long>(declined_by_ended.load()), arena.slabs_let_go());
  }
} exit_stats;

void arm_thread_exit() { thread_exit.armed = true; }

// fork() while another thread takes a slab would copy the arena's lock held: the forking thread
// holds it across the fork, and parent and child each release it (as glibc does for malloc).
const int fork_handlers = pthread_atfork([] { arena.lock_for_fork(); }, [] { arena.unlock_after_fork(); },
                                         [] { arena.unlock_after_fork(); });

void* allocate(std::size_t n) {
  if (nianbao::long_lived_allocations == 0)
    if (void* p = arena.allocate(slabs, n)) return p;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}

void deallocate(void* p) {
  if (arena.owns(p))
    arena.deallocate(slabs, p);
  else
    std::free(p);
}

}  // namespace

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void operator delete(void* p) noexcept { deallocate(p); }
void operator delete[](void* p) noexcept { deallocate(p); }
void operator delete(void* p, std::size_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::size_t) noexcept { deallocate(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { deallocate(p); }

namespace nianbao::alloc {

// How many requests of this thread the arena served and declined (the benchmark prints them).
std::pair<std::uint64_t, std::uint64_t> thread_arena_counts() { return {slabs.served, slabs.declined}; }

}  // namespace nianbao::alloc
