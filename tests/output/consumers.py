#!/usr/bin/env python3
"""The evidence of one check run where assessors take it: STIG Manager (its own parser, with a new
collection's default import options) and MITRE SAF (`saf convert xccdf_results2hdf` and `ckl2hdf`,
what Heimdall shows), both installed from the npm registry at pinned versions.

The bundled catalog joined with DISA's 2019 Mailbox STIG is checked on an organisation: two Mailbox
servers and an Edge server, with {host} in every output path. For each host:
- the XCCDF results, and the TestResult of its ARF report, are keyed to the STIG
  (xccdf_mil.disa.stig_benchmark_MS_Exchange_2019_Mailbox_Server_STIG, DISA's rule ids) and STIG
  Manager reads exactly the pass, fail and notapplicable verdicts scapc wrote, nothing else;
- the CKL and CKLB are the STIG's checklist (its 68 rules, V1R1) without --stig; STIG Manager reads
  every decided rule with scapc's verdict, an error or unknown as informational (its reason is the
  detail), and no review at all for a rule nothing decided;
- SAF turns the XCCDF results and the CKL into HDF with every control's status equal to scapc's.

Usage: consumers.py SCAPC SOURCE_DIR WORK_DIR
"""
import collections
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import node_packages  # noqa: E402

SCAPC, SOURCE, WORK = sys.argv[1:4]
STIG_MANAGER = {"@nuwcdivnpt/stig-manager-client-modules": "1.6.7"}
SAF = {"@mitre/saf": "1.5.3"}
# 3.1113.0, which @mitre/saf 1.5.3 asks for, is missing from the registry.
SAF_OVERRIDES = {"@aws-sdk/client-config-service": "3.1124.0"}
MAILBOX_STIG = os.path.join(SOURCE, "..", "shared", "corpus", "stig",
                            "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml")
BENCHMARK = "MS_Exchange_2019_Mailbox_Server_STIG"
DISA_RULE = "xccdf_mil.disa.stig_rule_"
XCCDF = "{http://checklists.nist.gov/xccdf/1.2}"
ARF = "{http://scap.nist.gov/schema/asset-reporting-format/1.1}"
DECIDED = ("pass", "fail", "notapplicable")
UNDECIDED = ("notchecked", "notselected")
HDF_STATUS = {"pass": "passed", "fail": "failed", "notapplicable": "skipped", "notchecked": "skipped",
              "notselected": "skipped", "informational": "skipped", "error": "error", "unknown": "error"}
CKL_RESULT = {"NotAFinding": "pass", "Open": "fail", "Not_Applicable": "notapplicable"}
failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def run(*args, ok=(0,)):
    # In the scratch folder: SAF leaves its log (saf-cli.log) where it runs.
    done = subprocess.run(list(args), capture_output=True, text=True, cwd=WORK)
    if done.returncode not in ok:
        sys.exit(f"{' '.join(args)}: exit {done.returncode}\n{done.stdout[-1000:]}{done.stderr[-2000:]}")
    return done


def stig_manager(module, kind, path):
    script = os.path.join(SOURCE, "tests", "output", "stig_manager_parse.mjs")
    parsed = json.loads(run("node", script, module, kind, path, "defaults").stdout)
    if parsed["errors"]:
        fail(f"{path}: STIG Manager reports {parsed['errors']}")
    return parsed


def saf(tool, kind, path):
    out = path + ".hdf.json"
    run(tool, "convert", kind, "-i", path, "-o", out)
    profile = json.load(open(out))["profiles"][0]
    return {control["id"]: control for control in profile["controls"]}


def short(rule_id):
    return rule_id[len(DISA_RULE):] if rule_id.startswith(DISA_RULE) else rule_id


def rule_results(test_result):
    return {r.get("idref"): r.find(XCCDF + "result").text for r in test_result.findall(XCCDF + "rule-result")}


def arf_test_result(path, target):
    """The ARF's XCCDF report, written out as the TestResult document an ARF consumer takes from it."""
    for report in ET.parse(path).getroot().iter(ARF + "report"):
        found = report.find(".//" + XCCDF + "TestResult")
        if found is not None:
            ET.register_namespace("", XCCDF[1:-1])
            ET.ElementTree(found).write(target, xml_declaration=True, encoding="utf-8")
            return rule_results(found)
    fail(f"{path}: no XCCDF TestResult in any report")
    return {}


def check_results_file(module, label, path, ours):
    """STIG Manager reads a results document with scapc's decided verdicts, keyed to the STIG."""
    parsed = stig_manager(module, "xccdf", path)
    benchmarks = [c["benchmarkId"] for c in parsed["checklists"]]
    if benchmarks != [BENCHMARK]:
        fail(f"{label}: STIG Manager files it under {benchmarks}, expected {BENCHMARK}")
    got = {r["ruleId"]: r["result"] for c in parsed["checklists"] for r in c["reviews"]}
    want = {short(rule)[:45]: result for rule, result in ours.items() if result in DECIDED}
    if got != want:
        wrong = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
        fail(f"{label}: STIG Manager read {len(got)} reviews, scapc decided {len(want)}; differing: {wrong[:5]}")
    return parsed["target"]["name"]


def check_checklist(module, label, path, kind, ours):
    """STIG Manager reads the STIG's checklist: decided rules as scapc decided them, error and unknown
    as informational with their reason, nothing for undecided rules."""
    parsed = stig_manager(module, kind, path)
    shape = [(c["benchmarkId"], c["revisionStr"], len(c["reviews"])) for c in parsed["checklists"]]
    if [s[:2] for s in shape] != [(BENCHMARK, "V1R1")]:
        fail(f"{label}: checklists {shape}, expected the one of {BENCHMARK} V1R1")
    reviews = {r["ruleId"]: r for c in parsed["checklists"] for r in c["reviews"]}
    want = {}
    for rule, result in ours.items():
        if not rule.startswith(DISA_RULE) or result in UNDECIDED:
            continue
        want[short(rule)] = result if result in DECIDED else "informational"
    got = {rule: review["result"] for rule, review in reviews.items()}
    if got != want:
        wrong = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
        fail(f"{label}: STIG Manager read {len(got)} reviews, expected {len(want)}; differing: {wrong[:5]}")
    for rule, review in reviews.items():
        if review["result"] == "informational" and not (review["detail"] or "").strip():
            fail(f"{label} {rule}: an undecided rule's review carries no reason")
    return parsed["target"]["name"], collections.Counter(got.values())


def check_hdf(label, controls, expected):
    """HDF controls (by id) against scapc's result for each."""
    wrong = []
    for control_id, result in expected.items():
        control = controls.get(control_id)
        statuses = {r["status"] for r in control["results"]} if control else set()
        if statuses != {HDF_STATUS[result]}:
            wrong.append(f"{control_id}: {result} -> {sorted(statuses)}")
        elif result == "notapplicable" and control["impact"] != 0:
            wrong.append(f"{control_id}: notapplicable with impact {control['impact']}")
        elif result in UNDECIDED and control["impact"] == 0:
            wrong.append(f"{control_id}: {result} shown as not applicable (impact 0)")
    if len(controls) != len(expected):
        wrong.append(f"{len(controls)} controls for {len(expected)} rules")
    if wrong:
        fail(f"{label}: SAF's HDF differs from scapc on {len(wrong)}: {wrong[:4]}")


def main():
    module = os.path.join(node_packages.install(WORK, STIG_MANAGER), "@nuwcdivnpt", "stig-manager-client-modules")
    saf_tool = os.path.join(node_packages.install(WORK, SAF, SAF_OVERRIDES), ".bin", "saf")
    content = os.path.join(WORK, "mailbox-ds.xml")
    run(SCAPC, "compile", os.path.join(SOURCE, "controls", "catalog"), MAILBOX_STIG, "-o", content)
    out = os.path.join(WORK, "out", "{host}")
    args = [SCAPC, "check", content, "-q", "--results", out + "/xccdf.xml", "--results-arf", out + "/arf.xml",
            "--ckl", out + "/stig.ckl", "--cklb", out + "/stig.cklb"]
    bundles = ("mailbox01", "mailbox02", "edge01")
    for bundle in bundles:
        args += ["--data", os.path.join(SOURCE, "examples", bundle + "-bundle.json")]
    run(*args, ok=(0, 2))

    totals = collections.Counter()
    for bundle in bundles:
        host = json.load(open(os.path.join(SOURCE, "examples", bundle + "-bundle.json")))["host"]
        identity = host.get("fqdn") or host["hostName"]
        folder = os.path.join(WORK, "out", identity)
        root = ET.parse(os.path.join(folder, "xccdf.xml")).getroot()
        if root.get("id") != "xccdf_mil.disa.stig_benchmark_" + BENCHMARK:
            fail(f"{identity}: benchmark id {root.get('id')}")
        ours = rule_results(root.find(XCCDF + "TestResult"))
        disa = [rule for rule in ours if rule.startswith(DISA_RULE + "SV-")]
        if len(disa) != 68:
            fail(f"{identity}: {len(disa)} rule-results with DISA's rule ids, the STIG has 68")

        targets = {check_results_file(module, f"{identity} XCCDF", os.path.join(folder, "xccdf.xml"), ours)}
        from_arf = arf_test_result(os.path.join(folder, "arf.xml"), os.path.join(folder, "arf-testresult.xml"))
        if from_arf != ours:
            fail(f"{identity}: the ARF's TestResult differs from the XCCDF results")
        targets.add(check_results_file(module, f"{identity} ARF", os.path.join(folder, "arf-testresult.xml"), ours))
        for kind in ("ckl", "cklb"):
            target, counts = check_checklist(module, f"{identity} {kind}", os.path.join(folder, "stig." + kind), kind,
                                             ours)
            targets.add(target)
            totals.update(counts)
        if targets != {identity}:
            fail(f"{identity}: STIG Manager names the asset {sorted(targets)}")

        check_hdf(f"{identity} xccdf_results2hdf", saf(saf_tool, "xccdf_results2hdf", os.path.join(folder, "xccdf.xml")),
                  ours)
        ckl = os.path.join(folder, "stig.ckl")
        by_vuln = {}
        for vuln in ET.parse(ckl).getroot().iter("VULN"):
            data = {d.findtext("VULN_ATTRIBUTE"): d.findtext("ATTRIBUTE_DATA") or "" for d in vuln.findall("STIG_DATA")}
            # A CKL has no error status: an undecided rule is Not_Reviewed, which SAF skips.
            result = ours.get(DISA_RULE + data["Rule_ID"], "notselected")
            by_vuln[data["Vuln_Num"]] = result if result in DECIDED else "notchecked"
        check_hdf(f"{identity} ckl2hdf", saf(saf_tool, "ckl2hdf", ckl), by_vuln)

    if failures:
        sys.exit(f"{len(failures)} failure(s)")
    print(f"STIG Manager and SAF read {len(bundles)} hosts' XCCDF, ARF, CKL and CKLB as scapc wrote them; "
          f"checklist reviews: {dict(totals)}")


main()
