#!/usr/bin/env bash
# Writes what a teacher copies into their <org>/classroom50 repository to grade ParamLab with Classroom 50:
#   OUT_DIR/assignments.json             the assignment's entry (merge it into CLASSROOM/assignments.json)
#   OUT_DIR/autograders/SLUG/            autograder.py and the pristine grader (CLASSROOM/autograders/SLUG/)
# The bundle holds no library (ONNX Runtime alone is 54 MB; Pages serves at most 10 MiB): autograder.py
# fetches them at grading time, each checked against its pinned SHA-256.
#
# Usage: scripts/make-classroom50-autograder.sh OUT_DIR [--slug SLUG] [--name NAME] [--template ORG/REPO]
set -euo pipefail
out=${1:?usage: scripts/make-classroom50-autograder.sh OUT_DIR [--slug SLUG] [--name NAME] [--template ORG/REPO]}
shift
slug=paramlab
name="ParamLab: Parameter Management"
template="ORG/paramlab-template"
while [ $# -gt 0 ]; do
  case "$1" in
    --slug) slug=$2; shift 2 ;;
    --name) name=$2; shift 2 ;;
    --template) template=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if ! [[ "$slug" =~ ^[a-z0-9][a-z0-9-]*$ ]]; then
  echo "--slug must be lower-case letters, digits and dashes: $slug" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
bundle="$out/autograders/$slug"
if [ -e "$bundle" ]; then
  echo "$bundle exists; choose a new OUT_DIR" >&2
  exit 2
fi
"$root/scripts/course-tool.sh" HomeBuilder --repository "$root" --out "$bundle"
cp "$root/courses/classroom50/autograder.py" "$bundle/autograder.py"
python3 - "$out/assignments.json" "$slug" "$name" "$template" <<'PY'
import json, sys
path, slug, name, template = sys.argv[1:]
entry = {"slug": slug, "name": name, "mode": "individual", "template": template, "runtime": {"java": "17"}}
with open(path, "w", encoding="utf-8") as f:
    json.dump([entry], f, indent=2)
    f.write("\n")
PY
size=$(tar -C "$out/autograders" -czf - "$slug" | wc -c)
if [ "$size" -gt $((10 * 1024 * 1024)) ]; then
  echo "the bundle is $size bytes packed, over Classroom 50's 10 MiB" >&2
  exit 1
fi
echo "Classroom 50 autograder written to $bundle ($size bytes as $slug.tar.gz); its entry is $out/assignments.json"
