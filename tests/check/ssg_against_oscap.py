#!/usr/bin/env python3
"""Third-party content: Debian's SSG data stream, evaluated by oscap on this machine, then by scapc
from the system characteristics oscap collected, must give the same result for every rule.

oscap xccdf eval probes this machine and writes an ARF whose OVAL reports carry the system
characteristics of both OVAL components (the checks and the CPE platform checks). They are merged
into one file (item ids renumbered) that scapc check reads as the host's data. The benchmark's own
platform (Debian 11) is removed first, since the machine runs Debian 12 and oscap would otherwise
report every rule notapplicable. File objects that walk a whole tree without end (max_depth="-1":
every file under /) walk three levels down instead, as in tests/oval/ssg_differential.sh: the
rules and their checks are unchanged, and oscap no longer spends most of the test walking the
build trees and package caches of the machine.

Usage: ssg_against_oscap.py SCAPC WORK_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

SCAPC, WORK = sys.argv[1:3]
SOURCE = "/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml"
CACHE = os.environ.get("SCAPC_ORACLE_CACHE", "")
SC = "{http://oval.mitre.org/XMLSchema/oval-system-characteristics-5}"
XCCDF = "{http://checklists.nist.gov/xccdf/1.2}"
PROFILES = ["xccdf_org.ssgproject.content_profile_standard", "xccdf_org.ssgproject.content_profile_anssi_np_nt28_high"]


def merged_syschar(arf, out):
    """One system characteristics document from every OVAL report in the ARF."""
    root = ET.parse(arf).getroot()
    documents = list(root.iter(SC + "oval_system_characteristics"))
    merged = documents[0]
    objects = merged.find(SC + "collected_objects")
    data = merged.find(SC + "system_data")
    if data is None:
        data = ET.SubElement(merged, SC + "system_data")
    offset = max([int(i.get("id")) for i in data] + [0])
    for other in documents[1:]:
        renumber = {}
        for item in list(other.find(SC + "system_data") or []):
            offset += 1
            renumber[item.get("id")] = str(offset)
            item.set("id", str(offset))
            data.append(item)
        for collected in other.find(SC + "collected_objects"):
            for reference in collected.findall(SC + "reference"):
                reference.set("item_ref", renumber[reference.get("item_ref")])
            objects.append(collected)
    ET.ElementTree(merged).write(out, xml_declaration=True, encoding="UTF-8")
    return len(documents)


def results(path):
    root = ET.parse(path).getroot()
    test_result = next(root.iter(XCCDF + "TestResult"))
    return {r.get("idref"): r.find(XCCDF + "result").text for r in test_result.findall(XCCDF + "rule-result")}


def main():
    content = os.path.join(WORK, "ssg-debian11-no-platform-ds.xml")
    text = open(SOURCE).read()
    text = re.sub(r'<xccdf-1.2:platform idref="cpe:/o:debian:debian_linux:11"/>', "", text, count=1)
    if text.count('max_depth="-1"') < 30:
        print(f"FAIL: the endless walks of {SOURCE} were not found")
        return 1
    open(content, "w").write(text.replace('max_depth="-1"', 'max_depth="3"'))
    failures = 0
    for profile in PROFILES:
        arf = os.path.join(WORK, "oscap-arf.xml")
        # SCAPC_ORACLE_CACHE (set by scripts/test.sh) keeps oscap's ARF for the sanitizer run of the
        # same CI job: oscap does not change between the two runs, only scapc's build does.
        cached = os.path.join(CACHE, f"ssg-eval-{profile.rsplit('_profile_', 1)[-1]}-arf.xml") if CACHE else ""
        if cached and os.path.exists(cached):
            shutil.copyfile(cached, arf)
            print(f"{profile}: oscap's ARF reused from {CACHE}")
        else:
            done = subprocess.run(["oscap", "xccdf", "eval", "--profile", profile, "--results-arf", arf, content],
                                  capture_output=True, text=True)
            if done.returncode not in (0, 2):
                print(f"FAIL: oscap xccdf eval exit {done.returncode}: {done.stderr[-500:]}")
                return 1
            if cached:
                shutil.copyfile(arf, cached)
        syschar = os.path.join(WORK, "syschar.xml")
        components = merged_syschar(arf, syschar)
        ours = os.path.join(WORK, "scapc-results.xml")
        our_arf = os.path.join(WORK, "scapc-arf.xml")
        done = subprocess.run([SCAPC, "check", content, "--profile", profile, "--data", syschar, "--results", ours,
                               "--results-arf", our_arf, "-q"], capture_output=True, text=True)
        if done.returncode not in (0, 2):
            print(f"FAIL: scapc check exit {done.returncode}: {done.stderr[-2000:]}")
            return 1
        for validate in (["oscap", "xccdf", "validate", ours], ["oscap", "ds", "rds-validate", our_arf]):
            checked = subprocess.run(validate, capture_output=True, text=True)
            if checked.returncode != 0:
                failures += 1
                print(f"FAIL: {' '.join(validate)}: exit {checked.returncode}: {checked.stdout[-1000:]}")
        expected = results(arf)
        got = results(ours)
        counted = {}
        for rule, result in expected.items():
            counted[result] = counted.get(result, 0) + 1
            if got.get(rule) != result:
                failures += 1
                print(f"FAIL: {profile} {rule}: oscap {result}, scapc {got.get(rule)}")
        if set(got) != set(expected):
            failures += 1
            print(f"FAIL: {profile}: rule sets differ ({len(got)} scapc, {len(expected)} oscap)")
        selected = {k: v for k, v in counted.items() if k != "notselected"}
        print(f"{profile}: {len(expected)} rules from {components} OVAL components, results {selected}")
    return 1 if failures else 0


sys.exit(main())
