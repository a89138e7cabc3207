#!/usr/bin/env python3
"""A site's declaration reaches the platform check wherever the CPE dictionary puts it.

One Mailbox control that DISA-style text makes not applicable in SIPR enclaves, compiled to an
XCCDF file, its OVAL and its CPE dictionary, is checked on a Mailbox server's bundle three ways:
as compiled, with the dictionary's checks moved to an OVAL file of their own (as SSG ships
ssg-*-cpe-oval.xml), and with the files named by different routes (a relative XCCDF path, an
absolute dictionary path). Each way, the rule passes by default and is notapplicable when a
tailoring file declares the enclave; a file reached by two routes is one OVAL component (one OVAL
results file), and the XCCDF results name no absolute path that was not given.

Usage: platform_files.py SCAPC SOURCE_DIR WORK_DIR
"""
import json
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from harness import fail, finish, run  # noqa: E402

SCAPC, SOURCE, WORK = (os.path.abspath(a) for a in sys.argv[1:4])
X = "{http://checklists.nist.gov/xccdf/1.2}"


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
catalog = os.path.join(WORK, "catalog.json")
json.dump([{
    "id": "EXC-T-1", "title": "Send connectors require TLS", "description": "Why.", "category": "Transport Security",
    "severity": "High", "severityWeight": 8, "frameworks": ["DISA"], "roles": ["Mailbox"],
    "notApplicableWhen": ["siprEnclave"],
    "check": {"cmdlet": "Get-SendConnector", "condition": {"property": "RequireTLS", "op": "equals", "value": True}},
}], open(catalog, "w"))
compiled = os.path.join(WORK, "compiled")
os.makedirs(compiled)
run(SCAPC, "compile", catalog, "-o", os.path.join(compiled, "ds.xml"), "--id-namespace", "org.example",
    "--xccdf", os.path.join(compiled, "t-xccdf.xml"), "--oval", os.path.join(compiled, "t-oval.xml"),
    "--cpe", os.path.join(compiled, "t-cpe-dictionary.xml"), "--timestamp", "2026-12-01T00:00:00")

# The dictionary's checks in an OVAL file of their own.
split = os.path.join(WORK, "split")
shutil.copytree(compiled, split)
shutil.copy(os.path.join(split, "t-oval.xml"), os.path.join(split, "t-cpe-oval.xml"))
dictionary = open(os.path.join(split, "t-cpe-dictionary.xml")).read()
if 'href="t-oval.xml"' not in dictionary:
    fail("the compiled dictionary does not check its names in t-oval.xml")
open(os.path.join(split, "t-cpe-dictionary.xml"), "w").write(dictionary.replace('href="t-oval.xml"',
                                                                                 'href="t-cpe-oval.xml"'))

tailoring = os.path.join(WORK, "sipr.xml")
open(tailoring, "w").write("""<?xml version="1.0" encoding="UTF-8"?>
<Tailoring xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_org.example_tailoring_sipr">
  <benchmark href="t-xccdf.xml"/>
  <version time="2026-12-01T00:00:00">1</version>
  <Profile id="xccdf_org.example_profile_sipr">
    <title>A SIPR enclave</title>
    <set-value idref="xccdf_org.example_value_site_sipr_enclave">true</set-value>
  </Profile>
</Tailoring>
""")
bundle = os.path.join(SOURCE, "examples", "mailbox01-bundle.json")


def verdict(content, *extra, cwd=None, name="r"):
    results = os.path.join(WORK, f"{name}.xml")
    run(SCAPC, "check", content, "--data", bundle, "--results", results, "-q", *extra, ok=(0, 2), cwd=cwd)
    if not os.path.exists(results):
        return None, ""
    text = open(results).read()
    words = [r.findtext(X + "result") for r in ET.parse(results).getroot().iter(X + "rule-result")]
    return words, text


ways = {
    "compiled": (os.path.join(compiled, "t-xccdf.xml"), [], None),
    "split": (os.path.join(split, "t-xccdf.xml"), [], None),
    "two routes": ("./compiled/../compiled/t-xccdf.xml", ["--cpe", os.path.join(compiled, "t-cpe-dictionary.xml")],
                   WORK),
}
for way, (content, extra, cwd) in ways.items():
    default, _ = verdict(content, *extra, cwd=cwd, name=f"{way}-default")
    if default != ["pass"]:
        fail(f"{way}: by default the rule should pass, got {default}")
    declared, _ = verdict(content, "--tailoring", tailoring, "--profile", "xccdf_org.example_profile_sipr", *extra,
                          cwd=cwd, name=f"{way}-sipr")
    if declared != ["notapplicable"]:
        fail(f"{way}: in a declared SIPR enclave the rule should be notapplicable, got {declared}")

# Two routes to one file: one OVAL component, one OVAL results file, and no absolute path in the results.
oval_out = os.path.join(WORK, "oval-results", "oval.xml")
os.makedirs(os.path.dirname(oval_out))
_, text = verdict("./compiled/t-xccdf.xml", "--cpe", os.path.join(compiled, "t-cpe-dictionary.xml"),
                  "--oval-results", oval_out, cwd=WORK, name="routes")
written = sorted(os.listdir(os.path.dirname(oval_out)))
if written != ["oval.xml"]:
    fail(f"two routes to t-oval.xml should give one OVAL results file, got {written}")
_, text = verdict("./compiled/t-xccdf.xml", "--cpe", os.path.join(compiled, "t-cpe-dictionary.xml"), cwd=WORK,
                  name="routes-no-oval")
check_hrefs = re.findall(r'<(?:\w+:)?check-content-ref\b[^>]*\bhref="([^"]*)"', text)
if not check_hrefs or any(os.path.isabs(href) for href in check_hrefs):
    fail(f"the rule's check-content-ref should name no absolute path the command line did not give, got {check_hrefs}")
if 'href="t-oval.xml"' not in text:
    fail("without OVAL results, the rule's check-content-ref keeps the benchmark's href")

finish("platform files: 3 ways x 2 declarations, one component over two routes")
