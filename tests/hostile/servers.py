#!/usr/bin/env python3
"""Values chosen by a compromised server (issue 23): each run must give a correct result, not an
error. Host names and values with control characters, terminal escapes and forged lines, hosts
named alike, a 250-character name, links and FIFOs among the CliXml files, a run interrupted by a
signal, a failed commit over good files, and a benchmark titled like the JSON writer's marker.

Usage: servers.py SCAPC SOURCE_DIR
"""
import copy
import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
import xml.dom.minidom
import xml.etree.ElementTree as ET

SCAPC, SOURCE = sys.argv[1:3]
MAILBOX = os.path.join(SOURCE, "examples", "mailbox01-bundle.json")
FAILURES = []


def expect(condition, what):
    if not condition:
        FAILURES.append(what)
        print("FAIL " + what)


def scapc(*args, timeout=120):
    return subprocess.run([SCAPC, *args], capture_output=True, timeout=timeout)


def bundle(folder, name, host_name, change=None):
    document = json.load(open(MAILBOX))
    document["host"]["hostName"] = host_name
    document["host"].pop("fqdn", None)
    if change:
        change(document)
    path = os.path.join(folder, name)
    json.dump(document, open(path, "w"))
    return path


def well_formed(path):
    try:
        xml.dom.minidom.parse(path)
        return True
    except Exception as error:  # noqa: BLE001 - any parse failure is the finding
        print(f"  {path}: {error}")
        return False


def control_characters(work, ds):
    def poison(document):
        document["cmdlets"][0]["objects"][0]["Identity"] = "MAILBOX01\uffff\u0000"

    data = bundle(work, "ctl.json", "mailbox01\u0001x\u0000", poison)
    out = os.path.join(work, "ctl")
    os.makedirs(out)
    done = scapc("check", ds, "--data", data, "--results", f"{out}/x.xml", "--results-arf", f"{out}/arf.xml",
                 "--oval-results", f"{out}/o.xml", "--ckl", f"{out}/c.ckl", "--cklb", f"{out}/c.cklb",
                 "--json", f"{out}/s.json", "--report", f"{out}/r.html")
    stderr = done.stderr.decode()
    expect(done.returncode in (0, 2), f"control characters: exit {done.returncode}: {stderr[:200]}")
    expect(stderr.count("\n") == 1 and stderr.startswith(data + ": warning: characters that XML cannot carry")
           and "/host/hostName" in stderr and "/cmdlets/0/objects/0/Identity" in stderr,
           f"control characters: one warning naming the file and both values: {stderr[:300]!r}")
    for name in ("x.xml", "arf.xml", "o.xml", "c.ckl"):
        path = os.path.join(out, name)
        expect(os.path.exists(path) and well_formed(path), f"control characters: {name} written and well-formed")
    for name in ("x.xml", "arf.xml", "o.xml"):
        checked = scapc("validate", os.path.join(out, name))
        expect(checked.returncode == 0, f"control characters: scapc validate {name}: {checked.stderr.decode()[:200]}")
    summary = json.load(open(os.path.join(out, "s.json")))
    expect(summary["hosts"][0]["host"]["hostName"] == "mailbox01\ufffdx\ufffd", "control characters: U+FFFD in the JSON summary")
    json.load(open(os.path.join(out, "c.cklb")))


def escapes(work, ds):
    data = bundle(work, "esc.json", "evil\x1b]0;pwned\x07\nfake\tpass\tRULE")
    done = scapc("check", ds, "--data", data)
    stdout = done.stdout.decode()
    expect(b"\x1b" not in done.stdout + done.stderr and b"\x07" not in done.stdout + done.stderr,
           "escapes: no ESC or BEL byte reaches stdout or stderr")
    lines = stdout.splitlines()
    expect(all(not line.startswith("fake") for line in lines), "escapes: no forged line")
    expect(all(line.count("\t") == (1 if "\tsummary" in line else 2) for line in lines),
           "escapes: every line has its own fields and no more")


def alike_names(work, ds):
    paths = [bundle(work, f"alike-{i}.json", name) for i, name in enumerate(["a", "a", "a-2"])]
    out = os.path.join(work, "alike")
    os.makedirs(out)
    args = ["check", ds, "--results", f"{out}/x.xml", "--ckl", f"{out}/c.ckl", "--oval-results", f"{out}/o.xml"]
    for path in paths:
        args += ["--data", path]
    done = scapc(*args)
    expect(done.returncode in (0, 2), f"alike names: exit {done.returncode}: {done.stderr.decode()[:300]}")
    checklists = sorted(name for name in os.listdir(out) if name.endswith(".ckl"))
    expect(len(checklists) == 3, f"alike names: three checklists, got {checklists}")
    ovals = [name for name in os.listdir(out) if name.startswith("o.")]
    expect(len(ovals) == 3, f"alike names: three OVAL results files, got {ovals}")
    checked = scapc("validate", f"{out}/x.xml")
    expect(checked.returncode == 0, f"alike names: results validate: {checked.stderr.decode()[:300]}")


def long_name(work, ds):
    paths = [bundle(work, "long.json", "h" * 250), bundle(work, "short.json", "short")]
    out = os.path.join(work, "long")
    os.makedirs(out)
    done = scapc("check", ds, "--data", paths[0], "--data", paths[1], "--ckl", f"{out}/c.ckl",
                 "--oval-results", f"{out}/o.xml", "-q")
    expect(done.returncode in (0, 2), f"long name: exit {done.returncode}: {done.stderr.decode()[:300]}")
    expect(len(os.listdir(out)) == 4 and all(len(name) < 100 for name in os.listdir(out)),
           f"long name: four files with short names: {[n[:40] for n in os.listdir(out)]}")


def links_and_fifos(work, ds):
    folder = os.path.join(work, "E19")
    subprocess.run(["cp", "-r", os.path.join(SOURCE, "..", "shared", "corpus", "cmdlet-output", "E19"), folder],
                   check=True)
    os.remove(os.path.join(folder, "GetSendConnector.xml"))
    os.remove(os.path.join(folder, "GetReceiveConnector.xml"))
    os.mkfifo(os.path.join(folder, "Get-SendConnector.xml"))
    os.symlink("/dev/zero", os.path.join(folder, "GetReceiveConnector.xml"))
    os.symlink("/etc/passwd", os.path.join(folder, "Get-Mailbox.xml"))
    started = time.monotonic()
    done = scapc("check", ds, "--data", folder, "-q", timeout=60)
    stderr = done.stderr.decode()
    expect(time.monotonic() - started < 30 and done.returncode in (0, 2), f"links: exit {done.returncode}")
    for name in ("Get-SendConnector.xml", "GetReceiveConnector.xml", "Get-Mailbox.xml"):
        expect(f"{folder}/{name} is skipped: not a regular file" in stderr, f"links: {name} named as skipped")


def many_hosts(work, count):
    folder = os.path.join(work, "fleet")
    os.makedirs(folder)
    document = json.load(open(MAILBOX))
    with open(os.path.join(folder, "hosts.txt"), "w") as listing:
        for i in range(count):
            copy_ = copy.deepcopy(document)
            copy_["host"]["hostName"] = f"mb{i:04}"
            copy_["host"].pop("fqdn", None)
            path = os.path.join(folder, f"h{i:04}.json")
            json.dump(copy_, open(path, "w"))
            listing.write(path + "\n")
    return os.path.join(folder, "hosts.txt")


def interrupted(work, ds):
    hosts = many_hosts(work, 400)
    out = os.path.join(work, "interrupted")
    os.makedirs(out)
    # Left by a run that was killed outright: a pid no process has.
    leftover = os.path.join(out, ".arf.xml.scapc-99999999.AbCdEf")
    open(leftover, "w").write("half an ARF")
    run = subprocess.Popen([SCAPC, "check", ds, "--data-list", hosts, "--results-arf", f"{out}/arf.xml", "-q"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not any(".scapc-" in n and "99999999" not in n for n in os.listdir(out)):
        time.sleep(0.02)
    run.send_signal(signal.SIGTERM)
    status = run.wait(timeout=30)
    left = os.listdir(out)
    expect(status == 128 + signal.SIGTERM, f"interrupted: exit {status}, expected {128 + signal.SIGTERM}")
    expect(left == [], f"interrupted: nothing left in the output folder: {left}")


def failed_commit(work, ds):
    out = os.path.join(work, "commit")
    os.makedirs(os.path.join(out, "isdir"))
    open(os.path.join(out, "good.xml"), "w").write("good\n")
    done = scapc("check", ds, "--data", MAILBOX, "--results", f"{out}/good.xml", "--json", f"{out}/isdir", "-q")
    expect(done.returncode == 1 and done.stderr.decode() == f"{out}/isdir: cannot replace: it is a folder\n",
           f"failed commit: {done.returncode} {done.stderr.decode()[:200]!r}")
    expect(open(os.path.join(out, "good.xml")).read() == "good\n", "failed commit: good.xml kept")
    expect(sorted(os.listdir(out)) == ["good.xml", "isdir"], f"failed commit: left {os.listdir(out)}")


def marker_title(work, ds):
    text = open(ds, encoding="utf-8").read()
    # The Benchmark's own title: the first after its start tag.
    start = text.index("<title>", text.index("<Benchmark ")) + len("<title>")
    end = text.index("</title>", start)
    titled = os.path.join(work, "titled-ds.xml")
    open(titled, "w", encoding="utf-8").write(text[:start] + "scapc-split" + text[end:])
    done = scapc("check", titled, "--data", MAILBOX, "--json", f"{work}/titled.json", "-q")
    expect(done.returncode in (0, 2), f"marker title: exit {done.returncode}: {done.stderr.decode()[:200]}")
    summary = json.load(open(f"{work}/titled.json"))
    expect(len(summary["hosts"]) == 1 and summary["benchmark"]["title"] == "scapc-split",
           "marker title: the JSON summary is whole")


def large_values(work, ds):
    """300 receive connectors, one with a 2 MB banner: the evidence in each rule names the first 25
    and the count, and quotes 256 bytes of a long value; the whole value is in the OVAL results."""
    def grow(document):
        for cmdlet in document["cmdlets"]:
            if cmdlet["cmdlet"] == "Get-ReceiveConnector":
                first = cmdlet["objects"][0]
                cmdlet["objects"] = [dict(first, Name=f"RC{i}", Identity=f"MAILBOX01\\RC{i}") for i in range(300)]
                cmdlet["objects"][0]["Name"] = "n" * 2000000

    data = bundle(work, "large.json", "mailbox01", grow)
    out = os.path.join(work, "large")
    os.makedirs(out)
    done = scapc("check", ds, "--data", data, "--results", f"{out}/x.xml", "--json", f"{out}/s.json",
                 "--ckl", f"{out}/c.ckl", "--oval-results", f"{out}/o.xml", "-q")
    expect(done.returncode in (0, 2), f"large values: exit {done.returncode}: {done.stderr.decode()[:200]}")
    for name in ("x.xml", "s.json", "c.ckl"):
        size = os.path.getsize(os.path.join(out, name))
        expect(size < 1000000, f"large values: {name} is {size} bytes, the long value repeated")
    summary = open(os.path.join(out, "s.json"), encoding="utf-8").read()
    expect("300 objects: [true] name=" + "n" * 256 + "\u2026 (2000000 bytes), " in summary,
           "large values: a long value is cut to 256 bytes and its length")
    expect("name=RC24, identity=MAILBOX01\\\\RC24, maxmessagesize=10485760; \u2026 275 more" in summary,
           "large values: 25 objects shown and the count of the rest")
    oval = open(os.path.join(out, "o.xml"), encoding="utf-8").read()
    expect("n" * 2000000 in oval, "large values: the whole value is in the OVAL results")


def many_messages(work, ds):
    """300 connectors whose size cannot be read as a number: a message each, of which a rule's
    evidence keeps the first 25 and counts the rest; the same message for every connector is kept
    once, with its count."""
    def unreadable(value):
        def change(document):
            for cmdlet in document["cmdlets"]:
                if cmdlet["cmdlet"] == "Get-ReceiveConnector":
                    first = cmdlet["objects"][0]
                    cmdlet["objects"] = [dict(first, Name=f"RC{i}", Identity=f"MAILBOX01\\RC{i}",
                                              MaxMessageSize=value(i)) for i in range(300)]
        return change

    def evidence(name, value):
        data = bundle(work, name + ".json", "mailbox01", unreadable(value))
        done = scapc("check", ds, "--data", data, "--json", f"{work}/{name}-summary.json", "-q")
        expect(done.returncode in (0, 2), f"many messages: exit {done.returncode}")
        rules = json.load(open(f"{work}/{name}-summary.json"))["hosts"][0]["rules"]
        return [rule["evidence"] for rule in rules
                if any(line.startswith("oval:") and "maxmessagesize" in line for line in rule["evidence"])]

    capped = evidence("messages", lambda i: f"lots{i}")
    expect(len(capped) > 0 and all(e[-1] == "\u2026 275 more messages about these tests" and
                                   sum(1 for line in e if line.startswith("oval:")) == 25 for e in capped),
           "many messages: 25 messages kept and the rest counted")
    folded = evidence("repeated", lambda i: "lots")
    expect(len(folded) > 0 and all(
        [line for line in e if line.startswith("oval:")] ==
        [line for line in e if line.startswith("oval:") and line.endswith("'lots' or '10485760' (300 times)")]
        and sum(1 for line in e if line.startswith("oval:")) == 1 for e in folded),
        f"many messages: the same message kept once with its count: {folded[:1]}")


def malformed_values(work, ds):
    """A CliXml value not of its type is named on stderr with its file and line, not only in the ARF."""
    folder = os.path.join(work, "E19-malformed")
    subprocess.run(["cp", "-r", os.path.join(SOURCE, "..", "shared", "corpus", "cmdlet-output", "E19"), folder],
                   check=True)
    path = os.path.join(folder, "GetSendConnector.xml")
    text = open(path, encoding="utf-8").read()
    line = text[:text.index('<B N="DNSRoutingEnabled">')].count("\n") + 1
    open(path, "w", encoding="utf-8").write(
        text.replace('<B N="DNSRoutingEnabled">false</B>', '<B N="DNSRoutingEnabled">maybe</B>', 1))
    done = scapc("check", ds, "--data", folder, "-q")
    expect(f"{folder}: warning: {path}:{line}: <B> 'maybe' is not a value of its type" in done.stderr.decode(),
           f"malformed values: a warning with file and line: {done.stderr.decode()[:400]}")


def failed_collection(work, ds):
    """A cmdlet that failed on the server keeps the collector's reason in the rule's evidence: JSON,
    CKL finding details and the HTML report."""
    reason = "The term 'Get-SendConnector' is not recognized as the name of a cmdlet <&>"

    def failed(document):
        for cmdlet in document["cmdlets"]:
            if cmdlet["cmdlet"] == "Get-SendConnector":
                cmdlet.pop("objects", None)
                cmdlet["status"] = "error"
                cmdlet["error"] = reason

    data = bundle(work, "failed.json", "mailbox01", failed)
    done = scapc("check", ds, "--data", data, "--json", f"{work}/failed.json.out", "--ckl", f"{work}/failed.ckl",
                 "--report", f"{work}/failed.html", "-q")
    expect(done.returncode in (0, 2), f"failed collection: exit {done.returncode} {done.stderr.decode()[:300]}")
    rules = json.load(open(f"{work}/failed.json.out"))["hosts"][0]["rules"]
    line = "collecting the data failed: " + reason
    with_reason = [rule for rule in rules if any(e.endswith(line) for e in rule["evidence"])]
    # Rules over Get-SendConnector are error; rules whose platform check reads it are unknown.
    expect(len(with_reason) > 0 and all(rule["result"] in ("error", "unknown") for rule in with_reason),
           f"failed collection: the reason in the JSON evidence of error rules: {[r['evidence'] for r in rules][:2]}")
    ckl = ET.parse(f"{work}/failed.ckl").getroot()
    details = [vuln.findtext("FINDING_DETAILS") or "" for vuln in ckl.iter("VULN")]
    expect(any(line in text for text in details), "failed collection: the reason in CKL FINDING_DETAILS")
    html = open(f"{work}/failed.html", encoding="utf-8").read()
    expect("collecting get-sendconnector failed: The term &#39;Get-SendConnector&#39; is not recognized as the name "
           "of a cmdlet &lt;&amp;&gt;" in html, "failed collection: the reason in the HTML report's warnings")
    bad = bundle(work, "failed-bad.json", "mailbox01",
                 lambda document: [c.update(status="error", error=7) for c in document["cmdlets"][:1]])
    done = scapc("check", ds, "--data", bad, "-q")
    expect(done.returncode == 1 and done.stderr.decode().strip().endswith("/cmdlets/0/error: not a string"),
           f"failed collection: an error that is no string is located: {done.stderr.decode()[:300]}")


def main():
    with tempfile.TemporaryDirectory(prefix="scapc-servers-") as work:
        ds = os.path.join(work, "ds.xml")
        subprocess.run([SCAPC, "compile", os.path.join(SOURCE, "controls", "catalog"), "-o", ds], check=True,
                       capture_output=True)
        for case in (control_characters, escapes, alike_names, long_name, links_and_fifos, interrupted,
                     failed_commit, marker_title, large_values, many_messages, malformed_values, failed_collection):
            before = len(FAILURES)
            case(work, ds)
            print(("PASS " if len(FAILURES) == before else "FAIL ") + case.__name__)
    print(f"{len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
