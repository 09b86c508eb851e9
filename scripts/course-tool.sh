#!/usr/bin/env bash
# Runs one of the course tools (org.paramlab.courses.*) with this repository as the pristine grader,
# after building it (./mvnw -Pcourses process-test-classes, this repository's Maven Wrapper: offline when it can,
# else online).
# PARAMLAB_GRADER_BUILT=1 skips the build.
# Usage: scripts/course-tool.sh MAIN_CLASS [ARGS...]   (for example GradeSubmission, GradeAll, HomeBuilder)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
main=${1:?usage: scripts/course-tool.sh MAIN_CLASS [ARGS...]}
shift
if [ "${PARAMLAB_GRADER_BUILT:-}" != 1 ]; then
  (cd "$root" && { ./mvnw -B -q -o -Pcourses process-test-classes >/dev/null 2>&1 \
    || ./mvnw -B -q -Pcourses process-test-classes; })
fi
classpath="$root/courses/target/classes:$(cat "$root/courses/target/paramlab-courses.classpath")"
exec java ${PARAMLAB_JAVA_OPTS:--Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -cp "$classpath" \
  "org.paramlab.courses.$main" "$@"
