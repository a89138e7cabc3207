"""What the check scripts share: failures are collected, printed as they happen, and counted at the end."""
import subprocess
import sys

failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def run(*args, ok=(0,), cwd=None):
    done = subprocess.run(list(args), capture_output=True, text=True, cwd=cwd)
    if done.returncode not in ok:
        fail(f"{' '.join(args[:3])}…: exit {done.returncode}: {done.stderr[-1500:]}")
    return done


def finish(summary):
    if failures:
        sys.exit(f"{len(failures)} failure(s)")
    print(summary)
