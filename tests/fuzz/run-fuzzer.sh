#!/bin/sh
# run-fuzzer.sh EXE NAME CORPUS REGRESSIONS: runs one libFuzzer harness for
# CANTING_FUZZ_SECONDS seconds (default 10; CI sets 60), starting from the
# seed corpus and the saved regressions, and reports in TAP.
#
# New interesting inputs go to a corpus in the build dir (never into the
# source tree), so a second run starts where the first stopped.  A crash
# leaves its input in the build dir's fuzz-artifacts/: fix the bug, copy
# the input into tests/fuzz/regressions/NAME/ and it becomes a test of the
# ordinary suite too.  One line of figures goes to fuzz-stats/NAME.txt
# for `build-aux/dev.sh selftest`.
set -u
exe=$1 name=$2 corpus=$3 regressions=$4
seconds=${CANTING_FUZZ_SECONDS:-10}
top=$(dirname "$exe")
work="$top/fuzz-corpus/$name"
artifacts="$top/fuzz-artifacts"
stats="$top/fuzz-stats"
log="$top/fuzz-stats/$name.log"
mkdir -p "$work" "$artifacts" "$stats" "$regressions"
rm -f "$artifacts/$name-"*

# -timeout: one input taking 10 s is a hang, reported like a crash.
# -rss_limit_mb: an input making a harness use 2 GB is a bug too.
"$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$artifacts/$name-" "$work" "$corpus" "$regressions" >"$log" 2>&1
rc=$?

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
crashes=$(find "$artifacts" -name "$name-*" -type f | wc -l)
[ $rc -ne 0 ] && [ "$crashes" -eq 0 ] && crashes=1
echo "fuzz-$name: ${execs:-0} executions in $seconds s, $crashes crashes" >"$stats/$name.txt"

echo "1..1"
if [ $rc -eq 0 ]; then
  echo "ok 1 - fuzz-$name: ${execs:-0} executions in $seconds s, no crash"
else
  echo "not ok 1 - fuzz-$name: exit $rc after ${execs:-0} executions"
  # The engine's own report: the sanitizer's stack and the input's name.
  sed 's/^/# /' "$log" | tail -n 60
  for f in "$artifacts/$name-"*; do
    [ -f "$f" ] && echo "# input: $f (fix, then copy it into tests/fuzz/regressions/$name/)"
  done
fi
exit $rc
