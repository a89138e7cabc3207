#!/usr/bin/env bash
# The whole test suite: builds, runs every test through ctest, runs them all again under
# AddressSanitizer and UndefinedBehaviorSanitizer, then each fuzz target for a short time.
set -euo pipefail
cd "$(dirname "$0")/.."

# The oracles' side is computed once and reused by the sanitizer run: oscap's collection for the
# SSG differential tests, oscap runs on the same bytes (tests/lib/oscap-memo), and the npm packages
# of STIG Manager and SAF.
SCAPC_ORACLE_CACHE=$(mktemp -d)
export SCAPC_ORACLE_CACHE
trap 'rm -rf "$SCAPC_ORACLE_CACHE"' EXIT
export PATH="$PWD/tests/lib/oscap-memo:$PATH"

bash scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
bash scripts/sanitize.sh
bash scripts/fuzz.sh
