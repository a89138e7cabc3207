#!/usr/bin/env python3
"""Compares the per-definition results of two OVAL results documents.

    compare_results.py SCAPC_RESULTS.xml OSCAP_RESULTS.xml

Reads definition_id -> result from results/system/definitions of each file and exits 1 when a
definition is missing on one side or has another result, printing the first differences; a
benchmark of a program that gets the answer wrong would measure nothing.
"""
import sys
import xml.etree.ElementTree as ET

RESULTS = "{http://oval.mitre.org/XMLSchema/oval-results-5}"


def definition_results(path):
    results = {}
    # iterparse keeps memory flat on the 100k-item documents; only result definitions carry
    # definition_id (the copied oval_definitions use id).
    for _, element in ET.iterparse(path, events=("end",)):
        if element.tag == RESULTS + "definition" and "definition_id" in element.attrib:
            results[element.attrib["definition_id"]] = element.attrib.get("result")
            element.clear()
        elif element.tag == RESULTS + "system":
            element.clear()
    return results


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    left, right = (definition_results(path) for path in sys.argv[1:])
    differences = []
    for definition in sorted(set(left) | set(right)):
        a, b = left.get(definition, "(missing)"), right.get(definition, "(missing)")
        if a != b:
            differences.append("  %s: scapc %s, oscap %s" % (definition, a, b))
    if not left:
        differences.insert(0, "  no definition results in " + sys.argv[1])
    if differences:
        print("%d of %d definitions differ:" % (len(differences), len(set(left) | set(right))))
        print("\n".join(differences[:20]))
        sys.exit(1)
    counts = {}
    for result in left.values():
        counts[result] = counts.get(result, 0) + 1
    print("identical results for %d definitions (%s)"
          % (len(left), ", ".join("%s %d" % pair for pair in sorted(counts.items()))))


if __name__ == "__main__":
    main()
