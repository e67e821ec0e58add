#!/usr/bin/env bash
# Build the libFuzzer harnesses with clang (ASan + UBSan) and run one of them.
# Usage: scripts/fuzz.sh text|html|template|pdf|docx|image|gumbo [libFuzzer options…]
#   e.g. scripts/fuzz.sh html -runs=10000000 -max_len=65536 -jobs=1
# Seeds come from corpus/ (and fuzz/regressions/ for inputs that once crashed); new
# interesting inputs are kept in fuzz-out/<harness>/ (not in git).
set -euo pipefail
cd "$(dirname "$0")/.."
harness="${1:?usage: scripts/fuzz.sh text|html|template|pdf|docx|image|gumbo [options]}"; shift
scripts/install-packages.sh clang libclang-rt-14-dev
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
      -DNIANBAO_FUZZ=ON -DNIANBAO_TESTS=OFF >/dev/null
cmake --build build-fuzz --target "fuzz_$harness" -j "$(nproc)"
mkdir -p "fuzz-out/$harness" fuzz/regressions
seed_dir="fuzz-out/seeds-$harness"; mkdir -p "$seed_dir"
case "$harness" in
  html|gumbo) cp corpus/*.html "$seed_dir/" ;;
  # Small hand-made files (scripts/fuzz-seeds.py): a corpus PDF or scan costs seconds a run.
  pdf|docx|image) /usr/bin/python3 scripts/fuzz-seeds.py "$harness" "$seed_dir" ;;
  *) cp corpus/*.txt "$seed_dir/" ;;
esac
export LSAN_OPTIONS="suppressions=$(pwd)/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
exec "./build-fuzz/fuzz/fuzz_$harness" "fuzz-out/$harness" "$seed_dir" fuzz/regressions \
     -artifact_prefix="fuzz-out/crash-$harness-" "$@"
