#!/usr/bin/env python3
"""A real consumer of scapc's checklists and XCCDF results: STIG Manager's own parser
(@nuwcdivnpt/stig-manager-client-modules, the one STIG Manager and its Watcher import files with),
installed from the npm registry at a pinned version.

Every CKL, CKLB and XCCDF results file scapc writes for the sample servers, in both checklist
layouts (by benchmark, and by the DISA STIGs given with --stig), must parse without errors, and for
every rule the parsed result must equal scapc's own verdict: the rule's XCCDF result where pass,
fail or notapplicable, else notchecked (STIG Manager's "unreviewed" rule); and for STIG-laid-out
checklists, the status scapc wrote, with the finding details as the review's detail.

Usage: stig_manager.py SCAPC SOURCE_DIR WORK_DIR
"""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from harness import fail, failures, run_or_stop as run  # noqa: E402
import node_packages  # noqa: E402

SCAPC, SOURCE, WORK = sys.argv[1:4]
PACKAGE = "@nuwcdivnpt/stig-manager-client-modules@1.6.7"
STIGS = os.path.join(SOURCE, "..", "shared", "corpus", "stig")
XCCDF = "{http://checklists.nist.gov/xccdf/1.2}"
REVIEWED = ("pass", "fail", "notapplicable")
STATUS = {"NotAFinding": "pass", "Open": "fail", "Not_Applicable": "notapplicable", "Not_Reviewed": "notchecked"}


def parse(module, kind, path, may_refuse=False):
    script = os.path.join(SOURCE, "tests", "output", "stig_manager_parse.mjs")
    done = run("node", script, module, kind, path, ok=(0, 1) if may_refuse else (0,))
    if done.returncode != 0:
        return None
    parsed = json.loads(done.stdout)
    if parsed["errors"]:
        fail(f"{path}: STIG Manager reports {parsed['errors']}")
    return parsed


def xccdf_results(path):
    test_result = ET.parse(path).getroot().find(XCCDF + "TestResult")
    return {r.get("idref"): r.find(XCCDF + "result").text for r in test_result.findall(XCCDF + "rule-result")}


def ckl_vulns(path):
    """Rule_ID -> (status, finding details), straight from the CKL's XML."""
    out = {}
    for vuln in ET.parse(path).getroot().iter("VULN"):
        data = {d.findtext("VULN_ATTRIBUTE"): d.findtext("ATTRIBUTE_DATA") or "" for d in vuln.findall("STIG_DATA")}
        out[data["Rule_ID"]] = (vuln.findtext("STATUS"), vuln.findtext("FINDING_DETAILS") or "")
    return out


def by_benchmark(module, content):
    checked = 0
    for bundle in ("mailbox01", "mailbox02", "edge01"):
        prefix = os.path.join(WORK, bundle)
        run(SCAPC, "check", content, "--data", os.path.join(SOURCE, "examples", bundle + "-bundle.json"), "--ckl",
            prefix + ".ckl", "--cklb", prefix + ".cklb", "--results", prefix + "-xccdf.xml", "-q", ok=(0, 2))
        ours = xccdf_results(prefix + "-xccdf.xml")
        expected = {rule: (result if result in REVIEWED else "notchecked") for rule, result in ours.items()}

        parsed = parse(module, "xccdf", prefix + "-xccdf.xml")
        # One asset per host: every format names it alike (its FQDN where the bundle records one).
        host = json.load(open(os.path.join(SOURCE, "examples", bundle + "-bundle.json")))["host"]
        identity = host.get("fqdn") or host["hostName"]
        if parsed["target"]["name"] != identity:
            fail(f"{bundle} XCCDF: target {parsed['target']['name']}, expected {identity}")
        got = {r["ruleId"]: r["result"] for c in parsed["checklists"] for r in c["reviews"]}
        if got != expected:
            fail(f"{bundle} XCCDF: STIG Manager read {len(got)} results, differing on "
                 f"{sorted(k for k in expected if got.get(k) != expected[k])[:5]}")
        evaluated = {rule.replace("xccdf_org.scapc_rule_", ""): result for rule, result in expected.items()
                     if ours[rule] != "notselected"}
        for kind in ("ckl", "cklb"):
            parsed = parse(module, kind, f"{prefix}.{kind}")
            if parsed["target"]["name"] != identity:
                fail(f"{bundle}.{kind}: target {parsed['target']['name']}, expected {identity}")
            got = {r["ruleId"]: r["result"] for c in parsed["checklists"] for r in c["reviews"]}
            if got != evaluated:
                fail(f"{bundle}.{kind}: {len(got)} reviews vs {len(evaluated)} rules, differing on "
                     f"{sorted(k for k in evaluated if got.get(k) != evaluated[k])[:5]}")
        checked += 3
    return checked


def per_host_outputs(module, content):
    """One run over three hosts with {host} in the output paths: a file per host and format, each of
    which STIG Manager reads as that host's asset with scapc's verdicts; folders are made."""
    out = os.path.join(WORK, "per-host", "{host}")
    bundles = [os.path.join(SOURCE, "examples", name + "-bundle.json") for name in ("mailbox01", "mailbox02", "edge01")]
    args = [SCAPC, "check", content, "-q", "--results", out + "/xccdf.xml", "--ckl", out + "/checklist.ckl",
            "--cklb", out + "/checklist.cklb"]
    for bundle in bundles:
        args += ["--data", bundle]
    run(*args, ok=(0, 2))
    checked = 0
    for bundle in bundles:
        host = json.load(open(bundle))["host"]
        identity = host.get("fqdn") or host["hostName"]
        folder = os.path.join(WORK, "per-host", identity)
        ours = xccdf_results(os.path.join(folder, "xccdf.xml"))
        expected = {rule: (result if result in REVIEWED else "notchecked") for rule, result in ours.items()}
        evaluated = {rule.replace("xccdf_org.scapc_rule_", ""): result for rule, result in expected.items()
                     if ours[rule] != "notselected"}
        for kind, name, want in (("xccdf", "xccdf.xml", expected), ("ckl", "checklist.ckl", evaluated),
                                 ("cklb", "checklist.cklb", evaluated)):
            parsed = parse(module, kind, os.path.join(folder, name))
            if parsed["target"]["name"] != identity:
                fail(f"{identity}/{name}: target {parsed['target']['name']}")
            got = {r["ruleId"]: r["result"] for c in parsed["checklists"] for r in c["reviews"]}
            if got != want:
                fail(f"{identity}/{name}: differs on {sorted(k for k in want if got.get(k) != want[k])[:5]}")
            checked += 1
    return checked


def by_stig(module):
    mailbox = os.path.join(STIGS, "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml")
    edge = os.path.join(STIGS, "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml")
    content = os.path.join(WORK, "stig-ds.xml")
    run(SCAPC, "compile", os.path.join(SOURCE, "controls", "catalog"), mailbox, edge, "-o", content)
    prefix = os.path.join(WORK, "mailbox02-stig")
    run(SCAPC, "check", content, "--profile", "xccdf_org.scapc_profile_stig_ms_exchange_2019_mailbox_server_stig",
        "--data", os.path.join(SOURCE, "examples", "mailbox02-bundle.json"), "--stig", mailbox, "--stig", edge,
        "--ckl", prefix + ".ckl", "--cklb", prefix + ".cklb", "-q", ok=(0, 2))
    written = ckl_vulns(prefix + ".ckl")
    statuses = {status for status, _ in written.values()}
    if not {"NotAFinding", "Open", "Not_Reviewed"} <= statuses:
        fail(f"the STIG checklist should mix statuses, has {statuses}")
    for kind in ("ckl", "cklb"):
        parsed = parse(module, kind, f"{prefix}.{kind}")
        revisions = sorted(c["revisionStr"] for c in parsed["checklists"])
        if revisions[:2] != ["V1R1", "V2R2"]:
            fail(f"{kind}: STIG revisions {revisions}, expected V1R1 (Mailbox) and V2R2 (Edge)")
        reviews = {r["ruleId"]: r for c in parsed["checklists"] for r in c["reviews"]}
        for rule_id, (status, details) in written.items():
            review = reviews.get(rule_id)
            if review is None or review["result"] != STATUS[status] or (details and review["detail"] != details):
                fail(f"{kind} {rule_id}: wrote {status}, STIG Manager read {review and review['result']}")
    return len(written)


def reviews_of(parsed):
    # STIG Manager's XML parser trims text values and its JSON parser does not, so the
    # comparison ignores whitespace at the ends.
    return {(c["benchmarkId"], r["ruleId"]): (r["result"], (r["detail"] or "").strip(), (r["comment"] or "").strip())
            for c in parsed["checklists"] for r in c["reviews"]}


def conversions(module, content):
    """scapc convert: ARF -> CKL equals the CKL of the check run; third-party results and checklists
    convert into files STIG Manager reads with the same results."""
    prefix = os.path.join(WORK, "conv")
    bundle = os.path.join(SOURCE, "examples", "mailbox02-bundle.json")
    run(SCAPC, "check", content, "--data", bundle, "--results-arf", prefix + "-arf.xml", "--ckl", prefix + "-direct.ckl",
        "-q", ok=(0, 2))
    run(SCAPC, "convert", prefix + "-arf.xml", "--ckl", prefix + "-converted.ckl", "--cklb", prefix + "-converted.cklb")
    direct = reviews_of(parse(module, "ckl", prefix + "-direct.ckl"))
    for kind in ("ckl", "cklb"):
        converted = reviews_of(parse(module, kind, f"{prefix}-converted.{kind}"))
        if converted != direct:
            fail(f"ARF converted to {kind} differs from the check run's CKL")
    count = 2
    corpus = os.path.join(SOURCE, "..", "shared", "corpus")
    for name in sorted(os.listdir(os.path.join(corpus, "arf"))):
        source = os.path.join(corpus, "arf", name)
        ckl = os.path.join(WORK, name + ".ckl")
        run(SCAPC, "convert", source, "--ckl", ckl, "--json", ckl + ".json")
        root = ET.parse(source).getroot()
        expected = {}
        for test_result in root.iter():
            if not test_result.tag.endswith("}TestResult"):
                continue
            for rule in test_result:
                if rule.tag.endswith("}rule-result"):
                    result = next(c.text for c in rule if c.tag.endswith("}result"))
                    if result != "notselected":
                        expected[rule.get("idref")] = result
        summary = json.load(open(ckl + ".json"))
        listed = {r["id"]: r["result"] for h in summary["hosts"] for r in h["rules"]}
        if listed != expected:
            fail(f"{name}: the JSON summary's results differ from the TestResult's")
        parsed = reviews_of(parse(module, "ckl", ckl))
        got = {rule: result for (_, rule), (result, _, _) in parsed.items()}
        want = {rule.split("_rule_")[-1]: (r if r in REVIEWED else "notchecked") for rule, r in expected.items()}
        if got != want:
            fail(f"{name}: STIG Manager reads {len(got)} reviews from the converted CKL, expected {len(want)}")
        count += 1
    for name in sorted(os.listdir(os.path.join(corpus, "checklists"))):
        source = os.path.join(corpus, "checklists", name)
        kind = "cklb" if name.endswith(".cklb") else "ckl"
        other = "ckl" if kind == "cklb" else "cklb"
        target = os.path.join(WORK, f"{name}.{other}")
        run(SCAPC, "convert", source, f"--{other}", target)
        original = parse(module, kind, source, may_refuse=True)
        if original is None:
            print(f"{name}: STIG Manager refuses the original itself; converted, not compared")
            continue
        before, after = reviews_of(original), reviews_of(parse(module, other, target))
        if before != after:
            changed = [k for k in before if before[k] != after.get(k)][:3]
            fail(f"{name} -> {other}: STIG Manager reads different reviews, e.g. {changed}")
        count += 1
    return count


def main():
    name, version = PACKAGE.rsplit("@", 1)
    module = os.path.join(node_packages.install(WORK, {name: version}), "@nuwcdivnpt", "stig-manager-client-modules")
    content = os.path.join(WORK, "exchange-ds.xml")
    run(SCAPC, "compile", os.path.join(SOURCE, "controls", "catalog"), "-o", content)
    files = by_benchmark(module, content)
    files += per_host_outputs(module, content)
    vulns = by_stig(module)
    converted = conversions(module, content)
    if failures:
        sys.exit(f"{len(failures)} failure(s)")
    print(f"STIG Manager's parser agrees on {files} files by benchmark, {vulns} STIG rules in two STIG checklists "
          f"and {converted} conversions")


main()
