"""Registry and service tests: scapc collecting from a bundle against oscap analysing what scapc collected.

A generated matrix of registry_test and service_test definitions (value types, operations,
check x check_existence, entity_check over multi-string values, keys picked by pattern, keys that
are missing, unread or unreadable, services present and absent) is evaluated three ways:
  1. scapc oval analyse DEFS BUNDLE.json (collecting from the bundle's "windows" section),
  2. oscap oval analyse DEFS SYSCHAR, where SYSCHAR is what scapc collected (--syschar-out),
  3. scapc oval analyse DEFS SYSCHAR.
Every definition must agree across the three; the collected objects' flags must be the ones the
bundle implies (docs/collected-data.md). Usage: windows_differential.py SCAPC WORK_DIR
"""
import itertools
import re
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import fail, finish  # noqa: E402

scapc, work = sys.argv[1:3]
RES = "{http://oval.mitre.org/XMLSchema/oval-results-5}"
SC = "{http://oval.mitre.org/XMLSchema/oval-system-characteristics-5}"
LSA = "SYSTEM\\CurrentControlSet\\Control\\Lsa"
LOGS = "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Logging"
SCHANNEL = "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols"


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


bundle = {
    "scapcBundle": 1,
    "host": {"hostName": "ex-odd_Name.example"},
    "cmdlets": [],
    "windows": {
        "registry": [
            {"hive": "HKEY_LOCAL_MACHINE", "key": LSA, "values": [
                {"name": "LmCompatibilityLevel", "type": "reg_dword", "value": 5},
                {"name": "RestrictAnonymous", "value": 0},
                {"name": "Notification Packages", "type": "reg_multi_sz", "value": ["scecli", "rassfm"]},
                {"name": "Empty List", "type": "reg_multi_sz", "value": []},
                {"name": "Version", "type": "reg_sz", "value": "15.2.1118.7"},
                {"name": "Mode", "type": "reg_sz", "value": "Enabled"},
            ]},
            {"hive": "HKLM", "key": SCHANNEL + "\\TLS 1.0\\Server", "values": [
                {"name": "Enabled", "type": "reg_dword", "value": 0},
                {"name": "DisabledByDefault", "type": "reg_dword", "value": 1}]},
            {"hive": "HKLM", "key": SCHANNEL + "\\TLS 1.1\\Server", "values": [
                {"name": "Enabled", "type": "reg_dword", "value": 1}]},
            {"hive": "HKLM", "key": SCHANNEL + "\\TLS 1.2\\Server", "values": [
                {"name": "Enabled", "type": "reg_dword", "value": 4294967295}]},
            {"hive": "HKLM", "key": SCHANNEL + "\\SSL 3.0\\Server", "exists": False},
            {"hive": "HKLM", "key": "SOFTWARE\\Denied", "error": "Requested registry access is not allowed."},
            {"hive": "HKLM", "key": "SOFTWARE\\Empty Key", "values": []},
        ],
        "auditPolicy": {"credential_validation": "AUDIT_SUCCESS_FAILURE", "logon": "AUDIT_SUCCESS",
                        "special_logon": "AUDIT_NONE", "process_creation": "AUDIT_FAILURE"},
        "services": [
            {"service_name": "MSExchangePOP3", "display_name": "Microsoft Exchange POP3",
             "start_type": "SERVICE_DISABLED", "current_state": "SERVICE_STOPPED", "start_name": "LocalSystem"},
            {"service_name": "MSExchangeIMAP4", "start_type": "SERVICE_AUTO_START", "current_state": "SERVICE_RUNNING",
             "start_name": "LocalSystem", "pid": 4312, "dependencies": ["MSExchangeADTopology", "RPCSS"]},
            {"service_name": "MSExchangeTransport", "start_type": "SERVICE_AUTO_START",
             "current_state": "SERVICE_RUNNING", "start_name": "NT AUTHORITY\\NetworkService"},
            {"service_name": "RemoteRegistry", "start_type": "SERVICE_DEMAND_START",
             "current_state": "SERVICE_STOPPED"},
        ],
        "fileRights": [
            {"path": LOGS, "trustees": [
                {"trustee_sid": "S-1-5-18", "trustee_name": "NT AUTHORITY\\SYSTEM",
                 "rights": ["standard_delete", "standard_read_control", "standard_write_dac", "file_read_data",
                            "file_write_data", "file_append_data", "file_delete_child"]},
                {"trustee_sid": "S-1-5-32-544", "rights": ["file_read_data", "file_write_data", "standard_delete"]},
                {"trustee_sid": "S-1-5-32-545", "trustee_name": "BUILTIN\\Users",
                 "rights": ["file_read_data", "file_execute", "file_read_attributes"]},
                {"trustee_sid": "S-1-5-21-1-2-3-1118", "trustee_name": "CORP\\Exchange Trusted Subsystem",
                 "rights": ["file_read_data", "file_write_data", "file_append_data"]},
                {"trustee_sid": "S-1-3-0", "trustee_name": "CREATOR OWNER", "rights": ["generic_all"]},
                {"trustee_sid": "S-1-5-99", "rights": []}]},
            {"path": "D:\\Missing", "exists": False},
            {"path": "E:\\Denied", "error": "Access to the path 'E:\\Denied' is denied."},
        ],
    },
}

# Registry objects: (id suffix, hive, key, key operation, name, name operation, expected flag).
REGISTRY_OBJECTS = [
    ("lm", "HKEY_LOCAL_MACHINE", LSA, "equals", "LmCompatibilityLevel", "equals", "complete"),
    ("lm_case", "HKEY_LOCAL_MACHINE", LSA.lower(), "equals", "lmcompatibilitylevel", "equals", "complete"),
    ("restrict", "HKEY_LOCAL_MACHINE", LSA, "equals", "RestrictAnonymous", "equals", "complete"),
    ("packages", "HKEY_LOCAL_MACHINE", LSA, "equals", "Notification Packages", "equals", "complete"),
    ("empty_list", "HKEY_LOCAL_MACHINE", LSA, "equals", "Empty List", "equals", "complete"),
    ("version", "HKEY_LOCAL_MACHINE", LSA, "equals", "Version", "equals", "complete"),
    ("mode", "HKEY_LOCAL_MACHINE", LSA, "equals", "Mode", "equals", "complete"),
    ("tls12", "HKEY_LOCAL_MACHINE", SCHANNEL + "\\TLS 1.2\\Server", "equals", "Enabled", "equals", "complete"),
    ("missing_value", "HKEY_LOCAL_MACHINE", LSA, "equals", "NoSuchValue", "equals", "does not exist"),
    ("any_lsa", "HKEY_LOCAL_MACHINE", LSA, "equals", "^R", "pattern match", "complete"),
    ("missing_key", "HKEY_LOCAL_MACHINE", SCHANNEL + "\\SSL 3.0\\Server", "equals", "Enabled", "equals",
     "does not exist"),
    ("empty_key", "HKEY_LOCAL_MACHINE", "SOFTWARE\\Empty Key", "equals", "Enabled", "equals", "does not exist"),
    ("unread_key", "HKEY_LOCAL_MACHINE", SCHANNEL + "\\PCT 1.0\\Server", "equals", "Enabled", "equals",
     "not collected"),
    ("denied_key", "HKEY_LOCAL_MACHINE", "SOFTWARE\\Denied", "equals", "Enabled", "equals", "error"),
    ("tls_all", "HKEY_LOCAL_MACHINE", "^SYSTEM\\\\CurrentControlSet\\\\Control\\\\SecurityProviders\\\\SCHANNEL\\\\"
     "Protocols\\\\TLS 1\\.[0-2]\\\\Server$", "pattern match", "Enabled", "equals", "incomplete"),
    ("tls_none", "HKEY_LOCAL_MACHINE", "^SOFTWARE\\\\Nothing", "pattern match", "Enabled", "equals",
     "not collected"),
]
SERVICE_OBJECTS = [
    ("pop3", "MSExchangePOP3", "equals", "complete"),
    ("pop3_case", "msexchangepop3", "equals", "complete"),
    ("exchange", "^MSExchange", "pattern match", "complete"),
    ("absent", "MSExchangeUM", "equals", "does not exist"),
]
# States per object kind: (suffix, [(entity, datatype, operation, value, entity_check)]).
REGISTRY_STATES = [
    ("ge5", [("value", "int", "greater than or equal", "5", None)]),
    ("eq0", [("value", "int", "equals", "0", None)]),
    ("ne1", [("value", "int", "not equal", "1", None)]),
    ("le0", [("value", "int", "less than or equal", "0", None)]),
    ("bit", [("value", "int", "bitwise and", "1", None)]),
    ("dword", [("type", "string", "equals", "reg_dword", None)]),
    ("text_ci", [("value", "string", "case insensitive equals", "enabled", None)]),
    ("text_pattern", [("value", "string", "pattern match", "^En", None)]),
    ("version", [("value", "version", "greater than or equal", "15.2.1118.7", None)]),
    ("has_scecli", [("value", "string", "equals", "scecli", "at least one")]),
    ("all_scecli", [("value", "string", "equals", "scecli", "all")]),
    ("none_bad", [("value", "string", "equals", "bad", "none satisfy")]),
    ("type_and_value", [("type", "string", "equals", "reg_dword", None), ("value", "int", "equals", "1", None)]),
]
SERVICE_STATES = [
    ("disabled", [("start_type", "string", "equals", "SERVICE_DISABLED", None)]),
    ("running", [("current_state", "string", "equals", "SERVICE_RUNNING", None)]),
    ("system", [("start_name", "string", "case insensitive equals", "localsystem", None)]),
    ("pid", [("pid", "int", "greater than", "0", None)]),
    ("rpcss", [("dependencies", "string", "equals", "RPCSS", "at least one")]),
]
# Audit policy states: (suffix, [(entity, value)]); "logon_claims" is absent from the bundle's policy.
AUDIT_STATES = [
    ("cred_both", [("credential_validation", "AUDIT_SUCCESS_FAILURE")]),
    ("logon_failure", [("logon", "AUDIT_FAILURE")]),
    ("logon_success", [("logon", "AUDIT_SUCCESS")]),
    ("special_none", [("special_logon", "AUDIT_NONE")]),
    ("two", [("process_creation", "AUDIT_FAILURE"), ("logon", "AUDIT_SUCCESS")]),
    ("absent", [("logon_claims", "AUDIT_SUCCESS")]),
]
# File rights objects: (suffix, path entities, trustee operation, trustee, filter state or None, flag).
FILE_OBJECTS = [
    ("logs_all", ("path", LOGS), "pattern match", ".*", None, "complete"),
    ("logs_case", ("path", LOGS.lower() + "\\"), "pattern match", ".*", None, "complete"),
    ("logs_filepath", ("filepath", LOGS), "pattern match", "^S-1-5-32-", None, "complete"),
    ("logs_var", ("var", LOGS), "equals", "S-1-5-18", None, "complete"),
    ("logs_nobody", ("path", LOGS), "equals", "S-1-5-32-546", None, "does not exist"),
    ("logs_others", ("path", LOGS), "pattern match", ".*", "authorized", "complete"),
    ("logs_none_left", ("path", LOGS), "equals", "S-1-5-18", "authorized", "does not exist"),
    ("missing", ("path", "D:\\Missing"), "pattern match", ".*", None, "does not exist"),
    ("denied", ("path", "E:\\Denied"), "pattern match", ".*", None, "error"),
    ("unread", ("path", "F:\\Unread"), "pattern match", ".*", None, "not collected"),
]
FILE_STATES = [
    ("read", [("file_read_data", "boolean", "equals", "true", None)]),
    ("no_write", [("file_write_data", "boolean", "equals", "false", None)]),
    ("delete", [("standard_delete", "boolean", "equals", "1", None)]),
    ("generic", [("generic_all", "boolean", "not equal", "false", None)]),
    ("builtin", [("trustee_sid", "string", "pattern match", "^S-1-5-32-", None)]),
    ("read_delete", [("trustee_sid", "string", "not equal", "S-1-5-18", None),
                     ("standard_delete", "boolean", "equals", "true", None),
                     ("file_read_data", "boolean", "equals", "true", None)]),
    ("authorized", [("trustee_sid", "string", "pattern match", "^S-1-5-(18|32-544)$", None)]),
]
CHECKS = ["all", "at least one", "none satisfy", "only one"]
EXISTENCE = ["all_exist", "any_exist", "at_least_one_exists", "none_exist", "only_one_exists"]

definitions, tests, objects, states = [], [], [], []
meta = {}  # definition id -> (kind, object, state, check, check_existence)
n = {"def": 0, "tst": 0}


OBJECT_IDS = {f"reg_{o[0]}": i + 1 for i, o in enumerate(REGISTRY_OBJECTS)}
OBJECT_IDS.update({f"svc_{o[0]}": 100 + i for i, o in enumerate(SERVICE_OBJECTS)})
STATE_IDS = {f"registry_{s[0]}": i + 1 for i, s in enumerate(REGISTRY_STATES)}
STATE_IDS.update({f"service_{s[0]}": 100 + i for i, s in enumerate(SERVICE_STATES)})
STATE_IDS.update({f"auditeventpolicysubcategories_{s[0]}": 200 + i for i, s in enumerate(AUDIT_STATES)})
OBJECT_IDS["aud_policy"] = 200
OBJECT_IDS.update({f"file_{o[0]}": 300 + i for i, o in enumerate(FILE_OBJECTS)})
STATE_IDS.update({f"fileeffectiverights53_{s[0]}": 300 + i for i, s in enumerate(FILE_STATES)})


def entity_xml(prefix, name, datatype, operation, value, entity_check):
    attrs = ""
    if datatype != "string":
        attrs += f' datatype="{datatype}"'
    if operation != "equals":
        attrs += f' operation="{operation}"'
    if entity_check:
        attrs += f' entity_check="{entity_check}"'
    return f"<{prefix}:{name}{attrs}>{esc(value)}</{prefix}:{name}>"


for suffix, hive, key, key_op, name, name_op, _flag in REGISTRY_OBJECTS:
    key_attr = "" if key_op == "equals" else f' operation="{key_op}"'
    name_attr = "" if name_op == "equals" else f' operation="{name_op}"'
    objects.append(f'<win:registry_object id="oval:w:obj:{OBJECT_IDS["reg_" + suffix]}" version="1">'
                   f"<win:hive>{hive}</win:hive><win:key{key_attr}>{esc(key)}</win:key>"
                   f"<win:name{name_attr}>{esc(name)}</win:name></win:registry_object>")
for suffix, name, op, _flag in SERVICE_OBJECTS:
    attr = "" if op == "equals" else f' operation="{op}"'
    objects.append(f'<win:service_object id="oval:w:obj:{OBJECT_IDS["svc_" + suffix]}" version="1">'
                   f"<win:service_name{attr}>{esc(name)}</win:service_name></win:service_object>")
for suffix, entities in AUDIT_STATES:  # entities in the schema's order, as the states list them
    body = "".join(f"<win:{name}>{value}</win:{name}>" for name, value in entities)
    states.append(f'<win:auditeventpolicysubcategories_state id="oval:w:ste:{STATE_IDS["auditeventpolicysubcategories_" + suffix]}"'
                  f' version="1">{body}</win:auditeventpolicysubcategories_state>')
for suffix, (where, path), trustee_op, trustee, filter_state, _flag in FILE_OBJECTS:
    if where == "var":
        located = '<win:path var_ref="oval:w:var:1" var_check="all"/><win:filename xsi:nil="true"/>'
    elif where == "filepath":
        located = f"<win:filepath>{esc(path)}</win:filepath>"
    else:
        located = f'<win:path>{esc(path)}</win:path><win:filename xsi:nil="true"/>'
    filtered = (f'<filter action="exclude">oval:w:ste:{STATE_IDS["fileeffectiverights53_" + filter_state]}</filter>'
                if filter_state else "")
    objects.append(f'<win:fileeffectiverights53_object id="oval:w:obj:{OBJECT_IDS["file_" + suffix]}" version="1">'
                   f'{located}<win:trustee_sid operation="{trustee_op}">{esc(trustee)}</win:trustee_sid>{filtered}'
                   "</win:fileeffectiverights53_object>")
# oscap 1.3.7 crashes loading definitions where an object without child elements is followed by
# another object with nothing, not even white space, between them (this file is written without
# any); the audit policy object goes last. scapc's writer indents, so its documents are not affected.
objects.append('<win:auditeventpolicysubcategories_object id="oval:w:obj:200" version="1"/>')
for kind, table in (("registry", REGISTRY_STATES), ("service", SERVICE_STATES), ("fileeffectiverights53", FILE_STATES)):
    for suffix, entities in table:
        body = "".join(entity_xml("win", *e) for e in entities)
        states.append(f'<win:{kind}_state id="oval:w:ste:{STATE_IDS[kind + "_" + suffix]}" version="1">{body}</win:{kind}_state>')


objects_of = {}  # definition id -> its test's object id


def add_definition(kind, object_suffix, state_suffix, check, existence):
    n["def"] += 1
    n["tst"] += 1
    meta[f"oval:w:def:{n['def']}"] = (kind, object_suffix, state_suffix, check, existence)
    prefix = {"registry": "reg", "service": "svc", "fileeffectiverights53": "file"}.get(kind, "aud")
    objects_of[f"oval:w:def:{n['def']}"] = f'oval:w:obj:{OBJECT_IDS[prefix + "_" + object_suffix]}' \
        if prefix != "aud" else "oval:w:obj:200"
    state = f'<win:state state_ref="oval:w:ste:{STATE_IDS[kind + "_" + state_suffix]}"/>' if state_suffix else ""
    tests.append(f'<win:{kind}_test id="oval:w:tst:{n["tst"]}" version="1" comment="t" check="{check}" '
                 f'check_existence="{existence}"><win:object object_ref="oval:w:obj:{OBJECT_IDS[prefix + "_" + object_suffix]}"/>'
                 f"{state}</win:{kind}_test>")
    definitions.append(f'<definition id="oval:w:def:{n["def"]}" version="1" class="compliance"><metadata>'
                       f"<title>{kind} {object_suffix} {state_suffix} {check} {existence}</title>"
                       f'<description>d</description></metadata><criteria><criterion test_ref="oval:w:tst:{n["tst"]}"/>'
                       f"</criteria></definition>")


for (obj, *_), (state, _), check in itertools.product(REGISTRY_OBJECTS, REGISTRY_STATES, CHECKS):
    add_definition("registry", obj, state, check, "at_least_one_exists")
for (obj, *_), existence in itertools.product(REGISTRY_OBJECTS, EXISTENCE):
    add_definition("registry", obj, None, "all", existence)
    if existence != "none_exist":  # the schematron forbids a state there
        add_definition("registry", obj, "ge5", "all", existence)
for (obj, *_), (state, _), check in itertools.product(SERVICE_OBJECTS, SERVICE_STATES, CHECKS):
    add_definition("service", obj, state, check, "at_least_one_exists")
for (obj, *_), existence in itertools.product(SERVICE_OBJECTS, EXISTENCE):
    add_definition("service", obj, None, "all", existence)
for (obj, *_), (state, _), check in itertools.product(FILE_OBJECTS, FILE_STATES, CHECKS):
    add_definition("fileeffectiverights53", obj, state, check, "at_least_one_exists")
for (obj, *_), existence in itertools.product(FILE_OBJECTS, EXISTENCE):
    add_definition("fileeffectiverights53", obj, None, "all", existence)
    if existence != "none_exist":
        add_definition("fileeffectiverights53", obj, "read", "all", existence)
for (state, _), check in itertools.product(AUDIT_STATES, CHECKS):
    add_definition("auditeventpolicysubcategories", "policy", state, check, "at_least_one_exists")

defs_xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<oval_definitions '
            'xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" '
            'xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5" '
            'xmlns:win="http://oval.mitre.org/XMLSchema/oval-definitions-5#windows" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<generator><oval:schema_version>5.11.2</oval:schema_version>'
            '<oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>'
            f'<definitions>{"".join(definitions)}</definitions><tests>{"".join(tests)}</tests>'
            f'<objects>{"".join(objects)}</objects><states>{"".join(states)}</states>'
            '<variables><constant_variable id="oval:w:var:1" version="1" datatype="string" comment="logs">'
            f"<value>{esc(LOGS)}</value></constant_variable></variables></oval_definitions>\n")
defs = os.path.join(work, "windows-defs.xml")
bundle_path = os.path.join(work, "windows-bundle.json")
syschar = os.path.join(work, "windows-syschar.xml")
with open(defs, "w", encoding="utf-8") as out:
    out.write(defs_xml)
with open(bundle_path, "w", encoding="utf-8") as out:
    json.dump(bundle, out, indent=1)

validated = subprocess.run(["oscap", "oval", "validate", defs], capture_output=True, text=True)
if validated.returncode != 0:
    fail(f"the generated definitions are not valid OVAL: {validated.stderr.strip()[:500]}")


def results_of(path):
    root = ET.parse(path).getroot()
    return {d.get("definition_id"): d.get("result") for d in root.iter(f"{RES}definition")}


def scapc_analyse(system, results, extra=()):
    run = subprocess.run([scapc, "oval", "analyse", "--results", results, *extra, defs, system],
                         capture_output=True, text=True)
    if run.returncode != 0:
        fail(f"scapc oval analyse {os.path.basename(system)} exited {run.returncode}: {run.stderr.strip()[:500]}")
        return {}
    return results_of(results)


from_bundle = scapc_analyse(bundle_path, os.path.join(work, "scapc-bundle-results.xml"), ["--syschar-out", syschar])
validated = subprocess.run(["oscap", "oval", "validate", syschar], capture_output=True, text=True)
if "Invalid" in validated.stderr or "Element" in validated.stderr:
    fail(f"the system characteristics scapc wrote are not valid: {validated.stderr.strip()[:500]}")
from_syschar = scapc_analyse(syschar, os.path.join(work, "scapc-syschar-results.xml"))
oscap_results = os.path.join(work, "oscap-results.xml")
oscap = subprocess.run(["oscap", "oval", "analyse", "--results", oscap_results, defs, syschar],
                       capture_output=True, text=True)
if oscap.returncode != 0:
    fail(f"oscap oval analyse exited {oscap.returncode}: {oscap.stderr.strip()[:500]}")
by_oscap = results_of(oscap_results) if oscap.returncode == 0 else {}

titles = {d.get("id"): d.find("{http://oval.mitre.org/XMLSchema/oval-definitions-5}metadata/"
                              "{http://oval.mitre.org/XMLSchema/oval-definitions-5}title").text
          for d in ET.parse(defs).getroot().iter("{http://oval.mitre.org/XMLSchema/oval-definitions-5}definition")}


def departure(definition, by_scapc, by_oscap):
    """Why scapc may differ from oscap here (a row of docs/oval-engine.md's table), or None."""
    kind, obj, state, check, existence = meta[definition]
    if existence == "any_exist" and not state and by_oscap == "true" and object_flags.get(objects_of[definition]) in (
            "error", "not collected", "not applicable"):
        # TestType: such an object gives error, unknown or not applicable whatever the test.
        expected = {"error": "error", "not collected": "unknown", "not applicable": "not applicable"}
        return "flag decides" if by_scapc == expected[object_flags[objects_of[definition]]] else None
    if state == "version" and obj in ("packages", "mode"):
        return "uncastable" if by_scapc == "error" else None
    if state == "version" and obj in ("tls12", "tls_all"):
        # 4294967295 as a version is one part larger than 15; oscap orders it below.
        return "version part above 2^31" if by_oscap != by_scapc else None
    return None


def file_rights_model():
    """Each file rights definition's result from the bundle, by OVAL's check and existence rules."""
    entries = {e["path"].rstrip("\\").lower(): e for e in bundle["windows"]["fileRights"]}
    state_of = dict(FILE_STATES)

    def satisfies(trustee, entities):
        for name, datatype, operation, value, _check in entities:
            if datatype == "boolean":
                have = name in trustee.get("rights", [])
                want = value in ("true", "1")
                if (have == want) != (operation == "equals"):
                    return False
            elif operation == "pattern match":
                if not re.search(value, trustee["trustee_sid"]):
                    return False
            elif (trustee["trustee_sid"] == value) != (operation == "equals"):
                return False
        return True

    out = {}
    for definition, (kind, obj, state, check, existence) in meta.items():
        if kind != "fileeffectiverights53":
            continue
        _s, (_where, path), trustee_op, trustee, filter_state, flag = next(o for o in FILE_OBJECTS if o[0] == obj)
        if flag in ("error", "not collected"):
            out[definition] = "error" if flag == "error" else "unknown"
            continue
        entry = entries.get(path.rstrip("\\").lower(), {})
        items = [x for x in entry.get("trustees", [])
                 if (re.search(trustee, x["trustee_sid"]) if trustee_op == "pattern match" else x["trustee_sid"] == trustee)
                 and not (filter_state and satisfies(x, state_of[filter_state]))]
        count = len(items)
        exists = {"all_exist": count >= 1, "any_exist": True, "at_least_one_exists": count >= 1,
                  "none_exist": count == 0, "only_one_exists": count == 1}[existence]
        if not exists or state is None or count == 0:
            out[definition] = "true" if exists else "false"
            continue
        matched = sum(1 for x in items if satisfies(x, state_of[state]))
        out[definition] = "true" if {"all": matched == count, "at least one": matched >= 1,
                                     "none satisfy": matched == 0, "only one": matched == 1}[check] else "false"
    return out


object_flags = {o.get("id"): o.get("flag") for o in ET.parse(syschar).getroot().iter(f"{SC}object")}
model = file_rights_model()
for definition, expected in sorted(model.items()):
    # Beside oscap, the file rights rows are held to the schema's rules computed from the bundle.
    ours = from_bundle.get(definition)
    if ours != expected:
        fail(f"{definition} ({titles[definition]}): scapc {ours}, the model of the schema's rules {expected}")
disagreements = 0
departures = {}
for definition, title in titles.items():
    trio = (from_bundle.get(definition), from_syschar.get(definition), by_oscap.get(definition))
    if trio[0] is None or trio[0] != trio[1]:
        fail(f"{definition} ({title}): scapc from the bundle {trio[0]}, from its system characteristics {trio[1]}")
        continue
    if trio[0] == trio[2]:
        continue
    why = departure(definition, trio[0], trio[2])
    if why:
        departures[why] = departures.get(why, 0) + 1
        continue
    disagreements += 1
    if disagreements <= 20:
        fail(f"{definition} ({title}): scapc {trio[0]}, oscap {trio[2]}")
for why in ("uncastable", "version part above 2^31", "flag decides"):
    if departures.get(why, 0) == 0:
        fail(f"no definition of the '{why}' departure: the matrix no longer covers that row")

flags = {o.get("id"): o.get("flag") for o in ET.parse(syschar).getroot().iter(f"{SC}object")}
for suffix, *_rest, flag in REGISTRY_OBJECTS:
    got = flags.get("oval:w:obj:%d" % OBJECT_IDS["reg_" + suffix])
    if got != flag:
        fail(f"registry object {suffix}: flag {got}, expected {flag}")
if flags.get("oval:w:obj:200") != "complete":
    fail(f"audit policy object: flag {flags.get('oval:w:obj:200')}, expected complete")
for suffix, _name, _op, flag in SERVICE_OBJECTS:
    got = flags.get("oval:w:obj:%d" % OBJECT_IDS["svc_" + suffix])
    if got != flag:
        fail(f"service object {suffix}: flag {got}, expected {flag}")
for suffix, *_rest, flag in FILE_OBJECTS:
    got = flags.get("oval:w:obj:%d" % OBJECT_IDS["file_" + suffix])
    if got != flag:
        fail(f"file rights object {suffix}: flag {got}, expected {flag}")

# The same data through scapc check: catalog checks over registry and services decide rules.
catalog = os.path.join(os.path.dirname(__file__), "..", "collector", "fixtures", "windows-catalog.json")
content = os.path.join(work, "windows-ds.xml")
server = {"scapcBundle": 1, "host": {"hostName": "EX1"}, "cmdlets": [
    {"cmdlet": "Get-ExchangeServer", "objects": [{"Name": "EX1", "ServerRole": "Mailbox", "IsEdgeServer": False,
                                                  "AdminDisplayVersion": "Version 15.2 (Build 1118.7)"}]}],
          "windows": {"registry": [{"hive": "HKLM", "key": LSA, "values": [
              {"name": "LmCompatibilityLevel", "type": "reg_dword", "value": 5},
              {"name": "RestrictAnonymous", "value": 0}]}],
              "services": [{"service_name": "MSExchangePOP3", "start_type": "SERVICE_DISABLED"},
                           {"service_name": "MSExchangeIMAP4", "start_type": "SERVICE_AUTO_START"}]}}
server_path = os.path.join(work, "ex1-bundle.json")
with open(server_path, "w", encoding="utf-8") as out:
    json.dump(server, out)
summary = os.path.join(work, "summary.json")
for args in (["compile", catalog, "-o", content], ["check", content, "--data", server_path, "--json", summary]):
    run = subprocess.run([scapc, *args], capture_output=True, text=True)
    if run.returncode not in (0, 2):
        fail(f"scapc {args[0]} exited {run.returncode}: {run.stderr.strip()[:300]}")
if os.path.exists(summary):
    with open(summary, encoding="utf-8") as f:
        verdicts = {r["id"].rsplit("_", 1)[-1]: r["result"] for r in json.load(f)["hosts"][0]["rules"]}
    # The audit policy and the logging folder's rights were not collected: unknown.
    expected = {"WIN-LSA-1": "pass", "WIN-LSA-2": "fail", "WIN-TLS-1": "unknown", "WIN-SVC-1": "fail",
                "WIN-AU-1": "unknown", "WIN-FR-1": "unknown"}
    if verdicts != expected:
        fail(f"scapc check on registry and service data: {verdicts}, expected {expected}")

# The OVAL scapc writes for that catalog (registry, service, audit policy and file rights objects
# in one document) loads in oscap and gives its results on what scapc collected from the bundle;
# the folder's site value takes its default, as a profile exports it.
catalog_oval = os.path.join(work, "windows-oval.xml")
run = subprocess.run([scapc, "compile", catalog, "-o", os.path.join(work, "windows-ds2.xml"), "--oval", catalog_oval],
                     capture_output=True, text=True)
variables_path = os.path.join(work, "windows-variables.xml")
external = [v for v in ET.parse(catalog_oval).getroot().iter("{http://oval.mitre.org/XMLSchema/oval-definitions-5}"
                                                             "external_variable")]
with open(variables_path, "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<oval_variables xmlns="http://oval.mitre.org/XMLSchema/'
              'oval-variables-5" xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"><generator>'
              "<oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2026-01-01T00:00:00"
              "</oval:timestamp></generator><variables>" +
              "".join(f'<variable id="{v.get("id")}" datatype="string" comment="c"><value>{esc(LOGS)}</value>'
                      "</variable>" for v in external) + "</variables></oval_variables>\n")
with_rights = dict(server, windows=dict(server["windows"], fileRights=bundle["windows"]["fileRights"]))
with open(server_path, "w", encoding="utf-8") as out:
    json.dump(with_rights, out)
catalog_sc = os.path.join(work, "windows-catalog-sc.xml")
ours = subprocess.run([scapc, "oval", "analyse", "--variables", variables_path, "--results",
                       os.path.join(work, "catalog-ours.xml"), "--syschar-out", catalog_sc, catalog_oval, server_path],
                      capture_output=True, text=True)
theirs = subprocess.run(["oscap", "oval", "analyse", "--variables", variables_path, "--results",
                         os.path.join(work, "catalog-theirs.xml"), catalog_oval, catalog_sc], capture_output=True, text=True)
if len(external) != 1 or ours.returncode != 0 or theirs.returncode != 0:
    fail(f"the compiled Windows catalog: {len(external)} site values, scapc exit {ours.returncode}, oscap exit "
         f"{theirs.returncode}: {(ours.stderr + theirs.stderr).strip()[:400]}")
else:
    a = results_of(os.path.join(work, "catalog-ours.xml"))
    b = results_of(os.path.join(work, "catalog-theirs.xml"))
    rights = next(d.get("id") for d in ET.parse(catalog_oval).getroot().iter(
        "{http://oval.mitre.org/XMLSchema/oval-definitions-5}definition")
        if any(r.get("ref_id") == "WIN-FR-1" for r in d.iter("{http://oval.mitre.org/XMLSchema/oval-definitions-5}reference")))
    if a != b or len(a) != 7:  # six rules and the Exchange platform
        fail(f"the compiled Windows catalog: scapc {a}, oscap {b}")
    elif a[rights] != "false":  # Exchange Trusted Subsystem may write to the logging folder
        fail(f"the compiled Windows catalog: WIN-FR-1 is {a[rights]}, expected false")
# What an assessor reads for that rule: the trustee and the rights it holds by name, and how many
# trustees the folder has where a test only asks that they exist.
rights_summary = os.path.join(work, "rights-summary.json")
subprocess.run([scapc, "check", os.path.join(work, "windows-ds2.xml"), "--data", server_path, "--json", rights_summary],
               capture_output=True, text=True)
with open(rights_summary, encoding="utf-8") as f:
    rule = next(r for r in json.load(f)["hosts"][0]["rules"] if r["id"].endswith("WIN-FR-1"))
evidence = "\n".join(rule["evidence"])
wanted = ("[false] path=" + LOGS + ", trustee_sid=S-1-5-21-1-2-3-1118, trustee_name=CORP\\Exchange Trusted "
          "Subsystem, holds file_read_data, file_write_data, file_append_data")
if rule["result"] != "fail" or wanted not in evidence:
    fail(f"WIN-FR-1 evidence: {rule['result']}: {evidence[:600]}")

# DISA's Windows Server 2016 STIG: the event log file and Eventvwr.exe permission rules, compiled
# from their text, on a server whose files are as the STIG lists them and on one where Users may
# read the Security log and Authenticated Users may modify Eventvwr.exe; scapc and oscap agree.
ws_stig = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus", "stig-more",
                       "U_MS_Windows_Server_2016_STIG_V2R10_Manual-xccdf.xml")
ws_oval = os.path.join(work, "ws2016-oval.xml")
run = subprocess.run([scapc, "compile", ws_stig, "-o", os.path.join(work, "ws2016-ds.xml"), "--oval", ws_oval],
                     capture_output=True, text=True)
if run.returncode != 0:
    fail(f"compiling the Windows Server 2016 STIG: {run.stderr.strip()[:300]}")
else:
    EVENTLOG = "S-1-5-80-880578595-1860270145-482643319-2788375705-1540778122"
    TRUSTED = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464"
    full = ["standard_delete", "standard_read_control", "standard_write_dac", "standard_write_owner", "file_read_data",
            "file_write_data", "file_append_data", "file_execute", "file_delete_child", "file_read_attributes"]
    read_execute = ["standard_read_control", "file_read_data", "file_read_ea", "file_execute", "file_read_attributes"]
    logs = "C:\\Windows\\System32\\winevt\\Logs"

    def ws_bundle(security_extra, viewer_extra):
        rights = []
        for name in ("Application", "Security", "System"):
            trustees = [{"trustee_sid": sid, "rights": full} for sid in (EVENTLOG, "S-1-5-18", "S-1-5-32-544")]
            if name == "Security":
                trustees += security_extra
            rights.append({"path": f"{logs}\\{name}.evtx", "trustees": trustees})
        rights.append({"path": "C:\\Windows\\System32\\Eventvwr.exe",
                       "trustees": [{"trustee_sid": TRUSTED, "rights": full}] +
                       [{"trustee_sid": sid, "rights": read_execute}
                        for sid in ("S-1-5-32-544", "S-1-5-18", "S-1-5-32-545", "S-1-15-2-1", "S-1-15-2-2")] +
                       viewer_extra})
        return {"scapcBundle": 1, "host": {"hostName": "WS1"}, "cmdlets": [], "windows": {"fileRights": rights}}

    ws_variables = os.path.join(work, "ws2016-variables.xml")
    defaults = {"Windows event log folder": logs, "Windows System32 folder": "C:\\Windows\\System32"}
    ws_external = list(ET.parse(ws_oval).getroot().iter("{http://oval.mitre.org/XMLSchema/oval-definitions-5}"
                                                        "external_variable"))
    with open(ws_variables, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<oval_variables xmlns="http://oval.mitre.org/XMLSchema/'
                  'oval-variables-5" xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"><generator>'
                  "<oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2026-01-01T00:00:00"
                  "</oval:timestamp></generator><variables>" +
                  "".join(f'<variable id="{v.get("id")}" datatype="string" comment="c"><value>'
                          f'{esc(defaults[v.get("comment")])}</value></variable>' for v in ws_external) +
                  "</variables></oval_variables>\n")
    by_stig_id = {}
    for d in ET.parse(ws_oval).getroot().iter("{http://oval.mitre.org/XMLSchema/oval-definitions-5}definition"):
        for r in d.iter("{http://oval.mitre.org/XMLSchema/oval-definitions-5}reference"):
            by_stig_id[r.get("ref_id")] = d.get("id")
    rules = ["WN16-AU-000030", "WN16-AU-000040", "WN16-AU-000050", "WN16-AU-000060"]
    cases = {
        "as listed": (ws_bundle([], []), ["true", "true", "true", "true"]),
        "opened": (ws_bundle([{"trustee_sid": "S-1-5-32-545", "rights": ["file_read_data"]}],
                             [{"trustee_sid": "S-1-5-11", "rights": ["file_write_data", "standard_delete"]}]),
                   ["true", "false", "true", "false"]),
    }
    for name, (data, expected) in cases.items():
        data_path = os.path.join(work, f"ws2016-{name.replace(' ', '-')}.json")
        with open(data_path, "w", encoding="utf-8") as out:
            json.dump(data, out)
        sc_path = data_path.replace(".json", "-sc.xml")
        ours = subprocess.run([scapc, "oval", "analyse", "--variables", ws_variables, "--results",
                               sc_path + ".ours.xml", "--syschar-out", sc_path, ws_oval, data_path],
                              capture_output=True, text=True)
        theirs = subprocess.run(["oscap", "oval", "analyse", "--variables", ws_variables, "--results",
                                 sc_path + ".theirs.xml", ws_oval, sc_path], capture_output=True, text=True)
        if ours.returncode != 0 or theirs.returncode != 0:
            fail(f"Windows Server 2016 file rights, {name}: scapc exit {ours.returncode}, oscap exit "
                 f"{theirs.returncode}: {(ours.stderr + theirs.stderr).strip()[:300]}")
            continue
        a, b = results_of(sc_path + ".ours.xml"), results_of(sc_path + ".theirs.xml")
        got = [a.get(by_stig_id.get(r)) for r in rules]
        if got != expected or got != [b.get(by_stig_id.get(r)) for r in rules]:
            fail(f"Windows Server 2016 file rights, {name}: scapc {got}, oscap "
                 f"{[b.get(by_stig_id.get(r)) for r in rules]}, expected {expected}")

# Real Get-Service output (Export-Clixml of an Exchange 2019 server) read as service items: the
# bundled catalog's service check, by scapc and by oscap on what scapc collected.
e19 = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus", "cmdlet-output", "E19-windows")
bundled_oval = os.path.join(work, "bundled-oval.xml")
bundled_sc = os.path.join(work, "e19-windows-syschar.xml")
catalog_dir = os.path.join(os.path.dirname(__file__), "..", "..", "controls", "catalog")
run = subprocess.run([scapc, "compile", catalog_dir, "-o", os.path.join(work, "bundled-ds.xml"), "--oval", bundled_oval],
                     capture_output=True, text=True)
if run.returncode != 0:
    fail(f"scapc compile of the bundled catalog: {run.stderr.strip()[:300]}")
ours = subprocess.run([scapc, "oval", "analyse", "--results", os.path.join(work, "e19-ours.xml"),
                                            "--syschar-out", bundled_sc, bundled_oval, e19], capture_output=True, text=True)
theirs = subprocess.run(["oscap", "oval", "analyse", "--results", os.path.join(work, "e19-theirs.xml"), bundled_oval,
                         bundled_sc], capture_output=True, text=True)
if ours.returncode != 0 or theirs.returncode != 0:
    fail(f"E19 Windows data: scapc exit {ours.returncode}, oscap exit {theirs.returncode}: "
         f"{(ours.stderr + theirs.stderr).strip()[:400]}")
else:
    a, b = results_of(os.path.join(work, "e19-ours.xml")), results_of(os.path.join(work, "e19-theirs.xml"))
    for definition in sorted(set(a) | set(b)):
        if a.get(definition) != b.get(definition):
            fail(f"E19 Windows data: {definition}: scapc {a.get(definition)}, oscap {b.get(definition)}")
    spooler = next(d.get("id") for d in ET.parse(bundled_oval).getroot().iter(
        "{http://oval.mitre.org/XMLSchema/oval-definitions-5}definition")
        if any(r.get("ref_id") == "EXC-WIN-006" for r in d.iter(
            "{http://oval.mitre.org/XMLSchema/oval-definitions-5}reference")))
    # The server's Print Spooler starts automatically and runs (GetService.xml).
    if a.get(spooler) != "false":
        fail(f"E19 Windows data: the Print Spooler check is {a.get(spooler)}, expected false")

counts = {}
for result in from_bundle.values():
    counts[result] = counts.get(result, 0) + 1
for needed in ("true", "false", "unknown", "error"):
    if counts.get(needed, 0) == 0:
        fail(f"the matrix produced no '{needed}' result: it no longer covers that outcome")
finish(f"windows differential: {len(titles)} definitions, equal to oscap but for the documented departures "
       f"{departures}; results {dict(sorted(counts.items()))}")
