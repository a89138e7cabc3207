#!/usr/bin/env python3
"""`scapc diff` of real consecutive releases of Exchange STIGs against an independent comparison
made here from DISA's XCCDF with ElementTree: the same added, removed and changed rules (by V-ID),
each changed rule with exactly the fields that differ among title, severity, check, fix,
ruleVersion and cci once white space is normalised; exit 2 when they differ, 0 for a release
against itself, 1 for a file that is no STIG (and no JSON written).

Usage: release_diff.py SCAPC SOURCE_DIR WORK_DIR
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

SCAPC, SOURCE, WORK = sys.argv[1:4]
CORPUS = os.path.join(SOURCE, "..", "shared", "corpus")
PAIRS = [
    ("stig-more/U_MS_Exchange_2013_Mailbox_STIG_V2R1_Manual-xccdf.xml",
     "stig-more/U_MS_Exchange_2013_Mailbox_STIG_V2R2_Manual-xccdf.xml"),
    ("stig-more/U_MS_Exchange_2013_Mailbox_STIG_V2R2_Manual-xccdf.xml",
     "stig/U_MS_Exchange_2013_Mailbox_STIG_V2R3_Manual-xccdf.xml"),
    ("stig-more/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R2_Manual-xccdf.xml",
     "stig-more/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R3_Manual-xccdf.xml"),
    ("stig-more/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R3_Manual-xccdf.xml",
     "stig/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml"),
    # Two products: almost everything added and removed.
    ("stig/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml",
     "stig/U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml"),
]
failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def normalised(text):
    return re.sub(r"[ \t\n\r\f\v]+", " ", text or "").strip()


def rules_of(path):
    """V-ID -> the compared fields, read straight from DISA's XCCDF (any namespace)."""
    def local(element):
        return element.tag.rsplit("}", 1)[-1]

    out = {}
    for group in ET.parse(path).getroot().iter():
        if local(group) != "Group":
            continue
        for rule in group:
            if local(rule) != "Rule":
                continue
            fields = {"title": "", "check": "", "fix": "", "ruleVersion": "", "cci": []}
            fields["severity"] = rule.get("severity") or ""
            for child in rule:
                name = local(child)
                if name == "title":
                    fields["title"] = child.text or ""
                elif name == "version":
                    fields["ruleVersion"] = child.text or ""
                elif name == "fixtext":
                    fields["fix"] = child.text or ""
                elif name == "ident" and (child.text or "").startswith("CCI-"):
                    fields["cci"].append(child.text)
                elif name == "check":
                    for content in child:
                        if local(content) == "check-content":
                            fields["check"] = content.text or ""
            fields["cci"] = " ".join(sorted(fields["cci"]))
            out[group.get("id")] = fields
    return out


def expected_diff(before_path, after_path):
    before, after = rules_of(before_path), rules_of(after_path)
    changed = {}
    for vuln, fields in after.items():
        if vuln in before:
            differ = [name for name in ("title", "severity", "check", "fix", "ruleVersion", "cci")
                      if normalised(before[vuln][name]) != normalised(fields[name])]
            if differ:
                changed[vuln] = differ
    return sorted(set(after) - set(before)), sorted(set(before) - set(after)), changed


def scapc_diff(before, after, json_path):
    return subprocess.run([SCAPC, "diff", before, after, "--json", json_path], capture_output=True, text=True)


def main():
    compared = 0
    for before_name, after_name in PAIRS:
        before, after = os.path.join(CORPUS, before_name), os.path.join(CORPUS, after_name)
        label = f"{os.path.basename(before)} -> {os.path.basename(after)}"
        out = os.path.join(WORK, f"diff{compared}.json")
        done = scapc_diff(before, after, out)
        added, removed, changed = expected_diff(before, after)
        same = not (added or removed or changed)
        if done.returncode != (0 if same else 2):
            fail(f"{label}: exit {done.returncode}, expected {0 if same else 2}: {done.stderr[-300:]}")
            continue
        got = json.load(open(out))
        got_added = sorted(r["vulnId"] for r in got["added"])
        got_removed = sorted(r["vulnId"] for r in got["removed"])
        got_changed = {r["vulnId"]: r["fields"] for r in got["changed"]}
        if got_added != added:
            fail(f"{label}: added {got_added[:5]}…, expected {added[:5]}…")
        if got_removed != removed:
            fail(f"{label}: removed {got_removed[:5]}…, expected {removed[:5]}…")
        if got_changed != changed:
            differing = sorted(v for v in set(got_changed) | set(changed) if got_changed.get(v) != changed.get(v))
            fail(f"{label}: changed rules differ on {differing[:5]}: "
                 f"{[(v, got_changed.get(v), changed.get(v)) for v in differing[:3]]}")
        if got["old"]["release"] == "" or got["new"]["benchmark"] == "":
            fail(f"{label}: the releases are not named: {got['old']}, {got['new']}")
        # The human form lists every changed rule with its unified diff.
        for vuln in changed:
            if f"  {vuln} " not in done.stdout:
                fail(f"{label}: {vuln} is not in the printed changes")
        if changed and "@@ -" not in done.stdout:
            fail(f"{label}: no unified diff printed")
        print(f"{label}: {len(added)} added, {len(removed)} removed, {len(changed)} changed, as compared here")
        compared += 1

    # A release against itself: nothing differs, exit 0.
    same = os.path.join(CORPUS, PAIRS[0][0])
    done = scapc_diff(same, same, os.path.join(WORK, "same.json"))
    if done.returncode != 0 or json.load(open(os.path.join(WORK, "same.json")))["changed"]:
        fail(f"a release against itself: exit {done.returncode}")
    # Not a STIG: exit 1, a one-line error naming the file, no JSON left behind.
    bogus = os.path.join(WORK, "bogus.xml")
    open(bogus, "w").write("<html><body>not a STIG</body></html>\n")
    done = scapc_diff(same, bogus, os.path.join(WORK, "bogus.json"))
    if done.returncode != 1 or "bogus.xml" not in done.stderr or len(done.stderr.strip().splitlines()) != 1:
        fail(f"not a STIG: exit {done.returncode}, stderr {done.stderr!r}")
    if os.path.exists(os.path.join(WORK, "bogus.json")):
        fail("not a STIG: a JSON file was written")
    if failures:
        sys.exit(f"{len(failures)} failure(s)")
    print(f"scapc diff agrees with the independent comparison on {compared} release pairs")


main()
