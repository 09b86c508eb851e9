#!/usr/bin/env bash
# The grader and the notebook tour name the same next exercise (issue 21): both ask one rule,
# org.paramlab.grader.protocol.ExerciseProgress, what to do next; this checks it end to end, on what a
# student sees. In a copy of a student repository (a template from scripts/make-student-template.sh, or a
# clone), for four submissions: the stubs; exercises 1.1-1.5 and 2.x written (Linear, ReLU, Sequential,
# Module); everything but initialization (Init, Initialization); and the solutions. For each it runs
# `./mvnw test` and the tour, reads "Next: ... exercise X.Y" from each (or no next exercise: full marks, and
# every cell prints what PyTorch printed) and fails when they differ.
#
# Usage: scripts/check-next-step.sh STUDENT_REPO [SOLUTIONS_NN_DIR]
#   SOLUTIONS_NN_DIR defaults to this repository's solutions/src/main/java/org/paramlab/nn.
# Needs the Maven repository warm (it runs Maven offline).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
student=${1:?usage: scripts/check-next-step.sh STUDENT_REPO [SOLUTIONS_NN_DIR]}
solutions=${2:-$root/solutions/src/main/java/org/paramlab/nn}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$student" "$work/repo"
nn="$work/repo/exercises/src/main/java/org/paramlab/nn"
cp -r "$nn" "$work/stubs"
failed=0

check() {
  local name=$1 grade tour graded toured
  grade=$(cd "$work/repo" && ./mvnw -B -o -q test 2>&1) || { echo "$grade" | tail -30; echo "$name: ./mvnw test failed" >&2; exit 1; }
  tour=$(cd "$work/repo" && timeout 300 ./mvnw -B -o -q -Ptour compile exec:java@tour -Dtour.brief=true 2>&1) \
    || { echo "$tour" | tail -30; echo "$name: the tour failed" >&2; exit 1; }
  graded=$(echo "$grade" | tr '\n' ' ' | grep -oE 'Next: (fix )?exercise [0-9]+\.[0-9]+' | head -1 | grep -oE '[0-9]+\.[0-9]+$' || true)
  toured=$(echo "$tour" | grep -oE '^Next: do exercise [0-9]+\.[0-9]+' | head -1 | grep -oE '[0-9]+\.[0-9]+$' || true)
  if [ -z "$graded" ]; then
    echo "$grade" | grep -q "Full marks: every graded test passes." && graded=none || graded="?"
  fi
  if [ -z "$toured" ]; then
    echo "$tour" | grep -q "^Every cell runs in Java and prints what PyTorch printed." && toured=none || toured="?"
  fi
  printf '%-34s grader: %-5s tour: %-5s %s\n' "$name" "$graded" "$toured" \
    "$([ "$graded" = "$toured" ] && [ "$graded" != "?" ] && echo agree || echo DIFFER)"
  if [ "$graded" != "$toured" ] || [ "$graded" = "?" ]; then
    echo "$grade" | tail -15; echo "$tour" | tail -3; failed=1
  fi
}

check "the stubs"
for f in Linear ReLU Sequential Module; do cp "$solutions/$f.java" "$nn/"; done
check "Linear, ReLU, Sequential, Module"
cp "$solutions"/*.java "$nn/"; cp "$work/stubs/Init.java" "$work/stubs/Initialization.java" "$nn/"
check "all but Init and Initialization"
cp "$solutions"/*.java "$nn/"
check "the solutions"
exit $failed
