#!/usr/bin/env bash
# Installs what is missing, builds with -Werror, AddressSanitizer and UBSan
# (g++ -O1, in build-ci), and runs every test, unit and end-to-end, through
# ctest: any sanitizer finding in the unit tests or in the binary the CLI
# scripts drive fails the run. This is what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/sanitizer-env.sh
start=$(date +%s)
BUILD_DIR=build-ci BUILD_TYPE=Sanitize bash scripts/build.sh "${sanitize_cmake_flags[@]}" \
  -DSTARGRADE_WERROR=ON -DSTARGRADE_TESTS=ON
built=$(date +%s)
cd build-ci
status=0
ctest --output-on-failure -j"$(nproc)" || status=$?
echo "test: build $((built - start)) s, ctest $(($(date +%s) - built)) s"
exit "$status"
