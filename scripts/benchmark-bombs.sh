#!/usr/bin/env bash
# Grades javac bombs (a source file whose nested generic calls make javac's inference exponential) beside an
# honest submission, one alone (scripts/grade-submission.sh) and as a batch (scripts/grade-all.sh) with one
# worker and with the default, and prints each row's status and wall time against the budget (issue 18).
# Usage: scripts/benchmark-bombs.sh [BUDGET_SECONDS] [BOMBS]   (defaults: 30 s, 3 bombs)
set -euo pipefail
budget=${1:-30}
bombs=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && ./mvnw -B -q -o -Pcourses process-test-classes >/dev/null 2>&1 || ./mvnw -B -q -Pcourses process-test-classes)
export PARAMLAB_GRADER_BUILT=1
bomb() {
  local expression=1
  for _ in $(seq 24); do expression="f(b ? $expression : null)"; done
  printf 'package org.paramlab.nn;\n\nfinal class Bomb {\n    static boolean b;\n\n    static <T> T f(T a) {\n        return a;\n    }\n\n    static <T> T f(T a, T b) {\n        return a;\n    }\n\n    static Object bomb() {\n        return %s;\n    }\n}\n' "$expression"
}
mkdir -p "$work/submissions"
for i in $(seq "$bombs"); do
  cp -r "$root/solutions/src/main/java/org/paramlab/nn" "$work/submissions/bomb$i"
  bomb > "$work/submissions/bomb$i/Bomb.java"
done
cp -r "$root/solutions/src/main/java/org/paramlab/nn" "$work/submissions/honest"
echo "budget: $budget s; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
"$root/scripts/grade-submission.sh" "$work/submissions/bomb1" "$work/alone" --budget "$budget" --seed 7 >/dev/null
end=$(date +%s.%N)
python3 - "$work/alone/submission.json" "$(echo "$end - $start" | bc)" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"one bomb alone: {r['status']}, {r['score']}/{r['max_score']}, {float(sys.argv[2]):.1f} s wall (grading {r['duration_seconds']} s); "
      + next(n for n in r['notes'] if 'did not finish' in n or 'failed' in n)[:60])
PY
for jobs in 1 "$(nproc)"; do
  start=$(date +%s.%N)
  "$root/scripts/grade-all.sh" "$work/submissions" "$work/out-$jobs" --jobs "$jobs" --budget "$budget" --seed 7 >/dev/null
  end=$(date +%s.%N)
  echo "batch, $jobs worker(s): $(echo "$end - $start" | bc | xargs printf '%.1f') s in all"
  python3 - "$work/out-$jobs/gradebook.csv" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    print(f"  {row['id']:8} {row['status']:10} {row['total']:>5} points  {row['duration_s']:>6} s")
PY
done
