#!/usr/bin/env python3
"""Times commands side by side: wall time and peak memory (RSS) of each, runs alternated.

    measure.py --title "OVAL, SSG Debian 11" --runs 5 \
        --cmd scapc 'build/cli/scapc oval analyse defs.xml sc.xml' \
        --cmd oscap 'oscap oval analyse defs.xml sc.xml' \
        [--markdown results.md] [--json results.json]

Runs are interleaved (A B A B ...) after one untimed warm-up of each, so a change in machine load
falls on every command alike. Before every run, `sync` (untimed; --prepare sets another command):
no run pays for writing back what the runs before it wrote, which a run of gigabytes of output
otherwise leaves to the next one. Peak RSS is GNU time's %M for the command's process tree (Debian
package "time"): measured from Python directly, a child would inherit the interpreter's own
high-water mark through fork. The first command is the reference: the table
gives every other command's median time and memory as a multiple of it. A command that exits with
a status other than those given by --ok stops the measurement with its stderr, so a broken input
never turns into a fast time.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(command, ok_statuses, env, rss_file, prepare):
    if prepare:
        subprocess.run(["sh", "-c", prepare], check=True)
    start = time.perf_counter()
    process = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file, "sh", "-c", command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    wall = time.perf_counter() - start
    if process.returncode not in ok_statuses:
        tail = process.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        sys.exit("measure.py: '%s' exited with %d:\n  %s" % (command, process.returncode, "\n  ".join(tail)))
    with open(rss_file, encoding="utf-8") as text:
        kib, user, system = text.read().strip().splitlines()[-1].split()
    return wall, int(kib) / 1024.0, float(user) + float(system)


def measure(commands, runs, ok_statuses, prepare):
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("measure.py: /usr/bin/time is missing (Debian package 'time'; bench/run.sh installs it)")
    env = dict(os.environ)
    samples = {name: {"wall": [], "rss": [], "cpu": []} for name, _ in commands}
    with tempfile.TemporaryDirectory() as scratch:
        rss_file = os.path.join(scratch, "rss")
        for _, command in commands:
            run_once(command, ok_statuses, env, rss_file, prepare)  # warm the page cache; not counted
        for _ in range(runs):
            for name, command in commands:
                wall, rss, cpu = run_once(command, ok_statuses, env, rss_file, prepare)
                samples[name]["wall"].append(wall)
                samples[name]["rss"].append(rss)
                samples[name]["cpu"].append(cpu)
    return samples


def summarize(commands, samples):
    rows = []
    reference = None
    for name, command in commands:
        wall = samples[name]["wall"]
        rss = samples[name]["rss"]
        row = {
            "name": name,
            "command": command,
            "runs": len(wall),
            "median_s": statistics.median(wall),
            "min_s": min(wall),
            "max_s": max(wall),
            "median_rss_mib": statistics.median(rss),
            "median_cpu_s": statistics.median(samples[name]["cpu"]),
        }
        if reference is None:
            reference = row
        row["time_vs_first"] = row["median_s"] / reference["median_s"] if reference["median_s"] > 0 else float("nan")
        row["rss_vs_first"] = (
            row["median_rss_mib"] / reference["median_rss_mib"] if reference["median_rss_mib"] > 0 else float("nan")
        )
        rows.append(row)
    return rows


def markdown(title, rows):
    lines = [
        "#### " + title,
        "",
        "| command | runs | median wall (s) | min–max (s) | median CPU (s) | peak RSS (MiB) | time × first | memory × first |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            "| %s | %d | %.3f | %.3f–%.3f | %.2f | %.1f | %.2f | %.2f |"
            % (
                row["name"],
                row["runs"],
                row["median_s"],
                row["min_s"],
                row["max_s"],
                row["median_cpu_s"],
                row["median_rss_mib"],
                row["time_vs_first"],
                row["rss_vs_first"],
            )
        )
    lines.append("")
    for row in rows:
        lines.append("- `%s`: `%s`" % (row["name"], row["command"]))
    lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--title", required=True)
    parser.add_argument("--runs", type=int, default=int(os.environ.get("SCAPC_BENCH_RUNS", "5")))
    parser.add_argument("--cmd", nargs=2, action="append", metavar=("NAME", "COMMAND"), required=True)
    parser.add_argument("--ok", default="0", help="exit statuses that count as success, comma-separated")
    parser.add_argument("--prepare", default="sync", help="untimed shell command before every run ('' for none)")
    parser.add_argument("--markdown", help="append the table to this file")
    parser.add_argument("--json", help="append the rows as one JSON line to this file")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    ok_statuses = {int(status) for status in args.ok.split(",")}
    commands = [(name, command) for name, command in args.cmd]
    rows = summarize(commands, measure(commands, args.runs, ok_statuses, args.prepare))
    table = markdown(args.title, rows)
    print(table)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as out:
            out.write(table + "\n")
    if args.json:
        with open(args.json, "a", encoding="utf-8") as out:
            out.write(json.dumps({"title": args.title, "rows": rows}) + "\n")


if __name__ == "__main__":
    main()
