#!/usr/bin/env bash
# The fastest build of the command and the benchmarks: Release with profile-guided optimization,
# in two passes over one folder. The first builds programs that count where their branches go,
# runs them over the training reports (bench/pgo-training.txt: half of corpus/), and the second
# compiles again with those counts. Outputs are the same as any build's; only the code layout
# changes (bench/README.md, "Profile-guided optimization", has the figures, on the reports
# trained on and on those held out).
# Usage: scripts/build-release.sh [FOLDER]   (default build-release; the command is FOLDER/cli/nianbao)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build-release}
profile="$(realpath -m "$dir")/pgo-profile"
configure() {
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNIANBAO_BENCH=ON -DNIANBAO_TESTS=OFF \
    -DNIANBAO_PYTHON_MODULE=OFF -DNIANBAO_PGO_DIR="$profile" -DNIANBAO_PGO="$1" >/dev/null
}
echo "build-release: pass 1 of 2, the counting build in $dir" >&2
rm -rf "$profile"
configure generate
cmake --build "$dir" --target nianbao nianbao_bench -j "$(nproc)"
train=$(mktemp -d)
trap 'rm -rf "$train"' EXIT
grep -v -e '^#' -e '^$' bench/pgo-training.txt | while read -r name; do cp "corpus/$name" "$train/"; done
echo "build-release: training on $(ls "$train" | wc -l) reports of corpus/" >&2
"$dir/bench/nianbao_bench" "$train" 5 >/dev/null
for file in "$train"/*; do "$dir/cli/nianbao" extract "$file" -o /dev/null; done
echo "build-release: pass 2 of 2, compiling with the counts" >&2
configure use
cmake --build "$dir" --target nianbao nianbao_bench nianbao_startup -j "$(nproc)"
echo "build-release: $dir/cli/nianbao" >&2
