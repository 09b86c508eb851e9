#!/usr/bin/env bash
# Writes what a teacher copies into their <org>/classroom50 repository to grade ParamLab with Classroom 50:
#   OUT_DIR/assignments.json             a complete CLASSROOM/assignments.json in Classroom 50's format
#                                        ({"schema": "classroom50/assignments/v1", "assignments": [ENTRY]},
#                                        courses/classroom50/assignments-v1.schema.json): use it as is, or add
#                                        its one entry to the "assignments" of the file you already have
#   OUT_DIR/autograders/SLUG/            autograder.py and the pristine grader (CLASSROOM/autograders/SLUG/)
#   OUT_DIR/mirror/                      the files of the course's library mirror, to upload as they are
#                                        (gh release create TAG OUT_DIR/mirror/*.jar): every library, and
#                                        onnxruntime-VERSION-linux-x64.jar, ONNX Runtime with the natives of
#                                        GitHub's linux-x64 runners alone (11 MB instead of 54 MB)
# The bundle holds no library (ONNX Runtime alone is 54 MB; Pages serves at most 10 MiB): autograder.py
# fetches them at grading time, each checked against its pinned SHA-256, from each --library-mirror (its URLs
# in the bundle's library-sources.txt; fetch_libraries.py says how they are read; on linux-x64 the slim ONNX
# Runtime jar, pinned by its own SHA-256), then Maven Central (the full jars).
#
# Usage: scripts/make-classroom50-autograder.sh OUT_DIR --template OWNER/REPO[@BRANCH] [--slug SLUG] [--name NAME]
#                                               [--library-mirror URL]... [--entry-only]
#   --template    the students' template repository (BRANCH: main unless given)
#   --slug        the assignment's short name, Classroom 50's pattern ^[a-z0-9][a-z0-9-]{1,38}$ (default paramlab)
#   --library-mirror  a publicly readable https source of the same jars, tried when Maven Central fails, e.g.
#                 https://github.com/ORG/REPO/releases/download/TAG/{file} ({file}: the jar's name; {path}: its
#                 Maven path; neither: a Maven repository). Fill it with OUT_DIR/mirror/'s jars
#                 (gh release create TAG OUT_DIR/mirror/*.jar)
#   --entry-only  write OUT_DIR/assignments.json only, not the bundle
#   --assignment NAME [--course FILE]
#                 grade that assignment of the course file (course.json unless FILE): its exercises, points and
#                 instructor-only checks (docs/assignments.md; the bundle is public, so they are not secret there)
set -euo pipefail
usage="usage: scripts/make-classroom50-autograder.sh OUT_DIR --template OWNER/REPO[@BRANCH] [--slug SLUG] [--name NAME] [--library-mirror URL]... [--entry-only] [--assignment NAME [--course FILE]]"
out=${1:?$usage}
shift
slug=paramlab
name="ParamLab: Parameter Management"
template=""
entry_only=0
mirrors=()
assignment_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --slug|--name|--template|--library-mirror)
      if [ $# -lt 2 ]; then echo "$1 needs a value; $usage" >&2; exit 2; fi
      case "$1" in --slug) slug=$2 ;; --name) name=$2 ;; --template) template=$2 ;; *) mirrors+=("$2") ;; esac
      shift 2 ;;
    --entry-only) entry_only=1; shift ;;
    --assignment|--course)
      if [ $# -lt 2 ]; then echo "$1 needs a value; $usage" >&2; exit 2; fi
      value=$2
      [ "$1" = --course ] && value=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
      assignment_args+=("$1" "$value"); shift 2 ;;
    *) echo "unknown option $1; $usage" >&2; exit 2 ;;
  esac
done
# Classroom 50 refuses the whole assignments.json for one bad entry: refuse here instead, naming the value.
if ! [[ "$slug" =~ ^[a-z0-9][a-z0-9-]{1,38}$ ]]; then
  echo "--slug '$slug' is not a Classroom 50 slug: 2 to 39 lower-case letters, digits and dashes," \
       "not starting with a dash (^[a-z0-9][a-z0-9-]{1,38}\$)" >&2
  exit 2
fi
if [ -z "$name" ]; then
  echo "--name must not be empty" >&2
  exit 2
fi
if [ -z "$template" ]; then
  echo "--template OWNER/REPO[@BRANCH] is required: the students' template repository; $usage" >&2
  exit 2
fi
if ! [[ "$template" =~ ^([^/@]+)/([^/@]+)(@(.+))?$ ]]; then
  echo "--template '$template' is not OWNER/REPO or OWNER/REPO@BRANCH" >&2
  exit 2
fi
owner=${BASH_REMATCH[1]}
repo=${BASH_REMATCH[2]}
branch=${BASH_REMATCH[4]:-main}
if ! [[ "$owner" =~ ^[A-Za-z0-9]([A-Za-z0-9-]{0,38})$ ]]; then
  echo "--template '$template': owner '$owner' is not a GitHub account name (letters, digits, dashes; at most 39)" >&2
  exit 2
fi
if ! [[ "$repo" =~ ^[A-Za-z0-9._-]{1,100}$ ]] || [ "$repo" = . ] || [ "$repo" = .. ]; then
  echo "--template '$template': repository '$repo' is not a GitHub repository name (letters, digits, '.', '_', '-')" >&2
  exit 2
fi
if ! [[ "$branch" =~ ^[A-Za-z0-9._/-]+$ ]] || [[ "$branch" == -* || "$branch" == /* || "$branch" == */ \
      || "$branch" == *..* || "$branch" == *//* || "$branch" == *.lock || "$branch" == *. ]]; then
  echo "--template '$template': branch '$branch' is not a branch name this script accepts" \
       "(letters, digits, '.', '_', '-', '/'; no '..', no leading '-' or '/')" >&2
  exit 2
fi
for mirror in "${mirrors[@]}"; do
  if ! [[ "$mirror" =~ ^https://[^[:space:]]+$ ]]; then
    echo "--library-mirror '$mirror' is not an https URL (the runner fetches it without credentials)" >&2
    exit 2
  fi
done
root=$(cd "$(dirname "$0")/.." && pwd)
bundle="$out/autograders/$slug"
if [ "$entry_only" = 0 ] && [ -e "$bundle" ]; then
  echo "$bundle exists; choose a new OUT_DIR" >&2
  exit 2
fi
mkdir -p "$out"
python3 - "$out/assignments.json" "$slug" "$name" "$owner" "$repo" "$branch" <<'PY'
import json, sys
path, slug, name, owner, repo, branch = sys.argv[1:]
entry = {
    "slug": slug,
    "name": name,
    "mode": "individual",
    "template": {"owner": owner, "repo": repo, "branch": branch},
    "autograder": "default",  # Classroom 50's universal workflow shim; the grading is autograder.py
    "runtime": {"java": "17"},
}
with open(path, "w", encoding="utf-8") as f:
    json.dump({"schema": "classroom50/assignments/v1", "assignments": [entry]}, f, indent=2)
    f.write("\n")
PY
if [ "$entry_only" = 1 ]; then
  echo "Classroom 50 assignments.json written to $out/assignments.json"
  exit 0
fi
"$root/scripts/course-tool.sh" HomeBuilder --repository "$root" --out "$bundle" --mirror "$out/mirror" \
  ${assignment_args[@]+"${assignment_args[@]}"}
cp "$root/courses/classroom50/autograder.py" "$bundle/autograder.py"
if [ ${#mirrors[@]} -gt 0 ]; then
  printf '%s\n' "${mirrors[@]}" > "$bundle/library-sources.txt"
fi
size=$(tar -C "$out/autograders" -czf - "$slug" | wc -c)
if [ "$size" -gt $((10 * 1024 * 1024)) ]; then
  echo "the bundle is $size bytes packed, over Classroom 50's 10 MiB" >&2
  exit 1
fi
echo "Classroom 50 autograder written to $bundle ($size bytes as $slug.tar.gz); its assignments.json is $out/assignments.json"
echo "the files of its library mirror are in $out/mirror (gh release create TAG $out/mirror/*.jar)"
