#!/usr/bin/env bash
# The HTML report of a fleet stays small enough to mail and open: an organisation of 40 servers (the
# three sample servers under 40 names) checked against the 2019 Mailbox STIG joined with the catalog
# gives a report under 4.5 MB, growing by at most 100 KB per host (measured between 20 and 40 hosts).
# The bound was 4 MB when 34 of the STIG's 68 rules were machine-checked; with 42 (and 87 catalog
# controls) each host's evidence is larger: 88 KB a host, 4.04 MB for 40.
set -uo pipefail
: "${SCAPC:?path to the scapc binary}" "${SOURCE_DIR:?checkout}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
source "$SOURCE_DIR/tests/lib/checks.sh"

stig="$SOURCE_DIR/../shared/corpus/stig/U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml"
"$SCAPC" compile "$SOURCE_DIR/controls/catalog" "$stig" -o "$work/ds.xml" >/dev/null || { echo "FAIL: compile"; exit 1; }
python3 - "$SOURCE_DIR/examples" "$work" <<'PY'
import json
import sys

examples, work = sys.argv[1:3]
samples = ["mailbox01", "mailbox02", "edge01"]
for n in range(40):
    sample = samples[n % 3]
    bundle = json.load(open(f"{examples}/{sample}-bundle.json"))
    host = bundle["host"]
    host["hostName"] = f"{sample.upper()}-{n:02d}"
    if host.get("fqdn"):
        host["fqdn"] = f"{sample}-{n:02d}.example.com"
    json.dump(bundle, open(f"{work}/host{n:02d}.json", "w"))
PY
for hosts in 20 40; do
  ls "$work"/host*.json | head -n "$hosts" >"$work/list$hosts"
  expect_status 2 "$hosts hosts" "$SCAPC" check "$work/ds.xml" --data-list "$work/list$hosts" --report "$work/r$hosts.html" -q
done
small=$(stat -c %s "$work/r20.html")
large=$(stat -c %s "$work/r40.html")
per_host=$(((large - small) / 20))
echo "report: 20 hosts $small bytes, 40 hosts $large bytes, $per_host bytes per host"
[ "$large" -lt 4500000 ] || fail "40 hosts: $large bytes, over 4.5 MB"
[ "$per_host" -le 102400 ] || fail "$per_host bytes per host, over 100 KB"
grep -q 'id="host-cards"' "$work/r40.html" || fail "40 hosts: no host charts"
[ "$(grep -o '<figure class="card" data-host=' "$work/r40.html" | wc -l)" -eq 40 ] || fail "40 hosts: not a chart per host"
[ "$failures" -eq 0 ]
