#!/usr/bin/env bash
# Builds the unit tests with AddressSanitizer and UndefinedBehaviorSanitizer
# (g++, -O1, in build-asan) and runs them. Any sanitizer report fails the run:
# -fno-sanitize-recover=all and halt_on_error=1 turn each finding into an exit.
# Leaks are reported too (detect_leaks=1). This is the quick loop over the unit
# tests; CI (scripts/test.sh) runs every test, unit and end-to-end, on such a build.
# Usage: bash scripts/sanitize.sh [extra Catch2 arguments, e.g. a test name]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/sanitizer-env.sh
build_dir=${SANITIZE_BUILD_DIR:-build-asan}

start=$(date +%s)
cmake -S . -B "$build_dir" "${sanitize_cmake_flags[@]}" -DSTARGRADE_TESTS=ON -DSTARGRADE_FUZZ=OFF >/dev/null
# Only the unit-test binary: scripts/test.sh builds and runs everything.
cmake --build "$build_dir" --target stargrade_tests -j"$(nproc)"
built=$(date +%s)

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
"$build_dir/tests/stargrade_tests" "$@" 2>&1 | tee "$log" || status=$?
done_at=$(date +%s)

# Catch2's summary: "All tests passed (A assertions in N test cases)" or
# "test cases: N | P passed | F failed".
passed=0 failed=0
if line=$(grep -E '^All tests passed \(' "$log" | tail -1) && [ -n "$line" ]; then
  passed=$(sed -E 's/.* in ([0-9]+) test cases?\)/\1/' <<<"$line")
elif line=$(grep -E '^test cases: ' "$log" | tail -1) && [ -n "$line" ]; then
  passed=$(sed -nE 's/.*\| *([0-9]+) passed.*/\1/p' <<<"$line")
  failed=$(sed -nE 's/.*\| *([0-9]+) failed.*/\1/p' <<<"$line")
fi
: "${passed:=0}" "${failed:=0}"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a sanitizer stopped the run
echo "sanitize: build $((built - start)) s, run $((done_at - built)) s"
echo "sanitize: $passed passed, $failed failed"
exit "$status"
