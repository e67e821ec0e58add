#!/bin/sh
# PDFs (issue 11): CPU seconds a call (user + system, the best of RUNS runs) of `nianbao extract` on the
# agencies' text-layer PDFs of corpus/ (033–035.pdf) against `pdftotext -layout` on the same
# files, and OCR seconds per page of the scan 036.pdf (pages OCR_PAGES, one run: OCR is slow).
# CPU time, not wall time, so that a busy machine moves the figures less; a run is REPS calls of
# the command (time(1) counts in hundredths, a call takes a few of them). With valgrind installed,
# also the instructions of one call of each (callgrind: the machine's load does not move them).
# Usage:
#   bench/pdf.sh [build/cli/nianbao] [RUNS] [OCR_PAGES]
set -eu
bin=${1:-build/cli/nianbao}
runs=${2:-5}
ocr_pages=${3:-3-5}
reps=20
timing=$(mktemp)
trap 'rm -f "$timing"' EXIT
seconds() {  # user+system seconds of one run of the command
  /usr/bin/time -o "$timing" -f '%U %S' "$@" >/dev/null 2>&1
  awk '{print $1 + $2}' "$timing"
}
cpu() {  # the best user+system seconds of one call, over $runs runs of $reps calls each
  best=""
  i=0
  while [ "$i" -lt "$runs" ]; do
    /usr/bin/time -o "$timing" -f '%U %S' sh -c \
      'n=$1; shift; while [ "$n" -gt 0 ]; do "$@" >/dev/null 2>&1; n=$((n - 1)); done' sh "$reps" "$@"
    t=$(awk -v r="$reps" '{printf "%.4f", ($1 + $2) / r}' "$timing")
    best=$(awk -v a="$best" -v b="$t" 'BEGIN{ if (a == "" || b < a) print b; else print a }')
    i=$((i + 1))
  done
  echo "$best"
}
instructions() {  # instructions of one call, in millions ("-" without valgrind)
  if ! command -v valgrind >/dev/null; then echo -; return; fi
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    awk '/Collected :/{printf "%.1f", $NF / 1e6}'
}
ratio() { awk -v n="$1" -v p="$2" 'BEGIN{ if (p > 0) printf "%.2f", n / p; else print "-" }'; }
printf '%-10s %6s %10s %12s %6s %10s %12s %6s\n' file pages nianbao_s pdftotext_s ratio nianbao_Mi pdftotext_Mi ratio
for f in corpus/033.pdf corpus/034.pdf corpus/035.pdf; do
  pages=$(pdfinfo "$f" | awk '/^Pages:/{print $2}')
  n=$(cpu "$bin" extract "$f" -o /dev/null --ocr never)
  p=$(cpu pdftotext -layout "$f" /dev/null)
  ni=$(instructions "$bin" extract "$f" -o /dev/null --ocr never)
  pi=$(instructions pdftotext -layout "$f" /dev/null)
  printf '%-10s %6s %10s %12s %6s %10s %12s %6s\n' "$(basename "$f")" "$pages" "$n" "$p" "$(ratio "$n" "$p")" \
    "$ni" "$pi" "$(ratio "$ni" "$pi")"
done
first=${ocr_pages%-*}
last=${ocr_pages#*-}
count=$((last - first + 1))
t=$(seconds "$bin" extract corpus/036.pdf --pages "$ocr_pages" -o /dev/null)
printf 'OCR 036.pdf pages %s: %s s CPU, %s s per page\n' "$ocr_pages" "$t" "$(awk -v t="$t" -v c="$count" 'BEGIN{printf "%.2f", t / c}')"
