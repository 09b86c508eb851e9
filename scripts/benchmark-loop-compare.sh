#!/usr/bin/env bash
# The student's edit-grade loop of this repository against another checkout of it (an older commit, say),
# measured side by side in one run, for a change that must not slow the loop (issue 19: within 5%).
#
# Makes a student template of each (scripts/make-student-template.sh: the committed files only), a copy of
# each with the solutions, and grades each once to warm it (class-data sharing archive included). Then, ROUNDS
# times, in an order that rotates round by round, it edits Linear.java and runs `mvn -o -q test` in:
#   this-stubs  other-stubs  this-complete  other-complete
# and prints each wall time, min/median/max of each case, and min/median/max of the ratio this/other of the
# same round (the machine's load changes between rounds more than within one).
#
# Usage: scripts/benchmark-loop-compare.sh OTHER_REPOSITORY [ROUNDS]   (default 8; needs the local Maven
#                                                                    repository warm and an idle machine)
set -euo pipefail
other=$(cd "${1:?usage: scripts/benchmark-loop-compare.sh OTHER_REPOSITORY [ROUNDS]}" && pwd)
rounds=${2:-8}
this=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nn=exercises/src/main/java/org/paramlab/nn

for side in this other; do
  root=${!side}
  # an older checkout's template script may predate --platform (issue 20)
  if grep -q -- '--platform' "$root/scripts/make-student-template.sh"; then
    (cd "$root" && scripts/make-student-template.sh --platform self "$work/$side-stubs" >/dev/null)
  else
    (cd "$root" && scripts/make-student-template.sh "$work/$side-stubs" >/dev/null)
  fi
  cp -r "$work/$side-stubs" "$work/$side-complete"
  cp "$root"/solutions/src/main/java/org/paramlab/nn/*.java "$work/$side-complete/$nn/"
  sed -i 's#// BEGIN SOLUTION.*##; s#// END SOLUTION##' "$work/$side-complete/$nn/"*.java
  for kind in stubs complete; do
    (cd "$work/$side-$kind" && { mvn -B -q -o test >/dev/null 2>&1 || mvn -B -q test >/dev/null 2>&1; })
    for _ in $(seq 1 60); do
      ls "$work/$side-$kind"/grader/target/paramlab-cache/cds/*.dumping >/dev/null 2>&1 || break
      sleep 1
    done
  done
done

edit() { printf '\n// edit %s\n' "$RANDOM" >> "$1"; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
cases=(this-stubs other-stubs this-complete other-complete)
declare -A times ratios
echo "round  this-stubs  other-stubs  this-complete  other-complete  (ms)"
for i in $(seq 1 "$rounds"); do
  declare -A t=()
  for k in 0 1 2 3; do
    c=${cases[$(( (i + k) % 4 ))]}
    edit "$work/$c/$nn/Linear.java"
    t[$c]=$(ms bash -c "cd '$work/$c' && mvn -o -q test")
  done
  for c in "${cases[@]}"; do times[$c]+="${t[$c]} "; done
  for kind in stubs complete; do
    ratios[$kind]+="$(echo "scale=3; ${t[this-$kind]} / ${t[other-$kind]}" | bc) "
  done
  printf "%-6s %-11s %-12s %-14s %s\n" "$i" "${t[this-stubs]}" "${t[other-stubs]}" "${t[this-complete]}" \
    "${t[other-complete]}"
done
stats() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "min %s  median %s  max %s", v[1], m, v[NR]}'; }
echo
for c in "${cases[@]}"; do
  printf "%-15s wall (ms): %s\n" "$c" "$(echo "${times[$c]}" | stats)"
done
for kind in stubs complete; do
  printf "%-15s this/other: %s\n" "$kind" "$(echo "${ratios[$kind]}" | stats)"
done
