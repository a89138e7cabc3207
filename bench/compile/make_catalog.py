#!/usr/bin/env python3
"""Writes a synthetic control catalog of N controls in scapc's catalog format (docs/catalog-format.md).

    make_catalog.py N OUT.json [--seed S]

The mix follows the bundled Exchange catalog: most controls carry a machine check on one of two
dozen Exchange cmdlets (property tests of every type, filters, combinations, site values), about a
quarter are manual (OCIL), a few are informational (verify: false). Frameworks, severities,
weights and roles vary. The output depends on N and the seed only, so a benchmark input is
reproducible; it is meant to scale the compiler, not to describe a real server.
"""
import argparse
import json
import random

CMDLETS = [
    ("Get-ReceiveConnector", "Server"),
    ("Get-SendConnector", "Organization"),
    ("Get-TransportService", "Server"),
    ("Get-RemoteDomain", "Organization"),
    ("Get-MailboxDatabase", "Database"),
    ("Get-TransportConfig", "Organization"),
    ("Get-SenderFilterConfig", "Organization"),
    ("Get-OwaVirtualDirectory", "Server"),
    ("Get-ContentFilterConfig", "Organization"),
    ("Get-Service", "Server"),
    ("Get-SenderReputationConfig", "Organization"),
    ("Get-RecipientFilterConfig", "Organization"),
    ("Get-OrganizationConfig", "Organization"),
    ("Get-AdminAuditLogConfig", "Organization"),
    ("Get-WebServicesVirtualDirectory", "Server"),
    ("Get-OutlookAnywhere", "Server"),
    ("Get-EventLogLevel", "Server"),
    ("Get-ExchangeServer", "Server"),
    ("Get-AcceptedDomain", "Organization"),
    ("Get-IPAllowListEntry", "Server"),
]
FRAMEWORKS = ["Best Practice", "DISA", "CIS", "BSI", "NIS2", "ISM", "ANSSI", "CISA"]
CATEGORIES = ["Transport Security", "Data Security", "Logging", "Access Control", "Mailbox Policy",
              "Edge Hardening", "Organization Settings", "Availability"]
SEVERITIES = [("High", 9), ("Medium", 6), ("Low", 3)]
ENUMS = ["DomainValidation", "CertificateValidation", "EncryptionOnly"]


def property_test(rng, n):
    """One property test with a literal of a randomly chosen type; n makes property names vary."""
    kind = rng.randrange(8)
    name = "Setting%d" % (n % 97)
    if kind == 0:
        return {"property": name + "Enabled", "op": "equals", "value": rng.choice([True, False])}
    if kind == 1:
        return {"property": "Max" + name, "op": rng.choice(["lessOrEqual", "greaterThan", "equals"]),
                "value": rng.randrange(1, 500)}
    if kind == 2:
        return {"property": name + "Level", "op": "equals", "value": rng.choice(ENUMS), "ignoreCase": True}
    if kind == 3:
        return {"property": name + "Timeout", "op": "lessOrEqual", "type": "timespan",
                "value": "00:%02d:00" % rng.randrange(1, 60)}
    if kind == 4:
        return {"property": name + "Size", "op": "lessOrEqual", "type": "bytes",
                "value": "%d MB" % rng.randrange(1, 100)}
    if kind == 5:
        return {"property": name + "Name", "op": "matches", "value": "^[A-Za-z]+-%d$" % rng.randrange(100)}
    if kind == 6:
        return {"property": name + "Mode", "op": "in", "value": ["Off", "Audit", "On"][: rng.randrange(1, 4)]}
    return {"property": name + "List", "op": rng.choice(["empty", "notEmpty"])}


def condition(rng, n):
    shape = rng.randrange(4)
    if shape < 2:
        return property_test(rng, n)
    parts = [property_test(rng, n + i) for i in range(rng.randrange(2, 4))]
    return {"allOf" if shape == 2 else "anyOf": parts}


def used_properties(cond, into):
    if "property" in cond:
        if cond["property"] not in into:
            into.append(cond["property"])
    for key in ("allOf", "anyOf"):
        for child in cond.get(key, []):
            used_properties(child, into)
    if "not" in cond:
        used_properties(cond["not"], into)
    return into


def query(rng, cmdlet, n):
    node = {"cmdlet": cmdlet, "condition": condition(rng, n),
            "require": rng.choice(["all", "all", "atLeastOne", "none"]),
            "onEmpty": rng.choice(["fail", "pass", "notApplicable"])}
    if rng.randrange(4) == 0:
        node["filter"] = {"property": "Name", "op": "notMatches", "value": "^Default"}
    if rng.randrange(3) == 0:
        node["properties"] = ["Name"] + used_properties(node["condition"], [])
    return node


def check(rng, index):
    """A machine check; every fifth has a site value, every seventh combines two queries."""
    cmdlet = CMDLETS[index % len(CMDLETS)][0]
    if index % 7 == 0:
        other = CMDLETS[(index * 3 + 1) % len(CMDLETS)][0]
        root = {"anyOf" if index % 2 else "allOf": [query(rng, cmdlet, index), query(rng, other, index + 1)],
                "description": "Two settings that together make the control compliant."}
        return root, None
    root = query(rng, cmdlet, index)
    if index % 5 == 0:
        value_id = "site_limit_%d" % index
        root["condition"] = {"property": "SiteLimit%d" % (index % 31), "op": "lessOrEqual",
                             "valueRef": value_id, "type": "int"}
        root.pop("properties", None)
        root["values"] = [{"id": value_id, "title": "Site limit %d" % index,
                           "description": "The limit the site's security plan documents.", "type": "int",
                           "default": 10 + index % 50, "selectors": {"strict": 5}, "lowerBound": 0,
                           "upperBound": 1000}]
        return root, value_id
    return root, None


def control(rng, index):
    cmdlet, subject = CMDLETS[index % len(CMDLETS)]
    severity, weight = SEVERITIES[rng.randrange(len(SEVERITIES))]
    control_id = "SYN-%s-%05d" % (CATEGORIES[index % len(CATEGORIES)][:3].upper(), index)
    entry = {
        "id": control_id,
        "title": "Synthetic control %d: %s returns compliant settings" % (index, cmdlet),
        "description": "Generated control %d. The setting bounds what a compromised client or remote "
                       "server can do; it is checked on the output of %s." % (index, cmdlet),
        "verify": index % 29 != 0,
        "subject": subject,
        "category": CATEGORIES[index % len(CATEGORIES)],
        "severity": severity,
        "severityWeight": max(0, min(10, weight + rng.randrange(-2, 3))),
        "frameworks": rng.sample(FRAMEWORKS, rng.randrange(1, 5)),
        "references": [{"name": "Vendor guidance for %s" % cmdlet,
                        "url": "https://learn.microsoft.com/powershell/module/exchange/%s" % cmdlet.lower()}],
        "roles": [["Mailbox"], ["Edge"], ["Mailbox", "Edge"]][index % 3],
    }
    value_id = None
    # About a quarter manual (no check block), as in the EDCA catalog.
    if entry["verify"] and index % 4 != 3:
        entry["check"], value_id = check(rng, index)
    script = "Set-Something -Identity $env:COMPUTERNAME -Limit "
    entry["remediation"] = {"automatable": value_id is not None,
                            "description": "Change the setting to the documented value.",
                            "scriptTemplate": script + ("{{%s}}" % value_id if value_id else "20")}
    if index % 3 == 0:
        entry["considerations"] = "Test on one server before changing every server."
    return entry


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    catalog = {"title": "Synthetic catalog of %d controls" % args.count, "version": "1.0",
               "description": "Generated by bench/compile/make_catalog.py for compiler timing.",
               "controls": [control(rng, index) for index in range(args.count)]}
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(catalog, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
