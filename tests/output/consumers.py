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
import fnmatch
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import harness  # noqa: E402
from harness import fail, failures  # noqa: E402
import node_packages  # noqa: E402

SCAPC, SOURCE, WORK = (os.path.abspath(arg) for arg in sys.argv[1:4])
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


def run(*args, ok=(0,)):
    # In the scratch folder: SAF leaves its log (saf-cli.log) where it runs.
    return harness.run_or_stop(*args, ok=ok, cwd=WORK)


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

    waived = waivers(module, content, bundles)
    if failures:
        sys.exit(f"{len(failures)} failure(s)")
    print(f"STIG Manager and SAF read {len(bundles)} hosts' XCCDF, ARF, CKL and CKLB as scapc wrote them; "
          f"checklist reviews: {dict(totals)}; {waived} waived rule-results read back as waived")


def waivers(module, content, bundles):
    """The same organisation with tests/check/fixtures/waivers/good.json: every waived rule-result
    keeps its evaluated result in an override (XSD-valid) and reports the waiver's; nothing else
    changes; STIG Manager reads the waived status and the waiver in the comments; the JSON summary and
    the HTML report count them. An expired waiver and one naming no rule are warnings; a malformed
    file is an error and nothing is written."""
    good = os.path.join(SOURCE, "tests", "check", "fixtures", "waivers", "good.json")
    spec = json.load(open(good))["waivers"]
    out = os.path.join(WORK, "waived", "{host}")
    args = [SCAPC, "check", content, "-q", "--waivers", good, "--results", out + "/xccdf.xml", "--ckl",
            out + "/stig.ckl", "--results-arf", out + "/arf.xml", "--json", os.path.join(WORK, "waived", "summary.json"), "--report",
            os.path.join(WORK, "waived", "report.html"), "--timestamp", "2026-12-06T00:00:00"]
    for bundle in bundles:
        args += ["--data", os.path.join(SOURCE, "examples", bundle + "-bundle.json")]
    done = run(*args, ok=(2,))
    warnings = done.stderr.strip().splitlines()
    if len(warnings) != 2 or "/waivers/4: warning: no rule of" not in warnings[0] or \
            "/waivers/5: warning: the waiver for V-259646 expired on 2025-06-30" not in warnings[1]:
        fail(f"waivers: warnings {warnings}")
    summary = {h["host"].get("fqdn") or h["host"]["hostName"]: h for h in json.load(
        open(os.path.join(WORK, "waived", "summary.json")))["hosts"]}
    total = 0
    for bundle in bundles:
        host = json.load(open(os.path.join(SOURCE, "examples", bundle + "-bundle.json")))["host"]
        identity = host.get("fqdn") or host["hostName"]
        names = [n.lower() for n in (identity, host["hostName"], host.get("fqdn") or "")]
        unwaived = rule_results(ET.parse(os.path.join(WORK, "out", identity, "xccdf.xml")).getroot()
                                .find(XCCDF + "TestResult"))
        path = os.path.join(WORK, "waived", identity, "xccdf.xml")
        test_result = ET.parse(path).getroot().find(XCCDF + "TestResult")
        overridden = {}
        for rule_result in test_result.findall(XCCDF + "rule-result"):
            rule, result = rule_result.get("idref"), rule_result.findtext(XCCDF + "result")
            override = rule_result.find(XCCDF + "override")
            if override is None:
                if result != unwaived[rule]:
                    fail(f"{identity} {rule}: {result} without a waiver, {unwaived[rule]} before")
                continue
            overridden[rule] = result
            if override.findtext(XCCDF + "old-result") != unwaived[rule] or \
                    override.findtext(XCCDF + "new-result") != result:
                fail(f"{identity} {rule}: override {override.findtext(XCCDF + 'old-result')} -> "
                     f"{override.findtext(XCCDF + 'new-result')}, result {result}, evaluated {unwaived[rule]}")
        # Which rule-results the waivers should touch: the first naming the rule and the host, on a
        # rule-result that is selected and applies.
        expected = {}
        versions = {r.get("idref"): r.get("version") for r in test_result.findall(XCCDF + "rule-result")}
        for rule, result in unwaived.items():
            if result in ("notselected", "notapplicable"):
                continue
            vuln = "V-" + rule.split("SV-")[1].split("r")[0] if "SV-" in rule else ""
            for waiver in spec[:4]:
                names_rule = waiver["rule"] in (vuln, versions[rule], rule.split("_rule_")[-1])
                names_host = "hosts" not in waiver or any(
                    fnmatch.fnmatch(name, pattern.lower()) for pattern in waiver["hosts"] for name in names if name)
                if names_rule and names_host:
                    expected[rule] = waiver["result"]
                    break
        if overridden != expected:
            fail(f"{identity}: waived {overridden}, expected {expected}")
        total += len(overridden)
        xsd = subprocess.run(["xmllint", "--noout", "--schema", "/usr/share/openscap/schemas/xccdf/1.2/xccdf_1.2.xsd",
                              path], capture_output=True, text=True)
        if xsd.returncode != 0:
            fail(f"{identity}: the XCCDF results with overrides do not validate: {xsd.stderr[-300:]}")
        # oscap's XCCDF 1.2 schematron checks "result equals the override's new-result" on every
        # rule-result of a TestResult holding an override, even those without one: those, and only
        # those, are what it reports (docs/assessor-workflow.md).
        if overridden:
            oscap = subprocess.run(["oscap", "xccdf", "validate", path], capture_output=True, text=True)
            errors = [line for line in (oscap.stdout + oscap.stderr).splitlines() if line.startswith("Error")]
            mismatch = [line for line in errors if "must match the value of the 'new-result'" in line]
            if len(errors) != len(mismatch) or len(mismatch) != len(unwaived) - len(overridden):
                fail(f"{identity}: oscap xccdf validate reports {len(errors)} errors ({len(mismatch)} new-result), "
                     f"expected one per rule-result without an override ({len(unwaived) - len(overridden)})")
        if summary[identity]["waived"] != len(overridden):
            fail(f"{identity}: the JSON summary counts {summary[identity]['waived']} waived, {len(overridden)} expected")
        parsed = stig_manager(module, "ckl", os.path.join(WORK, "waived", identity, "stig.ckl"))
        reviews = {r["ruleId"]: r for c in parsed["checklists"] for r in c["reviews"]}
        for rule, result in overridden.items():
            if not rule.startswith(DISA_RULE):
                continue
            review = reviews.get(short(rule))
            want = result if result in DECIDED else "informational"
            if review is None or review["result"] != want or "Waiver: " not in (review["comment"] or ""):
                fail(f"{identity} {rule}: STIG Manager reads {review and review['result']}, expected {want} "
                     "with the waiver in the comment")
        # The ARF converted to a checklist keeps the waivers as the check run's checklist has them.
        converted = os.path.join(WORK, "waived", identity, "converted.ckl")
        run(SCAPC, "convert", os.path.join(WORK, "waived", identity, "arf.xml"), "--ckl", converted)
        again = {r["ruleId"]: (r["result"], r["comment"]) for c in stig_manager(module, "ckl", converted)["checklists"]
                 for r in c["reviews"]}
        if again != {rule: (r["result"], r["comment"]) for rule, r in reviews.items()}:
            fail(f"{identity}: the waived ARF converted to a CKL differs from the check run's CKL")
    report = open(os.path.join(WORK, "waived", "report.html")).read()
    start = report.find('<table id="waived">')
    table = report[start:report.find("</table>", start)] if start >= 0 else ""
    if table.count("<tr>") != total + 1:
        fail(f"the HTML report lists {table.count('<tr>') - 1} waived rule-results, {total} expected")

    bad = os.path.join(WORK, "bad-waivers.json")
    json.dump({"waivers": [dict(spec[0], expires="2026-02-30")]}, open(bad, "w"))
    target = os.path.join(WORK, "not-written.xml")
    done = run(SCAPC, "check", content, "--data", os.path.join(SOURCE, "examples", "edge01-bundle.json"),
               "--waivers", bad, "--results", target, ok=(1,))
    if done.stderr.strip() != f"{bad}:/waivers/0/expires: '2026-02-30' is not a YYYY-MM-DD date" and \
            "/waivers/0/expires" not in done.stderr:
        fail(f"a malformed waivers file: {done.stderr!r}")
    if os.path.exists(target):
        fail("a malformed waivers file: results were written")
    return total


main()
