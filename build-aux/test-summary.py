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

# LeakSanitizer's own tracer can crash at exit ("LeakSanitizer has
# encountered a fatal error") after a test passed: a failure of the tool,
# not a finding.  `--lsan-crashed LOG` names such tests (meson's
# "project:test"), for dev.sh to run once more; `LOG RETRY_LOG` counts
# the retried runs in place of the first.
LSAN_CRASH = "LeakSanitizer has encountered a fatal error"
FINDINGS = ("ERROR: LeakSanitizer: detected memory leaks", "ERROR: AddressSanitizer", "runtime error:")


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


if sys.argv[1] == "--lsan-crashed":
    for entry in read(sys.argv[2]):
        stderr = entry.get("stderr") or ""
        if (entry.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and LSAN_CRASH in stderr
                and not any(f in stderr for f in FINDINGS)):
            print(entry["name"].replace(" / ", ":", 1))
    sys.exit(0)

passed = failed = 0
path = sys.argv[1]
try:
    entries = read(path)
    if len(sys.argv) > 2:
        retried = {e["name"]: e for e in read(sys.argv[2])}
        entries = [retried.get(e["name"], e) for e in entries]
except OSError as e:
    print(f"cannot read {e.filename}: {e}", file=sys.stderr)
    print("0 passed, 1 failed")
    sys.exit(1)

for entry in entries:
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
