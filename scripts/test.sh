#!/usr/bin/env bash
# The whole test suite: builds, runs every test through ctest, runs them all again under
# AddressSanitizer and UndefinedBehaviorSanitizer, then each fuzz target for a short time.
set -euo pipefail
cd "$(dirname "$0")/.."

# oscap's side of the SSG differential tests is computed once and reused by the sanitizer run.
SCAPC_ORACLE_CACHE=$(mktemp -d)
export SCAPC_ORACLE_CACHE
trap 'rm -rf "$SCAPC_ORACLE_CACHE"' EXIT

bash scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
bash scripts/sanitize.sh
bash scripts/fuzz.sh
