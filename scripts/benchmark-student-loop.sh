#!/usr/bin/env bash
# The student's loop, side by side for two checkouts: edit one file of exercises/ (Linear.java), run
# `mvn -o -q test`, read the table. Alternates the two checkouts pair by pair and prints each wall time,
# then min/median/max of each and of the ratio SECOND/FIRST.
# Usage: scripts/benchmark-student-loop.sh FIRST_CHECKOUT SECOND_CHECKOUT [PAIRS]
# (grade each checkout once with `mvn test` first, to warm the local repository and the build).
set -euo pipefail
first=$(cd "${1:?usage: benchmark-student-loop.sh FIRST SECOND [PAIRS]}" && pwd)
second=$(cd "${2:?usage: benchmark-student-loop.sh FIRST SECOND [PAIRS]}" && pwd)
pairs=${3:-7}
file=exercises/src/main/java/org/paramlab/nn/Linear.java
run() {
  local dir=$1 s e
  printf '\n// edit %s\n' "$RANDOM" >> "$dir/$file"
  s=$(date +%s%N)
  (cd "$dir" && mvn -o -q test >/dev/null 2>&1) || true
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
a=(); b=(); r=()
echo "pair  first(ms)  second(ms)  second/first"
for i in $(seq 1 "$pairs"); do
  x=$(run "$first"); y=$(run "$second")
  a+=("$x"); b+=("$y"); r+=("$(echo "scale=3; $y / $x" | bc)")
  printf "%-5s %-10s %-11s %s\n" "$i" "$x" "$y" "${r[-1]}"
done
stats() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "min %s  median %s  max %s\n", v[1], m, v[NR]}'; }
echo "first:        $(stats "${a[@]}")"
echo "second:       $(stats "${b[@]}")"
echo "second/first: $(stats "${r[@]}")"
