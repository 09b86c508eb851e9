#!/usr/bin/env bash
# Builds a Gradescope autograder zip: setup.sh and run_autograder at its root, with the pristine grader
# (classes, graded tests, references, the template's stubs, the list of libraries setup.sh fetches).
# Upload OUT.zip as the assignment's autograder ("Ubuntu 22.04" base image, the default).
#
# With --assignment NAME [--course FILE], it grades that assignment of the course file (course.json unless FILE):
# its exercises and points, and its instructor-only checks, each shown as its Gradescope visibility says.
#
# Usage: scripts/make-gradescope-autograder.sh OUT.zip [--assignment NAME [--course FILE]]
set -euo pipefail
zip=${1:?usage: scripts/make-gradescope-autograder.sh OUT.zip [--assignment NAME [--course FILE]]}
shift
assignment_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --assignment) assignment_args+=(--assignment "${2:?--assignment needs a value}"); shift 2 ;;
    --course) assignment_args+=(--course "$(cd "$(dirname "${2:?--course needs a value}")" && pwd)/$(basename "$2")"); shift 2 ;;
    *) echo "unknown option $1; usage: scripts/make-gradescope-autograder.sh OUT.zip [--assignment NAME [--course FILE]]" >&2; exit 2 ;;
  esac
done
case "$zip" in *.zip) ;; *) echo "OUT must end in .zip: $zip" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
"$root/scripts/course-tool.sh" HomeBuilder --repository "$root" --out "$stage/autograder" \
  ${assignment_args[@]+"${assignment_args[@]}"}
cp "$root/courses/gradescope/setup.sh" "$root/courses/gradescope/run_autograder" "$stage/autograder/"
rm -f "$zip"
zip_path=$(cd "$(dirname "$zip")" && pwd)/$(basename "$zip")
(cd "$stage/autograder" && zip -q -r -X "$zip_path" .)
echo "Gradescope autograder written to $zip ($(wc -c < "$zip") bytes)"
