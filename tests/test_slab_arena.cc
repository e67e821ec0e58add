// cli/slab_arena.h: the programs' allocator hands out distinct, aligned blocks, reuses a slab once
// its blocks are all freed (by any thread, or after its owner has ended), holds no more slabs per
// thread than its shape allows and declines what it does not take.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/slab_arena.h"
#include "temp_dir.h"

using namespace nianbao::alloc;

namespace {

constexpr ArenaShape small_shape{
    .slab_bytes = std::size_t{64} << 10,
    .slab_count = 64,
    .slabs_per_thread = 4,
    .largest_request = std::size_t{4} << 10,
    .declines_before_retry = 8,
    .pinned_blocks = 4,
    .most_let_go = 2,
};

// Fills a block with its mark; checks it later (a block overlapping another loses its mark).
void mark(void* p, std::size_t n, unsigned char m) { std::memset(p, m, n); }
bool marked(const void* p, std::size_t n, unsigned char m) {
  const auto* b = static_cast<const unsigned char*>(p);
  for (std::size_t i = 0; i < n; ++i)
    if (b[i] != m) return false;
  return true;
}

// A deterministic stream of sizes, 1..largest_request (and now and then 0).
struct Sizes {
  std::uint32_t state = 12345;
  std::size_t next(std::size_t largest) {
    state = state * 1103515245u + 12345u;
    const std::size_t r = (state >> 8) % 100;
    return r == 0 ? 0 : r < 80 ? 1 + (state >> 12) % 96 : 1 + (state >> 12) % largest;
  }
};

}  // namespace

TEST_CASE("slab arena: blocks are distinct, aligned to 16 and keep what is written in them") {
  SlabArena arena(small_shape);
  ThreadSlabs me;
  Sizes sizes;
  std::vector<std::pair<void*, std::size_t>> blocks;
  for (int i = 0; i < 2000; ++i) {
    const std::size_t n = sizes.next(small_shape.largest_request);
    void* p = arena.allocate(me, n);
    if (p == nullptr) break;  // the thread's slabs are full
    CHECK(reinterpret_cast<std::uintptr_t>(p) % 16 == 0);
    CHECK(arena.owns(p));
    mark(p, n, static_cast<unsigned char>(i));
    blocks.emplace_back(p, n);
  }
  REQUIRE(blocks.size() > 100);
  int intact = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) intact += marked(blocks[i].first, blocks[i].second, static_cast<unsigned char>(i));
  CHECK(intact == static_cast<int>(blocks.size()));
  int dummy = 0;
  CHECK_FALSE(arena.owns(&dummy));
  CHECK_FALSE(arena.owns(nullptr));
}

TEST_CASE("slab arena: a slab whose blocks are all freed is used again from its start") {
  SlabArena arena(small_shape);
  ThreadSlabs me;
  void* first = arena.allocate(me, 100);
  std::vector<void*> report{first};
  for (int i = 0; i < 200; ++i) report.push_back(arena.allocate(me, 40));
  for (void* p : report) arena.deallocate(me, p);
  // The next report starts where the last one did: one slab, in the cache.
  CHECK(arena.allocate(me, 100) == first);
  CHECK(arena.slabs_out() == 1);
}

TEST_CASE("slab arena: a thread holds at most its slabs, then requests are declined until one empties") {
  SlabArena arena(small_shape);
  ThreadSlabs me;
  std::vector<void*> kept;
  void* p = nullptr;
  while ((p = arena.allocate(me, 1000)) != nullptr) kept.push_back(p);
  CHECK(arena.slabs_out() == small_shape.slabs_per_thread);
  CHECK(me.held_count == small_shape.slabs_per_thread);
  // Each slab (64 KB less its header) holds 64 blocks of 1 008 bytes.
  CHECK(kept.size() == small_shape.slabs_per_thread * 64);
  CHECK(me.declined == 1);
  // The slab of the first blocks empties; after the declines it skips, the thread takes it again.
  for (std::size_t i = 0; i < 64; ++i) arena.deallocate(me, kept[i]);
  for (std::size_t i = 0; i < small_shape.declines_before_retry; ++i) CHECK(arena.allocate(me, 1000) == nullptr);
  CHECK(arena.allocate(me, 1000) == kept[0]);
  CHECK(arena.slabs_out() == small_shape.slabs_per_thread);
}

TEST_CASE("slab arena: a slab held only by a few blocks that live on is let go, within a bound") {
  SlabArena arena(small_shape);
  ThreadSlabs me;
  // Four slabs of 64 blocks; in each, all blocks but `kept_in_slab` are freed (a report gone,
  // a cache's few blocks staying).
  auto fill_and_leave = [&](std::size_t kept_in_slab) {
    std::vector<void*> blocks;
    void* p = nullptr;
    while (blocks.size() < small_shape.slabs_per_thread * 64 && (p = arena.allocate(me, 1000)) != nullptr) blocks.push_back(p);
    for (std::size_t i = 0; i < blocks.size(); ++i)
      if (i % 64 >= kept_in_slab) arena.deallocate(me, blocks[i]);
    return blocks;
  };
  const std::vector<void*> first = fill_and_leave(small_shape.pinned_blocks + 1);  // too many to let go
  REQUIRE(first.size() == small_shape.slabs_per_thread * 64);
  CHECK(arena.allocate(me, 1000) == nullptr);
  CHECK(arena.slabs_let_go() == 0);
  for (std::size_t i = 0; i < first.size(); ++i)
    if (i % 64 == 0) arena.deallocate(me, first[i]);  // now each slab holds pinned_blocks blocks
  for (std::size_t i = 0; i < small_shape.declines_before_retry; ++i) CHECK(arena.allocate(me, 1000) == nullptr);
  // Two slabs let go (the bound), each replaced by a new one; the other two stay pinned.
  std::vector<void*> more;
  void* p = nullptr;
  while (more.size() < 200 && (p = arena.allocate(me, 1000)) != nullptr) more.push_back(p);
  CHECK(more.size() == 2 * 64);
  CHECK(arena.slabs_let_go() == small_shape.most_let_go);
  CHECK(arena.slabs_out() == small_shape.slabs_per_thread + small_shape.most_let_go);
  // The blocks that lived on are freed: the slabs let go return to the arena.
  for (std::size_t i = 0; i < first.size(); ++i)
    if (i % 64 >= 1 && i % 64 <= small_shape.pinned_blocks) arena.deallocate(me, first[i]);
  CHECK(arena.slabs_let_go() == 0);
  CHECK(arena.slabs_out() == small_shape.slabs_per_thread);
}

TEST_CASE("slab arena: requests larger than its largest are declined") {
  SlabArena arena(small_shape);
  ThreadSlabs me;
  CHECK(arena.allocate(me, small_shape.largest_request) != nullptr);
  CHECK(arena.allocate(me, small_shape.largest_request + 1) == nullptr);
  CHECK(me.declined == 1);
}

TEST_CASE("slab arena: blocks freed by another thread return the slab to its owner") {
  SlabArena arena(small_shape);
  ThreadSlabs me;
  std::vector<void*> blocks;
  for (int i = 0; i < 65; ++i) blocks.push_back(arena.allocate(me, 1000));  // a full slab, and one block of the next
  const void* first = blocks.front();
  std::thread other([&] {
    ThreadSlabs its;
    for (int i = 0; i < 64; ++i) arena.deallocate(its, blocks[i]);
  });
  other.join();
  // The second slab fills; then the first, emptied elsewhere, is taken again from its start.
  bool again = false;
  for (int i = 0; i < 64 && !again; ++i) again = arena.allocate(me, 1000) == first;
  CHECK(again);
  CHECK(arena.slabs_out() == 2);
}

TEST_CASE("slab arena: a thread that ends with blocks out gives its slabs back when they are freed") {
  SlabArena arena(small_shape);
  std::vector<void*> left;
  ThreadSlabs* ended = nullptr;
  std::thread worker([&] {
    static thread_local ThreadSlabs its;
    for (int i = 0; i < 300; ++i) left.push_back(arena.allocate(its, 500));  // three slabs
    arena.abandon(its);
    ended = &its;
    CHECK(arena.allocate(its, 16) == nullptr);  // closed: what it still asks goes elsewhere
  });
  worker.join();
  CHECK(ended != nullptr);
  CHECK(arena.slabs_out() == 3);
  ThreadSlabs me;
  for (std::size_t i = 0; i + 1 < left.size(); ++i) arena.deallocate(me, left[i]);
  CHECK(arena.slabs_out() == 1);  // two emptied; the last slab waits for its last block
  arena.deallocate(me, left.back());
  CHECK(arena.slabs_out() == 0);
  // Given back, not lost: the next thread takes one of them rather than a new slab.
  void* again = arena.allocate(me, 16);
  bool reused = false;
  for (void* p : left) reused = reused || (reinterpret_cast<std::uintptr_t>(p) & ~(small_shape.slab_bytes - 1)) ==
                                              (reinterpret_cast<std::uintptr_t>(again) & ~(small_shape.slab_bytes - 1));
  CHECK(reused);
}

TEST_CASE("slab arena: two threads allocating and freeing each other's blocks keep every block intact") {
  SlabArena arena(small_shape);
  // Random work of two simulated threads (two ThreadSlabs) against a list of the live blocks,
  // freed mostly oldest first, as reports are.
  ThreadSlabs a, b;
  ThreadSlabs* threads[2] = {&a, &b};
  struct Live {
    void* p;
    std::size_t n;
    unsigned char mark;
  };
  std::deque<Live> live;
  Sizes sizes;
  std::uint32_t r = 99;
  int served = 0;
  for (int step = 0; step < 40000; ++step) {
    r = r * 1664525u + 1013904223u;
    ThreadSlabs& t = *threads[(r >> 4) & 1];
    if (live.empty() || (r >> 8) % 100 < 50) {
      const std::size_t n = sizes.next(small_shape.largest_request);
      if (void* p = arena.allocate(t, n)) {
        mark(p, n, static_cast<unsigned char>(step));
        live.push_back({p, n, static_cast<unsigned char>(step)});
        ++served;
      }
    } else {
      const auto it = live.begin() + static_cast<std::ptrdiff_t>((r >> 12) % std::min<std::size_t>(live.size(), 16));
      CHECK(marked(it->p, it->n, it->mark));
      arena.deallocate(t, it->p);
      live.erase(it);
    }
  }
  for (const Live& l : live) CHECK(marked(l.p, l.n, l.mark));
  CHECK(served > 15000);
  CHECK(arena.slabs_out() <= 2 * small_shape.slabs_per_thread);
}

namespace {

// corpus/NAME.txt with every digit d turned into (d + shift) % 10: another report of the same
// shape, whose labels, names and numbers the memos have not seen in that combination.
std::string shifted_digits(const std::string& text, int shift) {
  std::string out = text;
  for (char& c : out)
    if (c >= '0' && c <= '9') c = static_cast<char>('0' + (c - '0' + shift) % 10);
  return out;
}

}  // namespace

// The command's own arena (cli/arena_new.cc), in the long-lived process of `extract --stream`: over
// distinct reports, what the threads keep across reports must not hold its slabs, or every
// request after the first reports would go to malloc. Built without the arena (the sanitizers),
// the command prints no counts and there is nothing to hold it to.
TEST_CASE("slab arena: the command's stream of distinct reports takes nearly all its blocks from the arena") {
  nianbao::test::TempDir t;
  std::string requests;
  int made = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(NIANBAO_SOURCE_DIR) + "/corpus")) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream in(e.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (int shift = 0; shift < 3; ++shift) {
      const std::string path = t / (e.path().stem().string() + "-" + std::to_string(shift) + ".txt");
      nianbao::test::write_file(path, shifted_digits(text, shift));
      requests += "{\"path\":\"" + path + "\"}\n";
      ++made;
    }
  }
  REQUIRE(made >= 30);
  nianbao::test::write_file(t / "requests.ndjson", requests);
  const std::string cmd = "NIANBAO_ARENA_STATS=1 " + std::string(NIANBAO_BINARY) + " extract --stream <" +
                          (t / "requests.ndjson") + " >" + (t / "out.ndjson") + " 2>" + (t / "err.txt");
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::ifstream err(t / "err.txt");
  const std::string said((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  unsigned long long served = 0, declined = 0;
  const std::size_t at = said.find("slab arena: ");
  if (at == std::string::npos) {
    MESSAGE("the command is built without the slab arena (sanitizers): nothing to count");
    return;
  }
  REQUIRE(std::sscanf(said.c_str() + at, "slab arena: %llu requests served, %llu declined", &served, &declined) == 2);
  MESSAGE("slab arena over " << made << " distinct reports: " << served << " served, " << declined << " declined");
  CHECK(served > 500ull * made);
  CHECK(declined * 20 < served);  // at most 5 % to malloc
}
