#!/usr/bin/env bash
# Never a stale report (issue 21): in a copy of a student repository, a file that does not compile must not
# leave the last run's reports in place. It grades the stubs once (reports of 0 points), breaks Linear.java,
# runs `./mvnw test` again and requires: the build fails; the console, summary.md, results.json and
# report.html name the error's file and line (Linear.java:N) and score 0; then, with the file fixed, the next
# `./mvnw test` grades again and succeeds. It also grades a copy whose very first build does not compile.
#
# Usage: scripts/check-compile-error.sh STUDENT_REPO
# Needs the Maven repository warm (it runs Maven offline).
set -euo pipefail
student=${1:?usage: scripts/check-compile-error.sh STUDENT_REPO}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-compile-error: $*" >&2; exit 1; }

cp -r "$student" "$work/repo"
cd "$work/repo"
reports=grader/target/paramlab
linear=exercises/src/main/java/org/paramlab/nn/Linear.java
./mvnw -B -o -q test >"$work/first.txt" 2>&1 || { tail -30 "$work/first.txt"; fail "the stubs' ./mvnw test failed"; }
cp "$linear" "$work/Linear.java"
# a typo in a type name, on the line of the first method that takes a Tensor
line=$(grep -n "(Tensor " "$linear" | head -1 | cut -d: -f1)
[ -n "$line" ] || fail "no method taking a Tensor in $linear"
sed -i "${line}s/(Tensor /(Tensr /" "$linear"

broken() {
  local console=$1
  grep -q "ERROR: your code does not compile (1 error)" "$console" || { tail -40 "$console"; fail "the console does not say the code does not compile"; }
  grep -q "Next: your code does not compile, so nothing was graded. Fix the first error, at Linear.java:$line" "$console" \
    || { tail -40 "$console"; fail "'What to do next' does not name Linear.java:$line"; }
  for file in summary.md results.json report.html; do
    grep -q "Linear.java:$line: error: cannot find symbol" "$reports/$file" || fail "$file does not show the compiler's error at Linear.java:$line"
    [ "$reports/$file" -nt "$work/$2" ] || fail "$file was not written by this run"
  done
  python3 - "$reports/results.json" <<'PY' || fail "results.json does not score 0"
import json, sys
results = json.load(open(sys.argv[1]))
assert results["score"] == 0, results["score"]
assert all(t["score"] == 0 for t in results["tests"]), "a test scored points"
PY
}

touch "$work/stamp"
sleep 1
if ./mvnw -B -o test >"$work/broken.txt" 2>&1; then tail -30 "$work/broken.txt"; fail "./mvnw test succeeded on code that does not compile"; fi
broken "$work/broken.txt" stamp
echo "compile error after a graded run: the build fails, and every report names Linear.java:$line with 0 points"

cp "$work/Linear.java" "$linear"
./mvnw -B -o test >"$work/fixed.txt" 2>&1 || { tail -30 "$work/fixed.txt"; fail "./mvnw test failed once the file compiles again"; }
! grep -q "does not compile" "$reports/summary.md" || fail "summary.md still says the code does not compile"
echo "fixed: graded again"

# a checkout whose very first build does not compile: the graded tests' module is skipped, the reports still say why
cd "$work" && rm -rf first && cp -r "$student" first && cd first
rm -rf grader/target graded-tests/target exercises/target
sed -i "${line}s/(Tensor /(Tensr /" "$linear"
touch "$work/stamp2"
sleep 1
if ./mvnw -B -o test >"$work/first-broken.txt" 2>&1; then fail "a first build that does not compile succeeded"; fi
broken "$work/first-broken.txt" stamp2
echo "first build that does not compile: reports written, naming Linear.java:$line"
