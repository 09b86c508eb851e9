#!/usr/bin/env bash
# Copies the committed tree into a new folder as the student template: without solutions/, .ci/ and this
# script, with the student README (courses/template/README.md) as README.md and the GitHub Classroom
# workflow (courses/github/classroom.yml) as .github/workflows/classroom.yml. It grades with: ./mvnw test
# (mvnw.cmd test on Windows); the Maven Wrapper (mvnw, mvnw.cmd, .mvn/wrapper/) is copied with its executable bit.
# Usage: scripts/make-student-template.sh TARGET_DIR
set -euo pipefail
target=${1:?usage: scripts/make-student-template.sh TARGET_DIR}
if [ -e "$target" ] && [ -n "$(ls -A "$target" 2>/dev/null)" ]; then
  echo "$target exists and is not empty; choose a new folder" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
mkdir -p "$target"
git ls-files -z | grep -zv -e '^solutions/' -e '^\.ci/' -e '^scripts/make-student-template\.sh$' \
  | xargs -0 -I{} cp --parents {} "$target"
cp courses/template/README.md "$target/README.md"
mkdir -p "$target/.github/workflows"
cp courses/github/classroom.yml "$target/.github/workflows/classroom.yml"
echo "student template written to $target ($(find "$target" -type f | wc -l) files); it grades with: ./mvnw test"
