#!/usr/bin/env bash
# Run the whole test suite (doctest cases and the architecture test, registered with ctest) on
# the build in build/, then build and run a consumer of the installed package.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)"
scripts/test-install.sh
