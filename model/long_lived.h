// What a thread allocates to keep across reports (memos, caches) is marked as such while it is
// made, for a program whose allocator serves each report from slabs it reuses once the report is
// gone (cli/slab_arena.h): a kept object must not hold such a slab. Elsewhere the mark costs a
// thread-local increment and decrement.
#pragma once

namespace nianbao {

// Non-zero while the thread makes something it keeps across reports.
inline thread_local unsigned long_lived_allocations = 0;

// Marks, for its lifetime, what the thread allocates as kept across reports.
class LongLivedAllocations {
 public:
  LongLivedAllocations() { ++long_lived_allocations; }
  ~LongLivedAllocations() { --long_lived_allocations; }
  LongLivedAllocations(const LongLivedAllocations&) = delete;
  LongLivedAllocations& operator=(const LongLivedAllocations&) = delete;
};

}  // namespace nianbao
