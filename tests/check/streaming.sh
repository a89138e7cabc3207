#!/usr/bin/env bash
# scapc check evaluates hosts ahead of the one it writes (SCAPC_CHECK_AHEAD): every output must be
# byte-identical whatever their number, including when two hosts share a name (the run starts
# again with the numbered labels); a host that cannot be read late in the list leaves no output
# file at all.
#   SCAPC=path/to/scapc SOURCE_DIR=repo bash streaming.sh
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "streaming.sh: $*" >&2
  exit 1
}
examples=$SOURCE_DIR/examples
stamp=2025-01-01T00:00:00
"$SCAPC" compile "$SOURCE_DIR/controls/catalog" -o "$work/ds.xml" --timestamp $stamp >/dev/null
printf '%s\n' "$examples/mailbox01-bundle.json" "$examples/edge01-bundle.json" "$examples/mailbox02-bundle.json" \
  "$examples/mailbox01-bundle.json" >"$work/list.txt"

run() {  # run AHEAD FOLDER EXTRA-ARGS...
  local ahead=$1 out=$work/$2
  shift 2
  mkdir -p "$out"
  set +e
  SCAPC_CHECK_AHEAD=$ahead "$SCAPC" check "$work/ds.xml" --timestamp $stamp "$@" --results-arf "$out/arf.xml" \
    --results "$out/xccdf.xml" --json "$out/summary.json" --oval-results "$out/oval.xml" --ckl "$out/c.ckl" \
    --cklb "$out/c.cklb" --report "$out/report.html" >"$out/stdout" 2>"$out/stderr"
  echo $? >"$out/status"
  set -e
}

# Distinct hosts, then hosts sharing a name (mailbox01 twice).
run 1 one --data "$examples/mailbox01-bundle.json" --data "$examples/edge01-bundle.json" \
  --data "$examples/mailbox02-bundle.json"
run 64 all --data "$examples/mailbox01-bundle.json" --data "$examples/edge01-bundle.json" \
  --data "$examples/mailbox02-bundle.json"
diff -r "$work/one" "$work/all" >/dev/null || fail "1 and 64 hosts ahead give different outputs"
[[ $(cat "$work/all/status") == 2 ]] || fail "exit status $(cat "$work/all/status"), expected 2"
run 1 shared-one --data-list "$work/list.txt"
run 3 shared-three --data-list "$work/list.txt"
diff -r "$work/shared-one" "$work/shared-three" >/dev/null || fail "hosts sharing a name: outputs depend on the hosts ahead"
ls "$work/shared-one" | grep -q 'oval.mailbox01.example.com-4.xml' || fail "shared names are not numbered"
grep -q 'asset3' "$work/shared-one/arf.xml" || fail "the ARF lacks the fourth asset"
oscap ds rds-validate "$work/shared-one/arf.xml" >/dev/null 2>&1 || fail "oscap rejects the streamed ARF"

# An unreadable host after many others: exit 1, one line naming it, no output written.
for n in $(seq 1 9); do echo "$examples/edge01-bundle.json"; done >"$work/bad.txt"
echo "$work/absent.json" >>"$work/bad.txt"
run 2 bad --data-list "$work/bad.txt"
[[ $(cat "$work/bad/status") == 1 ]] || fail "a missing host: exit status $(cat "$work/bad/status"), expected 1"
[[ $(wc -l <"$work/bad/stderr") == 1 ]] && grep -q "absent.json" "$work/bad/stderr" ||
  fail "a missing host: stderr is not one line naming it: $(cat "$work/bad/stderr")"
[[ -z $(ls -A "$work/bad" | grep -v -e '^stdout$' -e '^stderr$' -e '^status$') ]] ||
  fail "a missing host left files: $(ls -A "$work/bad")"
[[ ! -s "$work/bad/stdout" ]] || fail "a missing host: lines on stdout"
echo "streaming.sh: ok"
