#!/usr/bin/env bash
# Real SSG content (Debian's ssg-debian package) against system characteristics collected on this
# machine by `oscap oval collect`: scapc oval analyse must give every definition oscap's result.
# The content's file objects that walk a whole tree without end (max_depth="-1": every file under /,
# /lib, /usr/lib) walk three levels down instead. Walking everything took oscap 250 s of this test's
# 265 s on a CI machine, to find what three levels find here as well (the definitions' results were
# the same); the definitions, their states and filters are unchanged, and it is those that the
# two tools evaluate.
set -uo pipefail
: "${SCAPC:?path to the scapc binary}"
original=/usr/share/xml/scap/ssg/content/ssg-debian11-oval.xml
[ -f "$original" ] || { echo "FAIL: $original is missing (scripts/install-deps.sh installs ssg-debian)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
content=$work/ssg-debian11-oval-depth-3.xml
sed 's/max_depth="-1"/max_depth="3"/g' "$original" >"$content"
[ "$(grep -c 'max_depth="3"' "$content")" -ge 30 ] || { echo "FAIL: the endless walks of $original were not found"; exit 1; }
# SCAPC_ORACLE_CACHE (set by scripts/test.sh) keeps oscap's side for the sanitizer run of the same
# CI job: oscap does not change between the two runs, only scapc's build does.
cache=${SCAPC_ORACLE_CACHE:-}
if [ -n "$cache" ] && [ -s "$cache/ssg-syschar.xml" ] && [ -s "$cache/ssg-oscap.txt" ]; then
  cp "$cache/ssg-syschar.xml" "$work/syschar.xml"
  cp "$cache/ssg-oscap.txt" "$work/oscap.txt"
  echo "oscap's collection and results: reused from $cache"
else
  oscap oval collect --syschar "$work/syschar.xml" "$content" >"$work/collect.log" 2>&1 ||
    { echo "FAIL: oscap oval collect: $(tail -2 "$work/collect.log")"; exit 1; }
  oscap oval analyse --results "$work/oscap.xml" "$content" "$work/syschar.xml" >/dev/null 2>&1
  grep -o '<definition definition_id="[^"]*"[^>]*result="[^"]*"' "$work/oscap.xml" |
    sed -E 's/.*definition_id="([^"]*)".*result="([^"]*)"/\1 \2/' | sort >"$work/oscap.txt"
  if [ -n "$cache" ]; then
    cp "$work/syschar.xml" "$cache/ssg-syschar.xml"
    cp "$work/oscap.txt" "$cache/ssg-oscap.txt"
  fi
fi
"$SCAPC" oval analyse "$content" "$work/syschar.xml" 2>/dev/null |
  sed -E 's/^Definition (\S+): (.+)$/\1 \2/' | sort >"$work/scapc.txt"
total=$(wc -l <"$work/oscap.txt")
differ=$(diff "$work/oscap.txt" "$work/scapc.txt" | grep -c '^<')
echo "ssg-debian11: $total definitions evaluated on this machine's data, $differ disagreements"
diff "$work/oscap.txt" "$work/scapc.txt" | head -20
[ "$total" -gt 400 ] && [ "$differ" -eq 0 ]
