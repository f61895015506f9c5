# Sourced by scripts/test.sh and scripts/sanitize.sh: the configure flags of
# a sanitized build and the runtime options that turn every AddressSanitizer,
# LeakSanitizer and UBSan finding into a failing exit.
# shellcheck shell=bash
sanitize_cmake_flags=(-DCMAKE_CXX_COMPILER="${SANITIZE_CXX:-g++}" -DCMAKE_BUILD_TYPE=Sanitize
                      -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -g1" -DSTARGRADE_SANITIZE=ON)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
