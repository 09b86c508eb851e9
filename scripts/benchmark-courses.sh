#!/usr/bin/env bash
# Course grading, measured: (1) one complete submission graded in trusted mode against `mvn -o test` of the
# same code, side by side, PAIRS pairs; (2) a batch of mixed submissions (complete, partial, stubs, not
# compiling, one endless loop) graded by grade-all.sh: total wall time and time per submission.
# Build once first: mvn -Pcourses process-test-classes (and mvn test in a student copy).
# Usage: scripts/benchmark-courses.sh [PAIRS] [BATCH_SIZE]
set -euo pipefail
pairs=${1:-5}
size=${2:-36}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PARAMLAB_GRADER_BUILT=1
nn=exercises/src/main/java/org/paramlab/nn

# (1) one complete submission: trusted mode against the student's own mvn -o test
"$root/scripts/make-student-template.sh" --platform self "$work/student" >/dev/null
cp "$root"/solutions/src/main/java/org/paramlab/nn/*.java "$work/student/$nn/"
(cd "$work/student" && mvn -B -q test >/dev/null 2>&1)
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
trusted=(); plain=(); ratio=()
echo "pair  trusted(ms)  mvn -o test(ms)  trusted/plain"
for i in $(seq 1 "$pairs"); do
  t=$(ms "$root/scripts/grade-submission.sh" "$work/student" "$work/out-$i")
  p=$(ms bash -c "cd '$work/student' && mvn -o -q test")
  trusted+=("$t"); plain+=("$p"); ratio+=("$(echo "scale=3; $t / $p" | bc)")
  printf "%-5s %-12s %-16s %s\n" "$i" "$t" "$p" "${ratio[-1]}"
done
stats() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "min %s  median %s  max %s\n", v[1], m, v[NR]}'; }
echo "trusted:       $(stats "${trusted[@]}")"
echo "mvn -o test:   $(stats "${plain[@]}")"
echo "trusted/plain: $(stats "${ratio[@]}")"

# (2) a mixed batch
subs="$work/submissions"
"$root/scripts/make-mixed-batch.sh" "$subs" "$size"
s=$(date +%s%N)
"$root/scripts/grade-all.sh" "$subs" "$work/batch" | tail -1
e=$(date +%s%N)
total=$(( (e - s) / 1000000 ))
single=$(printf '%s\n' "${trusted[@]}" | sort -g | awk '{v[NR]=$1} END {print (NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2}')
cut -d, -f1,2,30 "$work/batch/gradebook.csv" | awk -F, 'NR>1 {print $3}' | sort | uniq -c
echo "batch: $size submissions in $total ms, $((total / size)) ms each; per submission / single trusted grading: $(echo "scale=3; $total / $size / $single" | bc)"
