"""Validates catalogs against controls/catalog.schema.json (Debian's python3-jsonschema)."""
import glob
import json
import os
import subprocess
import sys

import jsonschema

source = sys.argv[1]
shared = os.path.join(source, "..", "shared", "corpus", "controls")
schema = json.load(open(os.path.join(source, "controls", "catalog.schema.json"), encoding="utf-8"))
validator = jsonschema.Draft202012Validator(schema)
jsonschema.Draft202012Validator.check_schema(schema)

accepted = [os.path.join(shared, "controls.json")]
accepted += sorted(glob.glob(os.path.join(shared, "Controls", "*.json")))
accepted += sorted(glob.glob(os.path.join(source, "controls", "catalog", "*.json")))
rejected = sorted(glob.glob(os.path.join(source, "tests", "controls", "fixtures", "schema-rejects", "*.json")))

failures = []
for path in accepted:
    errors = list(validator.iter_errors(json.load(open(path, encoding="utf-8"))))
    if errors:
        failures.append(f"{path}: schema rejects a catalog the loader accepts: {errors[0].message}")

scapc = sys.argv[2]
for path in rejected:
    if validator.is_valid(json.load(open(path, encoding="utf-8"))):
        failures.append(f"{path}: schema accepts it")
    result = subprocess.run([scapc, "validate", path], capture_output=True, text=True)
    if result.returncode != 1 or ": error: " not in result.stderr:
        failures.append(f"{path}: scapc validate exit {result.returncode}: {result.stderr.strip()}")

bundle_schema = json.load(open(os.path.join(source, "docs", "collection-bundle.schema.json"), encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(bundle_schema)
bundles = sorted(glob.glob(os.path.join(source, "examples", "*-bundle.json")))
for path in bundles:
    errors = list(jsonschema.Draft202012Validator(bundle_schema).iter_errors(json.load(open(path, encoding="utf-8"))))
    if errors:
        failures.append(f"{path}: not a valid collection bundle: {errors[0].message}")
if not bundles:
    failures.append("no example collection bundle in examples/")

print(f"{len(accepted)} accepted catalogs, {len(rejected)} rejected fixtures, {len(bundles)} bundles checked")
for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
