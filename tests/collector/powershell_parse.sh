#!/usr/bin/env bash
# The generated collectors parse as PowerShell: tree-sitter's PowerShell grammar (npm, pinned, into
# the work dir) reads the scripts for the Mailbox and Edge profiles of the bundled catalog and of the
# 2019 STIGs, and a script made from content with hostile strings. pwsh is not available here, so this
# is the check that what an administrator runs is well-formed; a deliberately broken copy must fail.
set -uo pipefail
: "${SCAPC:?path to the scapc binary}" "${SOURCE_DIR:?checkout}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
# shellcheck source=../lib/checks.sh
source "$SOURCE_DIR/tests/lib/checks.sh"

if ! npm install --prefix "$work/npm" --no-audit --no-fund --no-save tree-sitter@0.25.1 \
  tree-sitter-powershell@0.26.4 >"$work/npm.log" 2>&1; then
  echo "powershell_parse: cannot install tree-sitter from the npm registry:" >&2
  tail -n 5 "$work/npm.log" >&2
  exit 1
fi
stigs="$SOURCE_DIR/../shared/corpus/stig"
expect_status 0 "compile" "$SCAPC" compile "$SOURCE_DIR/controls/catalog" \
  "$stigs/U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml" \
  "$stigs/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml" -o "$work/ds.xml"
scripts=()
for profile in role_mailbox role_edge all; do
  expect_status 0 "collector $profile" "$SCAPC" collector "$work/ds.xml" --profile "xccdf_org.scapc_profile_$profile" \
    -o "$work/$profile.ps1"
  scripts+=("$work/$profile.ps1")
done
expect_status 0 "compile registry and service checks" "$SCAPC" compile \
  "$SOURCE_DIR/tests/collector/fixtures/windows-catalog.json" -o "$work/windows-ds.xml"
expect_status 0 "collector, registry and services" "$SCAPC" collector "$work/windows-ds.xml" -o "$work/windows.ps1"
scripts+=("$work/windows.ps1")
# EDCA's catalog joined with the project's checks: the Test cmdlets of the allow-list, and file
# rights, as the script runs them.
expect_status 0 "compile EDCA's catalog" "$SCAPC" compile "$SOURCE_DIR/../shared/corpus/controls/controls.json" \
  -o "$work/edca-ds.xml"
expect_status 0 "collector for EDCA's catalog" "$SCAPC" collector "$work/edca-ds.xml" -o "$work/edca.ps1"
grep -q ' -Run { param($Parameters) Test-ServiceHealth @Parameters -ErrorAction Stop }))$' "$work/edca.ps1" ||
  fail "the EDCA collector does not run Test-ServiceHealth"
grep -q ' -Run { param($Parameters) Test-ReplicationHealth @Parameters -ErrorAction Stop }))$' "$work/edca.ps1" ||
  fail "the EDCA collector does not run Test-ReplicationHealth"
scripts+=("$work/edca.ps1")
expect_status 0 "collector, CliXml by default" "$SCAPC" collector "$work/ds.xml" --clixml -o "$work/clixml.ps1"
scripts+=("$work/clixml.ps1")
node "$SOURCE_DIR/tests/collector/powershell_parse.mjs" "$work/npm" "${scripts[@]}" || fail "a collector does not parse"
# The check can fail: a missing parenthesis is found.
sed 's/if (\$NotOnEdge -and \$script:ScapcIsEdge) {/if ($NotOnEdge -and $script:ScapcIsEdge {/' "$work/all.ps1" \
  >"$work/broken.ps1"
if node "$SOURCE_DIR/tests/collector/powershell_parse.mjs" "$work/npm" "$work/broken.ps1" >"$work/out" 2>&1; then
  fail "a broken script parses: $(cat "$work/out")"
fi
exit $((failures > 0))
