"""npm packages the tests use as real consumers (STIG Manager's parser, MITRE SAF), installed from
the npm registry at pinned versions.

With SCAPC_ORACLE_CACHE set (scripts/test.sh sets it for one CI job), an installation is kept there
and reused by the sanitizer run, under a lock so that tests running in parallel install it once.
Without it, the packages go into the caller's scratch folder.
"""
import fcntl
import hashlib
import json
import os
import subprocess
import sys


def install(scratch, dependencies, overrides=None):
    """The node_modules folder holding `dependencies` ({name: version}); exits the test when npm
    cannot install them."""
    manifest = {"name": "scapc-test-consumers", "private": True, "dependencies": dependencies}
    if overrides:
        manifest["overrides"] = overrides
    text = json.dumps(manifest, sort_keys=True)
    cache = os.environ.get("SCAPC_ORACLE_CACHE")
    if cache:
        root = os.path.join(cache, "npm-" + hashlib.sha256(text.encode()).hexdigest()[:16])
    else:
        root = os.path.join(scratch, "npm-" + hashlib.sha256(text.encode()).hexdigest()[:16])
    os.makedirs(root, exist_ok=True)
    with open(root + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = os.path.join(root, ".installed")
        if not os.path.exists(done):
            with open(os.path.join(root, "package.json"), "w") as out:
                out.write(text)
            result = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=root,
                                    capture_output=True, text=True)
            if result.returncode != 0:
                sys.exit(f"cannot install {dependencies} from the npm registry: {result.stderr[-800:]}")
            open(done, "w").close()
    return os.path.join(root, "node_modules")
