#!/usr/bin/env bash
# Source coverage of what the fuzzers reached, per harness: builds the harnesses with clang's
# coverage instrumentation (on top of the fuzzers' own ASan + UBSan) in build-cov/, replays every
# input a harness kept (fuzz-out/<harness>/), its seeds (as scripts/fuzz.sh makes them) and
# fuzz/regressions/, and prints per harness the line coverage of the files it targets and of all
# our sources it links; --detail adds llvm-cov's report per file.
# Usage: scripts/fuzz-coverage.sh [--detail] [text html template pdf docx image gumbo http]
#   (default: all eight)
# The binaries in build-cov/fuzz/ are fuzzers too: running one with LLVM_PROFILE_FILE set is a
# fuzzing run whose coverage is kept (docs/robustness.md, "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")/.."
detail=0
if [ "${1:-}" = --detail ]; then detail=1; shift; fi
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(text html template pdf docx image gumbo http)
scripts/install-packages.sh clang libclang-rt-14-dev llvm-14
# -O1 and line tables only: a quicker build, still with the lines of a sanitizer's report.
launcher=(); command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-cov -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" \
      -DNIANBAO_FUZZ=ON -DNIANBAO_TESTS=OFF \
      -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only -fprofile-instr-generate -fcoverage-mapping" \
      -DCMAKE_EXE_LINKER_FLAGS="-fprofile-instr-generate" -DCMAKE_SHARED_LINKER_FLAGS="-fprofile-instr-generate" \
      -DCMAKE_MODULE_LINKER_FLAGS="-fprofile-instr-generate" >/dev/null
targets=(); for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
cmake --build build-cov --target "${targets[@]}" -j 2

# The sources each harness is for, as a regular expression over the file names llvm-cov records
# (/…/build-cov/../extract/pdf_reader.cc); the rest of what it links is "all linked".
targeted() {
  case "$1" in
    text) echo '/extract/(text_[^/]*|sections)\.cc$' ;;
    html) echo '/extract/html_[a-fh-z][^/]*\.cc$' ;;
    template) echo '/schema/[^/]*\.cc$' ;;
    pdf) echo '/extract/pdf_[^/]*\.cc$' ;;
    docx) echo '/extract/docx_[^/]*\.cc$' ;;
    image) echo '/extract/(image_reader|ocr[^/]*)\.cc$' ;;
    gumbo) echo '/extract/html_(gumbo|dom)\.cc$' ;;
    http) echo '/server/[^/]*\.cc$' ;;
  esac
}
# Our own sources (not the harnesses, tests, benchmarks or the files generated in build-cov/).
ours='/build-cov/\.\./(normalize|extract|schema|output|metadata|pipeline|engine|server|model|cli)/'

# The database the http harness serves (as scripts/fuzz.sh http builds it), made by a plain build
# of nianbao when there is one.
http_state() {
  local state=build-cov/http-state bin=build/cli/nianbao
  [ -x "$bin" ] || { cmake --build build-cov --target nianbao -j 2 >/dev/null; bin=build-cov/cli/nianbao; }
  rm -rf "$state"; mkdir -p "$state"
  ASAN_OPTIONS=detect_leaks=0 "$bin" batch corpus/001.txt corpus/002.txt corpus/024.html corpus/026.html \
    -o "$state/out" -q
  ASAN_OPTIONS=detect_leaks=0 "$bin" index "$state/out" --db "$state/corpus.db" >/dev/null
  export NIANBAO_FUZZ_DB=$PWD/$state/corpus.db NIANBAO_FUZZ_CORRECTIONS=$PWD/$state/corrections.csv
}

line_cover() {  # "covered/total lines (percent)" over the files of llvm-cov's JSON summary matching $1
  /usr/bin/python3 -c '
import json, re, sys
pattern = re.compile(sys.argv[1])
files = [f for f in json.load(sys.stdin)["data"][0]["files"] if pattern.search(f["filename"])]
lines = sum(f["summary"]["lines"]["count"] for f in files)
covered = sum(f["summary"]["lines"]["covered"] for f in files)
print(f"{covered}/{lines} lines ({100 * covered / lines:.1f}%)" if lines else "no lines")' "$1"
}

mkdir -p build-cov/profiles
printf '%-9s %8s  %-34s %s\n' harness inputs targeted "all linked"
for h in "${harnesses[@]}"; do
  seeds="build-cov/seeds-$h"; rm -rf "$seeds" "build-cov/profiles/$h"; mkdir -p "$seeds" "build-cov/profiles/$h"
  dirs=("$seeds")
  case "$h" in
    html|gumbo) cp corpus/*.html "$seeds/" ;;
    pdf|docx|image) /usr/bin/python3 scripts/fuzz-seeds.py "$h" "$seeds" >/dev/null ;;
    http) cp fuzz/http-seeds/* "$seeds/"; http_state ;;
    *) cp corpus/*.txt "$seeds/" ;;
  esac
  [ "$h" = http ] || dirs+=(fuzz/regressions)
  [ -d "fuzz-out/$h" ] && dirs+=("fuzz-out/$h")
  inputs=$(find "${dirs[@]}" -type f | wc -l)
  # -runs=0: every input of the folders is run once, then the fuzzer stops.
  LLVM_PROFILE_FILE="build-cov/profiles/$h/%p.profraw" ASAN_OPTIONS=detect_leaks=0 \
    "./build-cov/fuzz/fuzz_$h" -runs=0 -timeout=60 -rss_limit_mb=4096 "${dirs[@]}" >"build-cov/replay-$h.log" 2>&1 || true
  llvm-profdata-14 merge -sparse build-cov/profiles/"$h"/*.profraw -o "build-cov/$h.profdata"
  summary=$(llvm-cov-14 export -summary-only "build-cov/fuzz/fuzz_$h" -instr-profile="build-cov/$h.profdata")
  mine=$(line_cover "$(targeted "$h")" <<<"$summary")
  all=$(line_cover "$ours" <<<"$summary")
  printf '%-9s %8s  %-34s %s\n' "$h" "$inputs" "$mine" "$all"
  if [ "$detail" = 1 ]; then
    llvm-cov-14 report "build-cov/fuzz/fuzz_$h" -instr-profile="build-cov/$h.profdata" | grep -E 'Filename|TOTAL|\.cc '
  fi
done
