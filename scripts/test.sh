#!/usr/bin/env bash
# Installs what is missing, builds with -Werror, and runs every test (unit and
# end-to-end) through ctest. This is what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD_DIR=build-ci bash scripts/build.sh -DSTARGRADE_WERROR=ON -DSTARGRADE_TESTS=ON
cd build-ci
ctest --output-on-failure -j"$(nproc)"
cd ..
# The unit tests again, built with AddressSanitizer and UBSan (build-asan).
bash scripts/sanitize.sh
