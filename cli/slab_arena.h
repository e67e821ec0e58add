// The programs' allocator for report-sized work (cli/arena_new.cc puts it under operator new in the
// `nianbao` command and the benchmarks; the library and the Python package allocate with whatever
// their process has). Each thread takes small blocks in order from slabs of one reserved region and
// reuses a slab as soon as every block taken from it has been freed: an extract frees nearly all it
// made once its report is written. What it does not take (large requests, and any request while all
// of a thread's slabs still hold live blocks) the caller takes from malloc; a free tells the two
// apart by address. A slab's blocks may be freed by any thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <utility>

namespace nianbao::alloc {

// The most slabs one thread may hold (ArenaShape::slabs_per_thread is at most this).
inline constexpr std::size_t max_slabs_per_thread = 16;

struct ArenaShape {
  std::size_t slab_bytes;        // a power of two; slabs are aligned to it
  std::size_t slab_count;        // the region reserved at first use (pages touched only as used)
  std::size_t slabs_per_thread;  // what one thread may hold: its bound on memory kept
  std::size_t largest_request;   // larger requests go to malloc
  // After a request declined for want of an empty slab, this many more go to malloc before the
  // thread's slabs are looked at again (a report larger than them all does not scan at each).
  std::size_t declines_before_retry;
  // A thread's slab that holds no more live blocks than this when the thread wants an empty one
  // is held by what lives on (a cache grown, a library's lazy state), not by the work at hand:
  // the thread lets it go (it returns to the arena once its blocks are freed) and takes a new one.
  std::size_t pinned_blocks;
  // The most slabs let go that way and still out, over all threads: what they cost in memory.
  std::size_t most_let_go;
};

// A slab's first bytes: its owner and the count of its blocks out.
struct alignas(64) SlabHeader {
  std::uint64_t taken;           // blocks handed out since the slab was last empty (owner only)
  std::uint64_t freed_by_owner;  // (owner only)
  // Blocks freed by other threads, plus `abandoned` once the owner has ended.
  std::atomic<std::uint64_t> freed_elsewhere;
  std::atomic<const void*> owner;
  SlabHeader* next_free;  // in the arena's list of free slabs
  bool let_go;            // given up while its owner lived (counted in SlabArena::let_go_)
};

// One thread's slabs of one arena. Trivially constructible: a thread_local of it needs no
// initialisation check.
struct ThreadSlabs {
  char* next = nullptr;  // where the current slab's next block starts
  char* end = nullptr;
  SlabHeader* current = nullptr;
  SlabHeader* held[max_slabs_per_thread] = {};
  std::size_t held_count = 0;
  std::size_t declines_to_skip = 0;
  bool closed = false;  // the thread has ended: what it asks goes to malloc
  std::uint64_t served = 0, declined = 0;
};

class SlabArena {
 public:
  static constexpr std::uint64_t abandoned = std::uint64_t{1} << 63;

  // on_first_slab: called when a thread takes its first slab (to arrange `abandon` at its end).
  constexpr explicit SlabArena(ArenaShape shape, void (*on_first_slab)() = nullptr)
      : shape_(shape), on_first_slab_(on_first_slab) {}

  // A block of at least n bytes, aligned to 16, from `me`'s slabs; nullptr when the arena does not
  // take the request (the caller allocates it elsewhere).
  void* allocate(ThreadSlabs& me, std::size_t n) {
    const std::size_t size = n == 0 ? block_align : (n + block_align - 1) & ~(block_align - 1);
    if (static_cast<std::size_t>(me.end - me.next) >= size && size <= shape_.largest_request) {
      void* p = me.next;
      me.next += size;
      ++me.current->taken;
      ++me.served;
      return p;
    }
    return refill(me, size);
  }

  bool owns(const void* p) const {
    const char* base = base_.load(std::memory_order_relaxed);
    return base != nullptr &&
           static_cast<std::size_t>(static_cast<const char*>(p) - base) < shape_.slab_bytes * shape_.slab_count;
  }

  // Gives back a block of this arena (owns(p)), from any thread.
  void deallocate(ThreadSlabs& me, void* p) {
    auto* s = reinterpret_cast<SlabHeader*>(reinterpret_cast<std::uintptr_t>(p) & ~(shape_.slab_bytes - 1));
    if (s->owner.load(std::memory_order_relaxed) != &me) return free_elsewhere(s);
    const std::uint64_t freed = ++s->freed_by_owner;
    // The current slab emptied (a report gone): its next blocks start again at its beginning,
    // where the cache still has it.
    if (s == me.current && freed + s->freed_elsewhere.load(std::memory_order_acquire) == s->taken) start_over(me, s);
  }

  // me's thread ends: each of its slabs returns to the arena once its blocks are all freed.
  void abandon(ThreadSlabs& me);

  // Slabs held by threads or waiting for their blocks (for tests and statistics), and those of
  // them let go by a living thread.
  std::size_t slabs_out() const { return out_.load(std::memory_order_relaxed); }
  std::size_t slabs_let_go() const { return let_go_.load(std::memory_order_relaxed); }
  const ArenaShape& shape() const { return shape_; }

  // Around fork(), by the forking thread: the child gets the arena unlocked.
  void lock_for_fork() { mutex_.lock(); }
  void unlock_after_fork() { mutex_.unlock(); }

 private:
  static constexpr std::size_t block_align = 16;  // what operator new promises
  static constexpr std::size_t header_bytes = sizeof(SlabHeader);

  void* refill(ThreadSlabs& me, std::size_t size);
  SlabHeader* next_slab(ThreadSlabs& me);
  void give_up(SlabHeader* s);
  void start_over(ThreadSlabs& me, SlabHeader* s);
  void free_elsewhere(SlabHeader* s);
  SlabHeader* take_slab(const ThreadSlabs& me);
  void release(SlabHeader* s);

  ArenaShape shape_;
  void (*on_first_slab_)();
  std::atomic<char*> base_{nullptr};
  std::atomic<std::size_t> out_{0};
  std::atomic<std::size_t> let_go_{0};
  std::mutex mutex_;  // guards the fields below
  std::size_t carved_ = 0;
  bool reserve_failed_ = false;
  SlabHeader* free_ = nullptr;
};

// In a program linked with cli/arena_new.cc: how many requests of the calling thread the process's
// arena served and declined.
std::pair<std::uint64_t, std::uint64_t> thread_arena_counts();

}  // namespace nianbao::alloc
