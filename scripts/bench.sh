#!/usr/bin/env bash
# Build the benchmark in Release and run it over corpus/ (each stage over >= 50 MB).
# Usage: scripts/bench.sh [MB [STAGE]]   — figures go to stdout; record them in bench/README.md.
# STAGE runs only the stages whose name contains it (e.g. "whole", "MyHTML"), for profiling.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DNIANBAO_BENCH=ON -DNIANBAO_TESTS=OFF \
  -DNIANBAO_PYTHON_MODULE=OFF >/dev/null
cmake --build build-release --target nianbao_bench nianbao -j "$(nproc)"
./build-release/bench/nianbao_bench corpus "${1:-50}" ${2:+"$2"}
cmake --build build-release --target nianbao_startup -j "$(nproc)"
# Start-up: a one-line report and the seed report (6.6 KB), 5 rounds of 100 processes each, in
# turns with /bin/true (what any process costs here: it ignores the arguments).
tiny=$(mktemp --suffix=.txt)
trap 'rm -f "$tiny"' EXIT
printf '2021年政府信息公开工作年度报告\n' >"$tiny"
for file in "$tiny" corpus/000-seed.txt; do
  ./build-release/bench/nianbao_startup /bin/true,./build-release/cli/nianbao "$file" 100 5
done
