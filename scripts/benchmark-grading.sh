#!/usr/bin/env bash
# Times `mvn -o test` (grading the stubs) against a trivial one-test Maven project with the same
# JUnit and Surefire versions, in the same run, and prints the ratio.
# Usage: scripts/benchmark-grading.sh [RUNS]   (run `mvn test` once first, to warm the local repository)
set -euo pipefail
runs=${1:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
trivial=$(mktemp -d)
trap 'rm -rf "$trivial"' EXIT
mkdir -p "$trivial/src/test/java/t"
cat > "$trivial/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>t</groupId><artifactId>trivial</artifactId><version>1</version>
<properties><maven.compiler.release>17</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
<dependencyManagement><dependencies><dependency><groupId>org.junit</groupId><artifactId>junit-bom</artifactId>
<version>5.14.4</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>
<dependencies><dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope></dependency></dependencies>
<build><plugins>
<plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
<plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
<plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
</plugins></build></project>
POM
cat > "$trivial/src/test/java/t/OneTest.java" <<'JAVA'
package t;
class OneTest { @org.junit.jupiter.api.Test void one() { org.junit.jupiter.api.Assertions.assertEquals(2, 1 + 1); } }
JAVA
(cd "$trivial" && mvn -q test >/dev/null 2>&1) || { echo "the trivial project does not build (run online once)"; exit 1; }
wall() { local s e; s=$(date +%s.%N); (cd "$1" && mvn -o -q test >/dev/null 2>&1) || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
echo "run  grading(s)  trivial(s)  ratio"
for i in $(seq 1 "$runs"); do
  g=$(wall "$root"); t=$(wall "$trivial")
  printf "%-4s %-11.2f %-11.2f %.2f\n" "$i" "$g" "$t" "$(echo "$g / $t" | bc -l)"
done
