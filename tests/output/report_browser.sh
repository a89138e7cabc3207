#!/usr/bin/env bash
# The HTML report (`scapc check --report`) in headless Chromium: Debian's chromium, driven by
# playwright-core from the npm registry at a pinned version (installed into the work dir, nothing
# global). report_browser.mjs asserts what a reader sees; the expected rows come from the XCCDF
# results the same check run wrote.
#
# Usage: report_browser.sh [REPORT.html RESULTS.xml]
#   With no arguments, $SCAPC compiles the bundled catalog and checks
#   two sample servers; otherwise REPORT.html and the XCCDF results (--results) of the same run.
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
  "$SCAPC" compile "$SOURCE_DIR/controls/catalog" -o "$work/ds.xml" >/dev/null
  status=0
  "$SCAPC" check "$work/ds.xml" --data "$SOURCE_DIR/examples/mailbox02-bundle.json" \
    --data "$SOURCE_DIR/examples/edge01-bundle.json" --report "$work/report.html" --results "$work/results.xml" \
    -q || status=$?
  # 2: a rule failed, as on these servers it should.
  if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
    echo "report_browser: scapc check exited $status" >&2
    exit 1
  fi
  report=$work/report.html
  results=$work/results.xml
fi
[ -n "$results" ] || { echo "usage: report_browser.sh [REPORT.html RESULTS.xml]" >&2; exit 1; }

# What the table must show: every selected rule-result, and for each scenario (search term and
# result filter, matched as the report's search matches: rule id, version, title, evidence) the
# host and rule of each row.
python3 - "$results" "$work/expected.json" <<'PY'
import json
import sys
import xml.etree.ElementTree as ET

X = "{http://checklists.nist.gov/xccdf/1.2}"
CONCERN = ["fail", "error", "unknown", "notchecked", "informational", "notapplicable", "fixed", "pass"]
SCENARIOS = [("connector", "fail"), ("timeout", "fail"), ("protocol", "")]
root = ET.parse(sys.argv[1]).getroot()
titles = {rule.get("id"): rule.findtext(X + "title") or "" for rule in root.iter(X + "Rule")}
rows = []
for test_result in root.iter(X + "TestResult"):
    host = test_result.findtext(X + "target")
    for rule_result in test_result.findall(X + "rule-result"):
        result = rule_result.findtext(X + "result")
        if result == "notselected":
            continue
        rule = rule_result.get("idref")
        searched = [rule, rule_result.get("version") or "", titles.get(rule) or rule]
        searched += [message.text or "" for message in rule_result.findall(X + "message")]
        rows.append({"row": f"{host} {rule}", "result": result, "text": "\n".join(searched).lower()})
if not rows:
    sys.exit(f"{sys.argv[1]}: no selected rule-results")
scenarios = []
for term, result in SCENARIOS:
    shown = [r["row"] for r in rows if (not result or r["result"] == result) and term in r["text"]]
    if not shown or len(shown) == len(rows):
        sys.exit(f"scenario {term!r}/{result!r} selects {len(shown)} of {len(rows)} rows: not a test")
    scenarios.append({"term": term, "result": result, "rows": shown})
worst = min((r["result"] for r in rows), key=CONCERN.index)
json.dump({"total": len(rows), "worst": worst, "scenarios": scenarios}, open(sys.argv[2], "w"), indent=1)
PY

node "$SOURCE_DIR/tests/output/report_browser.mjs" "$modules" "$report" "$work/expected.json" "$work"
echo "screenshots: $work/report.png $work/report-filtered.png $work/report-print.png $work/report-print.pdf"
