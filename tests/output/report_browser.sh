#!/usr/bin/env bash
# The HTML report (`scapc check --report`) in headless Chromium: Debian's chromium, driven by
# playwright-core from the npm registry at a pinned version (installed into the work dir, nothing
# global). report_browser.mjs asserts what a reader sees; the expected rows come from the XCCDF
# results the same check run wrote.
#
# Usage: report_browser.sh [REPORT.html RESULTS.xml]
#   With no arguments, $SCAPC compiles the bundled catalog joined with the 2019 Mailbox STIG and
#   checks the three sample servers; otherwise REPORT.html and the XCCDF results (--results) of the
#   same run.
# Environment: SCAPC, SOURCE_DIR (default: this checkout), WORK_DIR (default: a new temp dir; the
# screenshots and the PDF are left there).
set -euo pipefail

SOURCE_DIR=${SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
PLAYWRIGHT=playwright-core@1.65.1
CHROMIUM=/usr/bin/chromium
work=${WORK_DIR:-$(mktemp -d)}
mkdir -p "$work"

if [ ! -x "$CHROMIUM" ]; then
  echo "installing Debian's chromium (scripts/install-deps.sh)"
  bash "$SOURCE_DIR/scripts/install-deps.sh"
fi
[ -x "$CHROMIUM" ] || { echo "report_browser: $CHROMIUM is missing and could not be installed" >&2; exit 1; }

modules="$work/npm/node_modules/playwright-core"
if [ "$(node -p "require('$modules/package.json').version" 2>/dev/null)" != "${PLAYWRIGHT#*@}" ]; then
  if ! npm install --prefix "$work/npm" --no-audit --no-fund --no-save "$PLAYWRIGHT" >"$work/npm.log" 2>&1; then
    echo "report_browser: cannot install $PLAYWRIGHT from the npm registry (offline?):" >&2
    tail -n 5 "$work/npm.log" >&2
    exit 1
  fi
fi

report=${1:-}
results=${2:-}
if [ -z "$report" ]; then
  [ -n "${SCAPC:-}" ] || { echo "report_browser: set SCAPC or give REPORT.html RESULTS.xml" >&2; exit 1; }
  stig="$SOURCE_DIR/../shared/corpus/stig/U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml"
  "$SCAPC" compile "$SOURCE_DIR/controls/catalog" "$stig" -o "$work/ds.xml" >/dev/null
  status=0
  "$SCAPC" check "$work/ds.xml" --data "$SOURCE_DIR/examples/mailbox01-bundle.json" \
    --data "$SOURCE_DIR/examples/mailbox02-bundle.json" --data "$SOURCE_DIR/examples/edge01-bundle.json" \
    --report "$work/report.html" --results "$work/results.xml" -q || status=$?
  # 2: a rule failed, as on these servers it should.
  if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
    echo "report_browser: scapc check exited $status" >&2
    exit 1
  fi
  report=$work/report.html
  results=$work/results.xml
fi
[ -n "$results" ] || { echo "usage: report_browser.sh [REPORT.html RESULTS.xml]" >&2; exit 1; }

# What the report must show, from the XCCDF results of the same run: a row per rule selected on a
# host; for each scenario (search term, status, host), the rules a reader should see (the search
# matches rule id, STIG ID, title and any host's evidence); per host its open and not reviewed counts.
python3 - "$results" "$work/expected.json" <<'PY'
import json
import sys
import xml.etree.ElementTree as ET

X = "{http://checklists.nist.gov/xccdf/1.2}"
UNREVIEWED = ("notchecked", "error", "unknown", "informational")
root = ET.parse(sys.argv[1]).getroot()
titles = {rule.get("id"): rule.findtext(X + "title") or "" for rule in root.iter(X + "Rule")}
rules = {}
hosts = []
for index, test_result in enumerate(root.iter(X + "TestResult")):
    results = [r.findtext(X + "result") for r in test_result.findall(X + "rule-result")]
    hosts.append({"target": test_result.findtext(X + "target"), "open": results.count("fail"),
                  "unreviewed": sum(results.count(r) for r in UNREVIEWED)})
    for rule_result in test_result.findall(X + "rule-result"):
        rule = rule_result.get("idref")
        entry = rules.setdefault(rule, {"results": {}, "text": [rule, titles.get(rule) or rule]})
        result = rule_result.findtext(X + "result")
        if result == "notselected":
            continue
        entry["results"].setdefault(index, []).append(result)
        entry["text"] += [rule_result.get("version") or ""] + [m.text or "" for m in rule_result.findall(X + "message")]
shown = {rule: entry for rule, entry in rules.items() if entry["results"]}
if not shown:
    sys.exit(f"{sys.argv[1]}: no selected rule-results")


def selects(entry, term, result, host):
    in_view = [entry["results"].get(host, [])] if host != "" else list(entry["results"].values())
    found = any((not result or result in results) for results in in_view if results)
    return found and term in "\n".join(entry["text"]).lower()


scenarios = []
for term, result, host in (("connector", "fail", ""), ("timeout", "fail", ""), ("protocol", "", ""),
                           ("", "fail", 1), ("", "notapplicable", 2)):
    rows = [rule for rule, entry in shown.items() if selects(entry, term, result, host)]
    if not rows or len(rows) == len(shown):
        sys.exit(f"scenario {term!r}/{result!r}/{host!r} selects {len(rows)} of {len(shown)} rules: not a test")
    scenarios.append({"term": term, "result": result, "host": str(host), "rows": rows})
json.dump({"total": len(shown), "hosts": hosts, "scenarios": scenarios}, open(sys.argv[2], "w"), indent=1)
PY

node "$SOURCE_DIR/tests/output/report_browser.mjs" "$modules" "$report" "$work/expected.json" "$work"
echo "screenshots: $work/report.png $work/report-dark.png $work/report-filtered.png $work/report-print.png $work/report-print.pdf"
