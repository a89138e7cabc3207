#!/usr/bin/env bash
# Compile and validation benchmark (issue 9, workloads 3 and 4):
#   - all 12 Exchange STIGs plus the EDCA catalog to one data stream (target < 1 s);
#   - one DISA STIG to XCCDF 1.2 against xsltproc with OpenSCAP's xccdf_1.1_to_1.2.xsl, as whole
#     processes and as each tool's own in-process timing of the conversion;
#   - synthetic catalogs of N and 10·N controls (time per control should stay flat);
#   - scapc validate against oscap ds sds-validate, one file and several files.
# Every compiled output is first checked to validate with both scapc and oscap, so a fast time is
# never the time of broken output.
#
#   bench/compile/run.sh [--quick]     (--quick: 100 vs 1000 controls, one run; a CI smoke test)
# Environment: SCAPC (default build/cli/scapc), SCAPC_BENCH_OUT (default bench/out/results.md),
# SCAPC_BENCH_RUNS (default 5, 1 with --quick).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
scapc=$(realpath "${SCAPC:-$root/build/cli/scapc}")
results=${SCAPC_BENCH_OUT:-$root/bench/out/results.md}
shared=$root/../shared/corpus
work=$root/bench/out/compile
mkdir -p "$work" "$(dirname "$results")"
if ((quick)); then
  small=100 large=1000 runs=${SCAPC_BENCH_RUNS:-1}
else
  small=1000 large=10000 runs=${SCAPC_BENCH_RUNS:-5}
fi
export SCAPC_BENCH_RUNS=$runs
stamp=2025-01-01T00:00:00
stig="$shared/stig/U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml"
xsl=/usr/share/openscap/xsl/xccdf_1.1_to_1.2.xsl
measure() { python3 "$root/bench/measure.py" --markdown "$results" "$@"; }
fail() {
  echo "bench/compile/run.sh: $*" >&2
  exit 1
}

# Synthetic catalogs are cached; a new generator or size makes new ones.
for n in "$small" "$large"; do
  catalog=$work/synthetic-$n.json
  if [[ ! -s "$catalog" || "$root/bench/compile/make_catalog.py" -nt "$catalog" ]]; then
    python3 "$root/bench/compile/make_catalog.py" "$n" "$catalog"
  fi
done

compile_all="'$scapc' compile '$shared/controls/controls.json' '$shared/stig/'*.xml -o '$work/all-ds.xml' --timestamp $stamp"
compile_stig="'$scapc' compile '$stig' -o '$work/stig-ds.xml' --xccdf '$work/stig-xccdf.xml' --timestamp $stamp"
xslt_stig="xsltproc -o '$work/stig-xslt.xml' '$xsl' '$stig'"
compile_small="'$scapc' compile '$work/synthetic-$small.json' -o '$work/synthetic-$small-ds.xml' --timestamp $stamp"
compile_large="'$scapc' compile '$work/synthetic-$large.json' -o '$work/synthetic-$large-ds.xml' --timestamp $stamp"

# --- validity of every output, by both validators --------------------------------------------
for command in "$compile_all" "$compile_stig" "$xslt_stig" "$compile_small" "$compile_large"; do
  sh -c "$command" >/dev/null || fail "failed: $command"
done
streams=("$work/all-ds.xml" "$work/stig-ds.xml" "$work/synthetic-$small-ds.xml" "$work/synthetic-$large-ds.xml")
for stream in "${streams[@]}"; do
  "$scapc" validate "$stream" >/dev/null || fail "scapc validate rejects $stream"
  oscap ds sds-validate "$stream" >/dev/null 2>&1 || fail "oscap ds sds-validate rejects $stream"
done
"$scapc" validate "$work/stig-xccdf.xml" >/dev/null || fail "scapc validate rejects $work/stig-xccdf.xml"
oscap xccdf validate "$work/stig-xccdf.xml" >/dev/null 2>&1 || fail "oscap rejects $work/stig-xccdf.xml"
echo "all outputs validate (scapc validate, oscap)"

{
  echo "### Compile and validate ($(date -u +%Y-%m-%dT%H:%MZ), $runs runs$( ((quick)) && echo ', quick'))"
  echo
} >>"$results"

# --- workload 3: compile --------------------------------------------------------------------
measure --title "Compile: 12 Exchange STIGs + EDCA catalog to one data stream (target < 1 s)" \
  --cmd scapc "$compile_all"

measure --title "One STIG (2019 Mailbox, 220 KB) to XCCDF 1.2, whole processes; process floors for scale" \
  --cmd "scapc compile" "$compile_stig" \
  --cmd "xsltproc xccdf_1.1_to_1.2.xsl" "$xslt_stig" \
  --cmd "scapc --version (floor)" "'$scapc' --version" \
  --cmd "/bin/true (floor)" "/bin/true"

# In-process: what each tool reports for its own work, excluding process start-up and exit.
# xsltproc --timing: parsing the stylesheet and the document, applying the transform and saving it.
# scapc compile --timing: reading the STIG, synthesis and join, compiling, serializing the data
# stream and the XCCDF, and writing both files.
python3 - "$runs" "$scapc" "$stig" "$xsl" "$work" "$stamp" "$results" <<'EOF'
import re, statistics, subprocess, sys
runs, scapc, stig, xsl, work, stamp, results = sys.argv[1:]
runs = max(3, int(runs))
def xslt():
    err = subprocess.run(["xsltproc", "--timing", "-o", work + "/stig-xslt.xml", xsl, stig],
                         capture_output=True, text=True, check=True).stderr
    ms = {}
    for line in err.splitlines():
        m = re.match(r"(Parsing stylesheet|Parsing document|Running stylesheet and saving result).* took (\d+) ms", line)
        if m:
            ms[m.group(1)] = ms.get(m.group(1), 0) + int(m.group(2))
    return ms
def scapc_run():
    err = subprocess.run([scapc, "compile", stig, "-o", work + "/stig-ds.xml", "--xccdf", work + "/stig-xccdf.xml",
                          "--timestamp", stamp, "--timing"], capture_output=True, text=True, check=True).stderr
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^timing: (\S+) ([0-9.]+) ms$", err, re.M)}
x = [xslt() for _ in range(runs)]
s = [scapc_run() for _ in range(runs)]
def med(rows, key):
    return statistics.median(r.get(key, 0) for r in rows)
xs_doc = med(x, "Parsing document"); xs_apply = med(x, "Running stylesheet and saving result")
xs_style = med(x, "Parsing stylesheet")
sc = {k: med(s, k) for k in s[0]}
lines = ["#### One STIG to XCCDF 1.2, in-process timings (median of %d runs, ms)" % runs, "",
         "| tool | read/parse input | convert + serialize | other | total reported |", "|---|---:|---:|---:|---:|",
         "| xsltproc --timing (whole ms) | %.1f | %.1f (run stylesheet, save result) | %.1f (parse stylesheet) | %.1f |"
         % (xs_doc, xs_apply, xs_style, xs_doc + xs_apply + xs_style),
         "| scapc compile --timing | %.2f | %.2f (synthesis, join, compile, serialize DS + XCCDF) | %.2f (write files) | %.2f |"
         % (sc.get("read", 0), sc.get("join", 0) + sc.get("compile", 0) + sc.get("serialize", 0), sc.get("write", 0),
            sc.get("total", 0)), "",
         "scapc phases: " + ", ".join("%s %.2f ms" % kv for kv in sc.items()), ""]
if sc.get("total", 0) > 0:
    lines.append("In-process ratio xsltproc total / scapc total: %.1f×" % ((xs_doc + xs_apply + xs_style) / sc["total"]))
    lines.append("")
print("\n".join(lines))
with open(results, "a", encoding="utf-8") as out:
    out.write("\n".join(lines) + "\n")
EOF

json=$work/linearity.json
rm -f "$json"
measure --title "Synthetic catalogs: $small vs $large controls" --json "$json" \
  --cmd "$small controls" "$compile_small" \
  --cmd "$large controls" "$compile_large"
python3 - "$json" "$small" "$large" "$results" <<'EOF'
import json, sys
path, small, large, results = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rows = json.loads(open(path).read().splitlines()[-1])["rows"]
per = [rows[0]["median_s"] / small, rows[1]["median_s"] / large]
line = ("Per control: %.1f µs at %d, %.1f µs at %d; ratio %.2f (1.00 = linear; process start-up makes the "
        "small size look dearer)\n" % (per[0] * 1e6, small, per[1] * 1e6, large, per[1] / per[0]))
print(line)
open(results, "a", encoding="utf-8").write(line + "\n")
EOF

# --- workload 4: validation ---------------------------------------------------------------------
measure --title "Validate the 12-STIG + EDCA data stream" \
  --cmd "scapc validate" "'$scapc' validate '$work/all-ds.xml'" \
  --cmd "oscap ds sds-validate" "oscap ds sds-validate '$work/all-ds.xml'"

measure --title "Validate the $large-control synthetic data stream (one large document: per-document cost)" \
  --cmd "scapc validate" "'$scapc' validate '$work/synthetic-$large-ds.xml'" \
  --cmd "oscap ds sds-validate" "oscap ds sds-validate '$work/synthetic-$large-ds.xml'"

# Several documents of moderate size, where loading the XSD once per run is what counts.
list=""
for stream in "${streams[@]:0:3}"; do list+=" '$stream'"; done
measure --title "Validate 3 data streams (12 STIGs, one STIG, $small controls): one scapc call vs one oscap process per file" \
  --cmd "scapc validate (one call)" "'$scapc' validate$list" \
  --cmd "oscap ds sds-validate (per file)" "for f in$list; do oscap ds sds-validate \"\$f\" || exit 1; done"

echo "results appended to $results"
