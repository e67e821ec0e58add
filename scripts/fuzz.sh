#!/usr/bin/env bash
# Build the libFuzzer harnesses with clang (ASan + UBSan) and run one of them.
# Usage: scripts/fuzz.sh text|html|template [libFuzzer options…]
#   e.g. scripts/fuzz.sh html -runs=10000000 -max_len=65536 -jobs=1
# Seeds come from corpus/ (and fuzz/regressions/ for inputs that once crashed); new
# interesting inputs are kept in fuzz-out/<harness>/ (not in git).
set -euo pipefail
cd "$(dirname "$0")/.."
harness="${1:?usage: scripts/fuzz.sh text|html|template [options]}"; shift
scripts/install-packages.sh clang libclang-rt-14-dev
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
      -DNIANBAO_FUZZ=ON -DNIANBAO_TESTS=OFF >/dev/null
cmake --build build-fuzz --target "fuzz_$harness" -j "$(nproc)"
mkdir -p "fuzz-out/$harness" fuzz/regressions
case "$harness" in
  html) seeds=(corpus/*.html) ;;
  *) seeds=(corpus/*.txt) ;;
esac
seed_dir="fuzz-out/seeds-$harness"; mkdir -p "$seed_dir"; cp "${seeds[@]}" "$seed_dir/"
exec "./build-fuzz/fuzz/fuzz_$harness" "fuzz-out/$harness" "$seed_dir" fuzz/regressions \
     -artifact_prefix="fuzz-out/crash-$harness-" "$@"
