#!/usr/bin/env bash
# Grades one untrusted submission with this repository's pristine grader, offline (instructors).
# SUBMISSION: a student's repository, a zip of one, or a folder (or zip) of just the .java files of
# org.paramlab.nn. Only those files are graded; every other difference from the template is listed in the
# report as "ignored: not graded". OUT_DIR gets results.json, summary.md, console.txt, submission.json.
# The whole command stops after PARAMLAB_OUTER_LIMIT seconds (1200), on top of the run's own limits.
#
# Usage: scripts/grade-submission.sh SUBMISSION OUT_DIR [--seed N] [--budget SECONDS] [--id NAME] [--run-as USER]
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: scripts/grade-submission.sh SUBMISSION OUT_DIR [--seed N] [--budget SECONDS] [--id NAME]" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
exec timeout --kill-after=15 "${PARAMLAB_OUTER_LIMIT:-1200}" "$root/scripts/course-tool.sh" GradeSubmission \
  --repository "$root" --submission "$1" --out "$2" "${@:3}"
