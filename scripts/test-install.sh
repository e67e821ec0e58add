#!/usr/bin/env bash
# Install the build in build/ into a temporary prefix, then build and run a tiny consumer against
# it twice — through find_package(nianbao) and through pkg-config — as another C++ project would.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
quiet() { "$@" >"$prefix/log" 2>&1 || { cat "$prefix/log"; echo "test-install: failed: $*"; exit 1; }; }
quiet cmake --install build --prefix "$prefix"
quiet cmake -S tests/consumer -B "$prefix/consumer-build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix"
quiet cmake --build "$prefix/consumer-build"
expect() {  # program output must name the 2021 format and a full set of cells
  grep -q '^template gov-2021$' <<<"$1" && grep -q '^xml yes$' <<<"$1" && grep -qE '^cells [0-9]{3}$' <<<"$1" ||
    { echo "test-install: unexpected output from $2:"; echo "$1"; exit 1; }
}
out=$(LD_LIBRARY_PATH="$prefix/lib" "$prefix/consumer-build/consumer" corpus/001.txt)
expect "$out" "the find_package consumer"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# shellcheck disable=SC2046
quiet g++ -o "$prefix/consumer-pc" tests/consumer/consumer.cc $(pkg-config --cflags --libs nianbao)
out=$(LD_LIBRARY_PATH="$prefix/lib" "$prefix/consumer-pc" corpus/001.txt)
expect "$out" "the pkg-config consumer"
# The installed command finds its modules in LIBDIR/nianbao: a PDF is read, and serve, loaded,
# answers that the database is missing (exit 3; 1 when the module does not load).
quiet "$prefix/bin/nianbao" extract --ocr never corpus/033.pdf
status=0
"$prefix/bin/nianbao" serve --db "$prefix/none.db" >"$prefix/log" 2>&1 || status=$?
[ $status -eq 3 ] || { cat "$prefix/log"; echo "test-install: the installed serve module did not load"; exit 1; }
echo "test-install: the installed package builds and runs a consumer (find_package and pkg-config) and the command's modules"
