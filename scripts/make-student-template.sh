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
# Never in a template either: the instructor-only checks (graded-tests/.../grading/instructor/), and the authors'
# scaffold (scripts/NewExercise.java, its sample and its check).
#
#   --assignment NAME [--course FILE]
#                               the template of one assignment of the course file (course.json unless FILE):
#                               its course.json holds that assignment alone, so ./mvnw test grades it, and its
#                               exercises/ carry the solutions of the exercises the assignment lists as "provided"
#                               (needs python3 to cut the course file)
#
# Usage: scripts/make-student-template.sh --platform PLATFORM [--assignment NAME [--course FILE]] TARGET_DIR
set -euo pipefail
usage="usage: scripts/make-student-template.sh --platform github-actions|classroom50|gradescope|self [--assignment NAME [--course FILE]] TARGET_DIR"
platform=
target=
assignment=
course=
while [ $# -gt 0 ]; do
  case $1 in
    --platform) platform=${2:-}; shift 2 || { echo "$usage" >&2; exit 2; } ;;
    --platform=*) platform=${1#--platform=}; shift ;;
    --assignment) assignment=${2:-}; shift 2 || { echo "$usage" >&2; exit 2; } ;;
    --course) course=${2:-}; shift 2 || { echo "$usage" >&2; exit 2; } ;;
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
[ -n "$assignment" ] || [ -z "$course" ] || { echo "--course needs --assignment NAME; $usage" >&2; exit 2; }
if [ -n "$course" ]; then
  [ -f "$course" ] || { echo "the course file $course does not exist" >&2; exit 2; }
  course=$(cd "$(dirname "$course")" && pwd)/$(basename "$course")
fi
# resolved before leaving the caller's folder: a relative TARGET_DIR is relative to where the script was run
mkdir -p "$target"
target=$(cd "$target" && pwd)
cd "$(dirname "$0")/.."
course=${course:-$PWD/course.json}
excluded=(-e '^solutions/' -e '^\.ci/' -e '^scripts/make-student-template\.sh$'
  -e '^graded-tests/src/main/java/org/paramlab/grading/instructor/'
  -e '^scripts/scaffold-sample/' -e '^scripts/NewExercise\.java$' -e '^scripts/check-scaffold\.sh$')
if [ "$platform" != github-actions ]; then
  excluded+=(-e '^scripts/' -e '^courses/')
fi
git ls-files -z | grep -zv "${excluded[@]}" | xargs -0 -I{} cp --parents {} "$target"
cp courses/template/README.md "$target/README.md"
if [ -n "$assignment" ]; then
  # the course file with this assignment alone; its "provided" exercises keep their solutions in exercises/
  provided=$(python3 - "$course" "$assignment" "$target/course.json" <<'PY'
import json, sys
course, name, out = sys.argv[1:]
with open(course, encoding="utf-8") as f:
    data = json.load(f)
chosen = [a for a in data.get("assignments", []) if isinstance(a, dict) and a.get("name") == name]
if not chosen:
    names = ", ".join(str(a.get("name")) for a in data.get("assignments", []) if isinstance(a, dict))
    sys.exit(f"{course} has no assignment '{name}'; it has {names}")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"schema": data.get("schema"), "assignments": chosen}, f, indent=2)
    f.write("\n")
print(",".join(chosen[0].get("provided", [])))
PY
  ) || { rm -rf "$target"; exit 2; }
  if [ -n "$provided" ]; then
    rm -rf "$target/exercises/src"
    java scripts/GenerateExercises.java --provided "$provided" --into "$target/exercises/src"
  fi
fi
if [ "$platform" = github-actions ]; then
  mkdir -p "$target/.github/workflows"
  cp courses/github/classroom.yml "$target/.github/workflows/classroom.yml"
fi
echo "student template for $platform${assignment:+ (assignment $assignment)} written to $target ($(find "$target" -type f | wc -l) files); it grades with: ./mvnw test"
