// The slab arena's slow paths: a thread's next slab, the region reserved at first use, slabs freed
// by other threads and by threads that have ended (slab_arena.h).
#include "cli/slab_arena.h"

#include <sys/mman.h>

namespace nianbao::alloc {

namespace {

void clear_counts(SlabHeader* s) {
  s->taken = 0;
  s->freed_by_owner = 0;
  s->freed_elsewhere.store(0, std::memory_order_relaxed);
}

}  // namespace

void SlabArena::start_over(ThreadSlabs& me, SlabHeader* s) {
  clear_counts(s);
  me.next = reinterpret_cast<char*>(s) + header_bytes;
}

void* SlabArena::refill(ThreadSlabs& me, std::size_t size) {
  if (size > shape_.largest_request || me.closed) {
    ++me.declined;
    return nullptr;
  }
  if (me.declines_to_skip > 0) {
    --me.declines_to_skip;
    ++me.declined;
    return nullptr;
  }
  SlabHeader* chosen = next_slab(me);
  if (chosen == nullptr) {
    me.declines_to_skip = shape_.declines_before_retry;
    ++me.declined;
    return nullptr;
  }
  me.current = chosen;
  me.next = reinterpret_cast<char*>(chosen) + header_bytes;
  me.end = reinterpret_cast<char*>(chosen) + shape_.slab_bytes;
  return allocate(me, size);
}

// An empty slab of the thread's, else a new one while it holds fewer than its share, else a new
// one in place of its least held slab when only a few blocks that live on hold that; null if none.
SlabHeader* SlabArena::next_slab(ThreadSlabs& me) {
  std::size_t least = 0;
  std::uint64_t least_live = ~std::uint64_t{0};
  for (std::size_t i = 0; i < me.held_count; ++i) {
    SlabHeader* s = me.held[i];
    const std::uint64_t live = s->taken - s->freed_by_owner - s->freed_elsewhere.load(std::memory_order_acquire);
    if (live == 0) {
      clear_counts(s);
      return s;
    }
    if (live < least_live) least_live = live, least = i;
  }
  if (me.held_count < shape_.slabs_per_thread) {
    SlabHeader* s = take_slab(me);
    if (s != nullptr) {
      if (me.held_count == 0 && on_first_slab_ != nullptr) on_first_slab_();
      me.held[me.held_count++] = s;
    }
    return s;
  }
  if (least_live > shape_.pinned_blocks || let_go_.load(std::memory_order_relaxed) >= shape_.most_let_go) return nullptr;
  SlabHeader* s = take_slab(me);
  if (s == nullptr) return nullptr;
  SlabHeader* pinned = me.held[least];
  if (pinned == me.current) me.current = nullptr, me.next = me.end = nullptr;
  me.held[least] = s;
  pinned->let_go = true;
  let_go_.fetch_add(1, std::memory_order_relaxed);
  give_up(pinned);
  return s;
}

SlabHeader* SlabArena::take_slab(const ThreadSlabs& me) {
  SlabHeader* s = nullptr;
  {
    const std::lock_guard lock(mutex_);
    if (free_ != nullptr) {
      s = free_;
      free_ = s->next_free;
    } else if (!reserve_failed_) {
      char* base = base_.load(std::memory_order_relaxed);
      if (base == nullptr) {
        // Reserved, not committed: the system gives a page when it is first written. One slab
        // more than needed, to align the start to a slab.
        const std::size_t bytes = shape_.slab_bytes * (shape_.slab_count + 1);
        void* m = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (m == MAP_FAILED) {
          reserve_failed_ = true;  // the process's address space is limited: malloc takes it all
          return nullptr;
        }
        const auto at = reinterpret_cast<std::uintptr_t>(m);
        base = reinterpret_cast<char*>((at + shape_.slab_bytes - 1) & ~(shape_.slab_bytes - 1));
        base_.store(base, std::memory_order_release);
      }
      if (carved_ < shape_.slab_count) s = reinterpret_cast<SlabHeader*>(base + shape_.slab_bytes * carved_++);
    }
  }
  if (s == nullptr) return nullptr;
  clear_counts(s);
  s->next_free = nullptr;
  s->let_go = false;
  s->owner.store(&me, std::memory_order_relaxed);
  out_.fetch_add(1, std::memory_order_relaxed);
  return s;
}

void SlabArena::release(SlabHeader* s) {
  out_.fetch_sub(1, std::memory_order_relaxed);
  if (s->let_go) let_go_.fetch_sub(1, std::memory_order_relaxed);
  const std::lock_guard lock(mutex_);
  s->next_free = free_;
  free_ = s;
}

void SlabArena::free_elsewhere(SlabHeader* s) {
  const std::uint64_t now = s->freed_elsewhere.fetch_add(1, std::memory_order_acq_rel) + 1;
  // Once abandoned, the owner's counts no longer change and this thread sees them (the owner's
  // fetch_add released them): the free that empties the slab returns it.
  if ((now & abandoned) != 0 && (now & ~abandoned) + s->freed_by_owner == s->taken) release(s);
}

// The owner gives s up: its blocks' frees are all counted elsewhere from now, and the free that
// empties it (or this, if it is empty) returns it to the arena.
void SlabArena::give_up(SlabHeader* s) {
  s->owner.store(nullptr, std::memory_order_relaxed);
  const std::uint64_t before = s->freed_elsewhere.fetch_add(abandoned, std::memory_order_acq_rel);
  if (before + s->freed_by_owner == s->taken) release(s);
}

void SlabArena::abandon(ThreadSlabs& me) {
  for (std::size_t i = 0; i < me.held_count; ++i) give_up(me.held[i]);
  me.held_count = 0;
  me.current = nullptr;
  me.next = me.end = nullptr;
  me.closed = true;
}

}  // namespace nianbao::alloc
