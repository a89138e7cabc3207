#!/usr/bin/env bash
# Every benchmark of docs/performance.md, on this machine: builds scapc, runs each workload's
# script (each asserts that scapc and its peer agree before it times anything) and rewrites the
# measured part of docs/performance.md with the machine described.
#
#   bash bench/run.sh                  # all workloads, SCAPC_BENCH_RUNS (default 5) runs each
#   bash bench/run.sh oval check       # only these workloads
#   bash bench/run.sh --quick          # tiny inputs, one run, docs untouched: the CI smoke test
set -euo pipefail
cd "$(dirname "$0")/.."

quick=()
workloads=()
for argument in "$@"; do
  case "$argument" in
    --quick) quick=(--quick) ;;
    oval | check | compile) workloads+=("$argument") ;;
    *) echo "bench/run.sh: unknown argument '$argument' (oval, check, compile, --quick)" >&2; exit 1 ;;
  esac
done
[ ${#workloads[@]} -gt 0 ] || workloads=(oval check compile)

if [ -z "${SCAPC:-}" ]; then
  bash scripts/build.sh >/dev/null
  SCAPC=$PWD/build/cli/scapc
fi
export SCAPC
mkdir -p bench/out
export SCAPC_BENCH_OUT=${SCAPC_BENCH_OUT:-$PWD/bench/out/results.md}
: >"$SCAPC_BENCH_OUT"

for workload in "${workloads[@]}"; do
  echo "== bench/$workload"
  bash "bench/$workload/run.sh" "${quick[@]}"
done

[ ${#quick[@]} -eq 0 ] || exit 0
# Everything below the marker in docs/performance.md is this run's; the text above it is written by hand.
marker='<!-- measured: everything below is written by bench/run.sh -->'
doc=docs/performance.md
grep -qxF "$marker" "$doc" || { echo "bench/run.sh: $doc has no marker line" >&2; exit 1; }
{
  sed "/^$(printf '%s' "$marker" | sed 's/[][\/.*^$]/\\&/g')\$/q" "$doc"
  echo
  echo "### The machine"
  echo
  bash bench/machine.sh
  echo
  echo "### Results (workloads: ${workloads[*]})"
  echo
  cat "$SCAPC_BENCH_OUT"
} >"$doc.new"
mv "$doc.new" "$doc"
echo "docs/performance.md rewritten below the marker"
