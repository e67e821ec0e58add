// The allocator of the programs (the `nianbao` command and the benchmarks): mimalloc, which the
// CMake option NIANBAO_MIMALLOC links in place of glibc's malloc (bench/README.md, "Ninth round:
// the allocator"). This unit only tunes it; the library, its modules and the Python package
// allocate with whatever allocator the process that loads them has.
#include <mimalloc.h>

#include <cstdlib>

namespace {

// How long mimalloc keeps freed pages committed before it gives them back to the system, in ms.
// Its default (25 ms) holds a large report's freed pages through most of its extract: a 4 MB
// text peaked at 44 MB where glibc's malloc takes 25 MB. At 5 ms the peak is glibc's (25.4 MB)
// and the pages given back and faulted in again cost little (text: 2 620 page faults in a bench
// run where glibc takes 2 211 and the default 2 590); at 1 ms they cost (3 931 faults, and the
// HTML pages twice glibc's), at 0 every free is a system call.
constexpr long kDecommitDelayMs = 5;

// Set before main; the variables mimalloc documents (MIMALLOC_DECOMMIT_DELAY, or its older name
// MIMALLOC_RESET_DELAY) still choose, for whoever measures another setting.
const bool decommit_delay_set = [] {
  if (std::getenv("MIMALLOC_DECOMMIT_DELAY") != nullptr || std::getenv("MIMALLOC_RESET_DELAY") != nullptr)
    return false;
  mi_option_set(mi_option_decommit_delay, kDecommitDelayMs);
  return true;
}();

}  // namespace
