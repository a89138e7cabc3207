#!/usr/bin/env bash
# The main job on the bundled defaults: validate the catalog in controls/catalog and summarize it
# into out/. (Compiling it to SCAP content and checking examples/ join this script as they land.)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
mkdir -p out
scapc=build/cli/scapc

"$scapc" validate controls/catalog
"$scapc" info controls/catalog | tee out/catalog-summary.txt
"$scapc" info --json controls/catalog >out/catalog-summary.json

echo
echo "outputs:"
echo "  $(pwd)/out/catalog-summary.txt   counts by framework, severity, role, category, cmdlet"
echo "  $(pwd)/out/catalog-summary.json  the same as JSON"
