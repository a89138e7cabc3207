#!/usr/bin/env bash
# The command line as a user meets it: help with examples, counts, one-line errors, exit status.
set -uo pipefail
: "${SCAPC:?path to the scapc binary}" "${SOURCE_DIR:?checkout}"
corpus="$SOURCE_DIR/../shared/corpus/controls"
fixtures="$SOURCE_DIR/tests/controls/fixtures"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
# shellcheck source=../lib/checks.sh
source "$SOURCE_DIR/tests/lib/checks.sh"
expect_line() {  # file exact-line description
  grep -qxF -- "$2" "$1" || fail "$3: no line '$2' in $(basename "$1"): $(head -5 "$1")"
}

# Every subcommand explains itself with an example.
for command in compile info validate "oval analyse"; do
  expect_status 0 "$command --help" "$SCAPC" $command --help
  grep -q "^Example" "$work/out" || fail "$command --help has no example"
done
expect_status 0 "--help" "$SCAPC" --help
expect_status 0 "--version" "$SCAPC" --version
expect_line "$work/out" "scapc 0.1.0" "--version"
expect_status 1 "no subcommand" "$SCAPC"

# info on both EDCA layouts and the bundled catalog.
expect_status 0 "info on EDCA's catalog file" "$SCAPC" info "$corpus/controls.json"
expect_line "$work/out" "$corpus/controls.json: 192 controls" "info file"
expect_line "$work/out" "  checks: 0 machine-checked, 156 manual, 36 informational; 0 site values; 100 STIG rule references" "info file"
expect_line "$work/out" "    DISA              71" "info frameworks"
expect_line "$work/out" "    High       59" "info severity"
expect_line "$work/out" "    Edge        95" "info roles"
expect_status 0 "info on EDCA's directory" "$SCAPC" info "$corpus/Controls"
expect_line "$work/out" "$corpus/Controls: 192 controls" "info directory"
expect_status 0 "info on the bundled catalog" "$SCAPC" info "$SOURCE_DIR/controls/catalog"
grep -qE "^$SOURCE_DIR/controls/catalog: [0-9]+ controls$" "$work/out" || fail "info bundled: $(head -1 "$work/out")"

expect_status 0 "info --json" "$SCAPC" info --json "$corpus/controls.json" "$SOURCE_DIR/controls/catalog"
python3 - "$work/out" <<'PY' || fail "info --json content"
import json, sys
reports = json.load(open(sys.argv[1]))
assert len(reports) == 2, reports
edca = reports[0]
assert edca["controls"] == 192 and edca["bySeverity"] == {"High": 59, "Low": 36, "Medium": 97}, edca
assert edca["byRole"] == {"Edge": 95, "Mailbox": 174}, edca["byRole"]
assert reports[1]["machineChecked"] == reports[1]["controls"] >= 40, reports[1]
PY

# validate: good input passes; bad input fails with one line per problem and a summary.
expect_status 0 "validate bundled" "$SCAPC" validate "$SOURCE_DIR/controls/catalog"
expect_status 1 "validate bad catalog" "$SCAPC" validate "$fixtures/bad-catalog.json"
expect_line "$work/err" "$fixtures/bad-catalog.json:/1/id: error: duplicate control id 'EXAMPLE-001' (first defined at $fixtures/bad-catalog.json:/0)" "validate duplicate id"
expect_line "$work/err" "$fixtures/bad-catalog.json:/0/check/condition/op: error: unknown operator 'is' (expected one of equals, notEquals, lessThan, lessOrEqual, greaterThan, greaterOrEqual, matches, notMatches, in, notIn, contains, notContains, empty, notEmpty)" "validate operator"
expect_line "$work/err" "$fixtures/bad-catalog.json:/2/frameworks/0: warning: unknown framework 'SOX' (known: Best Practice, DISA, CIS, BSI, NIS2, ISM, ANSSI, CISA)" "validate framework warning"
expect_line "$work/err" "$fixtures/bad-catalog.json: 2 error(s), 1 warning(s); catalog rejected" "validate summary"
[ ! -s "$work/out" ] || fail "validate of a bad catalog printed to stdout: $(cat "$work/out")"
expect_status 1 "info on a bad catalog" "$SCAPC" info "$fixtures/bad-catalog.json"
expect_status 1 "validate a missing path" "$SCAPC" validate "$work/nope.json"

# validate on SCAP XML: one line per problem with file and line, exit 1; valid files say what they are.
wrong_family="$SOURCE_DIR/tests/validation/fixtures/oval-wrong-family.xml"
expect_status 1 "validate OVAL with a test on the wrong object type" "$SCAPC" validate "$wrong_family"
expect_line "$work/err" "$wrong_family:20: error: win-def:cmdlet_test 'oval:com.example.exch:tst:1' references ind:textfilecontent54_object 'oval:com.example.exch:obj:2' as its object; expected win-def:cmdlet_object" "validate OVAL family"
stig="$SOURCE_DIR/../shared/corpus/stig/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml"
expect_status 0 "validate a DISA STIG" "$SCAPC" validate "$stig"
expect_line "$work/out" "$stig: valid XCCDF 1.1 Benchmark" "validate STIG"
# libxml2, and the ICU it pulls in, is opened only to validate XML: no other command loads it.
LD_DEBUG=files "$SCAPC" validate "$stig" >/dev/null 2>"$work/err" || fail "validate under LD_DEBUG failed"
grep -q "file=libxml2.so.2 " "$work/err" || fail "validate did not open libxml2.so.2"
LD_DEBUG=files "$SCAPC" info "$SOURCE_DIR/controls/catalog" >/dev/null 2>"$work/err" || fail "info under LD_DEBUG failed"
grep -q "file=libstdc++" "$work/err" || fail "LD_DEBUG=files lists no libraries: $(head -2 "$work/err")"
! grep -q "libxml2\|libicu" "$work/err" || fail "info loaded libxml2: $(grep -m1 libxml2 "$work/err")"

# compile: errors leave nothing behind, and never replace an existing output.
echo "keep me" >"$work/ds.xml"
expect_status 1 "compile a bad catalog" "$SCAPC" compile "$fixtures/bad-catalog.json" -o "$work/ds.xml"
[ "$(cat "$work/ds.xml")" = "keep me" ] || fail "compile of a bad catalog replaced the existing output"
expect_status 1 "compile with a bad namespace" "$SCAPC" compile "$SOURCE_DIR/controls/catalog" -o "$work/ds.xml" --id-namespace bad_ns
expect_line "$work/err" "scapc compile: error: id namespace 'bad_ns' must be reverse DNS: letters, digits, '.', '-' (no '_')" "compile namespace"
expect_status 1 "compile into a missing directory" "$SCAPC" compile "$SOURCE_DIR/controls/catalog" -o "$work/missing/ds.xml"
[ -z "$(ls -A "$work" | grep -v -E '^(ds.xml|out|err)$')" ] || fail "compile left files behind: $(ls -A "$work")"
expect_status 0 "compile the bundled catalog" "$SCAPC" compile "$SOURCE_DIR/controls/catalog" -o "$work/ds.xml" --timestamp 2026-01-01T00:00:00
grep -qE '^.*/ds.xml: [0-9]+ rules, [0-9]+ OVAL definitions, 0 OCIL questionnaires, 11 profiles$' "$work/out" || fail "compile summary: $(cat "$work/out")"

# oval analyse: a folder of CliXml and single Get-X=path pairs collect the same data. (The corpus
# folder E19 mixes two labs' servers; a folder of just these two files is about one server.)
e19="$SOURCE_DIR/../shared/corpus/cmdlet-output/E19"
"$SCAPC" compile "$SOURCE_DIR/tests/compiler/fixtures/evaluation-catalog.json" -o "$work/e.xml" --oval "$work/e-oval.xml" \
  --timestamp 2026-01-01T00:00:00 >/dev/null 2>&1
mkdir -p "$work/two"
cp "$e19/GetSendConnector.xml" "$e19/GetReceiveConnector.xml" "$work/two/"
expect_status 0 "oval analyse on a CliXml folder" "$SCAPC" oval analyse "$work/e-oval.xml" "$work/two"
cp "$work/out" "$work/folder.txt"
# The whole E19 folder: its receive connectors are another server's than its Exchange server's.
expect_status 0 "oval analyse on the mixed E19 folder" "$SCAPC" oval analyse "$work/e-oval.xml" "$e19"
grep -q "the data is about server SOLO-E19A, not 'E19'" "$work/err" || fail "E19: no warning naming its server"
grep -q "the data has no objects of this server from Get-ReceiveConnector" "$work/err" || fail "E19: receive connectors kept"
expect_status 0 "oval analyse on Get-X=path pairs" "$SCAPC" oval analyse "$work/e-oval.xml" \
  --cmdlet "Get-SendConnector=$e19/GetSendConnector.xml" --cmdlet "Get-ReceiveConnector=$e19/GetReceiveConnector.xml"
cmp -s "$work/out" "$work/folder.txt" || fail "oval analyse: pairs and folder give different results: $(diff "$work/out" "$work/folder.txt" | head -3)"
expect_line "$work/out" "Definition oval:org.scapc:def:4: false" "oval analyse pairs: Internet receive connectors offer Basic authentication"
# The results document (with the collected system characteristics) is valid OVAL 5.11.2 results.
expect_status 0 "oval analyse --results" "$SCAPC" oval analyse --results "$work/results.xml" "$work/e-oval.xml" "$e19"
expect_status 0 "oscap oval validate --results" oscap oval validate --results "$work/results.xml"
expect_status 0 "scapc validate results" "$SCAPC" validate "$work/results.xml"
# Both inputs read from files are copied into the results as their files' bytes: still valid.
expect_status 0 "oval analyse --syschar-out" "$SCAPC" oval analyse --syschar-out "$work/syschar.xml" "$work/e-oval.xml" "$e19"
expect_status 0 "oval analyse from two files" "$SCAPC" oval analyse --results "$work/results-files.xml" \
  "$work/e-oval.xml" "$work/syschar.xml"
expect_status 0 "oscap oval validate --results, inputs copied from files" \
  oscap oval validate --results "$work/results-files.xml"
# The definitions are indexed, and the head of the results written, while SYSTEM is read: a
# problem with them is still the one reported, and a failed run leaves no results file behind.
mkdir "$work/failed"
printf '<oval_system_characteristics><unclosed>' >"$work/failed/bad-sc.xml"
expect_status 1 "oval analyse on a STIG as definitions" "$SCAPC" oval analyse --results "$work/failed/r.xml" \
  "$stig" "$work/failed/bad-sc.xml"
expect_line "$work/err" "$stig: not an OVAL definitions document (root element 'Benchmark')" \
  "oval analyse, definitions reported first"
[ "$(wc -l <"$work/err")" -eq 1 ] || fail "oval analyse, bad definitions and system: $(cat "$work/err")"
expect_status 1 "oval analyse on a broken system file" "$SCAPC" oval analyse --results "$work/failed/r.xml" \
  "$work/e-oval.xml" "$work/failed/bad-sc.xml"
grep -q "bad-sc.xml:1: " "$work/err" || fail "oval analyse, broken system: $(cat "$work/err")"
[ "$(ls -A "$work/failed")" = "bad-sc.xml" ] || fail "oval analyse left files behind: $(ls -A "$work/failed")"
rm -r "$work/failed"
expect_status 1 "oval analyse with a bad pair" "$SCAPC" oval analyse "$work/e-oval.xml" --cmdlet "nonsense"
expect_line "$work/err" "scapc oval analyse: error: --cmdlet 'nonsense' must be Get-X=PATH" "oval analyse, bad pair named"
expect_status 1 "oval analyse, --cmdlet beside system characteristics" "$SCAPC" oval analyse "$work/e-oval.xml" \
  "$work/syschar.xml" --cmdlet "Get-SendConnector=$e19/GetSendConnector.xml"
grep -q "error: --cmdlet adds to a folder of Export-Clixml files, not to .*syschar.xml$" "$work/err" ||
  fail "oval analyse, --cmdlet beside a file: $(cat "$work/err")"
# SYSTEM is told apart as scapc check tells a host's data (check::load_host): a collection bundle
# gives what its folder of Export-Clixml files gives, and system characteristics that name no
# host are analysed (as oscap does), though scapc check needs the name.
expect_status 0 "oval analyse on a bundle" "$SCAPC" oval analyse "$work/e-oval.xml" "$SOURCE_DIR/examples/mailbox01-bundle.json"
grep -q "^Definition oval:org.scapc:def:[0-9]*: \(true\|false\)$" "$work/out" || fail "oval analyse on a bundle: $(head -3 "$work/out")"
sed 's|<primary_host_name>[^<]*</primary_host_name>|<primary_host_name/>|' "$work/syschar.xml" >"$work/nameless.xml"
expect_status 0 "oval analyse on nameless system characteristics" "$SCAPC" oval analyse "$work/e-oval.xml" "$work/nameless.xml"
"$SCAPC" oval analyse "$work/e-oval.xml" "$work/syschar.xml" >"$work/named.txt" 2>/dev/null
cmp -s "$work/out" "$work/named.txt" || fail "oval analyse: a host name changes the results"
expect_status 1 "oval analyse without data" "$SCAPC" oval analyse "$work/e-oval.xml"

# A STIG with no machine-checked rule has no OVAL definitions: --oval writes no file (an OVAL
# document with no section is invalid), says so, and the data stream has no OVAL component.
stig="$SOURCE_DIR/../shared/corpus/stig/U_Email_Services_Policy_V2R6_Manual-xccdf.xml"
expect_status 0 "compile an all-manual STIG with --oval" "$SCAPC" compile "$stig" -o "$work/manual-ds.xml" \
  --oval "$work/manual-oval.xml"
expect_line "$work/err" "$work/manual-oval.xml: warning: not written: no rule is machine-checked, so there are no OVAL definitions" "compile --oval"
[ ! -e "$work/manual-oval.xml" ] || fail "compile --oval wrote an OVAL document without definitions"
expect_status 0 "validate the all-manual data stream" "$SCAPC" validate "$work/manual-ds.xml"

# info on SCAP files: what a data stream offers, a DISA STIG's release, what results files hold.
expect_status 0 "info on the data stream" "$SCAPC" info "$work/ds.xml"
expect_line "$work/out" "$work/ds.xml: source data stream" "info ds"
grep -qE "^  rules: [0-9]+ \([0-9]+ selected without a profile\)$" "$work/out" || fail "info ds rules: $(cat "$work/out")"
grep -qE "^    xccdf_org.scapc_profile_role_edge  \([0-9]+ rules\)  Exchange Edge Transport servers$" "$work/out" ||
  fail "info ds: the edge profile with its rule count: $(cat "$work/out")"
edge_stig="$SOURCE_DIR/../shared/corpus/stig/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml"
expect_status 0 "info on a DISA STIG" "$SCAPC" info "$edge_stig"
expect_line "$work/out" "  release: Release: 2 Benchmark Date: 30 Jan 2025" "info STIG release"
expect_line "$work/out" "    MAC-1_Classified" "info STIG profiles"
expect_status 2 "check two hosts for info" "$SCAPC" check "$work/ds.xml" -q --results-arf "$work/info-arf.xml" \
  --data "$SOURCE_DIR/examples/mailbox01-bundle.json" --data "$SOURCE_DIR/examples/edge01-bundle.json"
expect_status 0 "info on ARF" "$SCAPC" info "$work/info-arf.xml"
expect_line "$work/out" "  results of the benchmark's defaults for 2 hosts" "info ARF"
grep -qE "^    edge01.example.com: .*pass [0-9]+( unknown [0-9]+)?$" "$work/out" || fail "info ARF host line: $(cat "$work/out")"
expect_status 0 "info --json on ARF" "$SCAPC" info --json "$work/info-arf.xml"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]; assert r["kind"]=="ARF results" and len(r["results"]["hosts"])==2' \
  "$work/out" || fail "info --json ARF: $(head -c 300 "$work/out")"

# Mistyped commands, options and profiles: the error says what was probably meant.
expect_status 1 "a mistyped command" "$SCAPC" chek "$work/ds.xml"
expect_line "$work/err" "scapc: unknown command 'chek'; did you mean 'check'? (commands: compile, check, collector, convert, diff, info, oval, validate)" "mistyped command"
expect_status 1 "a mistyped option" "$SCAPC" check "$work/ds.xml" --data "$SOURCE_DIR/examples/edge01-bundle.json" --resuts r.xml
expect_line "$work/err" "scapc check: The following arguments were not expected: r.xml --resuts; did you mean --results for --resuts?" "mistyped option"
expect_status 1 "a wrong profile" "$SCAPC" check "$work/ds.xml" --data "$SOURCE_DIR/examples/edge01-bundle.json" --profile role_edg
grep -qF "no profile 'role_edg' in the benchmark; did you mean 'xccdf_org.scapc_profile_role_edge'? profiles: xccdf_org.scapc_profile_all, " \
  "$work/err" || fail "wrong profile: $(cat "$work/err")"

if [ "$failures" -eq 0 ]; then echo "cli: all checks passed"; else echo "cli: $failures check(s) failed"; fi
exit $((failures > 0))
