#!/usr/bin/env bash
# The main job on the bundled defaults: compile the catalog in controls/catalog to an SCAP 1.3
# source data stream (and its XCCDF, OVAL and OCIL parts) in out/, and summarize the catalog.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
mkdir -p out
scapc=build/cli/scapc

"$scapc" validate controls/catalog
"$scapc" compile controls/catalog -o out/exchange-ds.xml --xccdf out/exchange-xccdf.xml \
  --oval out/exchange-oval.xml --ocil out/exchange-ocil.xml
# The three sample servers in examples/, checked in one run (exit 2: they have findings).
status=0
"$scapc" check out/exchange-ds.xml --data examples/mailbox01-bundle.json --data examples/mailbox02-bundle.json \
  --data examples/edge01-bundle.json --results out/examples-xccdf-results.xml --results-arf out/examples-arf.xml \
  --oval-results out/examples-oval-results.xml --ckl out/examples.ckl --cklb out/examples.cklb \
  --json out/examples-summary.json --report out/examples-report.html >out/examples-check.txt || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then exit "$status"; fi
"$scapc" collector out/exchange-ds.xml --profile xccdf_org.scapc_profile_role_mailbox -o out/Collect-Mailbox.ps1
"$scapc" collector out/exchange-ds.xml --profile xccdf_org.scapc_profile_role_edge -o out/Collect-Edge.ps1
"$scapc" info controls/catalog >out/catalog-summary.txt
"$scapc" info --json controls/catalog >out/catalog-summary.json

echo
echo "outputs:"
echo "  $(pwd)/out/exchange-ds.xml        SCAP 1.3 source data stream (XCCDF 1.2 + OVAL 5.11.2 + OCIL 2.0)"
echo "  $(pwd)/out/exchange-xccdf.xml     the benchmark on its own"
echo "  $(pwd)/out/exchange-oval.xml      the OVAL cmdlet definitions on their own"
echo "  $(pwd)/out/examples-arf.xml      the three sample servers (examples/) checked: ARF 1.1 result data stream"
echo "  $(pwd)/out/examples-xccdf-results.xml  the same as XCCDF results (benchmark + one TestResult per server)"
echo "  $(pwd)/out/examples-check.txt     one line per server and rule (result), and a summary with scores"
echo "  $(pwd)/out/examples.<host>.ckl    STIG Viewer checklists per server (.cklb for STIG Viewer 3)"
echo "  $(pwd)/out/examples-summary.json  the JSON summary for pipelines (docs/json-summary.md)"
echo "  $(pwd)/out/examples-report.html   the HTML report of the three servers (open it in a browser)"
echo "  $(pwd)/out/Collect-Mailbox.ps1    the read-only collector for Mailbox servers (Collect-Edge.ps1 for Edge)"
echo "  $(pwd)/out/catalog-summary.txt    counts by framework, severity, role, category, cmdlet (.json too)"
echo "try: oscap info out/exchange-ds.xml"
