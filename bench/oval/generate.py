#!/usr/bin/env python3
"""Writes synthetic OVAL 5.11 definitions and matching system characteristics for benchmarking.

    generate.py --items 100000 --out DIR [--seed 9]

DIR/defs.xml and DIR/sc.xml: at least ITEMS collected items, spread over objects of six test types
that `oscap oval analyse` evaluates from system characteristics alone (textfilecontent54,
environmentvariable58, variable, family, unix file, linux dpkginfo), 1-8 items per object. Tests
vary check, check_existence and state_operator; states vary datatype (string, int, boolean,
version, evr_string) and operation (equals, not equal, pattern match, orderings) and some
compare against constant variables with var_check; some objects are flagged does not exist,
incomplete or error. Definitions combine tests with AND/OR/ONE/XOR, negate and extend_definition,
so the results are a mix of true, false, unknown and error. The same seed gives the same files.

The generator avoids the cases where oscap knowingly departs from the specification
(docs/oval-engine.md): no item with status "does not exist" inside an object, no boolean written
"True", no XML comments among collected objects, no test of an error object with "any_exist" and
no state (oscap: true; the results schema: error).
"""
import argparse
import os
import random
from xml.sax.saxutils import escape

DEF = "http://oval.mitre.org/XMLSchema/oval-definitions-5"
SC = "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
COMMON = "http://oval.mitre.org/XMLSchema/oval-common-5"

CHECKS = ["all", "at least one", "none satisfy", "only one"]
# at_least_one_exists dominates, as in real content.
EXISTENCES = ["at_least_one_exists"] * 5 + ["all_exist", "any_exist", "none_exist", "only_one_exists"]
OPERATORS = ["AND"] * 4 + ["OR"] * 3 + ["ONE", "XOR"]


def entity(prefix, name, value, datatype=None, operation=None, var_ref=None, var_check=None):
    attributes = ""
    if datatype:
        attributes += ' datatype="%s"' % datatype
    if operation:
        attributes += ' operation="%s"' % operation
    if var_ref:
        attributes += ' var_ref="%s" var_check="%s"' % (var_ref, var_check or "all")
        return "      <%s:%s%s/>\n" % (prefix, name, attributes)
    return "      <%s:%s%s>%s</%s:%s>\n" % (prefix, name, attributes, escape(str(value)), prefix, name)


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.definitions, self.tests, self.objects, self.states, self.variables = [], [], [], [], []
        self.collected, self.items = [], []
        self.next_item = 1000
        self.serial = 0
        self.item_count = 0

    def ident(self, kind):
        self.serial += 1
        return "oval:bench.synthetic:%s:%d" % (kind, self.serial)

    def item(self, element, body):
        self.next_item += 1
        self.items.append('    <%s id="%d" status="exists">\n%s    </%s>\n' % (element, self.next_item, body, element))
        self.item_count += 1
        return self.next_item

    # Each kind returns (test element, object element, state elements, item bodies).
    def textfilecontent(self, count):
        path, name = "/etc/bench/%d" % self.serial, "app.conf"
        obj = (
            entity("ind-def", "path", path)
            + entity("ind-def", "filename", name)
            + entity("ind-def", "pattern", r"^(\w+)\s*=\s*(\S+)$", operation="pattern match")
            + entity("ind-def", "instance", 1, datatype="int", operation="greater than or equal")
        )
        states = [
            entity("ind-def", "subexpression", self.rng.choice(["yes", "no", "^y"]),
                   operation=self.rng.choice(["equals", "pattern match", "case insensitive equals"])),
            entity("ind-def", "instance", self.rng.randint(1, 6), datatype="int",
                   operation=self.rng.choice(["less than", "greater than", "not equal"])),
        ]
        items = []
        for instance in range(1, count + 1):
            key, value = "key%d" % instance, self.rng.choice(["yes", "no", "Yes", "maybe"])
            items.append(
                entity("ind-sys", "filepath", path + "/" + name)
                + entity("ind-sys", "path", path)
                + entity("ind-sys", "filename", name)
                + entity("ind-sys", "pattern", r"^(\w+)\s*=\s*(\S+)$")
                + entity("ind-sys", "instance", instance, datatype="int")
                + entity("ind-sys", "text", "%s = %s" % (key, value))
                + entity("ind-sys", "subexpression", key)
                + entity("ind-sys", "subexpression", value)
            )
        return "ind-def", "textfilecontent54", "ind-sys:textfilecontent_item", obj, states, items

    def environment(self, count):
        name = self.rng.choice(["PATH", "LANG", "HOME", "SHELL"])
        obj = entity("ind-def", "pid", "", datatype="int") + entity("ind-def", "name", name)
        obj = obj.replace('datatype="int"></ind-def:pid>', 'datatype="int" xsi:nil="true"></ind-def:pid>')
        states = [
            entity("ind-def", "value", self.rng.choice(["^/usr", "/bin$", "UTF-8", "^/root"]), operation="pattern match"),
            entity("ind-def", "pid", self.rng.randint(100, 5000), datatype="int", operation="less than"),
        ]
        items = []
        for _ in range(count):
            value = self.rng.choice(["/usr/local/bin:/usr/bin:/bin", "en_US.UTF-8", "/root", "/bin/bash", "C"])
            items.append(
                entity("ind-sys", "pid", self.rng.randint(1, 9000), datatype="int")
                + entity("ind-sys", "name", name)
                + entity("ind-sys", "value", value)
            )
        return "ind-def", "environmentvariable58", "ind-sys:environmentvariable58_item", obj, states, items

    def variable(self, count):
        var_id = self.ident("var")
        values = ["%d.%d.%d" % (self.rng.randint(1, 3), self.rng.randint(0, 20), self.rng.randint(0, 9))
                  for _ in range(count)]
        self.variables.append(
            '    <constant_variable id="%s" version="1" datatype="version" comment="versions">\n%s    </constant_variable>\n'
            % (var_id, "".join("      <value>%s</value>\n" % v for v in values))
        )
        obj = entity("ind-def", "var_ref", var_id)
        states = [
            entity("ind-def", "value", "2.%d" % self.rng.randint(0, 20), datatype="version",
                   operation=self.rng.choice(["greater than or equal", "less than", "equals"])),
        ]
        # A variable_item holds every value of the variable; one item per object, as oscap collects it.
        items = [entity("ind-sys", "var_ref", var_id) + "".join(
            entity("ind-sys", "value", v, datatype="version") for v in values)]
        return "ind-def", "variable", "ind-sys:variable_item", obj, states, items

    def family(self, count):
        # FamilyEnumeration allows only its own values, so the variety is in equals / not equal.
        states = [entity("ind-def", "family", self.rng.choice(["unix", "windows"]),
                         operation=self.rng.choice(["equals", "not equal"]))]
        return "ind-def", "family", "ind-sys:family_item", "", states, [entity("ind-sys", "family", "unix")]

    def file(self, count):
        path = "/var/bench/%d" % self.serial
        obj = entity("unix-def", "path", path) + entity("unix-def", "filename", ".*", operation="pattern match")
        limit_var = self.ident("var")
        self.variables.append(
            '    <constant_variable id="%s" version="1" datatype="int" comment="sizes">\n'
            "      <value>%d</value>\n      <value>%d</value>\n    </constant_variable>\n"
            % (limit_var, self.rng.randint(100, 5000), self.rng.randint(4000, 90000))
        )
        states = [
            entity("unix-def", "user_id", 0, datatype="int"),
            entity("unix-def", "owrite", "false", datatype="boolean"),
            entity("unix-def", "size", None, datatype="int", operation="less than", var_ref=limit_var,
                   var_check=self.rng.choice(["all", "at least one", "only one", "none satisfy"])),
        ]
        items = []
        for index in range(count):
            name = "f%d" % index
            flags = [self.rng.random() < p for p in (0.05, 0.05, 0.02, 0.95, 0.8, 0.3, 0.9, 0.2, 0.3, 0.9, 0.1, 0.3, 0.02)]
            names = ["suid", "sgid", "sticky", "uread", "uwrite", "uexec", "gread", "gwrite", "gexec", "oread",
                     "owrite", "oexec", "has_extended_acl"]
            body = (
                entity("unix-sys", "filepath", path + "/" + name)
                + entity("unix-sys", "path", path)
                + entity("unix-sys", "filename", name)
                + entity("unix-sys", "type", "regular")
                + entity("unix-sys", "group_id", self.rng.choice([0, 0, 42, 1000]), datatype="int")
                + entity("unix-sys", "user_id", self.rng.choice([0, 0, 0, 1000]), datatype="int")
            )
            for field in ("a_time", "c_time", "m_time"):
                body += entity("unix-sys", field, 1695329712 + self.rng.randint(0, 10 ** 7), datatype="int")
            body += entity("unix-sys", "size", self.rng.randint(0, 100000), datatype="int")
            for flag, value in zip(names, flags):
                body += entity("unix-sys", flag, "true" if value else "false", datatype="boolean")
            items.append(body)
        return "unix-def", "file", "unix-sys:file_item", obj, states, items

    def dpkg(self, count):
        package = "pkg%d" % self.serial
        obj = entity("linux-def", "name", package)
        states = [
            entity("linux-def", "evr", "1:2.%d-1" % self.rng.randint(0, 9), datatype="evr_string",
                   operation=self.rng.choice(["less than", "greater than or equal", "equals"])),
            entity("linux-def", "arch", self.rng.choice(["amd64", "all"])),
        ]
        items = []
        for _ in range(min(count, 2)):  # a package is installed for one or two architectures
            version = "2.%d" % self.rng.randint(0, 9)
            release = "%d+deb12u%d" % (self.rng.randint(1, 3), self.rng.randint(0, 4))
            items.append(
                entity("lin-sys", "name", package)
                + entity("lin-sys", "arch", self.rng.choice(["amd64", "all"]))
                + entity("lin-sys", "epoch", "1")
                + entity("lin-sys", "release", release)
                + entity("lin-sys", "version", version)
                + entity("lin-sys", "evr", "1:%s-%s" % (version, release), datatype="evr_string")
            )
        return "linux-def", "dpkginfo", "lin-sys:dpkginfo_item", obj, states, items

    def test(self):
        kind = self.rng.choice([self.textfilecontent] * 4 + [self.file] * 3 + [self.environment] * 2
                               + [self.variable, self.dpkg, self.dpkg, self.family])
        count = self.rng.randint(1, 8)
        prefix, name, item_element, obj, states, items = kind(count)
        test_id, object_id = self.ident("tst"), self.ident("obj")
        self.objects.append(
            '    <%s:%s_object id="%s" version="1" comment="bench">\n%s    </%s:%s_object>\n'
            % (prefix, name, object_id, obj, prefix, name)
        )
        roll = self.rng.random()
        flag = "complete" if roll < 0.8 else "does not exist" if roll < 0.9 else "incomplete" if roll < 0.97 else "error"
        refs = ""
        if flag in ("complete", "incomplete"):
            refs = "".join('      <reference item_ref="%d"/>\n' % self.item(item_element, body) for body in items)
        self.collected.append(
            '    <object id="%s" version="1" flag="%s"%s\n'
            % (object_id, flag, ">\n%s    </object>" % refs if refs else "/>")
        )
        # Zero to two states; with two, the state_operator decides. none_exist takes no state (the
        # OVAL schematron rule).
        existence = self.rng.choice(EXISTENCES)
        state_count = self.rng.choice([0, 1, 1, 1, 2]) if len(states) > 1 else self.rng.choice([0, 1])
        state_refs = ""
        for state in self.rng.sample(states, 0 if existence == "none_exist" else state_count):
            state_id = self.ident("ste")
            operator = ' operator="%s"' % self.rng.choice(["AND", "OR"]) if self.rng.random() < 0.2 else ""
            self.states.append(
                '    <%s:%s_state id="%s" version="1"%s>\n%s    </%s:%s_state>\n'
                % (prefix, name, state_id, operator, state, prefix, name)
            )
            state_refs += '      <%s:state state_ref="%s"/>\n' % (prefix, state_id)
        state_operator = ' state_operator="%s"' % self.rng.choice(["AND", "OR", "ONE", "XOR"]) if state_refs else ""
        check = self.rng.choice(CHECKS)
        if flag == "error" and existence == "any_exist" and not state_refs:
            existence = "at_least_one_exists"
        self.tests.append(
            '    <%s:%s_test id="%s" version="1" check="%s" check_existence="%s"%s comment="bench">\n'
            '      <%s:object object_ref="%s"/>\n%s    </%s:%s_test>\n'
            % (prefix, name, test_id, check, existence, state_operator,
               prefix, object_id, state_refs, prefix, name)
        )
        return test_id

    def criteria(self, depth):
        parts = []
        for _ in range(self.rng.randint(1, 3)):
            if depth < 2 and self.rng.random() < 0.25:
                parts.append(self.criteria(depth + 1))
            elif self.definitions and self.rng.random() < 0.1:
                earlier = self.rng.choice(self.definitions)[0]
                parts.append('<extend_definition definition_ref="%s"%s/>' % (earlier, self.negate()))
            else:
                parts.append('<criterion test_ref="%s" comment="bench"%s/>' % (self.test(), self.negate()))
        return '<criteria operator="%s"%s>%s</criteria>' % (self.rng.choice(OPERATORS), self.negate(), "".join(parts))

    def negate(self):
        return ' negate="true"' if self.rng.random() < 0.15 else ""

    def definition(self):
        definition_id = self.ident("def")
        body = self.criteria(0)
        self.definitions.append((definition_id, body))

    def generate(self, target):
        while self.item_count < target:
            self.definition()

    def write(self, directory):
        os.makedirs(directory, exist_ok=True)
        defs = "".join(
            '    <definition id="%s" version="1" class="compliance">\n'
            "      <metadata>\n        <title>synthetic %s</title>\n        <description>bench</description>\n"
            "      </metadata>\n      %s\n    </definition>\n" % (i, i.rsplit(":", 1)[1], body)
            for i, body in self.definitions
        )
        with open(os.path.join(directory, "defs.xml"), "w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            out.write(
                '<oval_definitions xmlns="%s" xmlns:oval="%s" xmlns:ind-def="%s#independent" '
                'xmlns:unix-def="%s#unix" xmlns:linux-def="%s#linux" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' % (DEF, COMMON, DEF, DEF, DEF)
            )
            out.write("  <generator>\n    <oval:product_name>scapc bench generator</oval:product_name>\n"
                      "    <oval:schema_version>5.11</oval:schema_version>\n"
                      "    <oval:timestamp>2026-01-01T00:00:00</oval:timestamp>\n  </generator>\n")
            for name, parts in (("definitions", [defs]), ("tests", self.tests), ("objects", self.objects),
                                ("states", self.states), ("variables", self.variables)):
                if any(parts):
                    out.write("  <%s>\n%s  </%s>\n" % (name, "".join(parts), name))
            out.write("</oval_definitions>\n")
        with open(os.path.join(directory, "sc.xml"), "w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            out.write(
                '<oval_system_characteristics xmlns="%s" xmlns:oval="%s" xmlns:ind-sys="%s#independent" '
                'xmlns:unix-sys="%s#unix" xmlns:lin-sys="%s#linux">\n' % (SC, COMMON, SC, SC, SC)
            )
            out.write("  <generator>\n    <oval:product_name>scapc bench generator</oval:product_name>\n"
                      "    <oval:schema_version>5.11</oval:schema_version>\n"
                      "    <oval:timestamp>2026-01-01T00:00:00</oval:timestamp>\n  </generator>\n")
            out.write("  <system_info>\n    <os_name>Debian GNU/Linux</os_name>\n    <os_version>12</os_version>\n"
                      "    <architecture>x86_64</architecture>\n    <primary_host_name>bench</primary_host_name>\n"
                      "    <interfaces/>\n  </system_info>\n")
            out.write("  <collected_objects>\n%s  </collected_objects>\n" % "".join(self.collected))
            out.write("  <system_data>\n%s  </system_data>\n" % "".join(self.items))
            out.write("</oval_system_characteristics>\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, required=True, help="at least this many collected items")
    parser.add_argument("--out", required=True, help="folder for defs.xml and sc.xml")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    generator = Generator(args.seed)
    generator.generate(args.items)
    generator.write(args.out)
    print("%s: %d definitions, %d tests, %d items" % (args.out, len(generator.definitions), len(generator.tests),
                                                     generator.item_count))


if __name__ == "__main__":
    main()
