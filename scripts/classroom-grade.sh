#!/usr/bin/env bash
# The grading step of the GitHub Classroom workflow (courses/github/classroom.yml), run in the submission's
# checkout ($GITHUB_WORKSPACE): grades it in trusted mode (only exercises/src/main/java/org/paramlab/nn/*.java
# is taken from it) with the grader in GRADER_DIR, a pristine checkout of the instructor's template. Without
# GRADER_DIR it grades with a copy of the checkout itself, and says so in the job summary.
#
# It appends `feedback=`, `earned=` and `missed=<base64>` to $GITHUB_OUTPUT for
# education/autograding-grading-reporter (runners "paramlab,earned,missed"; see ClassroomReporter), and
# `result=` for workflows that still name the single runner "paramlab", and the summary to $GITHUB_STEP_SUMMARY. Nothing the grading prints is read as a workflow
# command (::stop-commands:: around it). PARAMLAB_GRADER_BUILT=1 skips building GRADER_DIR (already built).
#
# PARAMLAB_ASSIGNMENT names the assignment of GRADER_DIR's course.json to grade (its first when empty).
#
# Usage: scripts/classroom-grade.sh [GRADER_DIR]
set -euo pipefail
workspace=$(cd "${GITHUB_WORKSPACE:-$PWD}" && pwd)
scratch=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/paramlab-XXXXXX")
summary=${GITHUB_STEP_SUMMARY:-/dev/null}
output=${GITHUB_OUTPUT:-/dev/stdout}

if [ -n "${1:-}" ]; then
  # the pristine grader was checked out inside the workspace: move it out, so it is no part of the submission
  grader="$scratch/grader"
  mv "$1" "$grader"
else
  grader="$scratch/grader"
  mkdir -p "$grader"
  (cd "$workspace" && tar --exclude=./.git -cf - .) | (cd "$grader" && tar -xf -)
  echo "> **Note:** no pristine grader is configured (variable PARAMLAB_GRADER_REPOSITORY), so this run graded" \
       "the submission with its own copy of the grader: feedback, not a trusted grade." >> "$summary"
fi

# Maven: the pristine grader's own wrapper (its pinned Maven, checked against its SHA-256), never the
# submission's: $workspace's mvnw and .mvn/wrapper are not read. Without a pristine grader, $grader is a copy of the
# submission, whose pom.xml and .mvn/ already decide what the build runs: there the runner's own mvn builds
# it, so that the submission's mvnw (a shell script) is not run either. A pristine grader pinned at a commit
# from before the wrapper has no mvnw: the runner's mvn builds it, as it did then.
if [ -n "${1:-}" ] && [ -f "$grader/mvnw" ] && [ -f "$grader/.mvn/wrapper/maven-wrapper.properties" ]; then
  maven=("$grader/mvnw")
else
  maven=(mvn)
fi
if [ "${PARAMLAB_GRADER_BUILT:-}" != 1 ]; then
  (cd "$grader" && "${maven[@]}" -B -q ${PARAMLAB_MAVEN_ARGS:-} -Pcourses process-test-classes)
fi
classpath="$grader/courses/target/classes:$(cat "$grader/courses/target/paramlab-courses.classpath")"

token="paramlab-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
echo "::stop-commands::$token"
status=0
timeout --kill-after=15 "${PARAMLAB_OUTER_LIMIT:-900}" java -Xmx256m -cp "$classpath" \
  org.paramlab.courses.GradeSubmission --repository "$grader" --submission "$workspace" --out "$scratch/out" \
  --id "${GITHUB_REPOSITORY:-submission}" ${PARAMLAB_ASSIGNMENT:+--assignment "$PARAMLAB_ASSIGNMENT"} || status=$?
echo "::$token::"

if [ ! -f "$scratch/out/results.json" ]; then
  echo "ParamLab: the grading did not finish (status $status)" >&2
  exit 1
fi
java -cp "$classpath" org.paramlab.courses.ClassroomReporter "$scratch/out/results.json" "$output"
echo "ParamLab: reports in $scratch/out"
