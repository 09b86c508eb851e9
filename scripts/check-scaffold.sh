#!/usr/bin/env bash
# The scaffold's proof (issue 22, item 3): in a temporary copy of the committed tree (git ls-files, as
# scripts/make-student-template.sh copies), scripts/NewExercise.java scaffolds a small exercise in a new group,
# the sample of scripts/scaffold-sample/ fills in its solution, graded test, exporter and PyTorch-made reference,
# the stubs are regenerated, and Maven (offline) grades it: the solutions score full marks on it, the untouched
# stub 0 (every test 'not attempted'). On the way: the scaffold's refusals change nothing, the skeleton's graded
# test fails until it is written, and the grader's own tests of what the scaffold edits pass (ExerciseTest,
# WatchMainTest, JavadocPromisesTest, GradedTestClassListTest).
#
# The sample is exercise <next group>.1 'ParameterCount.of' (9.1 while the chapter ends at group 7 or 8). It
# is graded with -Dassignment=scaffold-sample when the tree has a course.json (the scaffold adds the
# assignment), else with -Dexercise=<id>. Needs Java 17+, Python 3, git, and the Maven repository warm.
#
# Usage: scripts/check-scaffold.sh [--keep]   (--keep: leave the temporary copy and say where)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sample=$root/scripts/scaffold-sample
keep=${1:-}
work=$(mktemp -d)
if [ "$keep" = --keep ]; then trap 'echo "the copy is kept in $work/repo"' EXIT; else trap 'rm -rf "$work"' EXIT; fi
repo=$work/repo
MVN="./mvnw -B -ntp -o"
started=$SECONDS
step() { echo "== $1 (at ${SECONDS}s)"; }
fail() { echo "check-scaffold FAILED: $*" >&2; exit 1; }

step "copy the committed tree"
mkdir -p "$repo"
(cd "$root" && git ls-files -z | xargs -0 -I{} cp --parents {} "$repo")
cd "$repo"
git init -q . && git add -A && git -c user.name=check -c user.email=check@localhost commit -qm "the committed tree"
unchanged() { [ -z "$(git status --porcelain)" ] || { git status --short >&2; fail "$1 changed files"; }; }

group=$(( $(grep -oE '^        [A-Z][A-Z0-9_]*\(([0-9]+), "' grader-protocol/src/main/java/org/paramlab/grader/protocol/Exercise.java \
  | grep -oE '[0-9]+' | sort -n | tail -1) + 1 ))
id="$group.1"
if [ -f course.json ]; then
  assignment=(--assignment scaffold-sample --assignment-title "Counting parameters (the scaffold's sample)")
  select=(-Dassignment=scaffold-sample)
else
  assignment=()
  select=("-Dexercise=$id")
fi
echo "sample exercise $id ParameterCount.of; graded with ${select[*]}"

step "1. the scaffold refuses, with exit 2 and a message, and changes nothing"
refuses() {
  local expect=$1; shift
  local out rc=0
  out=$(java scripts/NewExercise.java "$@" 2>&1) || rc=$?
  [ "$rc" = 2 ] || fail "NewExercise $* exited with $rc, not 2: $out"
  echo "$out" | grep -q -- "$expect" || fail "NewExercise $* said '$out', expected it to mention '$expect'"
  unchanged "NewExercise $* (refused)"
  echo "  refused: $out"
}
refuses "exists already" --id 1.3 --title t --section s --class Fresh
refuses "is not an exercise id" --id "$group.01" --group-title "Counting parameters" --title t --section s --class Fresh
refuses "class ReLU exists already" --id "$id" --group-title "Counting parameters" --title t --section s --class ReLU
refuses "give its title with --group-title" --id "$id" --title t --section s --class Fresh
refuses "its first exercise is $group.1" --id "$group.2" --group-title "Counting parameters" --title t --section s --class Fresh
if [ ! -f course.json ]; then
  refuses "needs course.json" --id "$id" --group-title "Counting parameters" --title t --section s --class Fresh \
    --assignment scaffold-sample
fi

step "2. the scaffold: every place at once, and the stubs regenerated"
t0=$SECONDS
java scripts/NewExercise.java --id "$id" --group-title "Counting parameters" \
  --title "ParameterCount.of: how many numbers a module learns" --section "Parameter Access" \
  --class ParameterCount --method of "${assignment[@]}"
java scripts/GenerateExercises.java --check
git add -A
echo "the scaffold touched $(git diff --cached --name-only | wc -l) files in $((SECONDS - t0))s:"
git diff --cached --stat | sed 's/^/  /'
test_file=graded-tests/src/main/java/org/paramlab/grading/CountingParametersTest.java
grep -q "Exercise.E${group}_1" "$test_file" || fail "$test_file does not grade E${group}_1"
grep -q '"export_counting_parameters"' reference-models/export.py || fail "export.py does not list the new exporter"
grep -q "add(map, \"ParameterCount.java\", \"$id\")" \
  grader-supervisor/src/main/java/org/paramlab/grader/supervisor/WatchMain.java || fail "WatchMain lacks ParameterCount.java"
if [ -f course.json ]; then
  python3 -c 'import json,sys; a={x["name"]: x for x in json.load(open("course.json"))["assignments"]}; \
sys.exit(0 if a.get("scaffold-sample", {}).get("exercises") == [sys.argv[1]] else 1)' "$group" \
    || fail "course.json has no assignment scaffold-sample with exercises [\"$group\"]"
fi

step "3. the skeleton's graded test fails until it is written: the solutions are not full marks"
report=grader/target/paramlab
rc=0
$MVN -q -Psolutions -pl grader -am test -Dparamlab.selftests.skip=true "${select[@]}" >"$work/skeleton.log" 2>&1 || rc=$?
[ "$rc" != 0 ] || { tail -30 "$work/skeleton.log"; fail "the solutions' untouched skeleton scored full marks"; }
python3 - "$report/results.json" "$id" <<'EOF' || { tail -30 "$work/skeleton.log"; fail "the skeleton's report"; }
import json, sys
results = json.load(open(sys.argv[1]))
mine = [t for t in results["tests"] if t["name"].startswith(sys.argv[2] + " ")]
assert mine and all(t["status"] == "failed" and "TODO" in t.get("output", "") for t in mine), mine
print(f"  the skeleton: {len(mine)} test of {sys.argv[2]} failed, saying TODO")
EOF

step "4. fill in the sample: solution, graded test, exporter, and the reference PyTorch made (scripts/scaffold-sample)"
t0=$SECONDS
sub() { sed -e "s/\b9\.1\b/$group.1/g" -e "s/E9_1/E${group}_1/g" -e "s/@Order(9)/@Order($group)/" \
  -e "s/\"9 Counting/\"$group Counting/" -e "s/Group 9,/Group $group,/" "$1" > "$2"; }
sub "$sample/ParameterCount.java" solutions/src/main/java/org/paramlab/nn/ParameterCount.java
sub "$sample/CountingParametersTest.java" "$test_file"
sub "$sample/export_counting_parameters.py" reference-models/export_counting_parameters.py
cp "$sample/parameter_count.onnx" reference-models/models/
python3 - "$sample/manifest-entry.json" reference-models/models/manifest.json <<'EOF'
import json, sys
entry = json.load(open(sys.argv[1]))
with open(sys.argv[2]) as f:
    manifest = json.load(f)
manifest["files"].update(entry)
with open(sys.argv[2], "w") as f:  # as export.py writes it
    json.dump(manifest, f, indent=2, sort_keys=True)
    f.write("\n")
EOF
java scripts/GenerateExercises.java
java scripts/GenerateExercises.java --check
echo "  filled in in $((SECONDS - t0))s"

step "5. the solutions: full marks on the sample; the grader's tests of what the scaffold edits pass"
rc=0
$MVN -Psolutions -pl grader -am test "${select[@]}" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='ExerciseTest,WatchMainTest,JavadocPromisesTest,GradedTestClassListTest' >"$work/solutions.log" 2>&1 || rc=$?
[ "$rc" = 0 ] || { grep -E "FAIL|ERROR|expected|Tests run" "$work/solutions.log" | head -40; fail "the solutions' build (rc $rc)"; }
python3 - "$report/results.json" "$id" <<'EOF' || fail "the solutions' report"
import json, sys
results = json.load(open(sys.argv[1]))
mine = [t for t in results["tests"] if t["name"].startswith(sys.argv[2] + " ")]
exercises = {e["id"]: e for e in results["extra_data"]["exercises"]}
problems = []
if not mine:
    problems.append(f"no test of {sys.argv[2]} in results.json")
problems += [t["name"] + ": " + t["status"] for t in mine if t["status"] != "passed"]
e = exercises.get(sys.argv[2])
if not e or not (e["max"] > 0 and e["earned"] == e["max"]):
    problems.append(f"exercise {sys.argv[2]}: {e}")
if results["score"] != sum(t["max_score"] for t in results["tests"]):
    problems.append(f"score {results['score']} is not full marks")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"  the solutions: {sys.argv[2]} {e['earned']:g}/{e['max']:g}, {len(mine)} test(s) passed; run score {results['score']:g}")
EOF

step "6. the untouched stub: 0 points, every test not attempted"
rc=0
$MVN -q -pl grader -am test "${select[@]}" >"$work/stubs.log" 2>&1 || rc=$?
[ "$rc" = 0 ] || { tail -30 "$work/stubs.log"; fail "grading the stubs failed (rc $rc)"; }
python3 scripts/check-stub-report.py "$report"
python3 - "$report/results.json" "$id" <<'EOF' || fail "the stubs' report"
import json, sys
mine = [t for t in json.load(open(sys.argv[1]))["tests"] if t["name"].startswith(sys.argv[2] + " ")]
assert mine and all(t["score"] == 0 and "not attempted" in t["output"] for t in mine), mine
print(f"  the stub: {sys.argv[2]} 0 points, {len(mine)} test(s) not attempted")
EOF

git add -A
echo "check-scaffold: OK in $((SECONDS - started))s; the sample exercise touched $(git diff --cached --name-only | wc -l) files:"
git diff --cached --stat | sed 's/^/  /'
