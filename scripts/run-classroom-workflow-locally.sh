#!/usr/bin/env bash
# Runs the grading steps of the GitHub Classroom workflow (courses/github/classroom.yml) on this machine, as
# GitHub Actions would: GITHUB_WORKSPACE is a copy of the submission, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
# temporary files. Prints the three paths at the end (WORKSPACE=, OUTPUT=, SUMMARY=).
#
# Usage: scripts/run-classroom-workflow-locally.sh SUBMISSION_REPO [GRADER_DIR]
#   GRADER_DIR: a pristine checkout of the template (default: a copy of this repository);
#   PARAMLAB_GRADER_BUILT=1 grades with GRADER_DIR as it is (already built) instead of a fresh copy.
set -euo pipefail
submission=$(cd "${1:?usage: run-classroom-workflow-locally.sh SUBMISSION_REPO [GRADER_DIR]}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
grader=${2:-$root}
run=$(mktemp -d)
export GITHUB_WORKSPACE="$run/workspace" GITHUB_OUTPUT="$run/github-output" GITHUB_STEP_SUMMARY="$run/step-summary.md"
export RUNNER_TEMP="$run/runner-temp" GITHUB_REPOSITORY=local/submission GITHUB_ACTIONS=true
mkdir -p "$GITHUB_WORKSPACE" "$RUNNER_TEMP"
: > "$GITHUB_OUTPUT"; : > "$GITHUB_STEP_SUMMARY"
(cd "$submission" && tar --exclude=./.git -cf - .) | (cd "$GITHUB_WORKSPACE" && tar -xf -)
if [ "${PARAMLAB_GRADER_BUILT:-}" = 1 ]; then
  # the workflow checks the pristine grader out into the workspace (the grading step moves it out again);
  # an already built one is linked instead of copied
  ln -s "$(cd "$grader" && pwd)" "$GITHUB_WORKSPACE/.paramlab-grader"
else
  mkdir -p "$GITHUB_WORKSPACE/.paramlab-grader"
  (cd "$grader" && git ls-files -z | xargs -0 -I{} cp --parents {} "$GITHUB_WORKSPACE/.paramlab-grader")
fi
(cd "$GITHUB_WORKSPACE" && bash .paramlab-grader/scripts/classroom-grade.sh .paramlab-grader)
echo "WORKSPACE=$GITHUB_WORKSPACE"
echo "OUTPUT=$GITHUB_OUTPUT"
echo "SUMMARY=$GITHUB_STEP_SUMMARY"
