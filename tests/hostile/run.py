#!/usr/bin/env python3
"""Hostile inputs (cases.json), each fed to the scapc command that reads it: the run must end with
the expected exit status and one line on stderr that names the file and the place and says why;
it must write nothing, leave no temporary file behind, and leave an existing output untouched.

Usage: run.py SCAPC SOURCE_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SCAPC, SOURCE = sys.argv[1:3]
HERE = os.path.join(SOURCE, "tests", "hostile")
LIMIT_SECONDS = 30  # generous for the sanitizer build; a hang is what this catches
PRECIOUS = "a good file from an earlier run\n"


def generate(name, folder):
    """Inputs too big or too odd to commit, made at test time."""
    path = os.path.join(folder, name)
    if name == "deep-100000.xml":
        open(path, "w").write("<a>" * 100000 + "</a>" * 100000)
    elif name == "deep-clixml":
        os.makedirs(path)
        open(os.path.join(path, "Get-SendConnector.xml"), "w").write(
            "<Objs>" + "<Obj><LST>" * 100000 + "</LST></Obj>" * 100000 + "</Objs>")
    elif name == "deep-100000.json":
        open(path, "w").write('{"scapcBundle": 1, "host": {"hostName": "h"}, "cmdlets": ' + "[" * 100000 + "]" * 100000 + "}")
    elif name == "long-host-name.json":
        # The drifted server, so that the run has findings to write (exit 2).
        bundle = json.load(open(os.path.join(SOURCE, "examples", "mailbox02-bundle.json")))
        bundle["host"]["hostName"] = "a" * 2000000
        json.dump(bundle, open(path, "w"))
    elif name == "long-line.txt":
        open(path, "w").write("Check Content\nVulnerability ID: V-1\n" + "x" * 1000000 + "\n")
    elif name == "ref-blowup":
        # Each object holds two references to the one before: 2^40 values if followed naively.
        os.makedirs(path)
        objects = ['<Obj RefId="0"><LST><S>x</S></LST></Obj>']
        for level in range(1, 41):
            objects.append(f'<Obj RefId="{level}"><LST><Ref RefId="{level - 1}"/><Ref RefId="{level - 1}"/></LST></Obj>')
        open(os.path.join(path, "Get-SendConnector.xml"), "w").write("<Objs>\n" + "\n".join(objects) + "\n</Objs>")
    elif name == "ref-bytes":
        # One 1 MB string referenced 2,000 times: 2 GB of values if each reference were copied.
        os.makedirs(path)
        objects = ['<Obj RefId="0"><LST><S>' + "x" * 1000000 + "</S></LST></Obj>"]
        objects += [f'<Obj RefId="{i}"><MS><Ref N="A" RefId="0"/></MS></Obj>' for i in range(1, 2001)]
        open(os.path.join(path, "Get-SendConnector.xml"), "w").write(
            '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">\n'
            + "\n".join(objects) + "\n</Objs>")
    elif name == "unknown-rule-results.xml":
        # Results from elsewhere: a rule-result for a rule the benchmark they carry does not have.
        subprocess.run([SCAPC, "check", os.path.join(folder, "..", "exchange-ds.xml"), "--data",
                        os.path.join(SOURCE, "examples", "mailbox01-bundle.json"), "--results", path, "-q"],
                       capture_output=True)
        text = open(path).read()
        at = text.index('<rule-result idref="') + len('<rule-result idref="')
        open(path, "w").write(text[:at] + "xccdf_org.scapc_rule_NOPE" + text[text.index('"', at):])
    elif name == "mailbox01-bundle.json":
        shutil.copy(os.path.join(SOURCE, "examples", "mailbox01-bundle.json"), path)
    elif name == "folder":
        os.makedirs(path)
    elif name == "missing.xml":
        pass
    else:
        raise ValueError(f"no generator for {name}")
    return path


def substitute(text, values):
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def pattern(text, values):
    return substitute(text, {key: re.escape(value) for key, value in values.items()})


def run_case(case, values, work):
    """Returns a list of failures (empty when the case holds)."""
    out = os.path.join(work, "out")
    os.makedirs(out)
    values = dict(values, out=out)
    args = [substitute(a, values) for a in case["args"]]
    outputs = [os.path.join(out, name) for name in case["outputs"]]
    failures = []

    def once():
        started = time.monotonic()
        try:
            done = subprocess.run([SCAPC] + args, capture_output=True, timeout=LIMIT_SECONDS * 2)
        except subprocess.TimeoutExpired:
            return None, time.monotonic() - started
        return done, time.monotonic() - started

    done, seconds = once()
    if done is None or seconds > LIMIT_SECONDS:
        return [f"took {seconds:.1f} s (limit {LIMIT_SECONDS} s)"]
    stderr = done.stderr.decode("utf-8", "replace")
    lines = [line for line in stderr.split("\n") if line.strip()]
    if done.returncode != case["exit"]:
        failures.append(f"exit {done.returncode}, expected {case['exit']} (stderr: {stderr[:300]!r})")
    if case.get("message"):
        expected = re.compile(pattern(case["message"], values))
        if case.get("lines") == "many":
            prefix = values["in"] + ":"
            if not lines or not all(line.startswith(prefix) or line.startswith(values["in"] + ": ") for line in lines):
                failures.append(f"not every line names the input: {lines[:4]}")
            if not any(expected.search(line) for line in lines):
                failures.append(f"no line matches {expected.pattern!r}: {lines[:4]}")
        elif len(lines) != 1:
            failures.append(f"{len(lines)} lines on stderr, expected 1: {lines[:4]}")
        elif not expected.search(lines[0]):
            failures.append(f"stderr {lines[0][:300]!r} does not match {expected.pattern!r}")
    if case.get("stdout"):
        stdout = done.stdout.decode("utf-8", "replace")
        if not re.search(case["stdout"], stdout):
            failures.append(f"stdout does not match {case['stdout']!r}: {stdout[:300]!r}")

    if case.get("outputs_written"):
        missing = [p for p in outputs if not os.path.exists(p)]
        if missing:
            failures.append(f"outputs not written: {missing}")
        return failures

    left = sorted(os.listdir(out))
    if left:
        failures.append(f"files left in the output folder: {left}")
        return failures
    # Again, over good files from an earlier run: they must survive untouched.
    for path in outputs:
        open(path, "w").write(PRECIOUS)
    again, _ = once()
    if again is None or again.returncode != case["exit"]:
        failures.append("a second run over existing outputs ended differently")
    changed = [os.path.basename(p) for p in outputs if open(p).read() != PRECIOUS]
    if changed:
        failures.append(f"existing outputs overwritten: {changed}")
    extra = sorted(set(os.listdir(out)) - {os.path.basename(p) for p in outputs})
    if extra:
        failures.append(f"temporary files left beside existing outputs: {extra}")
    return failures


def main():
    cases = json.load(open(os.path.join(HERE, "cases.json")))
    root = tempfile.mkdtemp(prefix="scapc-hostile-")
    try:
        ds = os.path.join(root, "exchange-ds.xml")
        subprocess.run([SCAPC, "compile", os.path.join(SOURCE, "controls", "catalog"), "-o", ds,
                        "--timestamp", "2026-01-01T00:00:00"], check=True, capture_output=True)
        generated = os.path.join(root, "generated")
        os.makedirs(generated)
        failed = 0
        started = time.monotonic()
        for index, case in enumerate(cases):
            source = case["input"]
            if source.startswith("gen:"):
                path = generate(source[4:], generated)
            elif case.get("literal_input"):
                path = source
            else:
                path = os.path.join(HERE, source)
            values = {"in": path, "ds": ds, "src": SOURCE}
            work = os.path.join(root, f"case-{index}")
            os.makedirs(work)
            failures = run_case(case, values, work)
            print(("PASS " if not failures else "FAIL ") + case["name"] + ("" if not failures else ": " + "; ".join(failures)))
            failed += bool(failures)
        print(f"{len(cases) - failed}/{len(cases)} hostile inputs handled cleanly in {time.monotonic() - started:.1f} s")
        return 1 if failed else 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
