#!/usr/bin/env bash
# Grades a folder of submissions (one sub-folder or .zip per student) with this repository's pristine grader,
# several at once, into OUT_DIR/gradebook.csv and one folder of reports per student (instructors).
# Each submission has 30 s by default (--budget; a complete one takes a few); --jobs defaults to the number of cores.
#
# Usage: scripts/grade-all.sh SUBMISSIONS_DIR OUT_DIR [--jobs N] [--budget SECONDS] [--seed N]
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: scripts/grade-all.sh SUBMISSIONS_DIR OUT_DIR [--jobs N] [--budget SECONDS] [--seed N]" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
exec "$root/scripts/course-tool.sh" GradeAll --repository "$root" --submissions "$1" --out "$2" "${@:3}"
