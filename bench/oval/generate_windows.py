#!/usr/bin/env python3
"""Windows OVAL definitions and system characteristics of at least --items items, for timing
`scapc oval analyse` against `oscap oval analyse` (which evaluates win-def items offline).

The item types are those a Windows collection carries: registry_item (values of every type),
file_item (versions, sizes, attributes), fileeffectiverights53_item (a folder's trustees and their
rights), service_item (start types and states) and wmi57_item (query result records). Objects have
from one item to thousands (a folder's files, a key's subkeys by pattern, every service, a WMI query
over every process), states compare strings, integers, versions and booleans with equality,
ordering and patterns, some through constant variables, and tests use every check and
check_existence, so the analysis does what a real Windows benchmark asks of it. The same seed gives
the same files.

Usage: generate_windows.py --items N --out FOLDER
"""
import argparse
import os
import random
from xml.sax.saxutils import escape

DEF = "http://oval.mitre.org/XMLSchema/oval-definitions-5"
SC = "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
CHECKS = ["all", "at least one", "none satisfy", "only one"]
EXISTENCE = ["at_least_one_exists", "any_exist", "all_exist", "none_exist", "only_one_exists"]
RIGHTS = ["standard_delete", "standard_read_control", "standard_write_dac", "standard_write_owner",
          "standard_synchronize", "access_system_security", "generic_read", "generic_write", "generic_execute",
          "generic_all", "file_read_data", "file_write_data", "file_append_data", "file_read_ea", "file_write_ea",
          "file_execute", "file_delete_child", "file_read_attributes", "file_write_attributes"]
START_TYPES = ["SERVICE_AUTO_START", "SERVICE_DEMAND_START", "SERVICE_DISABLED"]
STATES = ["SERVICE_RUNNING", "SERVICE_STOPPED"]


class Writer:
    def __init__(self, seed):
        self.random = random.Random(seed)
        self.definitions, self.tests, self.objects, self.states, self.variables = [], [], [], [], []
        self.collected, self.items = [], []
        self.next = {"def": 1, "tst": 1, "obj": 1, "ste": 1, "var": 1, "item": 1}

    def id(self, kind):
        number = self.next[kind]
        self.next[kind] += 1
        return number if kind == "item" else f"oval:bench.win:{kind}:{number}"

    def item(self, text):
        item_id = self.id("item")
        self.items.append(text.replace("ID", str(item_id), 1))
        return item_id

    def collected_object(self, object_id, item_ids, flag="complete"):
        refs = "".join(f'<reference item_ref="{i}"/>' for i in item_ids)
        self.collected.append(f'<object id="{object_id}" version="1" flag="{flag}">{refs}</object>')

    def test(self, kind, object_id, state_ids):
        test_id = self.id("tst")
        check = self.random.choice(CHECKS)
        existence = self.random.choice(EXISTENCE)
        if existence == "none_exist":
            state_ids = []  # the schematron rules forbid states with none_exist
        states = "".join(f'<win-def:state state_ref="{s}"/>' for s in state_ids)
        operator = f' state_operator="{self.random.choice(["AND", "OR"])}"' if len(state_ids) > 1 else ""
        self.tests.append(f'<win-def:{kind}_test id="{test_id}" version="1" check="{check}" '
                          f'check_existence="{existence}"{operator} comment="{kind}">'
                          f'<win-def:object object_ref="{object_id}"/>{states}</win-def:{kind}_test>')
        definition_id = self.id("def")
        negate = ' negate="true"' if self.random.random() < 0.2 else ""
        self.definitions.append(
            f'<definition id="{definition_id}" version="1" class="compliance"><metadata><title>{kind} {test_id}'
            f'</title><description>generated</description></metadata><criteria>'
            f'<criterion test_ref="{test_id}"{negate}/></criteria></definition>')

    def state(self, kind, entities):
        state_id = self.id("ste")
        self.states.append(f'<win-def:{kind}_state id="{state_id}" version="1">{entities}</win-def:{kind}_state>')
        return state_id

    def constant(self, datatype, values):
        variable_id = self.id("var")
        body = "".join(f"<value>{escape(v)}</value>" for v in values)
        self.variables.append(f'<constant_variable id="{variable_id}" version="1" datatype="{datatype}" '
                              f'comment="c">{body}</constant_variable>')
        return variable_id

    # --- item kinds --------------------------------------------------------------------------

    def registry(self, count):
        key = f"SOFTWARE\\Bench\\Key{self.next['obj']}"
        object_id = self.id("obj")
        pattern = count > 1
        key_entity = (f'<win-def:key operation="pattern match">^{escape(key.replace(chr(92), chr(92) * 2))}\\\\Sub\\d+$'
                      "</win-def:key>" if pattern else f"<win-def:key>{escape(key)}</win-def:key>")
        self.objects.append(f'<win-def:registry_object id="{object_id}" version="1"><win-def:hive>HKEY_LOCAL_MACHINE'
                            f'</win-def:hive>{key_entity}<win-def:name>Level</win-def:name></win-def:registry_object>')
        ids = []
        for i in range(count):
            value = self.random.randint(0, 5)
            kind = self.random.choice(["reg_dword", "reg_sz"])
            datatype = ' datatype="int"' if kind == "reg_dword" else ""
            sub = f"{key}\\Sub{i}" if pattern else key
            ids.append(self.item(f'<win-sc:registry_item id="ID"><win-sc:hive>HKEY_LOCAL_MACHINE</win-sc:hive>'
                                 f"<win-sc:key>{escape(sub)}</win-sc:key><win-sc:name>Level</win-sc:name>"
                                 f"<win-sc:type>{kind}</win-sc:type><win-sc:value{datatype}>{value}</win-sc:value>"
                                 "</win-sc:registry_item>"))
        self.collected_object(object_id, ids)
        states = [self.state("registry", f'<win-def:value datatype="int" operation="less than or equal">'
                                         f"{self.random.randint(0, 5)}</win-def:value>")]
        if self.random.random() < 0.5:
            variable = self.constant("string", ["reg_dword", "reg_qword"])
            states.append(self.state("registry", f'<win-def:type var_ref="{variable}" var_check="at least one"/>'))
        self.test("registry", object_id, states)

    def file(self, count):
        folder = f"C:\\Program Files\\Bench\\Folder{self.next['obj']}"
        object_id = self.id("obj")
        self.objects.append(f'<win-def:file_object id="{object_id}" version="1"><win-def:path>{escape(folder)}'
                            '</win-def:path><win-def:filename operation="pattern match">\\.dll$</win-def:filename>'
                            "</win-def:file_object>")
        ids = []
        for i in range(count):
            version = f"15.2.{self.random.randint(1000, 1600)}.{self.random.randint(0, 30)}"
            ids.append(self.item(f'<win-sc:file_item id="ID"><win-sc:filepath>{escape(folder)}\\lib{i}.dll'
                                 f"</win-sc:filepath><win-sc:path>{escape(folder)}</win-sc:path><win-sc:filename>"
                                 f'lib{i}.dll</win-sc:filename><win-sc:size datatype="int">{self.random.randint(1, 10**7)}'
                                 f'</win-sc:size><win-sc:version datatype="version">{version}</win-sc:version>'
                                 "</win-sc:file_item>"))
        self.collected_object(object_id, ids)
        states = [self.state("file", f'<win-def:version datatype="version" operation="greater than or equal">'
                                     f"15.2.{self.random.randint(1000, 1600)}.0</win-def:version>")]
        if self.random.random() < 0.5:
            states.append(self.state("file", '<win-def:size datatype="int" operation="less than">5000000</win-def:size>'))
        self.test("file", object_id, states)

    def rights(self, count):
        folder = f"C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Logging{self.next['obj']}"
        object_id = self.id("obj")
        self.objects.append(f'<win-def:fileeffectiverights53_object id="{object_id}" version="1"><win-def:path>'
                            f'{escape(folder)}</win-def:path><win-def:filename xsi:nil="true"/><win-def:trustee_sid '
                            'operation="pattern match">.*</win-def:trustee_sid></win-def:fileeffectiverights53_object>')
        ids = []
        for i in range(count):
            sid = "S-1-5-18" if i == 0 else f"S-1-5-21-1004336348-1177238915-682003330-{1000 + i}"
            held = {r for r in RIGHTS if self.random.random() < 0.3}
            rights = "".join(f'<win-sc:{r} datatype="boolean">{"true" if r in held else "false"}</win-sc:{r}>'
                             for r in RIGHTS)
            ids.append(self.item(f'<win-sc:fileeffectiverights_item id="ID"><win-sc:path>{escape(folder)}</win-sc:path>'
                                 f"<win-sc:trustee_sid>{sid}</win-sc:trustee_sid>{rights}"
                                 "</win-sc:fileeffectiverights_item>"))
        self.collected_object(object_id, ids)
        right = self.random.choice(RIGHTS)
        states = [self.state("fileeffectiverights53",
                             f'<win-def:{right} datatype="boolean">false</win-def:{right}>')]
        self.test("fileeffectiverights53", object_id, states)

    def services(self, count):
        object_id = self.id("obj")
        self.objects.append(f'<win-def:service_object id="{object_id}" version="1"><win-def:service_name '
                            f'operation="pattern match">^Bench{self.next["obj"]}_</win-def:service_name>'
                            "</win-def:service_object>")
        ids = []
        for i in range(count):
            ids.append(self.item(f'<win-sc:service_item id="ID"><win-sc:service_name>Bench{self.next["obj"]}_{i}'
                                 f"</win-sc:service_name><win-sc:start_type>{self.random.choice(START_TYPES)}"
                                 f"</win-sc:start_type><win-sc:current_state>{self.random.choice(STATES)}"
                                 "</win-sc:current_state></win-sc:service_item>"))
        self.collected_object(object_id, ids)
        states = [self.state("service", f"<win-def:start_type>{self.random.choice(START_TYPES)}</win-def:start_type>")]
        if self.random.random() < 0.5:
            variable = self.constant("string", self.random.sample(STATES, 1))
            states.append(self.state("service", f'<win-def:current_state var_ref="{variable}"/>'))
        self.test("service", object_id, states)

    def wmi(self, count):
        object_id = self.id("obj")
        wql = f"SELECT Name, ProcessId FROM Win32_Process WHERE SessionId = {self.next['obj']}"
        self.objects.append(f'<win-def:wmi57_object id="{object_id}" version="1"><win-def:namespace>root\\cimv2'
                            f"</win-def:namespace><win-def:wql>{escape(wql)}</win-def:wql></win-def:wmi57_object>")
        ids = []
        for i in range(count):
            ids.append(self.item(f'<win-sc:wmi57_item id="ID"><win-sc:namespace>root\\cimv2</win-sc:namespace>'
                                 f"<win-sc:wql>{escape(wql)}</win-sc:wql><win-sc:result datatype=\"record\">"
                                 f'<field name="name">proc{i}.exe</field><field name="processid" datatype="int">'
                                 f"{1000 + i}</field></win-sc:result></win-sc:wmi57_item>"))
        self.collected_object(object_id, ids)
        states = [self.state("wmi57", '<win-def:result datatype="record"><field name="name" operation="pattern match">'
                                      f"^proc{self.random.randint(0, 9)}</field></win-def:result>")]
        self.test("wmi57", object_id, states)

    def documents(self):
        definitions = (f'<?xml version="1.0" encoding="UTF-8"?>\n<oval_definitions xmlns="{DEF}" '
                       'xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5" '
                       f'xmlns:win-def="{DEF}#windows" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                       "<generator><oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>"
                       "2026-01-01T00:00:00</oval:timestamp></generator>"
                       f"<definitions>{''.join(self.definitions)}</definitions><tests>{''.join(self.tests)}</tests>"
                       f"<objects>{''.join(self.objects)}</objects><states>{''.join(self.states)}</states>"
                       + (f"<variables>{''.join(self.variables)}</variables>" if self.variables else "")
                       + "</oval_definitions>\n")
        system = (f'<?xml version="1.0" encoding="UTF-8"?>\n<oval_system_characteristics xmlns="{SC}" '
                  'xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5" '
                  f'xmlns:win-sc="{SC}#windows"><generator><oval:schema_version>5.11.2</oval:schema_version>'
                  "<oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator><system_info><os_name>Windows"
                  "</os_name><os_version>10.0.17763</os_version><architecture>x86_64</architecture>"
                  "<primary_host_name>exch01</primary_host_name><interfaces/></system_info>"
                  f"<collected_objects>{''.join(self.collected)}</collected_objects>"
                  f"<system_data>{''.join(self.items)}</system_data></oval_system_characteristics>\n")
        return definitions, system


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    writer = Writer(args.seed)
    kinds = [writer.registry, writer.file, writer.rights, writer.services, writer.wmi]
    while writer.next["item"] <= args.items:
        # Mostly small objects, some of hundreds and a few of thousands of items.
        size = writer.random.choice([1, 1, 2, 3, 5, 8, 20, 50, 200, 600, 2500])
        writer.random.choice(kinds)(size)
    os.makedirs(args.out, exist_ok=True)
    definitions, system = writer.documents()
    with open(os.path.join(args.out, "defs.xml"), "w") as out:
        out.write(definitions)
    with open(os.path.join(args.out, "sc.xml"), "w") as out:
        out.write(system)
    print(f"{args.out}: {len(writer.definitions)} definitions, {writer.next['item'] - 1} items")


main()
