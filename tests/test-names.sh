#!/bin/sh
# Every doctest case must be a ctest test that runs it: ctest cuts a test's name at ';' (a CMake
# list separator), then runs a filter that matches no case, and doctest passes with nothing run.
# Fails, naming them, when a test case's name holds a ';'.
# Usage: tests/test-names.sh NIANBAO_TESTS_BINARY
set -eu
bad=$("$1" --list-test-cases --no-version | grep ';' || true)
if [ -n "$bad" ]; then
  echo "test cases whose name holds ';' (ctest would run none of them):" >&2
  echo "$bad" >&2
  exit 1
fi
