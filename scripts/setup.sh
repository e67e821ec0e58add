#!/usr/bin/env bash
# Install nianbao's build dependencies (Debian 12 packages only) and build it in build/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-packages.sh g++ cmake ninja-build pkg-config libicu-dev libre2-dev libpugixml-dev \
  libgumbo-dev libmodest-dev libsqlite3-dev libcli11-dev doctest-dev libxml2-dev libxml2-utils \
  libpoppler-cpp-dev libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim tesseract-ocr-eng
# In CI (CI=true) warnings are errors; a user building on another compiler is not stopped by one.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNIANBAO_WERROR="${CI:+ON}"
cmake --build build -j "$(nproc)"
