#!/usr/bin/env bash
# Runs every libFuzzer target (fuzz/) for SECONDS each, two at a time, seeded from real files: the
# corpus beside the checkout, the project's examples and test fixtures, and content compiled from
# the bundled catalog. Usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]   (docs/fuzzing.md)
# Exits 1 if any target found a crash, leak, timeout or sanitizer report; the reproducers stay in
# the artifacts folder it prints.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
shift || true
shared=../shared/corpus

bash scripts/install-deps.sh
CC=clang CXX=clang++ cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSCAPC_SANITIZE=ON -DSCAPC_FUZZ=ON -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8 >/dev/null
cmake --build build-sanitize -j "$(nproc)" >/dev/null

all=(catalog stig_xccdf stig_text content tailoring oval_definitions system_characteristics oval_variables
  clixml bundle ckl cklb results ocil_results xml_file waivers)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]/#/fuzz_}")

work=$(mktemp -d)
artifacts=$(mktemp -d /tmp/scapc-fuzz-artifacts.XXXX)
trap 'rm -rf "$work"' EXIT

# Content compiled from the bundled catalog: a data stream, its XCCDF, OVAL and OCIL, and the
# DISA STIG page text the synthesis tests use.
compiled="$work/compiled"
mkdir -p "$compiled"
build-sanitize/cli/scapc compile controls/catalog -o "$compiled/ds.xml" --xccdf "$compiled/xccdf.xml" \
  --oval "$compiled/oval.xml" --ocil "$compiled/ocil.xml" --timestamp 2026-01-01T00:00:00 >/dev/null

# Seeds per target: files up to 512 KiB, so that each run gets many iterations.
seed() {
  local target=$1
  shift
  mkdir -p "$work/seeds/$target"
  for file in "$@"; do
    [ -f "$file" ] && [ "$(stat -c %s "$file")" -le 524288 ] || continue
    cp "$file" "$work/seeds/$target/$(echo "$file" | md5sum | cut -c1-12)-$(basename "$file")"
  done
}
shopt -s nullglob
seed fuzz_catalog controls/catalog/*.json "$shared"/controls/controls.json "$shared"/controls/Controls/*.json \
  tests/controls/fixtures/*.json tests/controls/fixtures/schema-rejects/*.json tests/compiler/fixtures/*.json
seed fuzz_stig_xccdf "$shared"/stig/*.xml
seed fuzz_stig_text tests/stig/fixtures/*.txt docs/*.md
seed fuzz_content "$compiled/ds.xml" "$compiled/xccdf.xml" tests/check/fixtures/mini-xccdf.xml \
  tests/collector/fixtures/collector-xccdf.xml tests/output/fixtures/hostile-xccdf.xml \
  tests/validation/fixtures/sds-*.xml tests/validation/fixtures/xccdf-*.xml
seed fuzz_tailoring tests/validation/fixtures/xccdf-tailoring.xml "$compiled/xccdf.xml"
seed fuzz_oval_definitions "$compiled/oval.xml" tests/check/fixtures/mini-oval.xml tests/check/fixtures/multi-oval.xml \
  tests/collector/fixtures/*oval.xml tests/validation/fixtures/oval-*.xml
seed fuzz_system_characteristics tests/check/fixtures/mini-syschar.xml tests/compiler/fixtures/*syschar*.xml
seed fuzz_oval_variables tests/validation/fixtures/oscap-oval-variables.xml
seed fuzz_clixml "$shared"/cmdlet-output/E19/*.xml tests/hostile/clixml/*.xml
seed fuzz_bundle examples/*.json tests/hostile/json/bundle-*.json
seed fuzz_ckl "$shared"/checklists/*.ckl
seed fuzz_cklb "$shared"/checklists/*.cklb
seed fuzz_results "$shared"/arf/*.xml tests/validation/fixtures/xccdf-testresult.xml \
  tests/validation/fixtures/xccdf-duplicate-testresults.xml
seed fuzz_xml_file tests/check/fixtures/mini-oval.xml tests/check/fixtures/mini-syschar.xml \
  tests/validation/fixtures/oval-*.xml tests/output/fixtures/hostile-xccdf.xml
seed fuzz_waivers tests/check/fixtures/waivers/*.json tests/hostile/waivers/*.json
seed fuzz_ocil_results tests/check/fixtures/mini-ocil-results.xml tests/ocil/fixtures/*.xml "$compiled/ocil.xml"

run() {
  local target=$1
  local dictionary=fuzz/xml.dict
  case $target in fuzz_catalog | fuzz_bundle | fuzz_cklb | fuzz_waivers) dictionary=fuzz/json.dict ;; fuzz_stig_text) dictionary= ;; esac
  mkdir -p "$work/corpus/$target" "$artifacts/$target" "$work/seeds/$target"
  if build-sanitize/fuzz/"$target" "$work/corpus/$target" "$work/seeds/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    ${dictionary:+-dict=$dictionary} -artifact_prefix="$artifacts/$target/" >"$work/$target.log" 2>&1; then
    echo "$target: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$target.log" | grep -o '[0-9]*$') runs, $(ls "$work/seeds/$target" | wc -l) seeds, $(grep -o 'cov: [0-9]*' "$work/$target.log" | tail -1)"
  else
    echo "$target: FAILED"
    grep -E 'ERROR|SUMMARY|Test unit written' "$work/$target.log" | head -5
    for crash in "$artifacts/$target"/*; do
      echo "  reproduce: build-sanitize/fuzz/$target $crash"
    done
    return 1
  fi
}

# Two at a time: CI has two cores.
status=0
pids=()
for target in "${targets[@]}"; do
  run "$target" &
  pids+=($!)
  if [ ${#pids[@]} -ge 2 ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
if [ $status -eq 0 ]; then
  rm -rf "$artifacts"
else
  echo "fuzzing found problems; reproducers in $artifacts"
fi
exit $status
