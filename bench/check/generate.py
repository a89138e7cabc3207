#!/usr/bin/env python3
"""Synthetic Exchange host bundles for the batch-check benchmark.

    generate.py N OUT_DIR [--seed S] [--drift P]

Writes OUT_DIR/host-00001.json ... (collection bundles, docs/collection-bundle.schema.json),
OUT_DIR/hosts.txt (one path per line, for --data-list) and OUT_DIR/manifest.json, which says for
each host which settings were drifted and the rule results that drift must produce.

The shapes come from examples/mailbox01-bundle.json (a Mailbox server of a two-server DAG) and
examples/edge01-bundle.json (an Edge server): each host is one of them renamed, with its own
addresses, Exchange 2016 or 2019 build, a varying number of receive and send connectors, mailbox
databases and remote domains, and, with probability P each, drifted settings from DRIFTS below.
Deterministic: the same N, seed and P give the same files.
"""
import argparse
import copy
import json
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RULE = "xccdf_org.scapc_rule_EXC-"

BUILDS = {
    2016: [("15.1.2507.39", "Microsoft Windows Server 2016 Datacenter", "10.0.14393")],
    2019: [
        ("15.2.1544.14", "Microsoft Windows Server 2019 Datacenter", "10.0.17763"),
        ("15.2.1748.10", "Microsoft Windows Server 2022 Datacenter", "10.0.20348"),
    ],
}


def cmdlet(bundle, name, parameters=None):
    for entry in bundle["cmdlets"]:
        if entry["cmdlet"] == name and parameters in (None, entry.get("parameters")):
            return entry
    raise KeyError(name)


def objects(bundle, name, parameters=None):
    return cmdlet(bundle, name, parameters)["objects"]


def own(bundle, name, server, parameters=None):
    """The objects of a per-server cmdlet that belong to this host."""
    return [o for o in objects(bundle, name, parameters)
            if o.get("Server", server) == server or o.get("Name") == server]


# A drift: (name, roles it applies to, mutation, {rule id: result it must produce}). Every rule
# named here passes on the undrifted templates, so the verdicts below are the drift's doing.
def set_all(name, prop, value, server_only=False):
    def apply(bundle, server):
        targets = own(bundle, name, server) if server_only else objects(bundle, name)
        for o in targets:
            o[prop] = value
    return apply


def set_one(name, prop, value, parameters=None):
    def apply(bundle, server):
        own(bundle, name, server, parameters)[0][prop] = value
    return apply


def collection_error(name):
    def apply(bundle, server):
        entry = cmdlet(bundle, name)
        entry["status"] = "error"
        entry["objects"] = []
        entry["error"] = "The operation couldn't be performed because the server is unavailable."
    return apply


DRIFTS = [
    ("receive-connector hop count", {"Mailbox", "Edge"}, set_one("Get-ReceiveConnector", "MaxHopCount", 30),
     {"RC-008": "fail"}),
    ("receive-connector protocol logging", {"Mailbox"},
     set_one("Get-ReceiveConnector", "ProtocolLoggingLevel", "None"), {"RC-015": "fail"}),
    ("receive-connector chunking", {"Mailbox", "Edge"}, set_one("Get-ReceiveConnector", "ChunkingEnabled", False),
     {"RC-012": "fail"}),
    ("message tracking off", {"Mailbox", "Edge"}, set_one("Get-TransportService", "MessageTrackingLogEnabled", False),
     {"LOG-002": "fail"}),
    ("execution policy", {"Mailbox", "Edge"}, set_all("Get-ExecutionPolicy", "ExecutionPolicy", "Unrestricted"),
     {"SYS-001": "fail"}),
    ("error reporting", {"Mailbox"}, set_one("Get-ExchangeServer", "ErrorReportingEnabled", True, {"Status": True}), {"SYS-002": "fail"}),
    ("circular logging", {"Mailbox"}, set_one("Get-MailboxDatabase", "CircularLoggingEnabled", True),
     {"DB-004": "fail"}),
    ("customer feedback", {"Mailbox"}, set_all("Get-OrganizationConfig", "CustomerFeedbackEnabled", True),
     {"ORG-001": "fail"}),
    ("OWA forms authentication", {"Mailbox"}, set_one("Get-OwaVirtualDirectory", "FormsAuthentication", True),
     {"VD-001": "fail"}),
    ("RPC encryption", {"Mailbox"}, set_one("Get-RpcClientAccess", "EncryptionRequired", False), {"VD-006": "fail"}),
    ("admin audit log collection failed", {"Mailbox"}, collection_error("Get-AdminAuditLogConfig"),
     {"LOG-004": "error", "LOG-005": "error"}),
    ("content filter off", {"Edge"}, set_all("Get-ContentFilterConfig", "Enabled", False),
     {"EDGE-001": "fail", "TS-008": "fail"}),
    ("IP allow list off", {"Edge"}, set_all("Get-IPAllowListConfig", "Enabled", False), {"EDGE-013": "fail"}),
    ("sender reputation off", {"Edge"}, set_all("Get-SenderReputationConfig", "Enabled", False),
     {"EDGE-008": "fail", "TS-008": "fail"}),
]


def template(name):
    with open(os.path.join(ROOT, "examples", name), encoding="utf-8") as text:
        return text.read()


def renamed(text, old, new):
    return json.loads(text.replace(old.upper(), new.upper()).replace(old, new))


def relay_connector(server, fqdn, n, rng):
    return {
        "Name": "Relay app%d %s" % (n, server), "Identity": "%s\\Relay app%d %s" % (server, n, server),
        "Server": server, "TransportRole": "FrontendTransport", "Enabled": True,
        "Bindings": ["0.0.0.0:%d" % (2600 + n)],
        "RemoteIPRanges": ["10.%d.40.%d" % (rng.randrange(200), rng.randrange(1, 250))],
        "AuthMechanism": ["Tls"], "PermissionGroups": ["ExchangeUsers"], "DomainSecureEnabled": False,
        "Fqdn": fqdn, "Banner": "220 mail.example.com", "ConnectionTimeout": "00:10:00",
        "ConnectionInactivityTimeout": "00:05:00", "MaxHopCount": 60, "MaxRecipientsPerMessage": 200,
        "MaxInboundConnection": 5000, "MaxMessageSize": "10 MB (10,485,760 bytes)", "ChunkingEnabled": True,
        "TarpitInterval": "00:00:05", "ProtocolLoggingLevel": "Verbose",
    }


def control_roles():
    """Rule (EXC-…) -> the roles its catalog control applies to."""
    folder = os.path.join(ROOT, "controls", "catalog")
    out = {}
    for name in os.listdir(folder):
        if name.endswith(".json"):
            control = json.load(open(os.path.join(folder, name), encoding="utf-8"))
            out[control["id"][len("EXC-"):]] = set(control["roles"])
    return out


CONTROL_ROLES = control_roles()


def host(index, rng, drift):
    role = "Edge" if rng.random() < 0.25 else "Mailbox"
    year = 2016 if rng.random() < 0.4 else 2019
    version, os_name, os_version = rng.choice(BUILDS[year])
    site = index // 200
    if role == "Edge":
        name = "edge%05d" % index
        bundle = renamed(template("edge01-bundle.json"), "edge01", name)
    else:
        name = "mbx%05d" % index
        peer = "mbx%05d" % (index + 1 if index % 2 == 0 else index - 1)
        text = template("mailbox01-bundle.json").replace("MAILBOX02", peer.upper()).replace("mailbox02", peer)
        bundle = renamed(text, "mailbox01", name)
    server = name.upper()
    fqdn = "%s.site%d.example.com" % (name, site)
    bundle["host"].update({
        "fqdn": fqdn, "hostName": name,
        "ipAddresses": ["10.%d.%d.%d" % (site % 250, index % 250, 10 + index % 200)],
        "macAddresses": ["00:15:5d:%02x:%02x:%02x" % (site % 256, (index >> 8) % 256, index % 256)],
        "os": {"name": os_name, "version": os_version, "architecture": "x86_64"},
        "exchange": {"version": version, "roles": [role]},
    })
    if rng.random() < 0.2:
        bundle["host"]["ipAddresses"].append("fd00::%x:%x" % (site, index))
    build = version.split(".", 2)
    for parameters in (None, {"Status": True}):
        for o in objects(bundle, "Get-ExchangeServer", parameters):
            o["AdminDisplayVersion"] = "Version %s.%s (Build %s)" % (build[0], build[1], build[2])
    # Fleet variety: more connectors, databases and remote domains on some hosts.
    receive = objects(bundle, "Get-ReceiveConnector")
    for n in range(rng.randrange(5)):
        receive.append(relay_connector(server, fqdn, n, rng))
    if role == "Mailbox":
        databases = objects(bundle, "Get-MailboxDatabase")
        for n in range(rng.randrange(6)):
            extra = copy.deepcopy(databases[0])
            extra["Name"] = extra["Identity"] = "DB%s-%d" % (server, n + 3)
            extra["EdbFilePath"] = "E:\\ExchangeDatabases\\%s\\%s.edb" % (extra["Name"], extra["Name"])
            databases.append(extra)
    domains = objects(bundle, "Get-RemoteDomain")
    for n in range(rng.randrange(4)):
        extra = copy.deepcopy(domains[1])
        extra["Name"] = extra["Identity"] = "Partner%d" % n
        extra["DomainName"] = "partner%d.example.net" % n
        domains.append(extra)
    applied = []
    expected = {}
    for drift_name, roles, apply, results in DRIFTS:
        if role in roles and rng.random() < drift:
            apply(bundle, server)
            applied.append(drift_name)
            expected.update({RULE + rule: result for rule, result in results.items() if role in CONTROL_ROLES[rule]})
    # The rules a drift would have made fail must pass where no drift touched them; a rule of the
    # other role is not applicable.
    for drift_name, roles, apply, results in DRIFTS:
        for rule in results:
            if RULE + rule in expected or "collection" in drift_name:
                continue
            if role not in CONTROL_ROLES[rule]:
                expected[RULE + rule] = "notapplicable"
            elif role in roles:
                expected[RULE + rule] = "pass"
    return name, role, year, bundle, applied, expected


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--drift", type=float, default=0.05, help="probability of each drift on each host")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    manifest = {}
    paths = []
    for index in range(1, args.count + 1):
        name, role, year, bundle, applied, expected = host(index, rng, args.drift)
        path = os.path.join(args.out, "host-%05d.json" % index)
        with open(path, "w", encoding="utf-8") as out:
            json.dump(bundle, out, indent=1)
        paths.append(path)
        manifest[path] = {"host": name, "role": role, "exchange": year, "drifts": applied, "expected": expected}
    with open(os.path.join(args.out, "hosts.txt"), "w", encoding="utf-8") as out:
        out.write("".join(p + "\n" for p in paths))
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as out:
        json.dump(manifest, out, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
