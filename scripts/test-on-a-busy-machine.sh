#!/usr/bin/env bash
# The project's own tests on a busy machine (issue 21): every core kept busy by another process for the whole
# run, as on a shared CI runner, Gradescope's half a vCPU, or an instructor's laptop. Starts one busy loop per
# core (or LOOPS), runs the README's test command (./mvnw -Psolutions test, offline), then FingerprintTest alone,
# and prints each one's result and wall time. Limits in the tests are for hangs, not for speed: this must pass.
#
# Usage: scripts/test-on-a-busy-machine.sh [LOOPS]     (default: the number of cores)
#        Needs the local Maven repository warm (one ./mvnw -Psolutions test first).
set -uo pipefail
cd "$(dirname "$0")/.."
loops=${1:-$(nproc)}
pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done; }
trap stop EXIT
for _ in $(seq "$loops"); do
  sh -c 'while :; do :; done' &
  pids+=($!)
done
echo "== $loops busy loops on $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
log=$(mktemp)
run() {
  local name=$1; shift
  local start=$(date +%s) rc
  "$@" >"$log" 2>&1
  rc=$?
  echo "== $name: $( [ $rc = 0 ] && echo passed || echo "FAILED (exit $rc)") in $(( $(date +%s) - start )) s;" \
    "$(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" | awk -F'[ ,]+' \
      '{t+=$4; f+=$6; e+=$8; s+=$10} END {print t " tests, " f " failures, " e " errors, " s " skipped"}')" \
    "; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  [ $rc = 0 ] || { grep -E "<<< (FAIL|ERR)|Tests run:.*Fail" "$log" | head -30; cp "$log" "/tmp/busy-$name.log"; }
  return $rc
}
status=0
run suite timeout 7200 ./mvnw -B -o -Psolutions test || status=1
run fingerprint ./mvnw -B -o -Psolutions -pl grader -am test -Dtest=FingerprintTest -Dsurefire.failIfNoSpecifiedTests=false || status=1
rm -f "$log"
exit $status
