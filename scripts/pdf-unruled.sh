#!/usr/bin/env bash
# Tables without rules in PDFs (issue 11 item 2), on real reports: each HTML report of corpus/ is
# printed to PDF by headless chromium with its table borders removed (CSS), read back by
# `nianbao extract`, and its cells compared with corpus/expected — beside the cells read from the
# HTML itself. Slow (a browser per file) and needs chromium: a script, not a test.
# Usage: scripts/pdf-unruled.sh [build-dir] [corpus files…]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build}/cli/nianbao"
shift || true
files=("$@")
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(cd corpus && ls ./*.html | sed 's|^\./||')
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "pdf-unruled: chromium is not installed"; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for f in "${files[@]}"; do
  base=${f%.*}
  sed 's#</head>#<style>table,th,td{border:none !important}</style></head>#' "corpus/$f" > "$out/$f"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$out/$base.pdf" "$out/$f" >/dev/null 2>&1
  "$bin" extract "$out/$base.pdf" -o "$out/$base.pdf.xml" --ocr never 2>/dev/null || true
  "$bin" extract "corpus/$f" -o "$out/$base.html.xml" 2>/dev/null || true
  /usr/bin/python3 - "$out/$base.pdf.xml" "$out/$base.html.xml" "corpus/expected/$base.tsv" "$f" <<'PY'
import sys
sys.path.insert(0, "scripts")
from score_cells import expected, score, values
pdf, html, tsv, name = sys.argv[1:5]
want = expected(tsv)
pr, pw = score(want, values(pdf))
hr, hw = score(want, values(html))
print(f"{name}: unruled PDF {pr}/{len(want)} cells right, {len(pw)} wrong unflagged; "
      f"the HTML {hr}/{len(want)}, {len(hw)} wrong unflagged; wrong in the PDF: {' '.join(pw[:6])}")
PY
done
