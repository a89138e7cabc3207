#!/usr/bin/env python3
"""Every verdict is about the host it names, on organisation-shaped data.

Two Mailbox servers of one organisation, EXCH-MB01 and EXCH-MB02, collected the way old collectors
and hand-made exports do: each server's data lists both servers' virtual directories, receive
connectors, transport services, event log levels and databases. Each server has drift of its own
on its own objects, and the organisation a drifted send connector both see. Checked against the
Exchange 2019 Mailbox STIG compiled alone and joined with the bundled catalog, as collection
bundles and as Export-Clixml folders, every output (XCCDF results, ARF, CKL, CKLB, JSON summary,
HTML report) must give each host exactly its own verdicts: the drifted rules fail on the server
that drifted and only there, every other rule comes out the same on both, no evidence names the
other server's objects, and the organisation's finding is listed once with both hosts.

An Edge server joins for roles: against the Mailbox and Edge STIGs compiled together, Mailbox rules
are notapplicable on it and Edge rules on the Mailbox servers, as oscap implies from the same OVAL
(oscap oval analyse of the platforms' CPE checks on each host's system characteristics), and
`oscap xccdf eval` of the same data stream, run from another folder, resolves every platform
through the stream's CPE dictionary.

Usage: organization.py SCAPC SOURCE_DIR WORK_DIR
"""
import copy
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from harness import fail, finish, run  # noqa: E402

SCAPC, SOURCE, WORK = sys.argv[1:4]
STIGS = os.path.join(SOURCE, "..", "shared", "corpus", "stig")
MAILBOX_STIG = os.path.join(STIGS, "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml")
EDGE_STIG = os.path.join(STIGS, "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml")
X = "{http://checklists.nist.gov/xccdf/1.2}"
OVAL_RES = "{http://oval.mitre.org/XMLSchema/oval-results-5}"
CPE_DICT = "{http://cpe.mitre.org/dictionary/2.0}"
CPE_LANG = "{http://cpe.mitre.org/language/2.0}"
SERVER_SCOPED = {"Get-ExchangeServer", "Get-ReceiveConnector", "Get-TransportService", "Get-MailboxDatabase",
                 "Get-EventLogLevel", "Get-OwaVirtualDirectory", "Get-EcpVirtualDirectory",
                 "Get-WebServicesVirtualDirectory", "Get-RpcClientAccess", "Get-OutlookAnywhere"}


# --- The organisation's data ---------------------------------------------------------------------

MB1 = {"name": "EXCH-MB01", "host": "exch-mb01", "fqdn": "exch-mb01.corp.example.org", "ip": "10.20.0.11"}
MB2 = {"name": "EXCH-MB02", "host": "EXCH-MB02", "fqdn": "exch-mb02.corp.example.org", "ip": "10.20.0.12"}
# V-ID -> (host that fails it, why); V-259708 fails on both: the organisation's send connector.
DRIFTS = {
    "V-259647": ("EXCH-MB01", "Get-OwaVirtualDirectory FormsAuthentication True"),
    "V-259657": ("EXCH-MB01", "Get-TransportService MessageTrackingLogEnabled False"),
    "V-259650": ("EXCH-MB02", "Get-OwaVirtualDirectory WindowsAuthentication False"),
    "V-259653": ("EXCH-MB02", "Get-EventLogLevel MSExchange OAuth\\Server at Low (joined content only)"),
    "V-259708": ("both", "Get-SendConnector TlsAuthLevel CertificateValidation"),
}


def renamed(value, server):
    text = json.dumps(value).replace("MAILBOX01", server["name"]).replace("mailbox01", server["host"].lower())
    return json.loads(text)


def server_objects(template, cmdlet, server, parameters=None):
    for entry in template["cmdlets"]:
        if entry["cmdlet"] == cmdlet and entry.get("parameters") == parameters:
            return renamed(entry.get("objects", []), server)
    raise KeyError(cmdlet)


def set_property(objects, match, prop, value):
    hit = [o for o in objects if match(o)]
    assert hit, (prop, value)
    for o in hit:
        o[prop] = value


def organisation():
    """Both servers' bundles, each listing both servers' objects (no scope, no Exchange name)."""
    template = json.load(open(os.path.join(SOURCE, "examples", "mailbox01-bundle.json")))
    objects = {}  # (cmdlet, parameters json) -> every server's objects, drift applied
    for entry in template["cmdlets"]:
        key = (entry["cmdlet"], json.dumps(entry.get("parameters")))
        if entry["cmdlet"] not in SERVER_SCOPED:
            objects[key] = copy.deepcopy(entry.get("objects", []))
            continue
        per_server = {s["name"]: server_objects(template, entry["cmdlet"], s, entry.get("parameters")) for s in (MB1, MB2)}
        if entry["cmdlet"] == "Get-MailboxDatabase":  # one DAG: each database has a copy on both
            for db in per_server["EXCH-MB02"]:
                db["Name"] = db["Identity"] = db["Name"] + "-B"
            for server_dbs in per_server.values():
                for db in server_dbs:
                    db["Servers"] = ["EXCH-MB01", "EXCH-MB02"] if db["Name"] == "DB01" else [db["Server"]]
        if entry["cmdlet"] == "Get-OwaVirtualDirectory":
            set_property(per_server["EXCH-MB01"], lambda o: True, "FormsAuthentication", True)
            set_property(per_server["EXCH-MB02"], lambda o: True, "WindowsAuthentication", False)
        if entry["cmdlet"] == "Get-TransportService":
            set_property(per_server["EXCH-MB01"], lambda o: True, "MessageTrackingLogEnabled", False)
        if entry["cmdlet"] == "Get-EventLogLevel":
            set_property(per_server["EXCH-MB02"], lambda o: o["Identity"].endswith("OAuth\\Server"), "EventLevel", "Low")
        objects[key] = per_server["EXCH-MB01"] + per_server["EXCH-MB02"]
    send = objects[("Get-SendConnector", "null")]
    set_property(send, lambda o: o["Name"] == send[0]["Name"], "TlsAuthLevel", "CertificateValidation")
    bundles = {}
    for server in (MB1, MB2):
        bundle = copy.deepcopy(template)
        bundle["host"] = {"hostName": server["host"], "fqdn": server["fqdn"], "ipAddresses": [server["ip"]],
                          "exchange": {"version": "15.2.1544.14", "roles": ["Mailbox"]}}
        for entry in bundle["cmdlets"]:
            entry.pop("scope", None)
            if "objects" in entry:
                entry["objects"] = copy.deepcopy(objects[(entry["cmdlet"], json.dumps(entry.get("parameters")))])
        path = os.path.join(WORK, server["host"] + "-bundle.json")
        json.dump(bundle, open(path, "w"), indent=1)
        bundles[server["name"]] = path
    return bundles, objects


# CliXml as Export-Clixml writes Exchange objects (the parts scapc reads: typed scalars, lists, and
# objects that stand for their ToString).
TIMESPAN = re.compile(r"^(?:(\d+)\.)?(\d{2}):(\d{2}):(\d{2})$")


def clixml_value(name, value):
    attribute = f' N="{escape(name)}"'
    if value is None:
        return f"<Nil{attribute} />"
    if isinstance(value, bool):
        return f"<B{attribute}>{'true' if value else 'false'}</B>"
    if isinstance(value, int):
        return f"<I32{attribute}>{value}</I32>"
    if isinstance(value, list):
        items = "".join(f"<S>{escape(str(v))}</S>" for v in value)
        return f"<Obj{attribute}><TN><T>System.Collections.ArrayList</T></TN><LST>{items}</LST></Obj>"
    text = str(value)
    span = TIMESPAN.match(text)
    if span:
        days, h, m, s = (int(g or 0) for g in span.groups())
        return f"<TS{attribute}>P{days}DT{h}H{m}M{s}S</TS>"
    if text == "Unlimited" or "bytes)" in text or name in ("Server", "AdminDisplayVersion"):
        return f"<Obj{attribute}><ToString>{escape(text)}</ToString></Obj>"
    return f"<S{attribute}>{escape(text)}</S>"


def clixml(objects, noun):
    body = []
    for n, o in enumerate(objects):
        if list(o) == [noun]:  # a scalar cmdlet (Get-ExecutionPolicy)
            body.append(f'<Obj RefId="{n}"><TN><T>System.Enum</T></TN><ToString>{escape(o[noun])}</ToString></Obj>')
            continue
        props = "".join(clixml_value(k, v) for k, v in o.items())
        body.append(f'<Obj RefId="{n}"><TN><T>Deserialized.Exchange.{noun}</T></TN><Props>{props}</Props></Obj>')
    return ('<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">' + "".join(body) +
            "</Objs>\n")


def folders(objects):
    """The same data as Export-Clixml folders named after each host."""
    out = {}
    for server in (MB1, MB2):
        folder = os.path.join(WORK, "clixml", server["host"])
        os.makedirs(folder, exist_ok=True)
        merged = {}
        for (cmdlet, _), objs in objects.items():
            merged.setdefault(cmdlet, []).extend(objs)  # a folder cannot keep invocations apart
        for cmdlet, objs in merged.items():
            if cmdlet == "Get-ExchangeServer":
                objs = [o for o in objs if "Edition" in o]  # the -Status objects carry every property
            with open(os.path.join(folder, cmdlet + ".xml"), "w") as out_file:
                out_file.write(clixml(objs, cmdlet[4:]))
        out[server["name"]] = folder
    return out


# --- What each output says -------------------------------------------------------------------------

def vuln_of(rule_id):
    match = re.search(r"SV-(\d+)r\d+_rule", rule_id)
    return "V-" + match.group(1) if match else None


def from_results(path):
    """host name (target) -> {rule id: result}, from XCCDF results or an ARF."""
    out = {}
    for test_result in ET.parse(path).getroot().iter(X + "TestResult"):
        target = test_result.findtext(X + "target")
        out[target] = {r.get("idref"): r.findtext(X + "result") for r in test_result.findall(X + "rule-result")}
    return out


def from_ckl(path):
    root = ET.parse(path).getroot()
    statuses = {}
    for vuln in root.iter("VULN"):
        data = {s.findtext("VULN_ATTRIBUTE"): s.findtext("ATTRIBUTE_DATA") for s in vuln.findall("STIG_DATA")}
        statuses[data.get("Vuln_Num")] = (vuln.findtext("STATUS"), vuln.findtext("FINDING_DETAILS") or "")
    return root.findtext("ASSET/HOST_NAME"), statuses


def from_cklb(path):
    document = json.load(open(path))
    statuses = {}
    for stig in document["stigs"]:
        for rule in stig["rules"]:
            statuses[rule["group_id"]] = (rule["status"], rule.get("finding_details") or "")
    return document["target_data"]["host_name"], statuses


class Report(HTMLParser):
    """The rule table's results (host index, result, rule id: one per host entry of a rule's row) and
    the organisation-wide findings."""

    def __init__(self):
        super().__init__()
        self.rows, self.findings, self._row, self._in, self._code, self._rule = [], [], None, None, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._in = attrs.get("id")
        if tag == "tr" and self._in == "rules" and "data-rule" in attrs:
            self._rule = attrs["data-rule"]
        if tag == "li" and self._in == "rules" and "data-host" in attrs:
            self.rows.append({"host": int(attrs["data-host"]), "result": attrs["data-result"], "rule": self._rule})
        if tag == "tr" and self._in == "organization-findings" and "data-result" in attrs:
            self._row = {"result": attrs["data-result"], "hosts": ""}
            self.findings.append(self._row)
        self._code = tag == "code" and "rid" in (attrs.get("class") or "")

    def handle_endtag(self, tag):
        if tag == "table":
            self._in, self._row = None, None
        self._code = False

    def handle_data(self, data):
        if self._code and self._row is not None:
            self._row["rule"] = data
        elif self._in == "organization-findings" and self._row is not None and re.match(r"^\d+: ", data):
            self._row["hosts"] = data


def expect_own_verdicts(label, verdicts, joined):
    """verdicts: host name -> {V-ID: word} (pass/fail, or CKL words). Each drift fails where it
    belongs and nowhere else; every other V-ID is the same on both hosts."""
    hosts = sorted(verdicts)
    if len(hosts) != 2:
        fail(f"{label}: {len(hosts)} hosts ({hosts})")
        return
    bad = {"fail", "Open", "open"}
    for vuln, (where, why) in DRIFTS.items():
        if vuln == "V-259653" and not joined:
            continue  # manual when the STIG is compiled alone
        for host in hosts:
            should_fail = where in ("both", host.upper().split(".")[0])
            got = verdicts[host].get(vuln)
            if (got in bad) != should_fail:
                fail(f"{label}: {host} {vuln} ({why}) is {got}, expected {'a finding' if should_fail else 'none'}")
    others = set(verdicts[hosts[0]]) - set(DRIFTS)
    differing = sorted(v for v in others if verdicts[hosts[0]].get(v) != verdicts[hosts[1]].get(v))
    if differing:
        fail(f"{label}: undrifted rules differ between the hosts: {differing[:8]}")


def by_vuln(results):
    return {host: {vuln_of(rule): word for rule, word in rules.items() if vuln_of(rule)} for host, rules in results.items()}


def check_outputs(label, content, data, joined):
    out = os.path.join(WORK, label)
    os.makedirs(out, exist_ok=True)
    args = [SCAPC, "check", content, "--profile", "xccdf_org.scapc_profile_stig_ms_exchange_2019_mailbox_server_stig",
            "--stig", MAILBOX_STIG, "--results", f"{out}/results.xml", "--results-arf", f"{out}/arf.xml",
            "--ckl", f"{out}/org.ckl", "--cklb", f"{out}/org.cklb", "--json", f"{out}/summary.json",
            "--report", f"{out}/report.html", "--timestamp", "2026-12-01T00:00:00", "-q"]
    for path in data:
        args += ["--data", path]
    done = run(*args, ok=(2,))
    if "left out of this host's verdicts" not in done.stderr:
        fail(f"{label}: no warning that other servers' objects were left out")
    expect_own_verdicts(f"{label} XCCDF results", by_vuln(from_results(f"{out}/results.xml")), joined)
    expect_own_verdicts(f"{label} ARF", by_vuln(from_results(f"{out}/arf.xml")), joined)
    for kind, reader in (("ckl", from_ckl), ("cklb", from_cklb)):
        verdicts = {}
        for path in sorted(glob.glob(f"{out}/org.*.{kind}")):
            host, statuses = reader(path)
            verdicts[host] = {v: s for v, (s, _) in statuses.items()}
            other = "EXCH-MB02" if host.upper().startswith("EXCH-MB01") else "EXCH-MB01"
            for vuln, (status, details) in statuses.items():
                if status.lower() == "open" and other in details.upper():
                    fail(f"{label} {kind} {host}: {vuln} evidence names {other}")
        expect_own_verdicts(f"{label} {kind}", verdicts, joined)
    summary = json.load(open(f"{out}/summary.json"))
    expect_own_verdicts(f"{label} JSON", {h["host"]["hostName"]: {vuln_of(r["id"]): r["result"] for r in h["rules"]
                                                                 if vuln_of(r["id"])} for h in summary["hosts"]}, joined)
    organisation_findings = [f for f in summary["organization"] if vuln_of(f["id"]) == "V-259708"]
    if len(organisation_findings) != 1 or len(organisation_findings[0]["hosts"]) != 2:
        fail(f"{label} JSON: the send connector finding is listed {len(organisation_findings)} times, "
             f"expected once with both hosts")
    for host in summary["hosts"]:
        other = "EXCH-MB02" if host["host"]["hostName"].upper().startswith("EXCH-MB01") else "EXCH-MB01"
        for rule in host["rules"]:
            if any(other + "\\" in line.upper() for line in rule["evidence"]):
                fail(f"{label} JSON {host['host']['hostName']}: {rule['id']} evidence names {other}'s objects")
    report = Report()
    report.feed(open(f"{out}/report.html").read())
    labels = [h["host"]["hostName"] for h in summary["hosts"]]
    verdicts = {}
    for row in report.rows:
        if vuln_of(row.get("rule", "")):
            verdicts.setdefault(labels[row["host"]], {})[vuln_of(row["rule"])] = row["result"]
    expect_own_verdicts(f"{label} HTML", verdicts, joined)
    listed = [f for f in report.findings if vuln_of(f.get("rule", "")) == "V-259708"]
    if len(listed) != 1 or not listed[0]["hosts"].startswith("2: "):
        fail(f"{label} HTML: the organisation-wide finding is shown {len(listed)} times ({listed})")
    print(f"{label}: each host has its own verdicts in XCCDF results, ARF, CKL, CKLB, JSON and HTML")


# --- Roles, and what oscap makes of the platforms ------------------------------------------------------

def roles(bundles):
    edge = os.path.join(SOURCE, "examples", "edge01-bundle.json")
    folder = os.path.join(WORK, "roles")
    os.makedirs(folder, exist_ok=True)
    content = os.path.join(folder, "ds.xml")
    run(SCAPC, "compile", MAILBOX_STIG, EDGE_STIG, "-o", content, "--xccdf", f"{folder}/exchange-xccdf.xml",
        "--oval", f"{folder}/exchange-oval.xml", "--cpe", f"{folder}/exchange-cpe-dictionary.xml",
        "--timestamp", "2026-12-01T00:00:00")
    hosts = {"edge01": edge, "exch-mb01": bundles["EXCH-MB01"]}
    results = os.path.join(folder, "results.xml")
    done = run(SCAPC, "check", content, "--data", edge, "--data", bundles["EXCH-MB01"], "--results", results, "-q",
               ok=(0, 2))
    verdicts = from_results(results)
    benchmark = ET.parse(f"{folder}/exchange-xccdf.xml").getroot()
    stig_of = {}
    for rule in benchmark.iter(X + "Rule"):
        stig_of[rule.get("id")] = "Mailbox" if "-MB-" in (rule.findtext(X + "version") or "") else "Edge"
    for target, rules in verdicts.items():
        role = "Edge" if target.startswith("edge") else "Mailbox"
        wrong = [r for r, word in rules.items() if (stig_of[r] != role) != (word == "notapplicable")]
        if wrong:
            fail(f"roles: {target} ({role}): {len(wrong)} rules of the wrong applicability, e.g. {wrong[:3]}")
    # oscap: the CPE checks evaluated on each host's data, rule by rule.
    unexported = re.sub(r"<(\w+:)?platform idref=\"[^\"]*\"\s*/>", "",
                        open(f"{folder}/exchange-xccdf.xml").read())
    open(f"{folder}/xccdf-without-platforms.xml", "w").write(unexported)
    run("oscap", "xccdf", "export-oval-variables", "xccdf-without-platforms.xml", cwd=folder)
    variables = f"{folder}/exchange-oval.xml-0.variables-0.xml"
    dictionary = {item.get("name"): item.find(CPE_DICT + "check").text
                  for item in ET.parse(f"{folder}/exchange-cpe-dictionary.xml").getroot().iter(CPE_DICT + "cpe-item")}
    platforms = {"#" + p.get("id"): [dictionary[f.get("name")] for f in p.iter(CPE_LANG + "fact-ref")]
                 for p in benchmark.iter(CPE_LANG + "platform")}
    compared = 0
    for name, data in hosts.items():
        syschar = f"{folder}/{name}-syschar.xml"
        run(SCAPC, "oval", "analyse", "--variables", variables, "--syschar-out", syschar, f"{folder}/exchange-oval.xml",
            data)
        oscap_results = f"{folder}/{name}-oscap.xml"
        run("oscap", "oval", "analyse", "--variables", variables, "--results", oscap_results,
            f"{folder}/exchange-oval.xml", syschar)
        definitions = {d.get("definition_id"): d.get("result") for d in ET.parse(oscap_results).getroot().iter(
            OVAL_RES + "definition")}
        target = next(t for t in verdicts if t.startswith(name))
        for rule in benchmark.iter(X + "Rule"):
            refs = [p.get("idref") for p in rule.findall(X + "platform")]
            applies = [definitions[d] for ref in refs for d in platforms[ref]]
            oscap_says_na = "false" in applies
            if oscap_says_na != (verdicts[target][rule.get("id")] == "notapplicable"):
                fail(f"roles: {target} {rule.get('id')}: oscap's platform checks give {applies}, "
                     f"scapc {verdicts[target][rule.get('id')]}")
            compared += 1
    # oscap xccdf eval of the data stream from another folder: every platform resolves inside it
    # (oscap cannot collect cmdlet data here, so each rule with a platform is notapplicable).
    elsewhere = os.path.join(WORK, "elsewhere")
    os.makedirs(elsewhere, exist_ok=True)
    done = run("oscap", "xccdf", "eval", "--results", "oscap-results.xml", content, cwd=elsewhere, ok=(0, 2))
    if "Unable to open" in done.stderr + done.stdout or "Can't import" in done.stderr + done.stdout:
        fail(f"oscap xccdf eval cannot resolve the platforms: {(done.stderr + done.stdout)[-500:]}")
    oscap_verdicts = next(iter(from_results(f"{elsewhere}/oscap-results.xml").values()))
    if set(oscap_verdicts.values()) != {"notapplicable"}:
        fail(f"oscap xccdf eval on a machine that is no Exchange server: {set(oscap_verdicts.values())}")
    print(f"roles: {compared} rule platforms agree with oscap on an Edge and a Mailbox server; oscap resolves "
          f"all {len(oscap_verdicts)} in the data stream")


def main():
    bundles, objects = organisation()
    clixml_folders = folders(objects)
    alone = os.path.join(WORK, "alone.xml")
    joined = os.path.join(WORK, "joined.xml")
    run(SCAPC, "compile", MAILBOX_STIG, "-o", alone, "--timestamp", "2026-12-01T00:00:00")
    run(SCAPC, "compile", os.path.join(SOURCE, "controls", "catalog"), MAILBOX_STIG, "-o", joined,
        "--timestamp", "2026-12-01T00:00:00")
    for content, is_joined in ((alone, False), (joined, True)):
        name = "joined" if is_joined else "alone"
        check_outputs(f"{name}-bundles", content, [bundles["EXCH-MB01"], bundles["EXCH-MB02"]], is_joined)
        check_outputs(f"{name}-clixml", content, [clixml_folders["EXCH-MB01"], clixml_folders["EXCH-MB02"]],
                      is_joined)
    roles(bundles)
    finish("organization: all good")


main()
