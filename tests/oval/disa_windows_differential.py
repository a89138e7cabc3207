"""DISA's Windows 10 STIG SCAP benchmark (OVAL 5.10.1, win-def registry, accesstoken, wmi57,
fileeffectiverights53, auditeventpolicysubcategories, … tests) evaluated offline from system
characteristics by scapc and by oscap: every definition, and so every rule, must come out the same.

No Windows machine is at hand, so the system characteristics are generated from the content itself:
each collected object gets items whose entities are its own and those of a state its tests compare
(so that results are not all false), with seeded variations (values changed, items missing, objects
not collected or empty) so that every outcome occurs. The external variables take the XCCDF Values'
defaults, as `oscap xccdf eval` would export them.
Usage: disa_windows_differential.py SCAPC SOURCE_DIR WORK_DIR
"""
import os
import random
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import fail, finish  # noqa: E402

scapc, source, work = sys.argv[1:4]
BENCHMARK = os.path.join(source, "..", "shared", "corpus", "scap", "U_MS_Windows_10_V1R15_STIG_SCAP_1-2_Benchmark.xml")
DS = "{http://scap.nist.gov/schema/scap/source/1.2}"
DEF = "http://oval.mitre.org/XMLSchema/oval-definitions-5"
SC = "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
XCCDF = "{http://checklists.nist.gov/xccdf/1.2}"
RES = "{http://oval.mitre.org/XMLSchema/oval-results-5}"
ENUMERATIONS = [
    ["AUDIT_FAILURE", "AUDIT_NONE", "AUDIT_SUCCESS", "AUDIT_SUCCESS_FAILURE"],
    ["reg_binary", "reg_dword", "reg_expand_sz", "reg_multi_sz", "reg_qword", "reg_sz"],
]
# Objects whose items share another test's item type (windows-system-characteristics-schema.xsd).
ITEM_OF = {"fileeffectiverights53": "fileeffectiverights", "fileauditedpermissions53": "fileauditedpermissions",
           "regkeyeffectiverights53": "regkeyeffectiverights", "regkeyauditedpermissions53": "regkeyauditedpermissions",
           "user_sid55": "user_sid", "process58": "process"}
NOT_ENTITIES = {"behaviors", "filter", "set", "notes", "signature"}


def local(tag):
    return tag.rsplit("}", 1)[-1]


def namespace(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def esc(text):
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


root = ET.parse(BENCHMARK).getroot()
components = {c.get("id"): c for c in root.iter(f"{DS}component")}
oval_component = next(c for i, c in components.items() if i.endswith("-oval.xml"))
definitions_root = oval_component[0]
benchmark = next(c for i, c in components.items() if i.endswith("-xccdf.xml"))[0]
schema_version = definitions_root.find(f"{{{DEF}}}generator/{{http://oval.mitre.org/XMLSchema/oval-common-5}}schema_version").text

defs_path = os.path.join(work, "win10-oval.xml")
ET.register_namespace("", DEF)
ET.ElementTree(definitions_root).write(defs_path, encoding="UTF-8", xml_declaration=True)

# External variables: the default of the XCCDF Value each is exported from.
values = {}
for value in benchmark.iter(f"{XCCDF}Value"):
    chosen = [v for v in value.findall(f"{XCCDF}value") if not v.get("selector")]
    values[value.get("id")] = (chosen or value.findall(f"{XCCDF}value"))[0].text or ""
exported = {}
for export in benchmark.iter(f"{XCCDF}check-export"):
    exported[export.get("export-name")] = values.get(export.get("value-id"), "")
external = {v.get("id"): v for v in definitions_root.iter(f"{{{DEF}}}external_variable")}
variables = []
variable_values = {}
for var_id, variable in external.items():
    text = exported.get(var_id, "0" if variable.get("datatype") == "int" else "x")
    variable_values[var_id] = text
    variables.append(f'<variable id="{var_id}" datatype="{variable.get("datatype")}" comment="c">'
                     f"<value>{esc(text)}</value></variable>")
variables_path = os.path.join(work, "win10-variables.xml")
with open(variables_path, "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<oval_variables xmlns="http://oval.mitre.org/XMLSchema/'
              'oval-variables-5" xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"><generator>'
              f"<oval:schema_version>{schema_version}</oval:schema_version><oval:timestamp>2026-01-01T00:00:00"
              f'</oval:timestamp></generator><variables>{"".join(variables)}</variables></oval_variables>\n')

# Which states each object's tests compare.
objects = {}
states = {}
for group in definitions_root:
    for node in group:
        if local(group.tag) == "objects":
            objects[node.get("id")] = node
        elif local(group.tag) == "states":
            states[node.get("id")] = node
states_of = {}
for test in definitions_root.find(f"{{{DEF}}}tests"):
    obj = next((c.get("object_ref") for c in test if local(c.tag) == "object"), None)
    for child in test:
        if local(child.tag) == "state":
            states_of.setdefault(obj, []).append(states[child.get("state_ref")])
# Objects that filter by states keep items whatever the filter says: the collector applied it.


def entity_text(entity, rng, vary):
    if entity.get("var_ref"):
        text = variable_values.get(entity.get("var_ref"), "1")
    else:
        text = entity.text or ""
    if not vary:
        return text
    datatype = entity.get("datatype", "string")
    if datatype == "int":
        try:
            return str(int(text) + rng.choice([1, -1, 7]))
        except ValueError:
            return "3"
    if datatype == "boolean":
        return {"1": "0", "0": "1", "true": "false", "false": "true"}.get(text.lower(), "false")
    for choices in ENUMERATIONS:  # another value the schema allows
        if text in choices:
            return rng.choice([c for c in choices if c != text])
    return text[::-1] if text else "changed"


def item_entities(entity, prefix, rng, vary):
    name = local(entity.tag)
    datatype = entity.get("datatype", "string")
    attrs = f' datatype="{datatype}"' if datatype != "string" else ""
    if datatype == "record":
        fields = "".join(
            f'<field name="{esc(f.get("name"))}"'
            + (f' datatype="{f.get("datatype")}"' if f.get("datatype", "string") != "string" else "")
            + f">{esc(entity_text(f, rng, vary))}</field>" for f in entity)
        return f"<{prefix}:{name}{attrs}>{fields}</{prefix}:{name}>"
    if entity.get("{http://www.w3.org/2001/XMLSchema-instance}nil") == "true":
        return ""
    return f"<{prefix}:{name}{attrs}>{esc(entity_text(entity, rng, vary))}</{prefix}:{name}>"


def build(seed):
    rng = random.Random(seed)
    collected, items = [], []
    item_id = 0
    made = {}  # object id -> item ids, for sets
    prefixes = {}

    def items_for(obj_id):
        nonlocal item_id
        if obj_id in made:
            return made[obj_id]
        obj = objects[obj_id]
        set_node = next((c for c in obj if local(c.tag) == "set"), None)
        if set_node is not None:
            ids = []
            for ref in set_node.iter(f"{{{DEF}}}object_reference"):
                ids += items_for(ref.text)
            made[obj_id] = ids
            return ids
        sc_namespace = namespace(obj.tag).replace("oval-definitions-5", "oval-system-characteristics-5")
        prefix = prefixes.setdefault(sc_namespace, f"p{len(prefixes)}")
        kind = local(obj.tag)[: -len("_object")]
        item_type = ITEM_OF.get(kind, kind) + "_item"
        own = [e for e in obj if local(e.tag) not in NOT_ENTITIES]
        state_list = states_of.get(obj_id, [])
        ids = []
        for _ in range(rng.choice([1, 1, 1, 2])):
            item_id += 1
            vary = rng.random() < 0.3
            names = {local(e.tag) for e in own}
            body = "".join(item_entities(e, prefix, rng, False) for e in own)
            if state_list:
                state = rng.choice(state_list)
                body += "".join(item_entities(e, prefix, rng, vary) for e in state if local(e.tag) not in names)
            items.append(f'<{prefix}:{item_type} id="{item_id}">{body}</{prefix}:{item_type}>')
            ids.append(str(item_id))
        made[obj_id] = ids
        return ids

    for obj_id in objects:
        roll = rng.random()
        if roll < 0.04:
            collected.append(f'<object id="{obj_id}" version="{objects[obj_id].get("version", "1")}" flag="not collected"/>')
            continue
        if roll < 0.08:
            collected.append(f'<object id="{obj_id}" version="{objects[obj_id].get("version", "1")}" flag="does not exist"/>')
            made[obj_id] = []
            continue
        refs = "".join(f'<reference item_ref="{i}"/>' for i in items_for(obj_id))
        flag = "complete" if refs else "does not exist"
        collected.append(f'<object id="{obj_id}" version="{objects[obj_id].get("version", "1")}" flag="{flag}">{refs}</object>')
    declarations = "".join(f' xmlns:{p}="{ns}"' for ns, p in prefixes.items())
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<oval_system_characteristics xmlns="{SC}" '
            f'xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"{declarations}><generator>'
            f"<oval:schema_version>{schema_version}</oval:schema_version><oval:timestamp>2026-01-01T00:00:00"
            "</oval:timestamp></generator><system_info><os_name>Microsoft Windows 10 Enterprise</os_name>"
            "<os_version>10.0.19045</os_version><architecture>AMD64</architecture><primary_host_name>"
            "WS-ODD_name.example</primary_host_name><interfaces/></system_info>"
            f'<collected_objects>{chr(10).join(collected)}</collected_objects>'
            f'<system_data>{"".join(items)}</system_data></oval_system_characteristics>\n')


def results_of(path):
    return {d.get("definition_id"): d.get("result") for d in ET.parse(path).getroot().iter(f"{RES}definition")}


rules_of = {}
for rule in benchmark.iter(f"{XCCDF}Rule"):
    for ref in rule.iter(f"{XCCDF}check-content-ref"):
        if ref.get("name"):
            rules_of.setdefault(ref.get("name"), []).append(rule.get("id"))

compared = 0
outcomes = {}
for seed in (1, 2, 3):
    syschar = os.path.join(work, f"win10-syschar-{seed}.xml")
    with open(syschar, "w", encoding="utf-8") as out:
        out.write(build(seed))
    ours = os.path.join(work, f"scapc-{seed}.xml")
    theirs = os.path.join(work, f"oscap-{seed}.xml")
    run = subprocess.run([scapc, "oval", "analyse", "--variables", variables_path, "--results", ours, defs_path,
                          syschar], capture_output=True, text=True)
    if run.returncode != 0:
        fail(f"scapc oval analyse (seed {seed}) exited {run.returncode}: {run.stderr.strip()[-800:]}")
        continue
    run = subprocess.run(["oscap", "oval", "analyse", "--variables", variables_path, "--results", theirs, defs_path,
                          syschar], capture_output=True, text=True)
    if run.returncode != 0:
        fail(f"oscap oval analyse (seed {seed}) exited {run.returncode}: {run.stderr.strip()[-800:]}")
        continue
    a, b = results_of(ours), results_of(theirs)
    if set(a) != set(b):
        fail(f"seed {seed}: scapc and oscap report different definitions")
    for definition in sorted(set(a) & set(b)):
        compared += 1
        outcomes[a[definition]] = outcomes.get(a[definition], 0) + 1
        if a[definition] != b[definition]:
            rules = ", ".join(rules_of.get(definition, ["no rule"]))
            fail(f"seed {seed}: {definition} ({rules}): scapc {a[definition]}, oscap {b[definition]}")
for needed in ("true", "false", "unknown"):
    if outcomes.get(needed, 0) == 0:
        fail(f"no definition came out {needed}: the generated data no longer covers it")
finish(f"DISA Windows 10 V1R15 OVAL: {compared} definition results over 3 generated systems "
       f"({len(rules_of)} definitions checked by rules), equal to oscap; outcomes {outcomes}")
