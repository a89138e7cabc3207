#!/usr/bin/env bash
# The main job on the bundled defaults: compile the catalog in controls/catalog to an SCAP 1.3
# source data stream (and its XCCDF, OVAL and OCIL parts) in out/, and summarize the catalog.
# (Checking the sample data in examples/ joins this script when the checker lands.)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
mkdir -p out
scapc=build/cli/scapc

"$scapc" validate controls/catalog
"$scapc" compile controls/catalog -o out/exchange-ds.xml --xccdf out/exchange-xccdf.xml \
  --oval out/exchange-oval.xml --ocil out/exchange-ocil.xml
# Until `scapc check` lands, the sample Edge server's collected data is evaluated at the OVAL level.
(cd out && oscap xccdf export-oval-variables --profile xccdf_org.scapc_profile_all exchange-xccdf.xml >/dev/null)
"$scapc" oval analyse --variables out/exchange-oval.xml-0.variables-0.xml --results out/edge01-oval-results.xml \
  out/exchange-oval.xml examples/edge01-bundle.json >out/edge01-definitions.txt 2>/dev/null
"$scapc" info controls/catalog >out/catalog-summary.txt
"$scapc" info --json controls/catalog >out/catalog-summary.json

echo
echo "outputs:"
echo "  $(pwd)/out/exchange-ds.xml        SCAP 1.3 source data stream (XCCDF 1.2 + OVAL 5.11.2 + OCIL 2.0)"
echo "  $(pwd)/out/exchange-xccdf.xml     the benchmark on its own"
echo "  $(pwd)/out/exchange-oval.xml      the OVAL cmdlet definitions on their own"
echo "  $(pwd)/out/edge01-oval-results.xml  the sample Edge server (examples/edge01-bundle.json) evaluated: OVAL results"
echo "  $(pwd)/out/edge01-definitions.txt  one line per definition: true, false, unknown (not collected), error"
echo "  $(pwd)/out/catalog-summary.txt    counts by framework, severity, role, category, cmdlet (.json too)"
echo "try: oscap info out/exchange-ds.xml"
