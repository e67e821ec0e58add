#!/usr/bin/env bash
# Speed of `nianbao serve` on a large corpus (issue 13 item 8): N copies of the corpus reports
# (scripts/make-batch-10k.sh), batch + index, then the median and worst time of the API calls a
# search and a report page make, over the loopback (curl). Figures: bench/README.md.
#   scripts/bench-serve.sh [N] [WORKDIR]     (default 10000, /tmp/nianbao-bench-serve)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
work=${2:-/tmp/nianbao-bench-serve}
bin=$PWD/build/cli/nianbao
mkdir -p "$work"
if [ ! -f "$work/corpus-$n.db" ]; then
  scripts/make-batch-10k.sh "$work" "$n" >/dev/null
  "$bin" batch --stdin -o "$work/out" -j 2 -q < "$work/list.txt" >/dev/null || true  # the broken inputs fail (exit 3)
  "$bin" index "$work/out" --db "$work/corpus-$n.db" >/dev/null || true
fi
# The search alone, in one process (CPU time as well as wall: the machine may be shared).
if [ -x build/bench/nianbao_search_bench ]; then build/bench/nianbao_search_bench "$work/corpus-$n.db" 20; fi
start=$(date +%s%N)
"$bin" serve --db "$work/corpus-$n.db" --port 0 > "$work/serve.out" 2>"$work/serve.err" &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 50); do grep -q http "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(grep -o 'http://[^ ]*' "$work/serve.out" | head -1)
base=${base%/}
curl -s -o /dev/null "$base/api/search?q=%E6%94%BF%E5%BA%9C"
echo "start-up to the first search answered: $(( ($(date +%s%N) - start) / 1000000 )) ms"

# Median and maximum of `runs` timed GETs of one URL (seconds → ms).
time_url() {
  local url=$1 runs=${2:-20}
  for _ in $(seq "$runs"); do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done |
    sort -n | awk '{ t[NR] = $1 * 1000 } END { printf "median %.1f ms, max %.1f ms\n", t[int((NR + 1) / 2)], t[NR] }'
}
echo "corpus: $(curl -s "$base/api/facets" | grep -o '"reports":[0-9]*')"
for q in 政府信息公开 依申请 行政复议%20决定 平潭 淮安%20邮编 指尖上的形式主义 "政府信息公开&province=江苏省" "政府信息公开&completeness=partial"; do
  echo "search q=$q: $(time_url "$base/api/search?q=$q")"
done
echo "search q=政府信息公开 page 10: $(time_url "$base/api/search?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80&page=10")"
echo "facets: $(time_url "$base/api/facets" 5)"
for id in 1 $((n / 2)) $((n * 9 / 10)); do
  # The report page: its record, its XML, its template's tables and its decoded source (fetched in
  # that order by report.js).
  total=$( { for u in /api/reports/$id /api/reports/$id/xml /api/templates/gov-2021 /api/reports/$id/source; do
               curl -s -o /dev/null -w '%{time_total}\n' "$base$u"; done; } |
           awk '{ s += $1 } END { printf "%.1f", s * 1000 }')
  echo "report $id page data (record + xml + template + source, sequential): $total ms; record alone: $(time_url "$base/api/reports/$id" 10)"
done
