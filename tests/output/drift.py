#!/usr/bin/env python3
"""`scapc diff` of two assessments against a comparison made here from the files themselves.

Quarter 1 checks mailbox01, mailbox02 and edge01 against the 2019 Mailbox STIG joined with the
catalog. Quarter 2 checks mailbox01 again with the organisation-wide settings mailbox02 saw (drifted),
edge01 unchanged, and a new server; mailbox02 is gone. For the multi-host XCCDF
results, a host's ARF, and the hosts' CKL and CKLB: per host, exactly the rules whose verdict
changed (matched by V-ID), with from, to and the kind of change; hosts on one side only; exit 2;
an assessment against itself: nothing changed, exit 0.

Usage: drift.py SCAPC SOURCE_DIR WORK_DIR
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from harness import fail, failures, run_or_stop as run  # noqa: E402

SCAPC, SOURCE, WORK = (os.path.abspath(arg) for arg in sys.argv[1:4])
STIG = os.path.join(SOURCE, "..", "shared", "corpus", "stig", "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml")
X = "{http://checklists.nist.gov/xccdf/1.2}"
CONCERN = ["fail", "error", "unknown", "notchecked", "informational", "notapplicable", "fixed", "pass"]
STATUS = {"NotAFinding": "pass", "Open": "fail", "Not_Applicable": "notapplicable", "Not_Reviewed": "notchecked"}


def key_of(rule):
    match = re.search(r"SV-(\d+)r\d+", rule)
    return "V-" + match.group(1) if match else rule


def from_results(path):
    """host -> {V-ID or rule id: result}, the most concerning of a rule's results; not selected left out."""
    out = {}
    for test_result in ET.parse(path).getroot().iter(X + "TestResult"):
        verdicts = out.setdefault(test_result.findtext(X + "target"), {})
        for rule_result in test_result.findall(X + "rule-result"):
            result = rule_result.findtext(X + "result")
            if result == "notselected":
                continue
            key = key_of(rule_result.get("idref"))
            if key not in verdicts or CONCERN.index(result) < CONCERN.index(verdicts[key]):
                verdicts[key] = result
    return out


def from_checklist(path):
    if path.endswith(".cklb"):
        document = json.load(open(path))
        rules = [(r["group_id"], r["status"]) for s in document["stigs"] for r in s["rules"]]
        host = document["target_data"]["host_name"]
    else:
        root = ET.parse(path).getroot()
        host = root.findtext("ASSET/HOST_NAME")
        rules = []
        for vuln in root.iter("VULN"):
            data = {d.findtext("VULN_ATTRIBUTE"): d.findtext("ATTRIBUTE_DATA") for d in vuln.findall("STIG_DATA")}
            rules.append((data["Vuln_Num"], vuln.findtext("STATUS")))
    words = {"not_a_finding": "pass", "open": "fail", "not_applicable": "notapplicable", "not_reviewed": "notchecked"}
    return {host: {vuln: STATUS.get(status) or words.get(status, "notchecked") for vuln, status in rules}}


def expected(before, after):
    """host -> {key: (from, to)}, and the hosts on one side only."""
    changes = {}
    for host, verdicts in after.items():
        if host not in before:
            continue
        old = before[host]
        changes[host] = {key: (old.get(key, "none"), verdicts.get(key, "none"))
                         for key in set(old) | set(verdicts) if old.get(key, "none") != verdicts.get(key, "none")}
    one_side = {h: "new" for h in after if h not in before} | {h: "old" for h in before if h not in after}
    return changes, one_side


def compare(label, old_path, new_path, before, after):
    out = os.path.join(WORK, label + ".json")
    done = subprocess.run([SCAPC, "diff", old_path, new_path, "--json", out], capture_output=True, text=True)
    changes, one_side = expected(before, after)
    differ = any(changes.values()) or one_side
    if done.returncode != (2 if differ else 0):
        fail(f"{label}: exit {done.returncode}, expected {2 if differ else 0}: {done.stderr[-300:]}")
        return 0
    got = json.load(open(out))
    got_changes = {h["host"]: {c["vulnId"] or c["rule"]: (c["from"], c["to"]) for c in h["changed"]}
                   for h in got["hosts"] if h["in"] == "both"}
    got_sides = {h["host"]: h["in"] for h in got["hosts"] if h["in"] != "both"}
    if got_changes != changes:
        for host in set(got_changes) | set(changes):
            a, b = got_changes.get(host, {}), changes.get(host, {})
            wrong = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            if wrong:
                fail(f"{label} {host}: differs on {wrong[:4]}: scapc {[a.get(k) for k in wrong[:4]]}, "
                     f"here {[b.get(k) for k in wrong[:4]]}")
    if got_sides != one_side:
        fail(f"{label}: hosts on one side {got_sides}, expected {one_side}")
    for host in got["hosts"]:
        for change in host["changed"]:
            kind = change["change"]
            if change["to"] == "fail" and kind != "newly failing" or \
                    change["from"] == "fail" and change["to"] == "pass" and kind != "fixed":
                fail(f"{label}: {change} is called {kind}")
    return sum(len(c) for c in changes.values())


def report_changes(path):
    """The HTML report's drift section: host -> {key: (from, to)}, and the hosts it says are on one side."""
    text = open(path, encoding="utf-8").read()
    section = text[text.index('<section id="drift">'):]
    section = section[:section.index("</section>")]
    changes = {}
    for row in re.findall(r'<tr data-change="[^"]*">(.*?)</tr>', section, re.S):
        host = re.search(r"<td>(.*?)</td>", row).group(1)
        vuln = re.search(r'<span class="vid">(.*?)</span>', row)
        rule = re.search(r'<code class="rid">(.*?)</code>', row).group(1)
        results = re.findall(r'<span class="(?:r r-[a-z]+|muted)">([a-z]+)</span>', row)
        changes.setdefault(host, {})[vuln.group(1) if vuln else rule] = tuple(results[:2])
    one_side = {m: "new" for m in re.findall(r"<li><b>([^<]*)</b>: not in the previous assessment</li>", section)}
    one_side |= {m: "old" for m in re.findall(r"<li><b>([^<]*)</b>: only in the previous assessment</li>", section)}
    return changes, one_side


def report_drift(content, q1, bundles):
    """check --previous and convert --previous: the report lists what the files say changed."""
    report = os.path.join(WORK, "q2-report.html")
    args = [SCAPC, "check", content, "-q", "--previous", q1 + "/all-xccdf.xml", "--report", report]
    for bundle in bundles:
        args += ["--data", bundle]
    run(*args, ok=(0, 2))
    converted = os.path.join(WORK, "q2-converted.html")
    run(SCAPC, "convert", os.path.join(WORK, "q2", "all-xccdf.xml"), "--previous", q1 + "/all-xccdf.xml", "--report",
        converted)
    # A run compared with its own checklists (one per host; the STIGs' rules only) changed nothing.
    itself = os.path.join(WORK, "q1-itself.html")
    args = [SCAPC, "check", content, "-q", "--report", itself]
    for host in ("mailbox01", "mailbox02", "edge01"):
        args += ["--data", os.path.join(SOURCE, "examples", f"{host}-bundle.json"),
                 "--previous", os.path.join(q1, f"{host}.example.com", "stig.ckl")]
    run(*args, ok=(0, 2))
    got, sides = report_changes(itself)
    if got or sides:
        fail(f"a run against its own checklists shows changes: {sorted(got)} {sides}")
    changes, one_side = expected(from_results(q1 + "/all-xccdf.xml"),
                                 from_results(os.path.join(WORK, "q2", "all-xccdf.xml")))
    changes = {host: c for host, c in changes.items() if c}
    for label, path in (("check --report", report), ("convert --report", converted)):
        got, sides = report_changes(path)
        if got != changes:
            fail(f"{label}: drift section {sorted((h, len(c)) for h, c in got.items())}, "
                 f"expected {sorted((h, len(c)) for h, c in changes.items())}")
        if sides != one_side:
            fail(f"{label}: hosts on one side {sides}, expected {one_side}")


def main():
    content = os.path.join(WORK, "ds.xml")
    run(SCAPC, "compile", os.path.join(SOURCE, "controls", "catalog"), STIG, "-o", content)
    examples = os.path.join(SOURCE, "examples")
    # Quarter 2: the organisation-wide settings mailbox01 sees drift to those mailbox02 saw,
    # mailbox02 is gone, a server is new.
    drifted = json.load(open(os.path.join(examples, "mailbox01-bundle.json")))
    other = {c["cmdlet"]: c for c in json.load(open(os.path.join(examples, "mailbox02-bundle.json")))["cmdlets"]}
    drifting = ("Get-TransportConfig", "Get-OrganizationConfig", "Get-RemoteDomain", "Get-AdminAuditLogConfig")
    drifted["cmdlets"] = [other[c["cmdlet"]] if c["cmdlet"] in drifting else c for c in drifted["cmdlets"]]
    json.dump(drifted, open(os.path.join(WORK, "mailbox01-q2.json"), "w"))
    newcomer = json.load(open(os.path.join(examples, "mailbox01-bundle.json")))
    newcomer["host"]["hostName"] = "MAILBOX03"
    newcomer["host"]["fqdn"] = "mailbox03.example.com"
    json.dump(newcomer, open(os.path.join(WORK, "mailbox03.json"), "w"))
    quarters = {"q1": [os.path.join(examples, f"{n}-bundle.json") for n in ("mailbox01", "mailbox02", "edge01")],
                "q2": [os.path.join(WORK, "mailbox01-q2.json"), os.path.join(examples, "edge01-bundle.json"),
                       os.path.join(WORK, "mailbox03.json")]}
    for quarter, bundles in quarters.items():
        folder = os.path.join(WORK, quarter)
        args = [SCAPC, "check", content, "-q", "--results", folder + "/all-xccdf.xml", "--results-arf",
                folder + "/{host}/arf.xml", "--ckl", folder + "/{host}/stig.ckl", "--cklb", folder + "/{host}/stig.cklb"]
        for bundle in bundles:
            args += ["--data", bundle]
        run(*args, ok=(0, 2))

    q1, q2 = os.path.join(WORK, "q1"), os.path.join(WORK, "q2")
    counted = compare("xccdf", q1 + "/all-xccdf.xml", q2 + "/all-xccdf.xml", from_results(q1 + "/all-xccdf.xml"),
                      from_results(q2 + "/all-xccdf.xml"))
    if counted == 0:
        fail("the drifted server changed nothing: not a test")
    host = "mailbox01.example.com"
    compare("arf", f"{q1}/{host}/arf.xml", f"{q2}/{host}/arf.xml", from_results(f"{q1}/{host}/arf.xml"),
            from_results(f"{q2}/{host}/arf.xml"))
    for kind in ("ckl", "cklb"):
        old, new = f"{q1}/{host}/stig.{kind}", f"{q2}/{host}/stig.{kind}"
        compare(kind, old, new, from_checklist(old), from_checklist(new))
    compare("edge-unchanged", f"{q1}/edge01.example.com/stig.ckl", f"{q2}/edge01.example.com/stig.ckl",
            from_checklist(f"{q1}/edge01.example.com/stig.ckl"), from_checklist(f"{q2}/edge01.example.com/stig.ckl"))
    report_drift(content, q1, quarters["q2"])
    if failures:
        sys.exit(f"{len(failures)} failure(s)")
    print(f"scapc diff of two quarters agrees with the files: {counted} changed rule-results on the drifted host "
          "(XCCDF results, ARF, CKL, CKLB), hosts gone and new, an unchanged host unchanged; the HTML report's "
          "changes since the previous assessment the same")


main()
