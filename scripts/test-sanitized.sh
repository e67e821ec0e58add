#!/usr/bin/env bash
# Build the command and the test suite with AddressSanitizer + UndefinedBehaviorSanitizer in
# build-asan/ and run the suite under it: any memory error, leak or undefined behaviour fails.
# -O1 -g1 (not the -O2 -g of RelWithDebInfo): the usual sanitizer level, with file:line in the
# reports, and a build that costs CI markedly less. The scaling tests ("extraction time is linear
# …") are left out here: they compare run times, which the sanitizers distort, and their inputs
# go through the same code as the rest of the suite; the normal run (scripts/test.sh) has them.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNIANBAO_SANITIZE=ON \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" >/dev/null
# Only what the suite runs: the test program, the command it drives, the PDF module the
# command loads, and the OCR module that one loads (not the tools, benchmarks or the
# installed-package consumer).
cmake --build build-asan -j "$(nproc)" --target nianbao_tests nianbao nianbao_paged_module nianbao_ocr_module
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan --output-on-failure -j "$(nproc)" -E "^extraction time is linear"
