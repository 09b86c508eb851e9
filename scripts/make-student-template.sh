#!/usr/bin/env bash
# Copies the committed tree without solutions/ and .ci/ into a new folder: the student template.
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
echo "student template written to $target ($(git ls-files | grep -cv -e '^solutions/' -e '^\.ci/') files); it grades with: mvn test"
