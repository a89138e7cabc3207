#!/usr/bin/env python3
"""Answers carried forward (check --answers) across real releases of DISA's Exchange 2016 Edge STIG
and from real checklists other tools wrote.

Release pairs (V2R2 -> V2R3, V2R3 -> V2R6): two Edge servers are checked against the older
release; a person answers the manual rules in each server's checklist (CKL for one, CKLB for the
other, different answers); the servers are checked against the newer release with those answers.
What should happen is worked out here from DISA's files alone, by comparing each rule's check text
between the releases:
- an answered manual rule whose check text is the same carries its status, finding details and
  comments, on its own host only;
- one whose check text changed stays Not_Reviewed, its comment quoting the answer and naming both
  releases;
- an automated verdict is the one a run without answers gives, and an answer that disagrees with it
  is in the evidence;
- STIG Manager's parser (a new collection's import options) reads the carried statuses, and the
  blocked rules as informational with the quote.
The same answers read back from XCCDF results and from an ARF report carry the same statuses.

Real checklists (STIG Viewer 2.17, Evaluate-STIG, STIG Manager; CKL and CKLB): a STIG is rebuilt
from each checklist's own rule text, compiled, and checked on a host of the checklist's name with
the checklist as answers; STIG Manager reads every answered rule back with the original's result,
finding details and comments.

Usage: answers.py SCAPC SOURCE_DIR WORK_DIR
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import harness  # noqa: E402
from harness import fail, failures  # noqa: E402
import node_packages  # noqa: E402

SCAPC, SOURCE, WORK = (os.path.abspath(arg) for arg in sys.argv[1:4])
CORPUS = os.path.join(SOURCE, "..", "shared", "corpus")
EDGE = "U_MS_Exchange_2016_Edge_Transport_Server_STIG_{}_Manual-xccdf.xml"
RELEASES = {"V2R2": os.path.join(CORPUS, "stig-more", EDGE.format("V2R2")),
            "V2R3": os.path.join(CORPUS, "stig-more", EDGE.format("V2R3")),
            "V2R6": os.path.join(CORPUS, "stig", EDGE.format("V2R6"))}
XCCDF11 = "{http://checklists.nist.gov/xccdf/1.1}"
STATUS_RESULT = {"NotAFinding": "pass", "Open": "fail", "Not_Applicable": "notapplicable"}
SM_RESULT = {"NotAFinding": "pass", "Open": "fail", "Not_Applicable": "notapplicable"}
CKLB_STATUS = {"NotAFinding": "not_a_finding", "Open": "open", "Not_Applicable": "not_applicable"}
STIG_MANAGER = {"@nuwcdivnpt/stig-manager-client-modules": "1.6.7"}


def run(*args, ok=(0,)):
    return harness.run_or_stop(*args, ok=ok, cwd=WORK)


def normalized(text):
    return " ".join((text or "").split())


def check_texts(path):
    """V-ID -> check text, from DISA's XCCDF file."""
    out = {}
    for group in ET.parse(path).getroot().iter(XCCDF11 + "Group"):
        content = group.find(f"{XCCDF11}Rule/{XCCDF11}check/{XCCDF11}check-content")
        out[group.get("id")] = normalized(content.text if content is not None else "")
    return out


def ckl_rules(path):
    """V-ID -> (status, finding details, comments) of a CKL."""
    out = {}
    for vuln in ET.parse(path).getroot().iter("VULN"):
        data = {d.findtext("VULN_ATTRIBUTE"): d.findtext("ATTRIBUTE_DATA") for d in vuln.findall("STIG_DATA")}
        out[data["Vuln_Num"]] = (vuln.findtext("STATUS"), vuln.findtext("FINDING_DETAILS") or "",
                                 vuln.findtext("COMMENTS") or "")
    return out


def summary_rules(path):
    """host -> V-ID -> rule entry of a JSON summary."""
    out = {}
    for host in json.load(open(path))["hosts"]:
        rules = {}
        for rule in host["rules"]:
            match = re.search(r"SV-(\d+)r", rule["id"])
            if match:
                rules["V-" + match.group(1)] = rule
        out[host["host"]["fqdn"] or host["host"]["hostName"]] = rules
    return out


def host_bundle(name, fqdn, source="edge01-bundle.json", version="15.1"):
    """An Edge server's bundle under another name, as Exchange 2016 (15.1) for the 2016 STIG."""
    text = open(os.path.join(SOURCE, "examples", source)).read()
    short = name.split(".")[0]
    text = text.replace("edge01.example.com", fqdn).replace("EDGE01", short.upper()).replace("edge01", short)
    text = text.replace("Version 15.2", "Version " + version).replace('"15.2.', f'"{version}.')
    path = os.path.join(WORK, short + "-bundle.json")
    open(path, "w").write(text)
    return path


def answer_ckl(source, target, host_tag):
    """A person's answers in a CKL: every Not_Reviewed rule answered, cycling through the statuses."""
    tree = ET.parse(source)
    answers = {}
    statuses = list(STATUS_RESULT)
    for index, vuln in enumerate(v for v in tree.getroot().iter("VULN") if v.findtext("STATUS") == "Not_Reviewed"):
        data = {d.findtext("VULN_ATTRIBUTE"): d.findtext("ATTRIBUTE_DATA") for d in vuln.findall("STIG_DATA")}
        vuln_id = data["Vuln_Num"]
        status = statuses[index % 3]
        vuln.find("STATUS").text = status
        vuln.find("FINDING_DETAILS").text = f"{host_tag}: interviewed the Exchange admin about {vuln_id}."
        vuln.find("COMMENTS").text = f"{host_tag}: reviewed by the ISSO, 2026-09-01."
        answers[vuln_id] = (status, vuln.find("FINDING_DETAILS").text, vuln.find("COMMENTS").text)
    tree.write(target, encoding="UTF-8", xml_declaration=True)
    return answers


def answer_cklb(source, target, host_tag):
    """The same in a CKLB, answering in reverse order so that the two hosts' answers differ."""
    document = json.load(open(source, encoding="utf-8-sig"))
    answers = {}
    statuses = list(reversed(list(STATUS_RESULT)))
    rules = [r for stig in document["stigs"] for r in stig["rules"] if r["status"] == "not_reviewed"]
    for index, rule in enumerate(rules):
        status = statuses[index % 3]
        rule["status"] = CKLB_STATUS[status]
        rule["finding_details"] = f"{host_tag}: checked on the console ({rule['group_id']})."
        rule["comments"] = f"{host_tag}: accepted by the ISSM."
        answers[rule["group_id"]] = (status, rule["finding_details"], rule["comments"])
    json.dump(document, open(target, "w"), indent=1)
    return answers


def stig_manager(module, kind, path):
    script = os.path.join(SOURCE, "tests", "output", "stig_manager_parse.mjs")
    parsed = json.loads(run("node", script, module, kind, path, "defaults").stdout)
    if parsed["errors"]:
        fail(f"{path}: STIG Manager reports {parsed['errors']}")
    reviews = {}
    for checklist in parsed["checklists"]:
        for review in checklist["reviews"]:
            reviews[review["ruleId"]] = review
    return parsed, reviews


def release_pair(old, new, module):
    """Answers given against release `old` checked against release `new`."""
    folder = os.path.join(WORK, f"{old}-{new}")
    os.makedirs(folder)
    content = {}
    for release in (old, new):
        content[release] = os.path.join(folder, release + ".xml")
        run(SCAPC, "compile", os.path.join(SOURCE, "controls", "catalog"), RELEASES[release], "-o", content[release])
    hosts = {"edge01.example.com": host_bundle("edge01.example.com", "edge01.example.com"),
             "edge02.example.com": host_bundle("edge02.example.com", "edge02.example.com")}
    data = [arg for path in hosts.values() for arg in ("--data", path)]
    before = os.path.join(folder, "before", "{host}")
    run(SCAPC, "check", content[old], "-q", "--ckl", before + ".ckl", "--cklb", before + ".cklb", *data, ok=(0, 2))

    # The person's answers: edge01 in STIG Viewer 2 (CKL), edge02 in STIG Viewer 3 (CKLB).
    answered = {"edge01.example.com": os.path.join(folder, "edge01-answered.ckl"),
                "edge02.example.com": os.path.join(folder, "edge02-answered.cklb")}
    given = {"edge01.example.com": answer_ckl(before.replace("{host}", "edge01.example.com") + ".ckl",
                                              answered["edge01.example.com"], "edge01"),
             "edge02.example.com": answer_cklb(before.replace("{host}", "edge02.example.com") + ".cklb",
                                               answered["edge02.example.com"], "edge02")}
    if given["edge01.example.com"] == given["edge02.example.com"] or not given["edge01.example.com"]:
        fail(f"{old}: the two hosts' answers should differ and not be empty")

    baseline = os.path.join(folder, "baseline.json")
    run(SCAPC, "check", content[new], "-q", "--json", baseline, *data, ok=(0, 2))
    after = os.path.join(folder, "after", "{host}")
    summary = os.path.join(folder, "after.json")
    arf = os.path.join(folder, "after-arf.xml")
    done = run(SCAPC, "check", content[new], "-q", "--answers", *answered.values(), "--ckl", after + ".ckl",
               "--results", after + "-xccdf.xml", "--results-arf", arf, "--json", summary, *data, ok=(0, 2))
    if done.stderr.strip():
        fail(f"{old} -> {new}: unexpected warnings: {done.stderr.strip()[:500]}")

    old_text, new_text = check_texts(RELEASES[old]), check_texts(RELEASES[new])
    base, now = summary_rules(baseline), summary_rules(summary)
    counts = {"carried": 0, "blocked": 0, "automated": 0, "disagreements": 0}
    for host, answers in given.items():
        rules = ckl_rules(after.replace("{host}", host) + ".ckl")
        parsed, reviews = stig_manager(module, "ckl", after.replace("{host}", host) + ".ckl")
        for vuln_id, (status, details, comments) in answers.items():
            if vuln_id not in new_text:
                continue
            before_rule, rule = base[host][vuln_id], now[host][vuln_id]
            ckl = rules[vuln_id]
            if before_rule["result"] != "notchecked":
                counts["automated"] += 1
                if rule["result"] != before_rule["result"]:
                    fail(f"{host} {vuln_id}: the answer changed an automated verdict "
                         f"{before_rule['result']} -> {rule['result']}")
                decided = before_rule["result"] in ("pass", "fail", "notapplicable")
                if decided and before_rule["result"] != STATUS_RESULT[status]:
                    counts["disagreements"] += 1
                    note = f"an earlier assessment ({answered[host]}, {old}) recorded {status}; the automated check"
                    if not any(line.startswith(note) for line in rule["evidence"]):
                        fail(f"{host} {vuln_id}: no disagreement in the evidence: {rule['evidence']}")
                continue
            review = next((r for key, r in reviews.items() if vuln_id_of_rule(key, new) == vuln_id), None)
            if old_text[vuln_id] == new_text[vuln_id]:
                counts["carried"] += 1
                expected_comment = f"{comments}\nCarried forward by scapc from {answered[host]} ({old}): {status}."
                if ckl != (status, details, expected_comment):
                    fail(f"{host} {vuln_id}: carried {ckl}, expected {(status, details, expected_comment)}")
                if rule["result"] != STATUS_RESULT[status] or not rule.get("answer", {}).get("carried"):
                    fail(f"{host} {vuln_id}: JSON result {rule['result']}, answer {rule.get('answer')}")
                if review is None or review["result"] != SM_RESULT[status] or review["detail"] != details:
                    fail(f"{host} {vuln_id}: STIG Manager reads {review}, expected {SM_RESULT[status]}")
            else:
                counts["blocked"] += 1
                if ckl[0] != "Not_Reviewed" or ckl[1]:
                    fail(f"{host} {vuln_id}: check text changed, yet {ckl[:2]}")
                quote = [f"Not carried forward: the check text changed between {old}", f"and {new}",
                         f"earlier answer: {status}", f'finding details: "{details}"', f'comments: "{comments}"']
                if not all(part in ckl[2] for part in quote):
                    fail(f"{host} {vuln_id}: comment {ckl[2]!r} lacks {quote}")
                if rule["result"] != "notchecked":
                    fail(f"{host} {vuln_id}: check text changed, result {rule['result']}")
                if review is None or review["result"] != "informational" or "Not carried forward" not in (
                        review["comment"] or ""):
                    fail(f"{host} {vuln_id}: STIG Manager reads {review}, expected informational with the quote")
        # Rules nobody answered are as a run without answers leaves them.
        for vuln_id, rule in now[host].items():
            if vuln_id not in answers and rule["result"] != base[host][vuln_id]["result"]:
                fail(f"{host} {vuln_id}: unanswered, yet {base[host][vuln_id]['result']} -> {rule['result']}")

    # The same answers read back from this run's XCCDF results and ARF carry the same statuses.
    for kind, files in (("xccdf", [after.replace("{host}", h) + "-xccdf.xml" for h in hosts]), ("arf", [arf])):
        again = os.path.join(folder, kind, "{host}")
        run(SCAPC, "check", content[new], "-q", "--answers", *files, "--ckl", again + ".ckl", *data, ok=(0, 2))
        for host in hosts:
            first = ckl_rules(after.replace("{host}", host) + ".ckl")
            second = ckl_rules(again.replace("{host}", host) + ".ckl")
            for vuln_id, (status, details, comments) in first.items():
                if "Carried forward by scapc" not in comments:
                    continue
                source = files[0] if kind == "arf" else after.replace("{host}", host) + "-xccdf.xml"
                expected = comments.replace(f"from {answered[host]} ({old}): {status}.",
                                            f"from {source} ({new}): {STATUS_RESULT[status]}.")
                if second[vuln_id] != (status, details, expected):
                    fail(f"{kind} {host} {vuln_id}: {second[vuln_id]} != {(status, details, expected)}")
    return counts, answered, content, hosts


RULE_VULNS = {}


def vuln_id_of_rule(rule_id, release):
    """V-ID of a DISA rule id in a release's XCCDF file."""
    if release not in RULE_VULNS:
        RULE_VULNS[release] = {}
        for group in ET.parse(RELEASES[release]).getroot().iter(XCCDF11 + "Group"):
            for rule in group.iter(XCCDF11 + "Rule"):
                RULE_VULNS[release][rule.get("id")] = group.get("id")
    return RULE_VULNS[release].get(rule_id)


def not_answers(old_content, new_content, answered, hosts):
    """What scapc decided itself, or a waiver set, is no person's answer: a run where every rule was
    not applicable by its platform (an Exchange 2019 server against the 2016 STIG), and rules a
    waiver passed, carry nothing."""
    folder = os.path.join(WORK, "not-answers")
    os.makedirs(folder)
    run(SCAPC, "check", old_content, "-q", "--data", os.path.join(SOURCE, "examples", "edge01-bundle.json"),
        "--results", folder + "/platform.xml", "--ckl", folder + "/platform.ckl", ok=(0, 2))
    waivers = os.path.join(folder, "waivers.json")
    json.dump({"waivers": [{"rule": vuln, "result": "pass", "justification": "test",
                            "approvedBy": "ISSM", "approved": "2026-01-01", "expires": "2026-06-30"}
                           for vuln in ("V-221203", "V-221205")]}, open(waivers, "w"))
    run(SCAPC, "check", old_content, "-q", "--data", hosts["edge01.example.com"], "--waivers", waivers,
        "--timestamp", "2026-03-01T00:00:00", "--results", folder + "/waived.xml", "--ckl", folder + "/waived.ckl",
        ok=(0, 2))
    for name in ("platform.xml", "platform.ckl", "waived.xml", "waived.ckl"):
        out = os.path.join(folder, name + ".json")
        run(SCAPC, "check", new_content, "-q", "--answers", os.path.join(folder, name), "--json", out,
            "--data", hosts["edge01.example.com"], "--timestamp", "2026-09-01T00:00:00", ok=(0, 2))
        host = json.load(open(out))["hosts"][0]
        carried = [r["id"] for r in host["rules"] if r.get("answer", {}).get("carried")]
        if carried:
            fail(f"{name}: decided by scapc or a waiver, yet carried as answers: {carried[:5]}")


def wrong_host(answered, content, hosts):
    """Answers naming a host not checked are not used, with a warning."""
    edge02 = hosts["edge02.example.com"]
    out = os.path.join(WORK, "wrong-host.json")
    done = run(SCAPC, "check", content, "-q", "--answers", answered["edge01.example.com"], "--json", out,
               "--data", edge02, ok=(0, 2))
    if "host edge01.example.com is none of the hosts checked" not in done.stderr:
        fail(f"no warning for answers of a host not checked: {done.stderr!r}")
    if json.load(open(out))["hosts"][0]["answersCarried"] != 0:
        fail("answers of edge01 were carried to edge02")


# Rebuilding a STIG from a checklist: DISA's XCCDF 1.1 layout (checklists.md), from the checklist's
# own rule text, so that a real checklist's answers have rules to land on.
def stig_xccdf(stig, rules, path):
    groups = []
    for rule in rules:
        description = f"&lt;VulnDiscussion&gt;{escape(escape(rule['discussion']))}&lt;/VulnDiscussion&gt;"
        ccis = "".join(f'<ident system="http://cyber.mil/cci">{escape(c)}</ident>' for c in rule["ccis"])
        groups.append(
            f'<Group id="{rule["vuln"]}"><title>{escape(rule["group_title"] or rule["vuln"])}</title>'
            f'<Rule id="{rule["rule_id"]}" weight="10.0" severity="{rule["severity"] or "medium"}">'
            f'<version>{escape(rule["version"])}</version><title>{escape(rule["title"])}</title>'
            f'<description>{description}</description>{ccis}'
            f'<fixtext fixref="F-{rule["vuln"]}_fix">{escape(rule["fix"])}</fixtext><fix id="F-{rule["vuln"]}_fix"/>'
            f'<check system="C-{rule["vuln"]}_chk"><check-content-ref href="{escape(stig["id"])}.xml" name="M"/>'
            f'<check-content>{escape(rule["check"])}</check-content></check></Rule></Group>')
    text = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.1" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/" id="{escape(stig["id"])}" xml:lang="en">'
            f'<status date="2024-01-01">accepted</status><title>{escape(stig["title"])}</title>'
            f'<description>{escape(stig["title"])}</description>'
            f'<plain-text id="release-info">{escape(stig["release_info"])}</plain-text>'
            f'<version>{escape(stig["version"])}</version>{"".join(groups)}</Benchmark>\n')
    open(path, "w", encoding="utf-8").write(text)


def checklist_stigs(path):
    """The checklist's host name and its STIGs with their rules and the answers in them."""
    if path.endswith(".cklb"):
        document = json.load(open(path, encoding="utf-8-sig"))
        host = document.get("target_data", {}).get("host_name") or ""
        stigs = []
        for stig in document["stigs"]:
            rules = [{"vuln": r["group_id"], "rule_id": r.get("rule_id_src") or r["rule_id"] + "_rule",
                      "version": r["rule_version"], "title": r["rule_title"], "group_title": r.get("group_title"),
                      "discussion": r.get("discussion") or "", "check": r.get("check_content") or "",
                      "fix": r.get("fix_text") or "", "severity": r.get("severity"), "ccis": r.get("ccis") or [],
                      "status": {v: k for k, v in CKLB_STATUS.items()}.get(r["status"], "Not_Reviewed"),
                      "details": r.get("finding_details") or "", "comments": r.get("comments") or ""}
                     for r in stig["rules"]]
            stigs.append(({"id": stig["stig_id"], "title": stig.get("stig_name") or stig["stig_id"],
                           "version": str(stig.get("version") or ""), "release_info": stig.get("release_info") or ""}, rules))
        return host, stigs
    root = ET.parse(path).getroot()
    host = root.findtext("ASSET/HOST_NAME") or ""
    stigs = []
    for istig in root.iter("iSTIG"):
        info = {d.findtext("SID_NAME"): d.findtext("SID_DATA") or "" for d in istig.iter("SI_DATA")}
        rules = []
        for vuln in istig.iter("VULN"):
            data = {}
            ccis = []
            for d in vuln.findall("STIG_DATA"):
                name, value = d.findtext("VULN_ATTRIBUTE"), d.findtext("ATTRIBUTE_DATA") or ""
                if name == "CCI_REF":
                    ccis.append(value)
                data.setdefault(name, value)
            rules.append({"vuln": data["Vuln_Num"], "rule_id": data["Rule_ID"], "version": data["Rule_Ver"],
                          "title": data["Rule_Title"], "group_title": data.get("Group_Title"),
                          "discussion": data.get("Vuln_Discuss", ""), "check": data.get("Check_Content", ""),
                          "fix": data.get("Fix_Text", ""), "severity": data.get("Severity"), "ccis": ccis,
                          "status": vuln.findtext("STATUS"), "details": vuln.findtext("FINDING_DETAILS") or "",
                          "comments": vuln.findtext("COMMENTS") or ""})
        stigs.append(({"id": info.get("stigid"), "title": info.get("title") or info.get("stigid"),
                       "version": info.get("version", ""), "release_info": info.get("releaseinfo", "")}, rules))
    return host, stigs


def real_checklists(module):
    folder = os.path.join(WORK, "real")
    os.makedirs(folder)
    checked = 0
    for name in sorted(os.listdir(os.path.join(CORPUS, "checklists"))):
        path = os.path.join(CORPUS, "checklists", name)
        host, stigs = checklist_stigs(path)
        base = os.path.join(folder, os.path.splitext(name)[0])
        sources = []
        for index, (stig, rules) in enumerate(stigs):
            sources.append(f"{base}-stig{index}.xml")
            stig_xccdf(stig, rules, sources[-1])
        content = base + "-content.xml"
        run(SCAPC, "compile", *sources, "-o", content)
        bundle = {"scapcBundle": 1, "host": {"hostName": host or "assessed-host"}, "cmdlets": []}
        json.dump(bundle, open(base + "-bundle.json", "w"))
        out = base + "-carried.ckl"
        summary = base + "-carried.json"
        run(SCAPC, "check", content, "-q", "--answers", path, "--ckl", out, "--json", summary, "--data",
            base + "-bundle.json", ok=(0, 2))
        automated = {v for v, r in summary_rules_any(summary).items() if r.get("check", {}).get("system", "").
                     endswith("oval-definitions-5")}
        _, reviews = stig_manager(module, "ckl", out)
        # What STIG Manager reads in the original is what it must read in scapc's checklist.
        readable = path
        if not host and name.endswith(".ckl"):
            # STIG Manager refuses a checklist without a host name; the copy it reads has the one checked.
            readable = base + "-named.ckl"
            text = open(path, encoding="utf-8-sig").read()
            open(readable, "w", encoding="utf-8").write(re.sub(r"<HOST_NAME>\s*</HOST_NAME>|<HOST_NAME\s*/>",
                                                               "<HOST_NAME>assessed-host</HOST_NAME>", text, 1))
        _, original = stig_manager(module, "cklb" if name.endswith(".cklb") else "ckl", readable)
        statuses = {}
        for _, rules in stigs:
            for rule in rules:
                statuses.setdefault(rule["vuln"], set()).add((rule["status"], rule["details"], rule["comments"]))
        answered = conflicts = 0
        for _, rules in stigs:
            for rule in rules:
                if rule["vuln"] in automated:
                    continue
                review = reviews.get(rule["rule_id"])
                answers = {status for status in statuses[rule["vuln"]] if status[0] in SM_RESULT}
                if not answers:
                    if review is not None:
                        fail(f"{name} {rule['vuln']}: not reviewed in the checklist, yet {review}")
                    continue
                if len(statuses[rule["vuln"]]) > 1:
                    # Answered more than once, differently: not carried, the assessor decides.
                    conflicts += 1
                    comment = (review or {}).get("comment") or ""
                    if (review or {}).get("result") != "informational" or "more than once, differently" not in comment:
                        fail(f"{name} {rule['vuln']}: conflicting answers, yet STIG Manager reads {review}")
                    continue
                answered += 1
                source = original.get(rule["rule_id"])
                if review is None or source is None or (review["result"], review["detail"]) != (
                        source["result"], source["detail"]):
                    fail(f"{name} {rule['vuln']}: STIG Manager reads {review}, in the original {source}")
                elif not (review["comment"] or "").startswith(source["comment"] or ""):
                    fail(f"{name} {rule['vuln']}: comment {review['comment']!r} lost {source['comment']!r}")
        if answered + conflicts == 0:
            fail(f"{name}: no answered rule to carry")
        checked += answered
    return checked


def summary_rules_any(path):
    """V-ID -> rule entry of a one-host JSON summary (rules of any DISA id)."""
    out = {}
    for rule in json.load(open(path))["hosts"][0]["rules"]:
        match = re.search(r"SV-(\d+)r", rule["id"])
        if match:
            out["V-" + match.group(1)] = rule
    return out


def main():
    module = os.path.join(node_packages.install(WORK, STIG_MANAGER), "@nuwcdivnpt", "stig-manager-client-modules")
    totals = []
    for old, new in (("V2R2", "V2R3"), ("V2R3", "V2R6")):
        counts, answered, content, hosts = release_pair(old, new, module)
        totals.append(f"{old}->{new}: {counts}")
        if counts["carried"] == 0 or counts["blocked"] == 0:
            fail(f"{old} -> {new}: expected answers both carried and blocked, got {counts}")
        if old == "V2R2":
            wrong_host(answered, content[new], hosts)
            not_answers(content[old], content[new], answered, hosts)
    real = real_checklists(module)
    harness.finish(f"answers: {'; '.join(totals)}; {real} answers from real checklists carried")


if __name__ == "__main__":
    main()
