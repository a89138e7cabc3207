#!/usr/bin/env python3
"""Real system characteristics made into one with many items per object: every item an object
references is copied until the file holds at least --items items, and each object references every
copy of its items. So the collection of a real machine (oscap oval collect of Debian's SSG OVAL)
gets the shape of file and textfilecontent objects over whole directories, with hundreds to
thousands of items per object, and local variables over such objects get as many values. The
copies keep their content, so every definition's result is the same as on the original.

Usage: replicate.py SOURCE_SC --items N --out SC
"""
import argparse
import copy
import xml.etree.ElementTree as ET

SC = "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("--items", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    for prefix, uri in (("", SC), ("oval", "http://oval.mitre.org/XMLSchema/oval-common-5")):
        ET.register_namespace(prefix, uri)
    tree = ET.parse(args.source)
    root = tree.getroot()
    # Keep the namespace prefixes of the item schemas as the source declares them.
    for _, (prefix, uri) in ET.iterparse(args.source, events=["start-ns"]):
        ET.register_namespace(prefix, uri)
    objects = root.find(f"{{{SC}}}collected_objects")
    data = root.find(f"{{{SC}}}system_data")
    items = {item.get("id"): item for item in data}
    referenced = sorted({r.get("item_ref") for r in objects.iter(f"{{{SC}}}reference")}, key=int)
    if not referenced:
        raise SystemExit(f"{args.source}: no object references an item")
    copies = max(1, -(-(args.items - len(items)) // len(referenced)) + 1)
    next_id = max(int(i) for i in items) + 1
    ids_of = {}  # original id -> the ids of it and its copies
    for item_id in referenced:
        ids_of[item_id] = [item_id]
        for _ in range(copies - 1):
            duplicate = copy.deepcopy(items[item_id])
            duplicate.set("id", str(next_id))
            data.append(duplicate)
            ids_of[item_id].append(str(next_id))
            next_id += 1
    for obj in objects:
        references = obj.findall(f"{{{SC}}}reference")
        for reference in references:
            obj.remove(reference)
        for reference in references:
            for item_id in ids_of[reference.get("item_ref")]:
                ET.SubElement(obj, f"{{{SC}}}reference", {"item_ref": item_id})
    tree.write(args.out, encoding="UTF-8", xml_declaration=True)
    print(f"{args.out}: {len(data)} items, each referenced item {copies} times")


main()
