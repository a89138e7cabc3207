#!/usr/bin/env bash
# OVAL evaluation benchmark (issue 9, workload 1): `scapc oval analyse` against `oscap oval analyse`
# on Debian's SSG OVAL with system characteristics collected on this machine, the same collection
# with its items replicated to 20,000 and 108,000 (hundreds per object; bench/oval/replicate.py),
# on synthetic definitions + system characteristics of 10,000 and 100,000 items
# (bench/oval/generate.py), and on Windows definitions of 100,000 registry, file, file rights,
# service and WMI items (bench/oval/generate_windows.py).
#
#   bench/oval/run.sh [--quick]
#
# For each workload it first checks that both tools give every definition the same result (exit 1
# on the first differences), then times them with bench/measure.py next to the parse floor:
# `scapc oval analyse --parse-only`, which reads both files and parses them with the input layer
# scapc uses (same limits and checks) and stops. No analysis can take less than that, so
# "scapc / parse-floor" says how much the evaluation and the results document cost on top.
# "scapc, verdicts only" analyses without writing the results document (the definitions' results
# go to stdout): what evaluating costs on top of parsing, apart from writing a document that
# copies both inputs (130 MB at 100,000 items).
#
# --quick: a 2,000-item synthetic input, one run, SSG only when its system characteristics are
# already cached: the smoke test CI runs (well under a minute). It still compares results.
#
# Environment: SCAPC (the scapc binary; default build/cli/scapc), SCAPC_BENCH_RUNS (runs per
# command, default 5), SCAPC_BENCH_OUT (Markdown tables are appended here; default
# bench/out/results.md). Inputs are cached in bench/out/oval/; the SSG collection (`oscap oval
# collect`, a few minutes) happens once.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
SCAPC=${SCAPC:-$repo/build/cli/scapc}
cache=$repo/bench/out/oval
SCAPC_BENCH_OUT=${SCAPC_BENCH_OUT:-$repo/bench/out/results.md}
SSG=${SCAPC_BENCH_SSG:-/usr/share/xml/scap/ssg/content/ssg-debian11-oval.xml}

quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac
runs=${SCAPC_BENCH_RUNS:-5}
[ "$quick" = 1 ] && runs=1

# This script installs nothing: it says what is missing (bench/run.sh or scripts/install-deps.sh
# install the Debian packages).
missing=()
[ -x "$SCAPC" ] || missing+=("scapc binary at $SCAPC (build it, or set SCAPC)")
command -v oscap >/dev/null || missing+=("oscap (Debian package openscap-scanner)")
command -v python3 >/dev/null || missing+=("python3")
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (Debian package time)")
if [ "${#missing[@]}" -gt 0 ]; then
  printf 'bench/oval/run.sh: missing: %s\n' "${missing[@]}" >&2
  exit 1
fi
mkdir -p "$cache" "$(dirname "$SCAPC_BENCH_OUT")"

# Same results first: a fast wrong answer is not a result.
same_results() {  # defs sc folder
  "$SCAPC" oval analyse --results "$3/scapc-results.xml" "$1" "$2" >/dev/null 2>"$3/scapc-messages.log"
  oscap oval analyse --results "$3/oscap-results.xml" "$1" "$2" >/dev/null 2>"$3/oscap-warnings.log"
  python3 "$here/compare_results.py" "$3/scapc-results.xml" "$3/oscap-results.xml"
}

workload() {  # title defs sc folder
  local title=$1 defs=$2 sc=$3 folder=$4
  mkdir -p "$folder"
  echo "== $title"
  same_results "$defs" "$sc" "$folder"
  python3 "$repo/bench/measure.py" --title "$title" --runs "$runs" \
    --cmd scapc "'$SCAPC' oval analyse --results '$folder/run-scapc.xml' '$defs' '$sc' >/dev/null" \
    --cmd oscap "oscap oval analyse --results '$folder/run-oscap.xml' '$defs' '$sc' >/dev/null" \
    --cmd parse-floor "'$SCAPC' oval analyse --parse-only '$defs' '$sc'" \
    --cmd "scapc, verdicts only" "'$SCAPC' oval analyse '$defs' '$sc' >/dev/null" \
    --markdown "$SCAPC_BENCH_OUT"
}

generated() {  # name generator title items: definitions and system characteristics a generator writes
  local folder=$cache/$1-$4
  # Regenerated when the generator changed; the same seed gives the same files.
  if [ ! -f "$folder/sc.xml" ] || [ "$here/$2" -nt "$folder/sc.xml" ]; then
    python3 "$here/$2" --items "$4" --out "$folder"
  fi
  workload "OVAL analyse, $3 ($(date -u +%F), $(nproc) cores)" "$folder/defs.xml" "$folder/sc.xml" "$folder"
}
synthetic() { generated synthetic generate.py "synthetic $1 items" "$1"; }

ssg_sc=$cache/ssg-debian11-sc.xml
if [ -f "$SSG" ]; then
  if [ ! -s "$ssg_sc" ] && [ "$quick" = 0 ]; then
    echo "== collecting SSG system characteristics once (oscap oval collect, a few minutes)"
    oscap oval collect --syschar "$ssg_sc.tmp" "$SSG" >"$cache/ssg-collect.log" 2>&1 || true
    [ -s "$ssg_sc.tmp" ] || { echo "bench/oval/run.sh: oscap oval collect wrote nothing (see $cache/ssg-collect.log)" >&2; exit 1; }
    mv "$ssg_sc.tmp" "$ssg_sc"
  fi
  if [ -s "$ssg_sc" ]; then
    workload "OVAL analyse, SSG $(basename "$SSG") ($(date -u +%F), $(nproc) cores)" "$SSG" "$ssg_sc" "$cache/ssg"
    # The same collection with hundreds of items per object (bench/oval/replicate.py), as file and
    # textfilecontent objects over whole directories have; 18 of SSG's local variables are over
    # such objects, so their states compare every item with every value.
    sizes=(20000 108000)
    [ "$quick" = 1 ] && sizes=(5000)
    for items in "${sizes[@]}"; do
      replicated=$cache/ssg-replicated-$items
      mkdir -p "$replicated"
      if [ ! -s "$replicated/sc.xml" ] || [ "$here/replicate.py" -nt "$replicated/sc.xml" ] ||
        [ "$ssg_sc" -nt "$replicated/sc.xml" ]; then
        python3 "$here/replicate.py" "$ssg_sc" --items "$items" --out "$replicated/sc.xml"
      fi
      workload "OVAL analyse, SSG collection with items replicated to $items ($(date -u +%F), $(nproc) cores)" \
        "$SSG" "$replicated/sc.xml" "$replicated"
    done
  fi
elif [ "$quick" = 0 ]; then
  echo "bench/oval/run.sh: $SSG is missing (Debian package ssg-debian)" >&2
  exit 1
fi

# Windows item types (registry, file, fileeffectiverights53, service, wmi57), which oscap
# evaluates offline from system characteristics like the others (bench/oval/generate_windows.py).
windows() { generated windows generate_windows.py "Windows items $1" "$1"; }

if [ "$quick" = 1 ]; then
  synthetic 2000
  windows 2000
else
  synthetic 10000
  synthetic 100000
  windows 100000
fi
