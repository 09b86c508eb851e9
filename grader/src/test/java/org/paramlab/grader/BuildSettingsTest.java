package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Build settings that keep a student's files from running code while Maven compiles, before any
 * rule can be checked. They live in the poms, so they are checked there.
 */
class BuildSettingsTest {

    @Test
    void javacRunsNoAnnotationProcessor() throws Exception {
        // Without -proc:none, a processor class and a META-INF/services file in exercises/src/main/resources
        // ran inside Maven's JVM at the next compile (tried by hand: it wrote a file as Maven's process).
        String pom = Files.readString(Path.of("..", "pom.xml"));
        String compiler = pom.substring(pom.indexOf("<artifactId>maven-compiler-plugin</artifactId>"));
        compiler = compiler.substring(0, compiler.indexOf("</plugin>"));
        assertThat(compiler).contains("<proc>none</proc>");
    }

    @Test
    void theGradedImplementationComesLastOnTheGradersClasspath() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String profile = pom.substring(pom.indexOf("<id>solutions</id>"));
        String dependencies = profile.substring(profile.indexOf("<dependencies>"), profile.indexOf("</dependencies>"));
        assertThat(dependencies.lastIndexOf("<artifactId>")).isEqualTo(
                dependencies.indexOf("<artifactId>${paramlab.student.artifactId}</artifactId>"));
    }

    @Test
    void aStudentsBuildGradesEvenWhenTheStudentsModuleFails() throws Exception {
        // Maven skips every module that depends on one that failed: the grader module grades a student's build
        // (and reports a compile error) only if neither the student's module nor the graded tests are among its
        // dependencies outside the maintainers' profile, and only if Maven goes on after a failure.
        String pom = Files.readString(Path.of("pom.xml"));
        String outsideProfiles = pom.substring(0, pom.indexOf("<profiles>"));
        assertThat(outsideProfiles).doesNotContain("<artifactId>${paramlab.student.artifactId}</artifactId>")
                .doesNotContain("<artifactId>paramlab-graded-tests</artifactId>");
        assertThat(Files.readAllLines(Path.of("..", ".mvn", "maven.config"))).contains("--fail-at-end");
    }
}
