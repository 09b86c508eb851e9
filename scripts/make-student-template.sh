#!/usr/bin/env bash
# Copies the committed tree into a new folder as the student template for one course platform, with the
# student README (courses/template/README.md) as README.md. It grades with: ./mvnw test (mvnw.cmd test on
# Windows); the Maven Wrapper (mvnw, mvnw.cmd, .mvn/wrapper/) is copied with its executable bit. Never in a
# template: solutions/, .ci/ and this script.
#
#   --platform github-actions   GitHub Classroom's reporter (existing courses): adds the workflow
#                               courses/github/classroom.yml as .github/workflows/classroom.yml, and keeps
#                               scripts/ and courses/, since the workflow checks out this template again as
#                               the pristine grader (PARAMLAB_GRADER_REPOSITORY) and runs its classroom-grade.sh
#   --platform classroom50      Classroom 50: no workflow (Classroom 50 runs its own), no instructors' tools
#   --platform gradescope       Gradescope: no workflow, no instructors' tools
#   --platform self             self-study: no workflow, no instructors' tools
#
# Usage: scripts/make-student-template.sh --platform PLATFORM TARGET_DIR
set -euo pipefail
usage="usage: scripts/make-student-template.sh --platform github-actions|classroom50|gradescope|self TARGET_DIR"
platform=
target=
while [ $# -gt 0 ]; do
  case $1 in
    --platform) platform=${2:-}; shift 2 || { echo "$usage" >&2; exit 2; } ;;
    --platform=*) platform=${1#--platform=}; shift ;;
    -*) echo "unknown option $1; $usage" >&2; exit 2 ;;
    *) [ -z "$target" ] || { echo "one TARGET_DIR only; $usage" >&2; exit 2; }; target=$1; shift ;;
  esac
done
case $platform in
  github-actions | classroom50 | gradescope | self) ;;
  "") echo "which platform is the template for? $usage" >&2; exit 2 ;;
  *) echo "'$platform' is not a platform this script knows; $usage" >&2; exit 2 ;;
esac
[ -n "$target" ] || { echo "$usage" >&2; exit 2; }
if [ -e "$target" ] && [ -n "$(ls -A "$target" 2>/dev/null)" ]; then
  echo "$target exists and is not empty; choose a new folder" >&2
  exit 2
fi
# resolved before leaving the caller's folder: a relative TARGET_DIR is relative to where the script was run
mkdir -p "$target"
target=$(cd "$target" && pwd)
cd "$(dirname "$0")/.."
excluded=(-e '^solutions/' -e '^\.ci/' -e '^scripts/make-student-template\.sh$')
if [ "$platform" != github-actions ]; then
  excluded+=(-e '^scripts/' -e '^courses/')
fi
git ls-files -z | grep -zv "${excluded[@]}" | xargs -0 -I{} cp --parents {} "$target"
cp courses/template/README.md "$target/README.md"
if [ "$platform" = github-actions ]; then
  mkdir -p "$target/.github/workflows"
  cp courses/github/classroom.yml "$target/.github/workflows/classroom.yml"
fi
echo "student template for $platform written to $target ($(find "$target" -type f | wc -l) files); it grades with: ./mvnw test"
