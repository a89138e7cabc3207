#!/usr/bin/env bash
# scapc collector on the bundled catalog: for the Mailbox and Edge role profiles the script runs every
# cmdlet, with the parameters and properties, that the OVAL of the selected rules reads (worked out
# here independently, from the compiled XCCDF and OVAL with python3), runs nothing but Get cmdlets,
# and needs no cmdlet the sample Mailbox bundle lacks. PowerShell parses it when pwsh is installed.
set -uo pipefail
: "${SCAPC:?path to the scapc binary}" "${SOURCE_DIR:?checkout}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
# shellcheck source=../lib/checks.sh
source "$SOURCE_DIR/tests/lib/checks.sh"

expect_status 0 "collector --help" "$SCAPC" collector --help
grep -q "^Example" "$work/out" || fail "collector --help has no example"

expect_status 0 "compile the catalog" "$SCAPC" compile "$SOURCE_DIR/controls/catalog" -o "$work/ds.xml" \
  --xccdf "$work/exchange-xccdf.xml" --oval "$work/exchange-oval.xml" --cpe "$work/exchange-cpe-dictionary.xml"

for role in mailbox edge; do
  profile="xccdf_org.scapc_profile_role_$role"
  expect_status 0 "collector for $role (data stream)" "$SCAPC" collector "$work/ds.xml" --profile "$profile" \
    -o "$work/$role.ps1"
  # The XCCDF file with its OVAL and CPE dictionary beside it gives the same script (but for the
  # content it names).
  expect_status 0 "collector for $role (XCCDF file)" "$SCAPC" collector "$work/exchange-xccdf.xml" \
    --profile "$profile" -o "$work/$role-xccdf.ps1"
  cmp -s <(grep -v "$work/" "$work/$role.ps1") <(grep -v "$work/" "$work/$role-xccdf.ps1") ||
    fail "$role: the data stream and the XCCDF file give different scripts"

  if ! python3 - "$work/exchange-xccdf.xml" "$work/exchange-oval.xml" "$profile" "$work/$role.ps1" \
    "$work/exchange-cpe-dictionary.xml" \
    >"$work/check.txt" 2>&1 <<'EOF'
import re
import sys
import xml.etree.ElementTree as ET

xccdf_path, oval_path, profile_id, script_path, dictionary_path = sys.argv[1:]
local = lambda element: element.tag.rsplit("}", 1)[-1]
benchmark = ET.parse(xccdf_path).getroot()
oval = ET.parse(oval_path).getroot()
script = open(script_path, encoding="ascii").read()
problems = []

# Selection: the profile's selects (through extends) over the items' own selected attributes.
profiles = {p.get("id"): p for p in benchmark.iter() if local(p) == "Profile"}
chain, current = [], profiles[profile_id]
while current is not None:
    chain.insert(0, current)
    current = profiles.get(current.get("extends")) if current.get("extends") else None
selects = {}
for profile in chain:
    for select in profile:
        if local(select) == "select":
            selects[select.get("idref")] = select.get("selected") == "true"

definitions, platform_ids, names = set(), set(), set()
def walk(item, parent_selected):
    for child in item:
        if local(child) not in ("Group", "Rule"):
            continue
        selected = parent_selected and selects.get(child.get("id"), child.get("selected", "true") == "true")
        if not selected:
            continue
        platform_ids.update(p.get("idref") for p in child if local(p) == "platform")
        if local(child) == "Group":
            walk(child, True)
        elif child.get("role") != "unchecked":
            for ref in child.iter():
                if local(ref) == "check-content-ref" and ref.get("name"):
                    definitions.add(ref.get("name"))
platform_ids.update(p.get("idref") for p in benchmark if local(p) == "platform")
walk(benchmark, True)
for platform in benchmark.iter():
    if local(platform) == "platform" and platform.get("id") and "#" + platform.get("id") in platform_ids:
        definitions.update(f.get("id-ref") for f in platform.iter() if local(f) == "check-fact-ref")
        names.update(f.get("name") for f in platform.iter() if local(f) == "fact-ref")
# CPE names (roles, versions, site conditions) are checked by the dictionary's OVAL definitions.
for item in ET.parse(dictionary_path).getroot():
    if local(item) == "cpe-item" and item.get("name") in names:
        definitions.update(c.text for c in item if local(c) == "check")

# The OVAL references, followed from those definitions.
by_id = {e.get("id"): e for e in oval.iter() if e.get("id")}
reached, pending = set(), list(definitions)
while pending:
    ident = pending.pop()
    if ident in reached or ident not in by_id:
        continue
    reached.add(ident)
    for element in by_id[ident].iter():
        pending += [element.get(a) for a in ("test_ref", "definition_ref", "object_ref", "state_ref", "var_ref")
                    if element.get(a)]
        if local(element) in ("object_reference", "filter", "var_ref"):
            pending.append(element.text.strip())

expected = {}  # (cmdlet, parameters) -> properties
for ident in reached:
    element = by_id[ident]
    if local(element) != "cmdlet_object" or not [c for c in element if local(c) == "verb"]:
        continue
    fields = {local(c): c for c in element}
    cmdlet = fields["verb"].text + "-" + fields["noun"].text
    parameters = tuple(sorted((f.get("name").lower(), (f.text or "")) for f in fields["parameters"]))
    properties = set()
    for field in fields.get("select", []):
        properties.update(p.strip() for p in (field.text or "").split(",") if p.strip())
    expected.setdefault((cmdlet, parameters), set()).update(properties)

lines = [l for l in script.splitlines() if l.startswith("$entries.Add((Get-ScapcCmdletOutput -Cmdlet ")]
found = set()
for (cmdlet, parameters), properties in sorted(expected.items()):
    candidates = [l for l in lines if f"-Cmdlet '{cmdlet}' " in l and f"{{ param($Parameters) {cmdlet} @Parameters" in l]
    for name, value in parameters:
        written = "$true" if value in ("", "true") else "'" + value.replace("'", "''") + "'"
        candidates = [l for l in candidates if re.search(rf"'{name}' = {re.escape(written)}", l, re.I)]
    # ... and no other parameter: Get-ExchangeServer runs bare and with -Status.
    given = lambda line: line.split("-Parameters ([ordered]@{", 1)[1].split("})", 1)[0].count(" = ")
    candidates = [l for l in candidates if given(l) == len(parameters)]
    if len(candidates) != 1:
        problems.append(f"{cmdlet} {parameters}: {len(candidates)} matching invocations in the script")
        continue
    found.add(candidates[0])
    listed = set(re.findall(r"'([A-Za-z0-9]+)'", candidates[0].split("-Properties @(", 1)[1].split(")", 1)[0]))
    missing = {p for p in properties if p.lower() not in {q.lower() for q in listed}}
    if missing:
        problems.append(f"{cmdlet}: properties {sorted(missing)} are not collected")
if len(lines) != len(found):
    problems.append(f"the script runs {len(lines) - len(found)} invocation(s) no selected rule reads")
if not expected:
    problems.append("no cmdlet objects reached: the check itself is broken")

print("\n".join(problems) if problems else f"{len(expected)} invocations, {sum(map(len, expected.values()))} properties")
sys.exit(1 if problems else 0)
EOF
  then
    fail "$role: $(cat "$work/check.txt")"
  else
    echo "$role: $(cat "$work/check.txt")"
  fi

  # Read-only: every Verb-Noun word in the whole script is on the allow-list.
  grep -oE '\b[A-Z][a-z]+[A-Za-z]*-[A-Z][A-Za-z0-9]*\b' "$work/$role.ps1" | sort -u >"$work/commands.txt"
  disallowed=$(grep -vE '^(Get|ConvertTo|Export|Test|Write|Where|ForEach|Sort|Join|Split)-|^Add-PSSnapin$' \
    "$work/commands.txt")
  [ -z "$disallowed" ] || fail "$role: commands outside the allow-list: $(echo $disallowed)"
  grep -qiwE 'iex|Invoke-Expression' "$work/$role.ps1" && fail "$role: the script evaluates strings"
  LC_ALL=C grep -q '[^[:print:][:space:]]' "$work/$role.ps1" && fail "$role: the script is not ASCII"
done

# The sample Mailbox bundle was written to match: it holds every invocation the Mailbox collector runs.
if ! python3 - "$SOURCE_DIR/examples/mailbox01-bundle.json" "$work/mailbox.ps1" >"$work/check.txt" 2>&1 <<'EOF'
import json
import re
import sys

bundle = json.load(open(sys.argv[1]))
def key(cmdlet, parameters):
    return (cmdlet.lower(), tuple(sorted((n.lower(), "" if v is True else str(v).lower()) for n, v in parameters.items())))
have = {key(e["cmdlet"], e.get("parameters", {})) for e in bundle["cmdlets"]}
missing = []
for line in open(sys.argv[2], encoding="ascii"):
    m = re.match(r"\$entries\.Add\(\(Get-ScapcCmdletOutput -Cmdlet '([^']+)' .*-Parameters \(\[ordered\]@\{(.*?)\}\)", line)
    if not m:
        continue
    parameters = {n: True if v == "$true" else v.strip("'") for n, v in re.findall(r"'(\w+)' = (\$true|'[^']*')", m.group(2))}
    if key(m.group(1), parameters) not in have:
        missing.append(m.group(1) + " " + str(parameters))
print("missing from the sample bundle: " + ", ".join(missing) if missing else "the sample bundle covers the collector")
sys.exit(1 if missing else 0)
EOF
then
  fail "$(cat "$work/check.txt")"
fi

# Content that would run a Set cmdlet is refused in one line naming the object and the rule, and
# nothing is written.
# Registry and service objects: each key is read once, whole, whatever objects read it; a key given
# by a pattern is not read (and said so); services are listed once.
expect_status 0 "compile the Windows fixture" "$SCAPC" compile "$SOURCE_DIR/tests/collector/fixtures/windows-catalog.json" \
  -o "$work/windows-ds.xml"
expect_status 0 "collector for registry and services" "$SCAPC" collector "$work/windows-ds.xml" -o "$work/windows.ps1"
lsa_reads=$(grep -ci "^\$registry.Add((Get-ScapcRegistryKey -Hive 'HKEY_LOCAL_MACHINE' -Key 'SYSTEM.CurrentControlSet.Control.Lsa'))$" "$work/windows.ps1")
[ "$lsa_reads" = 1 ] || fail "the Lsa key is read $lsa_reads times, not once"
[ "$(grep -c 'Get-ScapcRegistryKey -Hive' "$work/windows.ps1")" = 1 ] || fail "a key other than Lsa is read"
grep -q '^# Not collected: oval:org.scapc:obj:[0-9]*: registry key given by a pattern' "$work/windows.ps1" ||
  fail "the pattern key is not listed as not collected"
grep -q '^try { $windows.services = @(Get-ScapcServices) }' "$work/windows.ps1" || fail "the services are not read"
grep -q '^try { $windows.auditPolicy = Get-ScapcAuditPolicy -Known $auditSubcategories }' "$work/windows.ps1" ||
  fail "the audit policy is not read"
grep -q '^#   HKEY_LOCAL_MACHINE.SYSTEM.CurrentControlSet.Control.Lsa$' "$work/windows.ps1" ||
  fail "the header does not list the registry key"
# A folder named by a site value is read at the value the profile gives it (here its default).
[ "$(grep -c "^\$fileRights.Add((Get-ScapcFileRights -Path 'C:.Program Files.Microsoft.Exchange Server.V15.Logging'))$" \
  "$work/windows.ps1")" = 1 ] || fail "the logging folder's rights are not read once at the site value's path"
grep -q '^#   C:.Program Files.Microsoft.Exchange Server.V15.Logging$' "$work/windows.ps1" ||
  fail "the header does not list the folder whose rights are read"

expect_status 1 "collector on a Set cmdlet" "$SCAPC" collector "$SOURCE_DIR/tests/collector/fixtures/collector-xccdf.xml" \
  --profile xccdf_org.example_profile_set_verb -o "$work/refused.ps1"
[ "$(wc -l <"$work/err")" -eq 1 ] &&
  grep -q "oval:org.example:obj:8 (for rule xccdf_org.example_rule_set_verb): runs 'Set-TransportConfig'" "$work/err" ||
  fail "collector on a Set cmdlet: $(cat "$work/err")"
[ -e "$work/refused.ps1" ] && fail "collector on a Set cmdlet wrote a script"
expect_status 1 "collector with an unknown profile" "$SCAPC" collector "$work/ds.xml" --profile nonesuch -o "$work/x.ps1"

# PowerShell's own parser, where it is installed.
if command -v pwsh >/dev/null; then
  for role in mailbox edge; do
    pwsh -NoProfile -NonInteractive -Command '
      $errors = $null
      [void][System.Management.Automation.Language.Parser]::ParseFile($args[0], [ref]$null, [ref]$errors)
      if ($errors) { $errors | ForEach-Object { $_.ToString() }; exit 1 }' "$work/$role.ps1" >"$work/out" 2>&1 ||
      fail "$role: PowerShell cannot parse the script: $(head -5 "$work/out")"
  done
else
  echo "SKIP: pwsh is not installed, so PowerShell did not parse the scripts"
fi

if [ "$failures" -eq 0 ]; then echo "collector: all checks passed"; else echo "collector: $failures check(s) failed"; fi
exit $((failures > 0))
