#!/usr/bin/env bash
# Output of two builds compared, for a change that must not change it (a speed-up):
#   bench/compare-outputs.sh OLD_NIANBAO NEW_NIANBAO [INPUT...]
# extracts every input (default: the corpus reports and the fuzz regressions) as XML and as JSON
# with both binaries and lists the files whose output or error differs; exit status 1 if any.
set -uo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2
shift 2
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=(corpus/*.txt corpus/*.html corpus/*.pdf fuzz/regressions/*.txt tests/data/toy/report.txt)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
differ=0
for f in "${inputs[@]}"; do
  for format in xml json; do
    for side in old new; do
      bin=$old
      [ "$side" = new ] && bin=$new
      "$bin" extract --format "$format" --ocr never "$f" >"$work/$side.out" 2>"$work/$side.err"
      echo "exit $?" >>"$work/$side.err"
    done
    if ! cmp -s "$work/old.out" "$work/new.out" || ! cmp -s "$work/old.err" "$work/new.err"; then
      echo "differs: $f ($format)"
      differ=1
    fi
  done
done
[ $differ -eq 0 ] && echo "same output for ${#inputs[@]} inputs (XML and JSON)"
exit $differ
