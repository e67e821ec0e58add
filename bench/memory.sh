#!/bin/sh
# Peak memory of `nianbao extract` on hostile shapes of input (issue 10, item 10): many short
# lines, only newlines, many tiny paragraphs, and a real report, each SIZE bytes (default 4 MB).
# Prints input bytes, peak resident memory (maxrss, KiB) and the ratio. Usage:
#   bench/memory.sh [build/cli/nianbao] [SIZE]
set -eu
bin=${1:-build/cli/nianbao}
size=${2:-4000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" "$size" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
open(f"{d}/short-lines.txt", "w").write("a\n" * (n // 2))
open(f"{d}/newlines.txt", "w").write("\n" * n)
open(f"{d}/tiny-paragraphs.html", "w").write("<p>a</p>" * (n // 8))
report = open("corpus/001.txt", encoding="utf-8").read()
open(f"{d}/reports.txt", "w").write(report * max(1, n // len(report.encode())))
PY
printf '%-22s %12s %12s %8s\n' input bytes maxrss_kib ratio
for f in "$dir"/*; do
  bytes=$(wc -c < "$f")
  kib=$( { /usr/bin/time -f %M "$bin" extract "$f" -o /dev/null 2>&1 >/dev/null; } | tail -1)
  printf '%-22s %12s %12s %8s\n' "$(basename "$f")" "$bytes" "$kib" "$(awk "BEGIN{printf \"%.0f\", $kib*1024/$bytes}")"
done
