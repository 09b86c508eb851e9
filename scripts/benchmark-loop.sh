#!/usr/bin/env bash
# The student's edit-grade loop against a bare Maven test run, measured side by side (issue 11).
#
# Generates, in a temporary folder: a trivial one-test Maven + JUnit 5 project (same compiler and
# Surefire versions as ParamLab), a student copy with the stubs, and one with the solutions. Each pair
# edits one file of each and runs, alternately (the order rotates pair by pair):
#   trivial   mvn -o -q test                         (the yardstick)
#   stubs     mvn -o -q test                         (Linear.java edited)
#   complete  mvn -o -q test                         (Linear.java edited)
#   exercise  mvn -o -q test -Dexercise=2.2          (Module.java edited, complete submission)
# and prints each wall time, then min/median/max of each case and of its ratio to the trivial run of
# the same pair. Then: where a complete run's time goes (Maven's phases, and the supervisor's own
# trace, -Dparamlab.trace), and the peak memory of the whole process tree (scripts/peak_rss.py).
# Timing is wall clock of the whole `mvn` command (date +%s%N); the machine should be otherwise idle.
#
# Last, with BATCH > 0: a batch of BATCH mixed submissions (scripts/make-mixed-batch.sh: complete, partial,
# stubs, not compiling, one endless loop) graded by scripts/grade-all.sh on every core, with the peak memory
# of its process tree, and one submission graded as Gradescope does (a 128 MB supervisor, a 320 MB test JVM).
#
# Usage: scripts/benchmark-loop.sh [PAIRS] [BATCH]   (defaults 5 and 200; needs the local Maven repository
#                                                    warm: run `mvn test` in the repository once)
set -euo pipefail
pairs=${1:-5}
batch=${2:-200}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nn=exercises/src/main/java/org/paramlab/nn

# --- the trivial project -------------------------------------------------------------------------
mkdir -p "$work/trivial/src/main/java/demo" "$work/trivial/src/test/java/demo"
cat > "$work/trivial/pom.xml" <<'POM'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>demo</groupId>
  <artifactId>trivial</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>5.14.4</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
    </plugins>
  </build>
</project>
POM
cat > "$work/trivial/src/main/java/demo/Adder.java" <<'JAVA'
package demo;

public class Adder {
    public static int add(int a, int b) {
        return a + b;
    }
}
JAVA
cat > "$work/trivial/src/test/java/demo/AdderTest.java" <<'JAVA'
package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdderTest {
    @Test
    void adds() {
        assertEquals(3, Adder.add(1, 2));
    }
}
JAVA

# --- the student copies --------------------------------------------------------------------------
"$root/scripts/make-student-template.sh" --platform self "$work/stubs" >/dev/null
cp -r "$work/stubs" "$work/complete"
cp "$root"/solutions/src/main/java/org/paramlab/nn/*.java "$work/complete/$nn/"
sed -i 's#// BEGIN SOLUTION.*##; s#// END SOLUTION##' "$work/complete/$nn/"*.java
for d in trivial stubs complete; do
  (cd "$work/$d" && { mvn -B -q -o test >/dev/null 2>&1 || mvn -B -q test >/dev/null 2>&1; })
done
# the first run of a student copy lists the test JVM's classes; the class-data sharing archive is then
# built in the background: wait for it, so that the pairs measure the loop a student lives in
for d in stubs complete; do
  for _ in $(seq 1 60); do
    ls "$work/$d"/grader/target/paramlab-cache/cds/*.dumping >/dev/null 2>&1 || break
    sleep 1
  done
done

# --- paired runs ---------------------------------------------------------------------------------
edit() { printf '\n// edit %s\n' "$RANDOM" >> "$1"; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
run_case() {
  case $1 in
    trivial)  edit "$work/trivial/src/main/java/demo/Adder.java"; ms bash -c "cd '$work/trivial' && mvn -o -q test" ;;
    stubs)    edit "$work/stubs/$nn/Linear.java"; ms bash -c "cd '$work/stubs' && mvn -o -q test" ;;
    complete) edit "$work/complete/$nn/Linear.java"; ms bash -c "cd '$work/complete' && mvn -o -q test" ;;
    exercise) edit "$work/complete/$nn/Module.java"; ms bash -c "cd '$work/complete' && mvn -o -q test -Dexercise=2.2" ;;
  esac
}
cases=(trivial stubs complete exercise)
declare -A times ratios
echo "pair  trivial  stubs  complete  exercise  (ms)"
for i in $(seq 1 "$pairs"); do
  declare -A t=()
  for k in $(seq 0 3); do
    c=${cases[$(( (i + k) % 4 ))]}
    t[$c]=$(run_case "$c")
  done
  for c in "${cases[@]}"; do
    times[$c]+="${t[$c]} "
    [ "$c" = trivial ] || ratios[$c]+="$(echo "scale=3; ${t[$c]} / ${t[trivial]}" | bc) "
  done
  printf "%-5s %-8s %-6s %-9s %s\n" "$i" "${t[trivial]}" "${t[stubs]}" "${t[complete]}" "${t[exercise]}"
done
stats() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "min %s  median %s  max %s", v[1], m, v[NR]}'; }
echo
for c in "${cases[@]}"; do
  printf "%-9s wall (ms): %s\n" "$c" "$(echo "${times[$c]}" | stats)"
done
for c in stubs complete exercise; do
  printf "%-9s / trivial: %s\n" "$c" "$(echo "${ratios[$c]}" | stats)"
done

# --- where a complete run's time goes -------------------------------------------------------------
echo
echo "profile of one complete run (seconds from the mvn command's start):"
edit "$work/complete/$nn/Linear.java"
trace="$work/trace.txt"
start=$(date +%s%3N)
(cd "$work/complete" && mvn -o test -Dparamlab.trace="$trace" \
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS 2>&1) \
  | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^[0-9:.]+ \[INFO\] (--- |Building |Compiling|BUILD)' \
  | python3 -c '
import sys, datetime
start = int(sys.argv[1]) / 1000
day = datetime.datetime.fromtimestamp(start).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
for line in sys.stdin:
    clock, text = line.split(" ", 1)
    h, m, s = clock.split(":")
    print("  %6.3f  maven: %s" % (day + int(h) * 3600 + int(m) * 60 + float(s) - start, text.strip()[7:100]))
' "$start"
end=$(date +%s%3N)
sed 's/^/  /' "$trace"
echo "   $(echo "scale=3; ($end - $start) / 1000" | bc)  done (the supervisor's times count from Maven's JVM start)"

# --- watch mode: from a file's save to its table -------------------------------------------------------
echo
log="$work/watch.log"
(cd "$work/complete" && exec mvn -q -o test-compile exec:java@watch >"$log" 2>&1) &
watch_pid=$!
graded() { grep -c '^(graded' "$log" 2>/dev/null || true; }
for _ in $(seq 1 600); do [ "$(graded)" -ge 1 ] && break; sleep 0.1; done
latencies=""
for f in ReLU Linear Module Sequential Init ReLU Linear Module; do
  before=$(graded)
  s=$(date +%s%N)
  edit "$work/complete/$nn/$f.java"
  for _ in $(seq 1 1000); do [ "$(graded)" -gt "$before" ] && break; sleep 0.01; done
  e=$(date +%s%N)
  latencies+="$(( (e - s) / 1000000 )) "
done
pkill -P "$watch_pid" >/dev/null 2>&1 || true; kill "$watch_pid" >/dev/null 2>&1 || true
wait "$watch_pid" 2>/dev/null || true
echo "watch mode, save to table (ms, ${latencies% }): $(echo "$latencies" | stats)"

# --- memory ----------------------------------------------------------------------------------------
echo
edit "$work/complete/$nn/Linear.java"
(cd "$work/complete" && python3 "$root/scripts/peak_rss.py" mvn -o -q test 2>&1 >/dev/null | sed 's/^/student loop, complete: /')

# --- course grading: a batch, and one submission within Gradescope's memory ---------------------------
if [ "$batch" -gt 0 ]; then
  (cd "$root" && { mvn -B -q -o -Pcourses process-test-classes >/dev/null 2>&1 || mvn -B -q -Pcourses process-test-classes >/dev/null; })
  export PARAMLAB_GRADER_BUILT=1
  echo
  PARAMLAB_JAVA_OPTS="-Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC" \
    python3 "$root/scripts/peak_rss.py" "$root/scripts/grade-submission.sh" "$work/complete" "$work/one" \
    --test-heap 320 2>&1 >/dev/null | sed 's/^/one submission as Gradescope grades it (128 MB + 320 MB): /'
  "$root/scripts/make-mixed-batch.sh" "$work/batch" "$batch"
  s=$(date +%s%N)
  python3 "$root/scripts/peak_rss.py" "$root/scripts/grade-all.sh" "$work/batch" "$work/batch-out" 2>"$work/batch.rss" \
    | tail -1
  e=$(date +%s%N)
  sed 's/^/batch: /' "$work/batch.rss"
  total=$(( (e - s) / 1000000 ))
  echo "batch: $batch submissions in $total ms on $(nproc) cores: $(echo "scale=3; $total / $batch / 1000" | bc) s each"
  python3 -c 'import csv, collections, sys; print("  statuses:", dict(collections.Counter(r["status"] for r in csv.DictReader(open(sys.argv[1])))))' "$work/batch-out/gradebook.csv"
fi
