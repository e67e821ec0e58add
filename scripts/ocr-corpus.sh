#!/usr/bin/env bash
# OCR figures on the corpus scans (SOURCES.tsv input "pdf (scan)"), the whole files: seconds
# (wall, CPU) per page and cells right against corpus/expected. CI reads only their table pages
# (tests/test_pdf_scan.cc); this reads everything. Usage: scripts/ocr-corpus.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build}/cli/nianbao"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
awk -F'\t' '$5 ~ /\(scan\)/ {print $1}' corpus/SOURCES.tsv | while read -r f; do
  pages=$(pdfinfo "corpus/$f" | awk '/^Pages:/ {print $2}')
  /usr/bin/time -f '%e %U' -o "$out/time" "$bin" extract "corpus/$f" -o "$out/$f.xml"
  read -r wall cpu < "$out/time"
  /usr/bin/python3 - "$out/$f.xml" "corpus/expected/${f%.*}.tsv" "$f" "$pages" "$wall" "$cpu" <<'PY'
import sys
sys.path.insert(0, "scripts")
from score_cells import expected, score, values
xml, tsv, name, pages, wall, cpu = sys.argv[1:7]
want = expected(tsv)
right, unflagged = score(want, values(xml))
p = int(pages)
print(f"{name}: {right}/{len(want)} cells right ({100*right/len(want):.1f} %), {len(unflagged)} wrong unflagged"
      f" {unflagged}; {p} pages, {float(wall)/p:.1f} s/page wall, {float(cpu)/p:.1f} s/page CPU")
PY
done
