#!/usr/bin/env bash
# Install nianbao's build dependencies (Debian 12 packages, and the pinned npm packages of
# package.json: Chart.js, compiled into `nianbao serve`, and puppeteer-core for the browser test,
# which drives Debian's chromium), build it in build/ (the command and the Python package) and make
# `import nianbao` work for Debian's python3: a .pth file in its site-packages folder names
# build/python (rebuilding updates the package in place).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-packages.sh g++ cmake ninja-build pkg-config libicu-dev libre2-dev libpugixml-dev \
  libgumbo-dev libmodest-dev libsqlite3-dev libcli11-dev doctest-dev libxml2-dev libxml2-utils \
  libcpp-httplib-dev nlohmann-json3-dev nodejs chromium \
  python3 python3-dev pybind11-dev python3-pybind11 python3-jsonschema python3-pytest \
  python3-pandas python3-distributed \
  libpoppler-cpp-dev libpoppler-private-dev libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim tesseract-ocr-eng \
  libzip-dev libmimalloc-dev
# npm from Debian unless a Node.js distribution already brings its own.
command -v npm >/dev/null || scripts/install-packages.sh npm
# Exactly the versions of package-lock.json; puppeteer-core never downloads a browser.
PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
scripts/install-npm-data.sh
# In CI (CI=true) warnings are errors; a user building on another compiler is not stopped by one.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNIANBAO_WERROR="${CI:+ON}"
cmake --build build -j "$(nproc)"
site="$(/usr/bin/python3 -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"
sudo=""; [ "$(id -u)" -eq 0 ] || [ -w "$site" ] || sudo="sudo"
$sudo mkdir -p "$site"
echo "$(pwd)/build/python" | $sudo tee "$site/nianbao.pth" >/dev/null
/usr/bin/python3 -c "import nianbao; print('python3: import nianbao', nianbao.__version__, 'from', nianbao.__file__)"
