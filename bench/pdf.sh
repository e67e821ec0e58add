#!/bin/sh
# PDFs (issue 11): CPU seconds a call (user + system, the best of RUNS runs) of `nianbao extract` on the
# agencies' text-layer PDFs of corpus/ (033–035.pdf) against `pdftotext -layout` on the same
# files, and OCR seconds per page of the scan 036.pdf (pages OCR_PAGES, one run: OCR is slow).
# CPU time, not wall time, so that a busy machine moves the figures less; a run is REPS calls of
# the command (time(1) counts in hundredths, a call takes a few of them). Usage:
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
printf '%-10s %6s %12s %12s %8s\n' file pages nianbao_s pdftotext_s ratio
for f in corpus/033.pdf corpus/034.pdf corpus/035.pdf; do
  pages=$(pdfinfo "$f" | awk '/^Pages:/{print $2}')
  n=$(cpu "$bin" extract "$f" -o /dev/null --ocr never)
  p=$(cpu pdftotext -layout "$f" /dev/null)
  printf '%-10s %6s %12s %12s %8s\n' "$(basename "$f")" "$pages" "$n" "$p" \
    "$(awk -v n="$n" -v p="$p" 'BEGIN{ if (p > 0) printf "%.1f", n / p; else print "-" }')"
done
first=${ocr_pages%-*}
last=${ocr_pages#*-}
count=$((last - first + 1))
t=$(seconds "$bin" extract corpus/036.pdf --pages "$ocr_pages" -o /dev/null)
printf 'OCR 036.pdf pages %s: %s s CPU, %s s per page\n' "$ocr_pages" "$t" "$(awk -v t="$t" -v c="$count" 'BEGIN{printf "%.2f", t / c}')"
