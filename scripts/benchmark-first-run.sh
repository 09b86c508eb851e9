#!/usr/bin/env bash
# A student's first run, measured: `./mvnw -q test` online in a fresh student template, with an empty Maven
# Wrapper home (MAVEN_USER_HOME) and an empty local repository, as on a laptop that has only a JDK.
# Prints the wall time, the Maven distribution's size, and the number and size of the artifacts downloaded.
# Usage: scripts/benchmark-first-run.sh [WORK_DIR]   (needs the network; leaves WORK_DIR for a look)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
"$root/scripts/make-student-template.sh" --platform self "$work/paramlab" >/dev/null
export MAVEN_USER_HOME="$work/maven-user-home"
repo="$work/repository"
mkdir -p "$MAVEN_USER_HOME" "$repo"
start=$(date +%s.%N)
status=0
(cd "$work/paramlab" && ./mvnw -q -Dmaven.repo.local="$repo" test >"$work/first-run.log" 2>&1) || status=$?
end=$(date +%s.%N)
echo "first run: exit $status, $(echo "$end - $start" | bc) s wall (log: $work/first-run.log)"
zip=$(curl -fsSI https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.16/apache-maven-3.9.16-bin.zip \
  | tr -d '\r' | awk 'tolower($1)=="content-length:" {print $2}' || true)
echo "Maven distribution: ${zip:-?} bytes zipped; installed: $(du -sh "$MAVEN_USER_HOME/wrapper" | cut -f1)"
echo "artifacts downloaded: $(find "$repo" -type f \( -name '*.jar' -o -name '*.pom' \) | wc -l) files" \
  "($(find "$repo" -type f -name '*.jar' | wc -l) jars, $(find "$repo" -type f -name '*.pom' | wc -l) poms)," \
  "$(du -sh "$repo" | cut -f1) in the local repository"
echo "largest: $(find "$repo" -type f -name '*.jar' -printf '%s %P\n' | sort -rn | head -3 | awk '{printf "%s (%.1f MB); ", $2, $1/1e6}')"
