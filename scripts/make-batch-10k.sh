#!/usr/bin/env bash
# Generate a batch of N inputs (default 10 000) to measure `nianbao batch` at scale: copies of
# the corpus reports, plus broken inputs among them (1 in 100 is binary, 1 in 100 is empty,
# 1 in 100 is a report cut short), in folders of 100 files, and a list of all their paths.
# Not stored in git (docs/corpus-workflow.md has the measurements).
#   scripts/make-batch-10k.sh DEST [N]    → DEST/inputs/dNNN/…, DEST/list.txt
set -euo pipefail
dest=${1:?usage: make-batch-10k.sh DEST [N]}
n=${2:-10000}
corpus="$(cd "$(dirname "$0")/.." && pwd)/corpus"
mapfile -t reports < <(find "$corpus" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.html' \) ! -name README.md | sort)
rm -rf "$dest/inputs"
mkdir -p "$dest/inputs"
head -c 4096 /dev/urandom > "$dest/.binary"
for ((i = 0; i < n; i++)); do
  dir=$(printf '%s/inputs/d%03d' "$dest" $((i / 100)))
  [[ -d $dir ]] || mkdir -p "$dir"
  src=${reports[i % ${#reports[@]}]}
  name=$(printf '%05d-%s' "$i" "$(basename "$src")")
  case $((i % 100)) in
    0) cp "$dest/.binary" "$dir/${name%.*}.txt" ;;     # binary: must be an error line
    50) : > "$dir/$name" ;;                              # empty
    25) head -c 3000 "$src" > "$dir/$name" ;;            # cut short, maybe mid-character
    *) cp "$src" "$dir/$name" ;;
  esac
done
rm -f "$dest/.binary"
find "$dest/inputs" -type f | sort > "$dest/list.txt"
echo "$(wc -l < "$dest/list.txt") inputs in $dest/inputs ($(du -sh "$dest/inputs" | cut -f1)); list: $dest/list.txt"
