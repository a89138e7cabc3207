"""Evaluates every automated STIG check of the labeled set with `oscap oval analyse`.

For each labeled rule that scapc automates, a system characteristics file is written from the
label's passing objects and another from its failing objects (one cmdlet_item per object, encoded
as docs/compile-mapping.md says collected data is), and oscap (and scapc) must find the definition
true and false respectively. This runs twice: on the four STIGs compiled alone, and compiled with
the bundled catalog, where the rules checked by a catalog control's declared-same check
(tests/stig/fixtures/same-check-examples.json, written by hand from the check text) are evaluated
on their own examples. Definitions that reach no object in common are evaluated together, in one
oscap run over one system characteristics document (batches_of). Usage: evaluate_labels.py SCAPC
SOURCE_DIR WORK_DIR
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from xml.sax.saxutils import escape

scapc, source, work = sys.argv[1:4]
shared = os.path.join(source, "..", "shared")
STIGS = [
    "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml",
    "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml",
    "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml",
    "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml",
]
X = "{http://checklists.nist.gov/xccdf/1.2}"
D = "{http://oval.mitre.org/XMLSchema/oval-definitions-5}"
W = "{http://oval.mitre.org/XMLSchema/oval-definitions-5#windows}"
INT64_MAX = str(2**63 - 1)



def compile_content(folder, with_catalog):
    os.makedirs(folder, exist_ok=True)
    inputs = [os.path.join(shared, "corpus", "stig", s) for s in STIGS]
    if with_catalog:
        inputs.insert(0, os.path.join(source, "controls", "catalog"))
    subprocess.run([scapc, "compile", *inputs, "-o", os.path.join(folder, "ds.xml"), "--xccdf",
                    os.path.join(folder, "xccdf.xml"), "--oval", os.path.join(folder, "oval.xml"),
                    "--id-namespace", "org.scapc.labels", "--timestamp", "2026-01-01T00:00:00"],
                   check=True, capture_output=True)
    xccdf = ET.parse(os.path.join(folder, "xccdf.xml")).getroot()
    defaults = {v.get("id"): v.find(X + "value").text or "" for v in xccdf.iter(X + "Value")}
    rules = {}  # STIG ID (or control id) -> (definition id, [(value id, variable id)])
    for rule in xccdf.iter(X + "Rule"):
        check = rule.find(X + "check")
        if check is None or check.get("system") != "http://oval.mitre.org/XMLSchema/oval-definitions-5":
            continue
        exports = [(e.get("value-id"), e.get("export-name")) for e in check.findall(X + "check-export")]
        rules[rule.find(X + "version").text] = (check.find(X + "check-content-ref").get("name"), exports)
    oval = ET.parse(os.path.join(folder, "oval.xml")).getroot()
    return {
        "folder": folder,
        "rules": rules,
        "defaults": defaults,
        "oval": oval,
        "definitions": {d.get("id"): d for d in oval.iter(D + "definition")},
        "tests": {t.get("id"): t for t in oval.iter() if t.tag.startswith(W) and t.tag.endswith("_test")},
        "objects": {o.get("id"): o for o in oval.iter() if o.tag.startswith(W) and o.tag.endswith("_object")},
        "states": {s.get("id"): s for s in oval.iter() if s.tag.startswith(W) and s.tag.endswith("_state")},
        "locals": {v.get("id"): v for v in oval.iter(D + "local_variable")},
        "by_id": {e.get("id"): e for section in oval if section.tag != D + "generator" for e in section if e.get("id")},
        "variable_values": {},  # external variable id -> the site value's default, as variables.xml binds it
    }


def objects_of(content, definition):
    """The objects the definition's tests read, and those of the local variables their states
    compare with (valueFrom)."""
    found = []
    for criterion in definition.iter(D + "criterion"):
        test = content["tests"][criterion.get("test_ref")]
        refs = [test.find(W + "object").get("object_ref")]
        for state in test.findall(W + "state"):
            for field in content["states"][state.get("state_ref")].iter(D + "field"):
                variable = content["locals"].get(field.get("var_ref"))
                if variable is not None:
                    refs.append(variable.find(D + "object_component").get("object_ref"))
        found.extend(ref for ref in refs if ref not in found)
    return found


def selected(content, object_id):
    obj = content["objects"][object_id]
    if obj.find(D + "set") is not None:
        raise SystemExit(f"{object_id}: checks are expected to need no object sets")
    select = obj.find(W + "select")
    field = select.find(D + "field") if select is not None else None
    return [] if field is None else [p.lower() for p in field.text.split(",")]


def encode(value):
    """(datatype, text) items for one property value, as collected data carries them."""
    if value is None:
        return [("string", "")]
    if isinstance(value, bool):
        return [("boolean", "True" if value else "False")]
    if isinstance(value, int):
        return [("int", str(value))]
    if isinstance(value, list):
        return [("string", str(v)) for v in value] or [("string", "")]
    text = str(value)
    span = re.fullmatch(r"(?:(\d+)\.)?(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?", text)
    if span:
        days, h, m, s = (int(g or 0) for g in span.groups())
        return [("int", str(days * 86400 + h * 3600 + m * 60 + s))]
    if text.lower() == "unlimited":
        return [("int", INT64_MAX)]
    exact = re.search(r"\(([\d,]+) bytes\)", text)
    if exact:
        return [("int", exact.group(1).replace(",", ""))]
    sized = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB)", text, re.I)
    if sized:
        scale = 1024 ** ["B", "KB", "MB", "GB", "TB"].index(sized.group(2).upper())
        return [("int", str(int(float(sized.group(1)) * scale)))]
    return [("string", text)]


def registry_item(registry_object, item_id, item):
    """A registry_item of the object's hive, key and name with the label's type and value."""
    names = "".join(f"<win-sc:{entity}>{escape(registry_object.find(W + entity).text)}</win-sc:{entity}>"
                    for entity in ("hive", "key", "name"))
    datatype = ' datatype="int"' if isinstance(item["value"], int) else ""
    return (f'<win-sc:registry_item id="{item_id}">{names}<win-sc:type>{item["type"]}</win-sc:type>'
            f'<win-sc:value{datatype}>{escape(str(item["value"]))}</win-sc:value></win-sc:registry_item>')


RIGHTS = ["standard_delete", "standard_read_control", "standard_write_dac", "standard_write_owner",
          "standard_synchronize", "access_system_security", "generic_read", "generic_write", "generic_execute",
          "generic_all", "file_read_data", "file_write_data", "file_append_data", "file_read_ea", "file_write_ea",
          "file_execute", "file_delete_child", "file_read_attributes", "file_write_attributes"]


def trustee_kept(content, file_object, trustee):
    """Whether a file rights object keeps the label's trustee: its trustee_sid entity picks it and
    its filters (states on trustee_sid, compared by pattern) do not exclude it, as a collector would."""
    picker = file_object.find(W + "trustee_sid")
    if picker.get("operation", "equals") == "pattern match":
        if not re.search(picker.text, trustee["trustee_sid"]):
            return False
    elif picker.text != trustee["trustee_sid"]:
        return False
    for flt in file_object.findall(D + "filter"):
        matches = True
        for entity in content["states"][flt.text]:
            if entity.tag != W + "trustee_sid" or entity.get("operation") != "pattern match":
                raise SystemExit(f"{file_object.get('id')}: a filter on {entity.tag} is not applied by this test")
            wanted = content["variable_values"][entity.get("var_ref")] if entity.get("var_ref") else entity.text
            matches = matches and re.search(wanted, trustee["trustee_sid"]) is not None
        if matches == (flt.get("action", "exclude") == "exclude"):
            return False
    return True


def file_rights_item(content, file_object, item_id, trustee):
    """A fileeffectiverights_item of the object's folder for one label trustee; unlisted rights are false."""
    path_entity = file_object.find(W + "path")
    path = content["variable_values"][path_entity.get("var_ref")] if path_entity.get("var_ref") else path_entity.text
    rights = "".join(f'<win-sc:{r} datatype="boolean">{"true" if r in trustee["rights"] else "false"}</win-sc:{r}>'
                     for r in RIGHTS)
    return (f'<win-sc:fileeffectiverights_item id="{item_id}"><win-sc:path>{escape(path)}</win-sc:path>'
            f'<win-sc:trustee_sid>{escape(trustee["trustee_sid"])}</win-sc:trustee_sid>{rights}'
            "</win-sc:fileeffectiverights_item>")


def service_item(service_object, item_id, item):
    """A service_item for a label service the object's service_name entity picks, or None; Windows
    service names ignore case, and the synthesized pattern says so itself."""
    picker = service_object.find(W + "service_name")
    if picker.get("operation", "equals") == "pattern match":
        if not re.search(picker.text, item["service_name"]):
            return None
    elif picker.text.lower() != item["service_name"].lower():
        return None
    return (f'<win-sc:service_item id="{item_id}"><win-sc:service_name>{escape(item["service_name"])}'
            f'</win-sc:service_name><win-sc:start_type>{escape(item["start_type"])}</win-sc:start_type>'
            "</win-sc:service_item>")


def kept(content, object_id, item):
    """Whether the object's filters keep the label object. A collector applies filters before it
    writes collected data, so the test applies them here for the operations catalog filters use
    (equals, case-insensitive equals, pattern match; every field of the state must match)."""
    by_name = {k.lower(): v for k, v in item.items()}
    for flt in content["objects"][object_id].findall(D + "filter"):
        state = content["states"][flt.text]
        matches = True
        for field in state.find(W + "value").findall(D + "field"):
            value = by_name.get(field.get("name"))
            text = ("True" if value else "False") if isinstance(value, bool) else str(value)
            operation = field.get("operation", "equals")
            wanted = content["variable_values"][field.get("var_ref")] if field.get("var_ref") else (field.text or "")
            if operation == "pattern match":
                matches = matches and re.search(wanted, text) is not None
            elif operation == "case insensitive equals":
                matches = matches and text.lower() == wanted.lower()
            elif operation == "equals":
                matches = matches and text == wanted
            else:
                raise SystemExit(f"{object_id}: filter operation {operation} is not applied by this test")
        if matches == (flt.get("action", "exclude") == "exclude"):
            return False
    return True


def collected_object(object_id, refs):
    flag = "complete" if refs else "does not exist"
    return f'<object id="{object_id}" version="1" flag="{flag}">{"".join(refs)}</object>'


def collected_parts(content, object_ids, items, collected, data, next_id):
    """Appends the collected objects and their items to `collected` and `data`, numbering items from
    `next_id`; returns the next free number. `items`: the objects every cmdlet object returns, or a
    dict of them by cmdlet (Get-Noun)."""
    for object_id in object_ids:
        if content["objects"][object_id].tag == W + "fileeffectiverights53_object":
            refs = []
            for trustee in (t for t in items if trustee_kept(content, content["objects"][object_id], t)):
                data.append(file_rights_item(content, content["objects"][object_id], next_id, trustee))
                refs.append(f'<reference item_ref="{next_id}"/>')
                next_id += 1
            collected.append(collected_object(object_id, refs))
            continue
        if content["objects"][object_id].tag == W + "service_object":
            if content["objects"][object_id].find(D + "filter") is not None:
                raise SystemExit(f"{object_id}: a service object filter is not applied by this test")
            refs = []
            for item in items:
                written = service_item(content["objects"][object_id], next_id, item)
                if written is None:
                    continue
                data.append(written)
                refs.append(f'<reference item_ref="{next_id}"/>')
                next_id += 1
            collected.append(collected_object(object_id, refs))
            continue
        if content["objects"][object_id].tag == W + "registry_object":
            refs = []
            for item in items:
                data.append(registry_item(content["objects"][object_id], next_id, item))
                refs.append(f'<reference item_ref="{next_id}"/>')
                next_id += 1
            collected.append(collected_object(object_id, refs))
            continue
        properties = selected(content, object_id)
        noun = content["objects"][object_id].find(W + "noun").text
        returned = items.get("Get-" + noun, []) if isinstance(items, dict) else items
        refs = []
        for item in (i for i in returned if kept(content, object_id, i)):
            by_name = {k.lower(): v for k, v in item.items()}
            fields = []
            for name in properties:
                if name not in by_name:
                    raise SystemExit(f"label object lacks '{name}', which {object_id} selects")
                for datatype, text in encode(by_name[name]):
                    kind = "" if datatype == "string" else f' datatype="{datatype}"'
                    fields.append(f'<field name="{name}"{kind}>{escape(text)}</field>')
            data.append(f'<win-sc:cmdlet_item id="{next_id}"><win-sc:value datatype="record">{"".join(fields)}'
                        f"</win-sc:value></win-sc:cmdlet_item>")
            refs.append(f'<reference item_ref="{next_id}"/>')
            next_id += 1
        collected.append(collected_object(object_id, refs))
    return next_id


def syschar(collected, data):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oval_system_characteristics xmlns="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5" '
            'xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5" '
            'xmlns:win-sc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#windows">'
            "<generator><oval:schema_version>5.11.2</oval:schema_version>"
            "<oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>"
            "<system_info><os_name>Windows</os_name><os_version>10</os_version><architecture>x86_64</architecture>"
            "<primary_host_name>exch01</primary_host_name><interfaces/></system_info>"
            # One object to a line: oscap 1.3.7 reads an empty object followed at once by the next
            # one as if the next had no references ("Skipping tag: reference").
            "<collected_objects>" + "\n".join(collected) + "</collected_objects>"
            # system_data needs an item when it is there at all
            + (f'<system_data>{"".join(data)}</system_data>' if data else "") + "</oval_system_characteristics>")


def write_variables(content):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>\n<oval_variables '
             'xmlns="http://oval.mitre.org/XMLSchema/oval-variables-5" '
             'xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"><generator>'
             "<oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2026-01-01T00:00:00</oval:timestamp>"
             "</generator><variables>"]
    for variable in content["oval"].iter(D + "external_variable"):
        value_id = next((v for _, (_, exports) in content["rules"].items() for v, var in exports
                         if var == variable.get("id")), None)
        if value_id is None:
            continue  # a variable no rule check exports (a platform's site condition)
        content["variable_values"][variable.get("id")] = content["defaults"][value_id]
        lines.append(f'<variable id="{variable.get("id")}" datatype="{variable.get("datatype")}" '
                     f'comment="{value_id}"><value>{escape(content["defaults"][value_id])}</value></variable>')
    lines.append("</variables></oval_variables>")
    with open(os.path.join(content["folder"], "variables.xml"), "w") as out:
        out.write("".join(lines))


def jobs_of(content, labels):
    jobs = []
    for label in labels:
        if label["expect"] != "automated" or label["stig_id"] not in content["rules"]:
            continue
        definition_id, _ = content["rules"][label["stig_id"]]
        for case, expected in (("passing", "true"), ("failing", "false")):
            jobs.append((content, label, definition_id, case, expected))
    return jobs


def closure(content, definition_id):
    """The ids the definition refers to, at any depth (tests, objects, states, variables, extended
    definitions), itself included."""
    by_id = content["by_id"]
    wanted, queue = {definition_id}, [definition_id]
    while queue:
        for node in by_id[queue.pop()].iter():
            for value in list(node.attrib.values()) + [(node.text or "").strip()]:
                if value in by_id and value not in wanted:
                    wanted.add(value)
                    queue.append(value)
    return wanted


def definitions_for(content, wanted):
    """The definitions document cut to the `wanted` ids: oscap and scapc then evaluate the
    definitions a batch asks about instead of all of them, which was most of this test's time."""
    oval = content["oval"]
    root = ET.Element(oval.tag, oval.attrib)
    for section in oval:
        if section.tag == D + "generator":
            root.append(section)
            continue
        kept = [e for e in section if e.get("id") in wanted]
        if kept:
            cut = ET.SubElement(root, section.tag, section.attrib)
            cut.extend(kept)
    return ET.tostring(root, encoding="unicode")


# Jobs per oscap run at most, so that the batches still spread over the cores.
BATCH = 40


def batches_of(jobs):
    """Jobs grouped so that one oscap run (0.2 s however small its input) evaluates many. Jobs of one
    content whose definitions reach no object in common, at any depth, share one system
    characteristics document: each definition then reads its own job's items and no other's, as
    when it ran alone. The passing and failing cases of a definition reach the same objects, so they
    never share a run."""
    batches = []
    for job in jobs:
        content = job[0]
        wanted = closure(content, job[2])
        objects = {i for i in wanted if i in content["objects"]}
        # A batch's wanted ids hold its objects, so they meet the job's objects where objects meet.
        batch = next((b for b in batches if b["content"] is content and len(b["jobs"]) < BATCH
                      and not b["wanted"] & objects), None)
        if batch is None:
            batch = {"content": content, "jobs": [], "wanted": set()}
            batches.append(batch)
        batch["jobs"].append(job)
        batch["wanted"] |= wanted
    return batches


def verdict(job, theirs, ours):
    """`theirs`: oscap's definition results by id; `ours`: scapc oval analyse's output."""
    content, label, definition_id, case, expected = job
    name = f'{label["vuln_id"]}-{case}'
    actual = theirs.get(definition_id)
    if actual is None:
        return f"{name}: {definition_id} not in oscap's results"
    if actual != expected:
        return f"{name}: {label['stig_id']} is {actual}, expected {expected}"
    # The project's own engine must agree with oscap on the same inputs.
    ours_result = re.search(r"^Definition " + re.escape(definition_id) + r": (.+)$", ours, re.M)
    if not ours_result or ours_result.group(1) != actual:
        return f"{name}: scapc oval analyse says {ours_result.group(1) if ours_result else 'nothing'}, oscap {actual}"
    return None


def run(numbered):
    number, batch = numbered
    content = batch["content"]
    folder = content["folder"]
    collected, data, next_id = [], [], 1
    for job in batch["jobs"]:
        _, label, definition_id, case, _ = job
        next_id = collected_parts(content, objects_of(content, content["definitions"][definition_id]), label[case],
                                  collected, data, next_id)
    name = f"batch-{number}"
    sc_path = os.path.join(folder, name + "-sc.xml")
    with open(sc_path, "w") as out:
        out.write(syschar(collected, data))
    oval_path = os.path.join(folder, name + "-oval.xml")
    with open(oval_path, "w") as out:
        out.write(definitions_for(content, batch["wanted"]))
    results = os.path.join(folder, name + "-results.xml")
    variables = os.path.join(folder, "variables.xml")
    subprocess.run(["oscap", "oval", "analyse", "--variables", variables, "--results", results, oval_path, sc_path],
                   capture_output=True)
    try:
        tree = ET.parse(results).getroot()
    except (OSError, ET.ParseError) as error:
        return [f"{name} ({len(batch['jobs'])} jobs, first {batch['jobs'][0][1]['vuln_id']}): no results from oscap "
                f"({error})"]
    theirs = {d.get("definition_id"): d.get("result")
              for d in tree.iter("{http://oval.mitre.org/XMLSchema/oval-results-5}definition")}
    ours = subprocess.run([scapc, "oval", "analyse", "--variables", variables, oval_path, sc_path],
                          capture_output=True, text=True).stdout
    return [f for f in (verdict(job, theirs, ours) for job in batch["jobs"]) if f]


labels = json.load(open(os.path.join(source, "tests", "stig", "fixtures", "labeled-rules.json")))
same_checks = json.load(open(os.path.join(source, "tests", "stig", "fixtures", "same-check-examples.json")))
alone = compile_content(os.path.join(work, "alone"), False)
joined = compile_content(os.path.join(work, "joined"), True)
for content in (alone, joined):
    write_variables(content)
for example in same_checks:
    if example["stig_id"] not in joined["rules"]:
        sys.exit(f'{example["stig_id"]}: the joined content does not automate it with {example["control"]}')
jobs = jobs_of(alone, labels) + jobs_of(joined, labels) + jobs_of(joined, [dict(e, expect="automated") for e in same_checks])

batches = batches_of(jobs)
with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
    failures = [f for batch_failures in pool.map(run, enumerate(batches)) for f in batch_failures]
counts = [len(jobs_of(alone, labels)) // 2, len(jobs_of(joined, labels)) // 2, len(same_checks)]
print(f"automated labeled rules evaluated by oscap and scapc on passing and failing data: {counts[0]} compiled alone, "
      f"{counts[1]} compiled with the bundled catalog plus {counts[2]} checked by a catalog control's declared-same "
      f"check, in {len(batches)} runs; {len(failures)} wrong")
for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures or not jobs else 0)
