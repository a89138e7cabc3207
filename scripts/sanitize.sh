#!/usr/bin/env bash
# The whole test suite again, built by clang with AddressSanitizer (and LeakSanitizer) and
# UndefinedBehaviorSanitizer in build-sanitize/; the fuzz targets share that build. Sanitizer
# reports go to files, so one counts even when the test around it expected its command to fail:
# any report fails the run. Extra arguments go to ctest (e.g. -R hostile).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
CC=clang CXX=clang++ cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSCAPC_SANITIZE=ON -DSCAPC_FUZZ=ON -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8 >/dev/null
cmake --build build-sanitize -j "$(nproc)"

reports=$(mktemp -d)
export ASAN_OPTIONS="log_path=$reports/asan:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="log_path=$reports/ubsan:print_stacktrace=1:halt_on_error=1"
status=0
ctest --test-dir build-sanitize --output-on-failure -j "$(nproc)" "$@" || status=$?

if compgen -G "$reports/*" >/dev/null; then
  echo "sanitizer reports ($(ls "$reports" | wc -l) files in $reports):"
  for report in "$reports"/*; do
    echo "== $report"
    head -40 "$report"
  done
  exit 1
fi
rm -rf "$reports"
echo "sanitizers: no reports"
exit "$status"
