"""Differential test: scapc oval analyse against oscap oval analyse on the same inputs.

Inputs: generated matrices (entity comparisons per datatype and operation; every object flag x item
statuses x check x check_existence, with and without states, and state operators; values that cannot
be cast, for every datatype; criteria operators with negate; variables with var_check) and real
fixtures. For the flag and cast matrices, scapc must give the result the OVAL schemas state
(departures.py models them) and oscap may differ only where a row of docs/oval-engine.md's table of
departures says so; elsewhere every definition's result must agree with oscap's, except the few
listed in EXCLUDED, which are such rows too.
Usage: differential.py SCAPC SOURCE_DIR WORK_DIR
"""
import itertools
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import departures  # noqa: E402

scapc, source, work = sys.argv[1:4]
shared = os.path.join(source, "..", "shared")
RESULTS_NS = "{http://oval.mitre.org/XMLSchema/oval-results-5}"

# (case, definition id) -> the documented departure (departures.DEPARTURES) and scapc's result there.
EXCLUDED = {
    ("cmdlet-matrix", "oval:x:def:1"): ("boolean-true", "error"),
    ("cmdlet-matrix", "oval:x:def:7"): ("boolean-true", "error"),
}

HEADER_DEFS = ('<?xml version="1.0" encoding="UTF-8"?>\n<oval_definitions '
               'xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" '
               'xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5" '
               'xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">'
               '<generator><oval:schema_version>5.11.2</oval:schema_version>'
               '<oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>')
HEADER_SC = ('<?xml version="1.0" encoding="UTF-8"?>\n<oval_system_characteristics '
             'xmlns="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5" '
             'xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5" '
             'xmlns:ind-sc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#independent">'
             '<generator><oval:schema_version>5.11.2</oval:schema_version>'
             '<oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator><system_info><os_name>x</os_name>'
             '<os_version>x</os_version><architecture>x</architecture><primary_host_name>x</primary_host_name>'
             '<interfaces/></system_info>')


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class Matrix:
    """Builds definitions over textfilecontent54 tests and a matching system characteristics file."""

    def __init__(self, name):
        self.name = name
        self.definitions, self.tests, self.objects, self.states, self.variables = [], [], [], [], []
        self.collected, self.items = [], []
        self.cases = {}  # definition id -> what it tests, for departures.classify
        self.n = {"def": 0, "tst": 0, "obj": 0, "ste": 0, "var": 0, "item": 0}

    def next(self, kind):
        self.n[kind] += 1
        return f"oval:m.{self.name}:{kind}:{self.n[kind]}" if kind != "item" else str(self.n[kind])

    def object(self, flag, values, statuses=None):
        """An object whose collected items have `values` as subexpression; returns its id."""
        oid = self.next("obj")
        self.objects.append(f'<ind:textfilecontent54_object id="{oid}" version="1"><ind:filepath>/m/{self.n["obj"]}'
                            '</ind:filepath><ind:pattern operation="pattern match">.*</ind:pattern>'
                            '<ind:instance datatype="int">1</ind:instance></ind:textfilecontent54_object>')
        refs = []
        for index, value in enumerate(values):
            iid = self.next("item")
            status = statuses[index] if statuses else "exists"
            datatype, text = value
            kind = "" if datatype == "string" else f' datatype="{datatype}"'
            self.items.append(f'<ind-sc:textfilecontent_item id="{iid}" status="{status}">'
                              f'<ind-sc:filepath>/m/{self.n["obj"]}</ind-sc:filepath><ind-sc:path>/m</ind-sc:path>'
                              f'<ind-sc:filename>{self.n["obj"]}</ind-sc:filename><ind-sc:pattern>.*</ind-sc:pattern>'
                              f'<ind-sc:instance datatype="int">1</ind-sc:instance><ind-sc:text>x</ind-sc:text>'
                              f'<ind-sc:subexpression{kind}>{esc(text)}</ind-sc:subexpression>'
                              "</ind-sc:textfilecontent_item>")
            refs.append(f'<reference item_ref="{iid}"/>')
        if flag is not None:
            # oscap 1.3.7's reader loses its place on an empty <object></object>: write empty ones as <object/>.
            body = f'>{"".join(refs)}</object>' if refs else "/>"
            self.collected.append(f'<object id="{oid}" version="1" flag="{flag}"{body}')
        return oid

    def state(self, datatype, operation, value=None, var_ref=None, var_check="all", entity_check="all"):
        sid = self.next("ste")
        kind = "" if datatype == "string" else f' datatype="{datatype}"'
        extra = f' var_ref="{var_ref}" var_check="{var_check}"' if var_ref else ""
        checked = "" if entity_check == "all" else f' entity_check="{entity_check}"'
        body = "" if var_ref else esc(value)
        self.states.append(f'<ind:textfilecontent54_state id="{sid}" version="1"><ind:subexpression{kind} '
                           f'operation="{operation}"{extra}{checked}>{body}</ind:subexpression>'
                           "</ind:textfilecontent54_state>")
        return sid

    def test(self, object_id, states=(), check="all", existence="at_least_one_exists", state_operator="AND"):
        tid = self.next("tst")
        refs = "".join(f'<ind:state state_ref="{s}"/>' for s in states)
        self.tests.append(f'<ind:textfilecontent54_test id="{tid}" version="1" check="{check}" '
                          f'check_existence="{existence}" state_operator="{state_operator}" comment="t">'
                          f'<ind:object object_ref="{object_id}"/>{refs}</ind:textfilecontent54_test>')
        return tid

    def definition(self, criteria):
        did = self.next("def")
        self.definitions.append(f'<definition id="{did}" version="1" class="compliance"><metadata><title>d</title>'
                                f"<description>d</description></metadata>{criteria}</definition>")
        return did

    def write(self):
        defs = [HEADER_DEFS, "<definitions>", *self.definitions, "</definitions><tests>", *self.tests,
                "</tests><objects>", *self.objects, "</objects>"]
        if self.states:
            defs += ["<states>", *self.states, "</states>"]
        if self.variables:
            defs += ["<variables>", *self.variables, "</variables>"]
        defs.append("</oval_definitions>")
        sc = [HEADER_SC, "<collected_objects>", *self.collected, "</collected_objects><system_data>", *self.items,
              "</system_data></oval_system_characteristics>"]
        sc = ["\n".join(sc)]
        defs_path = os.path.join(work, self.name + "-defs.xml")
        sc_path = os.path.join(work, self.name + "-sc.xml")
        # oscap 1.3.7's reader needs white space between some elements (a constant_variable's values).
        open(defs_path, "w").write("\n".join(defs))
        open(sc_path, "w").write("".join(sc))
        return defs_path, sc_path


def comparisons():
    """Every supported operation of every datatype on pairs of values."""
    m = Matrix("compare")
    ordered = ["equals", "not equal", "less than", "less than or equal", "greater than", "greater than or equal"]
    cases = {
        "string": (["abc", "ABC", "abd", "a.c"], ["equals", "not equal", "case insensitive equals",
                                                  "case insensitive not equal"]),
        "int": (["5", "-3", "12", "0"], ordered + ["bitwise and", "bitwise or"]),
        "float": (["1.5", "2", "1.50", "-0.25"], ordered),
        "boolean": (["true", "false", "1", "0"], ["equals", "not equal"]),
        "version": (["15.1.2507.6", "15.1.2507.13", "15.1", "15.1.0.0"], ordered),
        "evr_string": (["0:1.2-3", "0:1.2-10", "1:1.0-1", "0:1.10-1"], ordered),
        # Debian Policy's order: '~' before anything, letters before other characters, no epoch is 0.
        "debian_evr_string": (["1.0~rc1-1", "1.0-1", "1.0a-1", "1.0+b1-1", "1:0.9", "1.0", "1.0-1ubuntu1",
                               "0:1.0-01", "2.0~~", "2.0~", "1.0.0"], ordered),
        "ipv4_address": (["192.168.0.1", "192.168.0.0/24", "10.0.0.1", "192.168.0.1/32"],
                         ordered[:2] + ["subset of", "superset of"]),
        "ipv6_address": (["2001:db8::1", "2001:db8::/32", "::1", "2001:0db8:0:0:0:0:0:1"],
                         ordered[:2] + ["subset of", "superset of"]),
        "binary": (["0a1B", "0A1b", "ff"], ["equals", "not equal"]),
    }
    for datatype, (values, operations) in cases.items():
        for item_value in values:
            obj = m.object("complete", [(datatype, item_value)])
            for state_value, operation in itertools.product(values, operations):
                tst = m.test(obj, [m.state(datatype, operation, state_value)])
                m.definition(f'<criteria><criterion test_ref="{tst}"/></criteria>')
    for text in ["abc", "ABC", "xabcx", ""]:
        obj = m.object("complete", [("string", text)])
        for pattern in ["^a", "b", "^A.C$", "(?i)abc", "^$", "x+"]:
            tst = m.test(obj, [m.state("string", "pattern match", pattern)])
            m.definition(f'<criteria><criterion test_ref="{tst}"/></criteria>')
    return m


# Item statuses of the flag matrix: an item that exists and satisfies the state (T) or not (F), and
# items that do not exist (DE), could not be collected (ER) or were not collected (NC).
ITEMS = {"T": (("int", "1"), "exists"), "F": (("int", "2"), "exists"), "DE": (("int", "1"), "does not exist"),
         "ER": (("int", "1"), "error"), "NC": (("int", "1"), "not collected")}
# Item sets for complete and incomplete objects, and for the flags whose result the flag alone decides.
COLLECTED = [(), ("T",), ("F",), ("T", "F"), ("T", "T"), ("T", "T", "F"), ("F", "F"), ("T", "DE"), ("F", "DE"),
             ("DE",), ("T", "ER"), ("F", "ER"), ("ER",), ("T", "NC"), ("F", "NC"), ("NC",), ("DE", "ER"), ("DE", "NC"),
             ("ER", "NC")]
FLAG_ONLY = [(), ("T",), ("DE",)]
CHECKS = ["all", "at least one", "only one", "none satisfy"]
EXISTENCES = ["all_exist", "any_exist", "at_least_one_exists", "none_exist", "only_one_exists"]


def checks():
    """Every object flag x item statuses x check x check_existence, with a state and without, and the
    state operators; each definition's case is kept for departures.classify."""
    m = Matrix("checks")
    is_one = m.state("int", "equals", "1")
    is_two = m.state("int", "equals", "2")
    objects = [(flag, items) for flag in ("complete", "incomplete") for items in COLLECTED]
    objects += [(flag, items) for flag in ("does not exist", "error", "not collected", "not applicable")
                for items in FLAG_ONLY]
    objects.append((None, ()))  # not in the system characteristics
    for flag, items in objects:
        obj = m.object(flag, [ITEMS[i][0] for i in items], [ITEMS[i][1] for i in items])

        def add(test_id, **case):
            did = m.definition(f'<criteria><criterion test_ref="{test_id}"/></criteria>')
            m.cases[did] = dict(flag=flag, items=items, **case)
        for check in CHECKS:
            for existence in EXISTENCES:
                add(m.test(obj, [is_one], check, existence), check=check, existence=existence, states=1)
        for existence in EXISTENCES:
            add(m.test(obj, [], "all", existence), check="all", existence=existence, states=0)
        for operator in ["AND", "OR", "ONE", "XOR"]:
            add(m.test(obj, [is_one, is_two], "all", "at_least_one_exists", operator), check="all",
                existence="at_least_one_exists", states=2, operator=operator)
    return m


def uncastable():
    """A value that cannot be cast to the state's datatype, for every datatype, beside one that can."""
    m = Matrix("uncastable")
    # ('abc' is a Debian version, if a poor one: Policy says it should start with a digit.)
    cases = {"int": ("abc", "5"), "float": ("abc", "1.5"), "boolean": ("abc", "true"), "version": ("abc", "1.2"),
             "evr_string": ("abc", "0:1.2-3"), "debian_evr_string": ("x:1.0", "0:1.2-3"),
             "ipv4_address": ("abc", "10.0.0.1"), "ipv6_address": ("abc", "::1"), "binary": ("xyz", "0a1b")}
    ordered = {"int", "float", "version", "evr_string", "debian_evr_string"}
    for datatype, (bad, good) in cases.items():
        for values in ([(datatype, bad)], [(datatype, bad), (datatype, good)]):
            obj = m.object("complete", values)
            operations = ["equals", "not equal"] + (["less than"] if datatype in ordered else [])
            for operation in operations:
                for check in CHECKS:
                    tst = m.test(obj, [m.state(datatype, operation, good)], check)
                    did = m.definition(f'<criteria><criterion test_ref="{tst}"/></criteria>')
                    m.cases[did] = dict(datatype=datatype, items=len(values), operation=operation, check=check)
    return m


def criteria():
    """Criteria operators and negate over tests whose results are fixed by their objects."""
    m = Matrix("criteria")
    results = {
        "T": m.test(m.object("complete", [("int", "1")])),
        "F": m.test(m.object("does not exist", [])),
        "E": m.test(m.object("error", [])),
        "U": m.test(m.object("not collected", [])),
        "N": m.test(m.object("not applicable", [])),
    }
    for operator in ["AND", "OR", "ONE", "XOR"]:
        for size in (1, 2, 3):
            for combination in itertools.product(results, repeat=size):
                for negate in ("false", "true"):
                    criterions = "".join(f'<criterion test_ref="{results[c]}"/>' for c in combination)
                    m.definition(f'<criteria operator="{operator}" negate="{negate}">{criterions}</criteria>')
    # negated criterions and extended definitions
    inner = m.definition(f'<criteria><criterion test_ref="{results["T"]}"/></criteria>')
    m.definition(f'<criteria><criterion test_ref="{results["T"]}" negate="true"/>'
                 f'<extend_definition definition_ref="{inner}"/></criteria>')
    m.definition(f'<criteria operator="OR"><extend_definition definition_ref="{inner}" negate="true"/>'
                 f'<criterion test_ref="{results["F"]}"/></criteria>')
    return m


def variables():
    """var_ref with var_check over an external and a constant variable, entity_check over items."""
    m = Matrix("variables")
    external = m.next("var")
    constant = m.next("var")
    m.variables.append(f'<external_variable id="{external}" version="1" datatype="int" comment="e"/>')
    m.variables.append(f'<constant_variable id="{constant}" version="1" datatype="int" comment="c">'
                       "<value>1</value><value>3</value></constant_variable>")
    for values in ([("int", "1")], [("int", "2")], [("int", "1"), ("int", "3")]):
        obj = m.object("complete", values)
        for var in (external, constant):
            for var_check in ["all", "at least one", "only one", "none satisfy"]:
                for operation in ["equals", "less than or equal"]:
                    tst = m.test(obj, [m.state("int", operation, var_ref=var, var_check=var_check)])
                    m.definition(f'<criteria><criterion test_ref="{tst}"/></criteria>')
    path = os.path.join(work, "variables-values.xml")
    open(path, "w").write('<?xml version="1.0"?>\n<oval_variables xmlns="http://oval.mitre.org/XMLSchema/oval-variables-5" '
                          'xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"><generator>'
                          "<oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2026-01-01T00:00:00"
                          f'</oval:timestamp></generator><variables><variable id="{external}" datatype="int" '
                          'comment="e">\n<value>1</value>\n<value>2</value>\n</variable></variables></oval_variables>')
    return m, path


def oscap_results(defs, sc, variables=None):
    out = os.path.join(work, os.path.basename(defs) + "-oscap.xml")
    command = ["oscap", "oval", "analyse", "--results", out]
    if variables:
        command[3:3] = ["--variables", variables]
    subprocess.run(command + [defs, sc], capture_output=True)
    tree = ET.parse(out).getroot()
    return {d.get("definition_id"): d.get("result") for d in tree.iter(RESULTS_NS + "definition")}


def scapc_results(defs, sc, variables=None):
    command = [scapc, "oval", "analyse"]
    if variables:
        command += ["--variables", variables]
    run = subprocess.run(command + [defs, sc], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"scapc oval analyse failed on {defs}: {run.stderr.strip()}")
    return dict(re.findall(r"^Definition (\S+): (.+)$", run.stdout, re.M))


def compare(case, defs, sc, variables=None, expected_of=None):
    """Definitions where scapc and oscap differ. With `expected_of` (definition id -> the result the
    schemas give), scapc must give that result, and oscap may differ from it only as one of the
    documented departures; `used` counts them."""
    oscap = oscap_results(defs, sc, variables)
    actual = scapc_results(defs, sc, variables)
    disagreements, excluded = [], 0
    for definition, result in oscap.items():
        if expected_of is not None:
            expected, classified, what = expected_of(definition, result)
            if actual.get(definition) != expected:
                disagreements.append(f"{case}: {definition} ({what}): the schemas give {expected}, scapc "
                                     f"{actual.get(definition)} (oscap {result})")
            elif result != expected:
                if classified is None:
                    disagreements.append(f"{case}: {definition} ({what}): oscap {result}, scapc {expected} as the "
                                         "schemas give, and no documented departure explains it")
                else:
                    excluded += 1
                    used[classified] = used.get(classified, 0) + 1
                    if os.environ.get("SCAPC_DIFFERENTIAL_DEPARTURES"):
                        print(f"departure {classified}: {case}: {definition} ({what}): oscap {result}, scapc {expected}")
            continue
        if (case, definition) in EXCLUDED:
            departure, expected = EXCLUDED[(case, definition)]
            if actual.get(definition) != expected:
                disagreements.append(f"{case}: {definition}: expected {expected}, scapc {actual.get(definition)}")
            excluded += 1
            used[departure] = used.get(departure, 0) + 1
            continue
        if actual.get(definition) != result:
            disagreements.append(f"{case}: {definition}: oscap {result}, scapc {actual.get(definition)}")
    return len(oscap), excluded, disagreements


used = {}  # departure -> definitions it explains


def modelled(m, expected):
    """expected_of for a matrix whose cases departures.py models."""
    def expected_of(definition, oscap):
        case = m.cases[definition]
        what = ", ".join(f"{key} {value}" for key, value in case.items())
        return expected(case), departures.classify(m.name, case, oscap), what
    return expected_of


cases = []
for build in (comparisons, criteria):
    m = build()
    cases.append((m.name, *m.write(), None, None))
m, values = variables()
cases.append((m.name, *m.write(), values, None))
m = checks()
cases.append((m.name, *m.write(), None, modelled(m, departures.expected_test)))
m = uncastable()
cases.append((m.name, *m.write(), None, modelled(m, departures.expected_uncastable)))
ref = os.path.join(shared, "reference", "oscap-fixtures")
fixtures = os.path.join(source, "tests", "compiler", "fixtures")
cases.append(("cmdlet-matrix", os.path.join(ref, "cmdlet-matrix-defs.xml"), os.path.join(ref, "cmdlet-matrix-syschar.xml"),
              None, None))
cases.append(("cmdlet-sendconnector", os.path.join(ref, "cmdlet-sendconnector-defs.xml"),
              os.path.join(ref, "cmdlet-sendconnector-syschar.xml"), None, None))
def export_variables(folder, profile):
    """oscap's values for `profile` of folder/xccdf.xml, as oval.xml-0.variables-0.xml. oscap exports
    only the values of rules it finds applicable and cannot evaluate the cmdlet platforms (roles,
    versions), so it exports from a copy without <platform> elements."""
    text = open(os.path.join(folder, "xccdf.xml")).read()
    with open(os.path.join(folder, "xccdf-without-platforms.xml"), "w") as out:
        out.write(re.sub(r"<(\w+:)?platform idref=\"[^\"]*\"\s*/>", "", text))
    subprocess.run(["oscap", "xccdf", "export-oval-variables", "--profile", profile, "xccdf-without-platforms.xml"],
                   cwd=folder, check=True, capture_output=True)


compiled = os.path.join(work, "evaluation")
os.makedirs(compiled, exist_ok=True)
subprocess.run([scapc, "compile", os.path.join(fixtures, "evaluation-catalog.json"), "-o", os.path.join(compiled, "ds.xml"),
                "--xccdf", os.path.join(compiled, "xccdf.xml"), "--oval", os.path.join(compiled, "oval.xml"),
                "--id-namespace", "org.scapc.test", "--name", "evaluation", "--timestamp", "2026-01-01T00:00:00"], check=True)
export_variables(compiled, "xccdf_org.scapc.test_profile_all")
for syschar in ("evaluation-syschar.xml", "evaluation-syschar-flipped.xml"):
    cases.append((syschar, os.path.join(compiled, "oval.xml"), os.path.join(fixtures, syschar),
                  os.path.join(compiled, "oval.xml-0.variables-0.xml"), None))

# Real Exchange 2019 cmdlet output (CliXml) collected by scapc for the bundled catalog's checks; oscap
# evaluates the system characteristics scapc wrote.
bundled = os.path.join(work, "bundled")
os.makedirs(bundled, exist_ok=True)
subprocess.run([scapc, "compile", os.path.join(source, "controls", "catalog"), "-o", os.path.join(bundled, "ds.xml"),
                "--xccdf", os.path.join(bundled, "xccdf.xml"), "--oval", os.path.join(bundled, "oval.xml"),
                "--timestamp", "2026-01-01T00:00:00"], check=True, capture_output=True)
export_variables(bundled, "xccdf_org.scapc_profile_all")
bundled_variables = os.path.join(bundled, "oval.xml-0.variables-0.xml")
e19_syschar = os.path.join(bundled, "e19-syschar.xml")
subprocess.run([scapc, "oval", "analyse", "--variables", bundled_variables, "--syschar-out", e19_syschar,
                os.path.join(bundled, "oval.xml"), os.path.join(shared, "corpus", "cmdlet-output", "E19")],
               check=True, capture_output=True)
cases.append(("E19 CliXml", os.path.join(bundled, "oval.xml"), e19_syschar, bundled_variables, None))
# The project's JSON collection bundle (examples/edge01-bundle.json), collected the same way.
bundle_syschar = os.path.join(bundled, "bundle-syschar.xml")
subprocess.run([scapc, "oval", "analyse", "--variables", bundled_variables, "--syschar-out", bundle_syschar,
                os.path.join(bundled, "oval.xml"), os.path.join(source, "examples", "edge01-bundle.json")],
               check=True, capture_output=True)
cases.append(("edge01 bundle", os.path.join(bundled, "oval.xml"), bundle_syschar, bundled_variables, None))

total = excluded_total = 0
failures = []
for case, defs, sc, variables_file, expected_of in cases:
    count, excluded, disagreements = compare(case, defs, sc, variables_file, expected_of)
    total += count
    excluded_total += excluded
    failures += disagreements
    print(f"{case}: {count} definitions, {count - excluded - len(disagreements)} agree, {excluded} departures of oscap")
# Every departure that explains a result is a row of the documentation's table.
documented = open(os.path.join(source, "docs", "oval-engine.md")).read()
for departure, count in sorted(used.items()):
    print(f"  {departures.DEPARTURES[departure]}: {count} definitions")
    if "| " + departures.DEPARTURES[departure] not in documented:
        failures.append(f"docs/oval-engine.md has no row '{departures.DEPARTURES[departure]}'")
print(f"differential: {total} definitions, {len(failures)} disagreements, {excluded_total} where oscap departs from the "
      "specification")
for failure in failures[:int(os.environ.get("SCAPC_DIFFERENTIAL_SHOWN", "40"))]:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
