#!/usr/bin/env bash
# The architecture test (run by ctest): reads every #include line of the libraries and fails
# when a folder includes one it may not (the pipeline runs one way), when a file outside a stage
# includes one of the stage's internal headers (those under <stage>/internal/), when a public
# header of a stage includes an internal one (it would leak), or when cli/ includes SQLite or pugixml.
# Tests, fuzzers, benchmarks and tools are white-box and exempt from the internal-header rule.
set -u
cd "${1:-$(dirname "$0")/..}" || exit 2

# stage: the stages it may include (besides itself): those upstream of it, never a sibling
# (extract/metadata, metadata/schema, schema/output) nor one downstream.
declare -A allowed=(
  [model]=""
  [normalize]="model"
  [extract]="model normalize"
  [metadata]="model normalize"
  [schema]="model normalize extract"
  [output]="model normalize"
  [pipeline]="model normalize extract metadata schema output"
  [engine]="model normalize extract metadata schema output pipeline"
  [server]="model normalize extract metadata schema output pipeline engine"
  [cli]="model normalize extract metadata schema output pipeline engine server"
)

failures=0
fail() { echo "architecture: $1"; failures=$((failures + 1)); }

for stage in "${!allowed[@]}"; do
  [ -d "$stage" ] || { fail "$stage/: stage folder missing"; continue; }
  while IFS= read -r hit; do
    file=${hit%%:*}
    header=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"${hit#*:}")
    target=${header%%/*}
    [ "$target" = "$header" ] && continue  # a header of the same folder named without its folder
    if [ "$target" != "$stage" ]; then
      if [ -z "${allowed[$target]+x}" ]; then
        fail "$file includes $header, which is not in a pipeline stage"
      elif ! grep -qw "$target" <<<"${allowed[$stage]}"; then
        fail "$file includes $header: $stage/ may not include $target/ (the pipeline runs one way)"
      elif [[ "$header" == */internal/* ]]; then
        fail "$file includes $header, an internal header of $target/"
      fi
    elif [[ "$header" == */internal/* && "$file" == *.h && "$file" != */internal/* ]]; then
      fail "$file, a public header of $stage/, includes its internal header $header"
    fi
  done < <(grep -rHE '^\s*#\s*include\s+"' --include='*.h' --include='*.cc' "$stage")
done

# cli/ is commands only: no database or XML library of its own.
while IFS= read -r hit; do fail "cli/ is commands only, but ${hit%%:*} includes a library the engine wraps"; done \
  < <(grep -rHE '^\s*#\s*include\s+<(sqlite3|pugixml)' --include='*.h' --include='*.cc' cli)

# Only the template engine names a format: no template id outside schema/ (and the data).
while IFS= read -r hit; do fail "${hit%%:*} names a template id; ask the templates (schema/) instead"; done \
  < <(grep -rHE '"gov-20[0-9]{2}"' --include='*.h' --include='*.cc' normalize extract metadata output pipeline engine cli |
      grep -vE '^[^:]+:\s*//')

if [ "$failures" -gt 0 ]; then
  echo "architecture: $failures violation(s)"
  exit 1
fi
echo "architecture: every #include runs one way"
