#!/usr/bin/env python3
"""Membership in another cmdlet's values (`in`/`notIn` with `valueFrom`), as EDCA-IAC-010 uses it:
every user with remote PowerShell enabled must be among the members Get-RoleGroup lists.

Three controls state the same rule three ways (`in` under require all; `notIn` under require none;
`not notIn` under require all), so the compiler's var_check and its negation are exercised. On
organisation-shaped data (role groups with many members, thousands of users, identities differing
only in case, role groups without members, no client access rule) each control must give the
expected verdict in `scapc check`, and `oscap oval analyse` must give the same definition result as
scapc on the system characteristics scapc writes from the same bundle.

Usage: value_from_membership.py SCAPC SOURCE_DIR WORK_DIR
"""
import copy
import json
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from harness import fail, finish, run, run_or_stop  # noqa: E402

SCAPC, SOURCE, WORK = sys.argv[1:4]
OVAL_RES = "{http://oval.mitre.org/XMLSchema/oval-results-5}"
X = "{http://checklists.nist.gov/xccdf/1.2}"
MEMBERS = {"cmdlet": "Get-RoleGroup", "property": "Members"}


def control(number, condition, require):
    return {
        "id": f"TEST-RPS-00{number}",
        "title": "Only role group members may use remote PowerShell",
        "description": "A user outside every role group with remote PowerShell enabled can run cmdlets remotely.",
        "verify": True, "subject": "Organization", "category": "Identity and Access Control", "severity": "High",
        "severityWeight": 8, "frameworks": ["Best Practice"], "references": [],
        "remediation": {"automatable": False, "description": "Disable remote PowerShell for the user."},
        "roles": ["Mailbox"],
        "check": {
            "cmdlet": "Get-User", "parameters": {"ResultSize": "Unlimited"},
            "properties": ["Name", "Identity", "RemotePowerShellEnabled"],
            "filter": {"property": "RemotePowerShellEnabled", "op": "equals", "value": True},
            "condition": condition, "require": require, "onEmpty": "pass",
            "description": "Every user with remote PowerShell enabled is a role group member."},
    }


MEMBER = {"property": "Identity", "op": "in", "valueFrom": MEMBERS, "type": "string", "ignoreCase": True}
NOT_MEMBER = dict(MEMBER, op="notIn")
CONTROLS = [control(1, MEMBER, "all"), control(2, NOT_MEMBER, "none"), control(3, {"not": NOT_MEMBER}, "all")]


def user(name, remote_powershell):
    return {"Name": name, "Identity": f"corp.example.org/Users/{name}", "RemotePowerShellEnabled": remote_powershell}


def bundle(users, role_groups):
    return {
        "scapcBundle": 1,
        "host": {"fqdn": "exch-mb01.corp.example.org", "hostName": "exch-mb01", "ipAddresses": ["10.20.0.11"],
                 "os": {"name": "Microsoft Windows Server 2019 Datacenter", "version": "10.0.17763",
                        "architecture": "x86_64"},
                 "exchange": {"name": "EXCH-MB01", "version": "15.2.1544.14", "roles": ["Mailbox"]},
                 "collectedAt": "2026-12-01T08:00:00Z"},
        "cmdlets": [
            {"cmdlet": "Get-ExchangeServer", "scope": "server", "status": "ok",
             "objects": [{"Name": "EXCH-MB01", "Fqdn": "exch-mb01.corp.example.org", "ServerRole": "Mailbox",
                          "AdminDisplayVersion": "Version 15.2 (Build 1544.14)"}]},
            {"cmdlet": "Get-User", "parameters": {"ResultSize": "Unlimited"}, "scope": "organization",
             "status": "ok", "objects": users},
            {"cmdlet": "Get-RoleGroup", "scope": "organization", "status": "ok",
             "objects": [{"Name": name, "Members": [f"corp.example.org/Users/{m}" for m in members]}
                         for name, members in role_groups.items()]},
        ],
    }


ADMINS = {"Organization Management": ["Administrator", "exadmin"], "Recipient Management": ["helpdesk1"],
          "View-Only Organization Management": []}
BASE_USERS = [user("Administrator", True), user("exadmin", True), user("helpdesk1", True), user("alice", False)]
MANY_MEMBERS = [f"operator{i:04d}" for i in range(2000)]
MANY_USERS = [user(name, True) for name in MANY_MEMBERS] + [user(f"staff{i:04d}", False) for i in range(1500)]

# name -> (bundle, expected rule result)
CASES = {
    "members only": (bundle(BASE_USERS, ADMINS), "pass"),
    "one outsider": (bundle(BASE_USERS + [user("bob", True)], ADMINS), "fail"),
    "no user enabled": (bundle([user("alice", False)], ADMINS), "pass"),
    "identity differs in case": (bundle([dict(user("exadmin", True), Identity="CORP.EXAMPLE.ORG/Users/EXADMIN")],
                                        ADMINS), "pass"),
    "a member of another group's name": (bundle([user("helpdesk", True)], ADMINS), "fail"),
    "2000 members, 3500 users": (bundle(MANY_USERS, {"Help Desk": MANY_MEMBERS, **ADMINS}), "pass"),
    "2000 members, 3500 users, one outsider": (
        bundle(MANY_USERS + [user("operator2000", True)], {"Help Desk": MANY_MEMBERS, **ADMINS}), "fail"),
    # No values to compare with: OVAL makes the comparison an error, never a pass.
    "role groups without members": (bundle([user("bob", True)], {"Organization Management": []}), "error"),
}


def main():
    catalog = os.path.join(WORK, "catalog")
    os.makedirs(catalog, exist_ok=True)
    for item in CONTROLS:
        with open(os.path.join(catalog, item["id"] + ".json"), "w") as out:
            json.dump(item, out, indent=2)
    content = os.path.join(WORK, "ds.xml")
    oval = os.path.join(WORK, "oval.xml")
    run_or_stop(SCAPC, "compile", catalog, "-o", content, "--oval", oval, "--timestamp", "2026-12-01T00:00:00")
    definitions = {}
    for rule in ET.parse(content).getroot().iter(X + "Rule"):
        ref = rule.find(f"{X}check/{X}check-content-ref")
        definitions[rule.get("id")] = ref.get("name")
    if len(definitions) != len(CONTROLS):
        fail(f"{len(definitions)} OVAL rules compiled, expected {len(CONTROLS)}")

    for name, (data, expected) in CASES.items():
        slug = name.replace(" ", "-").replace(",", "")
        bundle_path = os.path.join(WORK, slug + ".json")
        with open(bundle_path, "w") as out:
            json.dump(data, out)
        summary = os.path.join(WORK, slug + "-summary.json")
        run(SCAPC, "check", content, "--data", bundle_path, "--json", summary, "-q", ok=(0, 2))
        results = {r["id"]: r["result"] for host in json.load(open(summary))["hosts"] for r in host["rules"]}
        for rule_id in definitions:
            if results.get(rule_id) != expected:
                fail(f"{name}: {rule_id} is {results.get(rule_id)}, expected {expected}")
        # oscap on the system characteristics scapc collects from the bundle
        syschar = os.path.join(WORK, slug + "-syschar.xml")
        ours = run(SCAPC, "oval", "analyse", "--syschar-out", syschar, oval, bundle_path, ok=(0, 2)).stdout
        oscap_results = os.path.join(WORK, slug + "-oscap.xml")
        run("oscap", "oval", "analyse", "--results", oscap_results, oval, syschar)
        theirs = {d.get("definition_id"): d.get("result")
                  for d in ET.parse(oscap_results).getroot().iter(OVAL_RES + "definition")}
        for definition in definitions.values():
            line = next((l for l in ours.splitlines() if l.startswith(f"Definition {definition}: ")), "")
            if line.split(": ")[-1] != theirs.get(definition):
                fail(f"{name}: {definition} is '{line}' in scapc, {theirs.get(definition)} in oscap")
    finish(f"membership in another cmdlet's values: {len(CASES)} organisations x {len(CONTROLS)} phrasings, "
           "scapc check as expected and scapc oval analyse equal to oscap")


main()
