#!/usr/bin/env bash
# scapc compile --timing: one line per phase on stderr, in order, and the same output as without it.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
catalog="$SOURCE_DIR/controls/catalog"
"$SCAPC" compile "$catalog" -o "$work/plain.xml" --timestamp 2025-01-01T00:00:00 >/dev/null
"$SCAPC" compile "$catalog" -o "$work/timed.xml" --timestamp 2025-01-01T00:00:00 --timing >/dev/null 2>"$work/err"
cmp "$work/plain.xml" "$work/timed.xml"
phases=$(sed -n 's/^timing: \([a-z]*\) [0-9.e+-]* ms$/\1/p' "$work/err" | tr '\n' ' ')
if [[ "$phases" != "read join compile serialize write total " ]]; then
  echo "unexpected --timing lines:" >&2
  cat "$work/err" >&2
  exit 1
fi
# Without --timing nothing is printed to stderr for a clean catalog.
"$SCAPC" compile "$catalog" -o "$work/plain.xml" --timestamp 2025-01-01T00:00:00 2>"$work/err2" >/dev/null
[[ ! -s "$work/err2" ]] || { echo "stderr without --timing:" >&2; cat "$work/err2" >&2; exit 1; }
echo "compile --timing: ok"
