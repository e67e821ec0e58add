#!/usr/bin/env bash
# Source coverage of what the fuzzers reached: builds the harnesses with clang's coverage
# instrumentation in build-cov/, replays every input the fuzzers kept (fuzz-out/<harness>/),
# the seeds and fuzz/regressions/, and prints llvm-cov's report per file of ours.
# Usage: scripts/fuzz-coverage.sh [text html template]   (default: all three, merged)
set -euo pipefail
cd "$(dirname "$0")/.."
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(text html template)
scripts/install-packages.sh clang libclang-rt-14-dev llvm-14
cmake -S . -B build-cov -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
      -DNIANBAO_FUZZ=ON -DNIANBAO_TESTS=OFF \
      -DCMAKE_CXX_FLAGS="-fprofile-instr-generate -fcoverage-mapping" \
      -DCMAKE_EXE_LINKER_FLAGS="-fprofile-instr-generate" >/dev/null
targets=(); for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
cmake --build build-cov --target "${targets[@]}" -j "$(nproc)"
rm -rf build-cov/profiles && mkdir -p build-cov/profiles
objects=()
for h in "${harnesses[@]}"; do
  seeds="build-cov/seeds-$h"; rm -rf "$seeds"; mkdir -p "$seeds"
  case "$h" in html) cp corpus/*.html "$seeds/" ;; *) cp corpus/*.txt "$seeds/" ;; esac
  dirs=("$seeds" fuzz/regressions); [ -d "fuzz-out/$h" ] && dirs+=("fuzz-out/$h")
  # -runs=0: every input of the folders is run once, then the fuzzer stops.
  LLVM_PROFILE_FILE="build-cov/profiles/$h-%p.profraw" ASAN_OPTIONS=detect_leaks=0 \
    "./build-cov/fuzz/fuzz_$h" -runs=0 -timeout=60 "${dirs[@]}" >"build-cov/replay-$h.log" 2>&1 || true
  objects+=(-object "build-cov/fuzz/fuzz_$h")
done
llvm-profdata-14 merge -sparse build-cov/profiles/*.profraw -o build-cov/fuzz.profdata
llvm-cov-14 report "${objects[@]:1}" -instr-profile=build-cov/fuzz.profdata \
  -ignore-filename-regex='^/usr/|/fuzz/|/tests/|/bench/'
