#!/usr/bin/env bash
# Each assignment of a course file, as its students and its instructor grade it: the assignment's template
# (scripts/make-student-template.sh --assignment) graded with its own ./mvnw test over the untouched stubs, and
# trusted grading (scripts/grade-submission.sh --course --assignment) of the stubs and of the solutions. Fails
# unless the template's stubs score 0 with every report written (scripts/check-stub-report.py), the trusted
# stubs 0 and the solutions full marks, of the same maximum plus the instructor-only checks the assignment
# announces. Prints one row per assignment (the figures of docs/assignments.md). Offline: run after a build.
#
# Usage: scripts/check-assignments.sh [COURSE_FILE [NAME...]]   (default courses/examples/weekly-course.json, every
#        assignment of it)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
course=$(cd "$(dirname "${1:-$root/courses/examples/weekly-course.json}")" && pwd)/$(basename "${1:-courses/examples/weekly-course.json}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
names=$(python3 -c 'import json,sys; print(" ".join(a["name"] for a in json.load(open(sys.argv[1]))["assignments"]))' "$course")
if [ $# -gt 1 ]; then
  shift
  names="$*"
fi
# the trusted grader (this repository) built once
(cd "$root" && ./mvnw -B -q -o -Pcourses process-test-classes >/dev/null)
export PARAMLAB_GRADER_BUILT=1
printf '%-8s %-28s %-20s %-20s %s\n' assignment "template's stubs (mvnw test)" "trusted: stubs" "trusted: solutions" "instructor-only"
for name in $names; do
  template="$work/$name"
  "$root/scripts/make-student-template.sh" --platform self --assignment "$name" --course "$course" "$template" >/dev/null
  (cd "$template" && timeout 900 ./mvnw -B -o -q test) > "$work/$name.console" 2>&1 || {
    cat "$work/$name.console" >&2; echo "$name: the template's ./mvnw test failed" >&2; exit 1; }
  python3 "$root/scripts/check-stub-report.py" "$template/grader/target/paramlab" >/dev/null
  grep -q "assignment $name" "$work/$name.console" || { echo "$name: the console does not name the assignment" >&2; exit 1; }
  for kind in exercises solutions; do
    timeout 600 "$root/scripts/grade-submission.sh" "$root/$kind/src/main/java/org/paramlab/nn" "$work/$name-$kind" \
      --course "$course" --assignment "$name" --seed 1 > "$work/$name-$kind.log" 2>&1 || {
      cat "$work/$name-$kind.log" >&2; echo "$name: trusted grading of the $kind failed" >&2; exit 1; }
  done
  python3 - "$course" "$name" "$template/grader/target/paramlab/results.json" "$work/$name-exercises/results.json" \
    "$work/$name-solutions/results.json" "$work/$name.console" <<'PY'
import json, sys
course, name, local, stubs, solutions, console = sys.argv[1:]
assignment = next(a for a in json.load(open(course))["assignments"] if a["name"] == name)
hidden = assignment.get("instructorChecks", {}).get("points", 0)
def score(path):
    results = json.load(open(path))
    tests = [t for t in results["tests"] if "not graded" not in t.get("tags", [])]
    return results["score"], sum(t["max_score"] for t in tests), results["extra_data"]["assignment"]
local_score, local_max, local_assignment = score(local)
stub_score, stub_max, _ = score(stubs)
solution_score, solution_max, seen = score(solutions)
problems = []
if local_score != 0 or stub_score != 0:
    problems.append(f"the stubs score {local_score} (template) and {stub_score} (trusted), not 0")
if abs(solution_score - solution_max) > 1e-6:
    problems.append(f"the solutions score {solution_score} of {solution_max}")
if abs(stub_max - solution_max) > 1e-6 or abs(local_max + hidden - solution_max) > 1e-6:
    problems.append(f"the maxima differ: template {local_max} (+{hidden} instructor-only), trusted {stub_max} and {solution_max}")
if "total" in assignment and abs(local_max - assignment["total"]) > 1e-6:
    problems.append(f"the template's maximum {local_max} is not the assignment's total {assignment['total']}")
text = open(console).read()
if hidden and f"instructor-only checks worth {hidden:g} points" not in text:
    problems.append("the template's console does not announce the instructor-only checks")
if seen["name"] != name or local_assignment["name"] != name:
    problems.append("results.json names another assignment")
if problems:
    sys.exit(name + ": " + "; ".join(problems))
print(f"{name:<8} {f'{local_score:g}/{local_max:g}':<28} {f'{stub_score:g}/{stub_max:g}':<20} "
      f"{f'{solution_score:g}/{solution_max:g}':<20} {hidden:g} points" + (" (announced in the template)" if hidden else ""))
PY
  rm -rf "$template"
done
