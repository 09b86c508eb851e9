package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** GradeMain's test JVM classpath: explicit paths, and the file graded-tests/ writes ({@code @FILE}). */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class GradeMainTest {

    @TempDir
    Path temp;

    @Test
    void aFileEntryStandsForTheClasspathWrittenInIt() throws IOException {
        Path file = temp.resolve("paramlab-test-jvm.classpath");
        Files.writeString(file, String.join(File.pathSeparator, "/m/grader-test-jvm/target/classes",
                "/m/grader-protocol/target/classes", "/r/junit-jupiter-engine-5.14.4.jar") + "\n");

        List<Path> classpath = GradeMain.classpath("/m/graded-tests/target/classes" + File.pathSeparator + "@" + file);

        assertThat(classpath).containsExactly(Path.of("/m/graded-tests/target/classes"),
                Path.of("/m/grader-test-jvm/target/classes"), Path.of("/m/grader-protocol/target/classes"),
                Path.of("/r/junit-jupiter-engine-5.14.4.jar"));
    }

    @Test
    void explicitPathsArePassedOnAndAMissingFileIsNamed() {
        assertThat(GradeMain.classpath("a.jar" + File.pathSeparator + "b")).containsExactly(Path.of("a.jar"), Path.of("b"));
        Path missing = temp.resolve("nothing.classpath");
        assertThatThrownBy(() -> GradeMain.classpath("@" + missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("clean test");
    }
}
