#!/usr/bin/env bash
# Writes N mixed submissions into DIR, one folder of org.paramlab.nn sources each, for the batch benchmarks:
# complete, partial (random files solved), the stubs, not compiling, and one endless loop (student-007).
# Usage: scripts/make-mixed-batch.sh DIR N
set -euo pipefail
subs=${1:?usage: scripts/make-mixed-batch.sh DIR N}
size=${2:?usage: scripts/make-mixed-batch.sh DIR N}
root=$(cd "$(dirname "$0")/.." && pwd)
nn=exercises/src/main/java/org/paramlab/nn
mkdir -p "$subs"
files=("$root"/solutions/src/main/java/org/paramlab/nn/*.java)
for i in $(seq 1 "$size"); do
  dir="$subs/student-$(printf %03d "$i")"
  cp -r "$root/$nn" "$dir"
  case $((i % 9)) in
    0|1|2) cp "${files[@]}" "$dir/" ;;                                                      # complete
    3|4) for f in "${files[@]}"; do [ $((RANDOM % 2)) = 0 ] && cp "$f" "$dir/"; done ;;     # partial
    5) ;;                                                                                     # stubs
    6) cp "${files[@]}" "$dir/"; echo "class Oops { int = ; }" > "$dir/Oops.java" ;;        # not compiling
    7) cp "${files[@]}" "$dir/"                                                               # complete, but
       if [ "$i" = 7 ]; then                                                                  # one endless loop
         sed -i '0,/public Linear(int inFeatures, int outFeatures) {/s//public Linear(int inFeatures, int outFeatures) { while (inFeatures >= 0) { inFeatures = inFeatures | 0; }/' "$dir/Linear.java"
       fi ;;
    8) for f in "${files[@]}"; do [ $((RANDOM % 3)) = 0 ] && cp "$f" "$dir/"; done ;;       # partial
  esac
done
