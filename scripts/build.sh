#!/usr/bin/env bash
# Installs what is missing, configures and builds scapc into build/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
# Unity batches: CLI11's and nlohmann/json's inline code is compiled once per eight files instead of
# once per file, which halves the build on CI's two cores (README.md).
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8 >/dev/null
cmake --build build -j "$(nproc)"
