"""What the Python tests share: failures are collected, printed as they happen, and counted at the
end; commands run with their exit status checked."""
import subprocess
import sys

failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def run(*args, ok=(0,), cwd=None):
    """An unexpected exit status is a failure; the test goes on."""
    done = subprocess.run(list(args), capture_output=True, text=True, cwd=cwd)
    if done.returncode not in ok:
        fail(f"{' '.join(args[:3])}…: exit {done.returncode}: {done.stderr[-1500:]}")
    return done


def run_or_stop(*args, ok=(0,), cwd=None):
    """An unexpected exit status stops the test, showing the command's output: what follows needs it."""
    done = subprocess.run(list(args), capture_output=True, text=True, cwd=cwd)
    if done.returncode not in ok:
        sys.exit(f"{' '.join(args)}: exit {done.returncode}\n{done.stdout[-1000:]}{done.stderr[-2000:]}")
    return done


def finish(summary):
    if failures:
        sys.exit(f"{len(failures)} failure(s)")
    print(summary)
