#!/usr/bin/env bash
# Run the whole test suite (doctest cases registered with ctest) on the build in build/.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)"
