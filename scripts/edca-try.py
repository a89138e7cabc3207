#!/usr/bin/env python3
"""Tries the project's checks for EDCA controls (controls/edca/*.json) without rebuilding scapc:
builds a catalog of EDCA's controls with those checks written in, compiles it, writes its collector,
and, with --data, checks it against collected data.

Usage: scripts/edca-try.py [--scapc PATH] [--data BUNDLE_OR_CLIXML_FOLDER] [--work DIR] [ID ...]
With ids, only those controls are compiled. Prints each tried control's verdict when --data is given.
"""
import argparse
import glob
import json
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--scapc", default=os.path.join(root, "build", "cli", "scapc"))
parser.add_argument("--data", action="append", default=[])
parser.add_argument("--work", default="/tmp/edca-try")
parser.add_argument("--catalog", default=os.path.join(root, "..", "shared", "corpus", "controls", "controls.json"))
parser.add_argument("ids", nargs="*")
args = parser.parse_args()
os.makedirs(args.work, exist_ok=True)

with open(args.catalog, encoding="utf-8") as f:
    catalog = json.load(f)
controls = catalog if isinstance(catalog, list) else catalog["controls"]
known = {}
for path in sorted(glob.glob(os.path.join(root, "controls", "edca", "*.json"))):
    with open(path, encoding="utf-8") as f:
        known[os.path.basename(path)[:-5]] = json.load(f)

tried = []
for control in controls:
    if args.ids and control["id"] not in args.ids:
        continue
    entry = known.get(control["id"])
    if entry and "check" in entry and control.get("verify", True):
        control["check"] = entry["check"]
    tried.append(control)
catalog_path = os.path.join(args.work, "catalog.json")
with open(catalog_path, "w", encoding="utf-8") as f:
    json.dump(tried, f, indent=1)

content = os.path.join(args.work, "ds.xml")
steps = [["compile", catalog_path, "-o", content, "--oval", os.path.join(args.work, "oval.xml")],
         ["collector", content, "-o", os.path.join(args.work, "collect.ps1")]]
for step in steps:
    run = subprocess.run([args.scapc, *step], capture_output=True, text=True)
    print(f"scapc {step[0]}: exit {run.returncode}")
    if run.stdout.strip():
        print(run.stdout.strip())
    if run.stderr.strip():
        print(run.stderr.strip())
    if run.returncode != 0 and step[0] == "compile":
        sys.exit(1)
for data in args.data:
    summary = os.path.join(args.work, "summary.json")
    run = subprocess.run([args.scapc, "check", content, "--data", data, "--json", summary], capture_output=True,
                         text=True)
    print(f"scapc check --data {data}: exit {run.returncode}")
    if run.stderr.strip():
        print(run.stderr.strip()[-3000:])
    if os.path.exists(summary):
        with open(summary, encoding="utf-8") as f:
            for host in json.load(f)["hosts"]:
                for rule in host["rules"]:
                    print(f"  {host['host']['hostName']}: {rule['id'].split('_rule_')[-1]}: {rule['result']}")
