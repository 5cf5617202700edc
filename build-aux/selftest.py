#!/usr/bin/env python3
"""`build-aux/dev.sh selftest`: the reliability checks on one screen.

Reads what the last `dev.sh test` (_build) and `dev.sh test --sanitize`
(_build-sanitize) left behind: meson's test logs and the fuzzers' figures
(tests/fuzz/run-fuzzer.sh).  It runs nothing itself, so it is instant and
says "not run" for what has not been run.  Exit status 0 only when every
check ran and passed.
"""
import base64
import json
import os
import re
import sys

top = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
normal = os.path.join(top, "_build")
sanitize = os.path.join(top, "_build-sanitize")


def load_log(build):
    path = os.path.join(build, "meson-logs", "testlog.json")
    tests = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                entry = json.loads(line)
                tests[entry["name"]] = entry
    except OSError:
        return None
    # A test run once more after LeakSanitizer itself crashed (dev.sh
    # run_tests): its second run stands, as in the summary line.
    try:
        with open(os.path.join(build, "meson-logs", "testlog-retry.json"), encoding="utf-8") as f:
            for line in f:
                entry = json.loads(line)
                tests[entry["name"]] = entry
    except OSError:
        pass
    return tests


def ok(entry):
    return entry is not None and entry.get("result") in ("OK", "EXPECTEDFAIL")


def pick(name):
    """The test's entry from the normal run, else from the sanitizer run."""
    for log in (logs["normal"], logs["sanitize"]):
        if log and name in log:
            return log[name]
    return None


logs = {"normal": load_log(normal), "sanitize": load_log(sanitize)}
rows = []
all_good = True


def row(label, good, text):
    global all_good
    all_good = all_good and good
    rows.append(f"{'PASS' if good else 'FAIL' if good is False else '----'}  {label:<22} {text}")


# What a failed test last said: its last subtest passed and the first
# line that reads as the reason (an assertion, a timed-out wait, a
# critical warning, a sanitizer's report), so a CI log's tail names it.
REASON = re.compile(r"(Bail out!|ERROR:|CRITICAL|assertion failed|timed out|runtime error:|not ok \d+).*")


def why(entry):
    out = (entry.get("stdout") or "") + "\n" + (entry.get("stderr") or "")
    passed = re.findall(r"^ok \d+ (\S+)", entry.get("stdout") or "", re.M)
    reason = REASON.search(out)
    text = reason.group(0).strip()[:300] if reason else f"{entry.get('result')}, no reason printed"
    return (f"after {passed[-1]}: " if passed else "") + text


def not_run(label, how):
    global all_good
    all_good = False
    rows.append(f"----  {label:<22} not run ({how})")


# Crash safety: the SIGKILL rounds print "# N kills, ..." each.
crash = pick("crash")
if crash is None:
    not_run("Power cuts (SIGKILL)", "dev.sh test")
else:
    kills = sum(int(k) for k in re.findall(r"^# (\d+) kills", crash.get("stdout") or "", re.M))
    row("Power cuts (SIGKILL)", ok(crash) and kills >= 200,
        f"{kills} kills survived: integrity, committed work, derived figures"
        + ("" if ok(crash) else f" — {crash.get('result')}"))

concurrent = pick("concurrent")
if concurrent is None:
    not_run("Two writers", "dev.sh test")
else:
    m = re.search(r"^# (\d+) core writes beside (\d+) canting-cli runs", concurrent.get("stdout") or "", re.M)
    detail = f"{m.group(1)} core writes beside {m.group(2)} canting-cli runs" if m else ""
    row("Two writers", ok(concurrent), f"{detail}, never \"locked\", nothing lost"
        if ok(concurrent) else concurrent.get("result"))

hostile = pick("hostile")
if hostile is None:
    not_run("Hostile text, images", "dev.sh test")
else:
    row("Hostile text, images", ok(hostile), "quotes, SQL, RTL, emoji, 100 KB notes kept; bad images refused")

# Fuzzing: one line per harness from run-fuzzer.sh.
stats_dir = os.path.join(sanitize, "tests", "fuzz", "fuzz-stats")
stats = sorted(f for f in os.listdir(stats_dir) if f.endswith(".txt")) if os.path.isdir(stats_dir) else []
if not stats:
    not_run("Fuzzing (libFuzzer)", "dev.sh test --sanitize")
else:
    total_execs = total_crashes = 0
    parts = []
    for f in stats:
        with open(os.path.join(stats_dir, f), encoding="utf-8") as fh:
            m = re.match(r"fuzz-(\S+): (\d+) executions in (\d+) s, (\d+) crashes", fh.read())
        if m:
            total_execs += int(m.group(2))
            total_crashes += int(m.group(4))
            parts.append(f"{m.group(1)} {int(m.group(2)):,} ({m.group(3)} s)")
    row("Fuzzing (libFuzzer)", total_crashes == 0,
        f"{total_execs:,} executions, {total_crashes} crashes: " + ", ".join(parts))

# The suite itself (dev.sh test), with the reason for each failure.
if logs["normal"] is None:
    not_run("Whole suite", "dev.sh test")
else:
    entries = logs["normal"].values()
    failed = [e["name"] for e in entries if not ok(e) and e.get("result") != "SKIP"]
    row("Whole suite", not failed,
        f"{len(entries) - len(failed)} of {len(entries)} tests passed"
        + (f"; failed: {', '.join(failed[:5])}" if failed else ""))
    for name in failed[:5]:
        rows.append(f"      {name}: {why(logs['normal'][name])}")

# Sanitizers: the whole suite in _build-sanitize.
if logs["sanitize"] is None:
    not_run("ASan + UBSan suite", "dev.sh test --sanitize")
else:
    entries = logs["sanitize"].values()
    failed = [e["name"] for e in entries if not ok(e) and e.get("result") != "SKIP"]
    reports = sum(1 for e in entries
                  if re.search(r"ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:",
                               (e.get("stdout") or "") + (e.get("stderr") or "")))
    row("ASan + UBSan suite", not failed and reports == 0,
        f"{len(entries) - len(failed)} of {len(entries)} tests clean, {reports} sanitizer reports"
        + (f"; failed: {', '.join(failed[:5])}" if failed else ""))
    for name in failed[:5]:
        rows.append(f"      {name}: {why(logs['sanitize'][name])}")

# Secrets: the security test's own scan, then every test log for the key.
security = pick("security")
secret = None
header = os.path.join(top, "tests", "canting-test-util.h")
try:
    with open(header, encoding="utf-8") as f:
        m = re.search(r'#define CANTING_TEST_SECRET "([^"]+)"', f.read())
        secret = m.group(1) if m else None
except OSError:
    pass
if security is None or secret is None:
    not_run("Secret-leak scan", "dev.sh test")
else:
    m = re.search(r"^# secret-leak scan: (.*)$", security.get("stdout") or "", re.M)
    needles = [secret.encode(), base64.b64encode(f"pelatih:{secret}".encode())]
    found = []
    for build in (normal, sanitize):
        logdir = os.path.join(build, "meson-logs")
        for name in ("testlog.txt", "testlog.json"):
            path = os.path.join(logdir, name)
            if os.path.exists(path):
                with open(path, "rb") as f:
                    data = f.read()
                if any(n in data for n in needles):
                    found.append(os.path.relpath(path, top))
    row("Secret-leak scan", ok(security) and not found,
        (m.group(1) if m else "") + "; test logs: " + (", ".join(found) if found else "not found"))

print("Canting self-test (from the last dev.sh test / test --sanitize)")
print("\n".join(rows))
print("all checks passed" if all_good else "some checks failed or were not run")
sys.exit(0 if all_good else 1)
