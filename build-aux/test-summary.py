#!/usr/bin/env python3
"""Print `N passed, N failed` from meson's testlog.json.

meson test ends with its own Ok/Fail table; CI readers want one plain last
line.  A TAP test counts each of its subtests, so the line says how many
behaviours were checked, not just how many programs ran.  Exit status is
non-zero when anything failed or nothing ran at all.
"""
import json
import re
import sys

passed = failed = 0
path = sys.argv[1]
try:
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
except OSError as e:
    print(f"cannot read {path}: {e}", file=sys.stderr)
    print("0 passed, 1 failed")
    sys.exit(1)

for line in lines:
    entry = json.loads(line)
    ok = entry.get("result") in ("OK", "EXPECTEDFAIL", "SKIP")
    subtests_ok = subtests_fail = 0
    stdout = entry.get("stdout") or ""
    # testlog.json does not say which protocol a test spoke; a TAP plan
    # line ("1..N") in its output does.
    if re.search(r"^1\.\.\d+", stdout, re.M):
        for out in stdout.splitlines():
            if re.match(r"^ok \d+", out) and "# SKIP" not in out:
                subtests_ok += 1
            elif re.match(r"^not ok \d+", out) and "# TODO" not in out:
                subtests_fail += 1
    if subtests_ok + subtests_fail > 0:
        passed += subtests_ok
        failed += subtests_fail
        # A crash after the last subtest still fails the program.
        if not ok and subtests_fail == 0:
            failed += 1
    elif ok:
        passed += 1
    else:
        failed += 1

print(f"{passed} passed, {failed} failed")
sys.exit(0 if failed == 0 and passed > 0 else 1)
