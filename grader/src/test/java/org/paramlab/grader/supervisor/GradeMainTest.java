package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** GradeMain's test JVM classpath read from exec:java's own class loader. */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class GradeMainTest {

    @TempDir
    Path temp;

    @Test
    void theLoadersClasspathLessTheStudentAndTheReferences() throws IOException {
        Path grader = Files.createDirectories(temp.resolve("grader/target/classes"));
        Path tests = Files.createDirectories(temp.resolve("grader/target/test-classes"));
        Path student = Files.createDirectories(temp.resolve("exercises/target/classes"));
        Path references = Files.createDirectories(temp.resolve("reference-models/target/classes"));
        Path library = Files.createFile(temp.resolve("junit-jupiter-engine-5.14.4.jar"));
        Path studentJar = Files.createFile(temp.resolve("paramlab-exercises-0.1.0-SNAPSHOT.jar"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {url(tests), url(grader), url(student), url(references),
                url(library), url(studentJar)}, null)) {
            List<Path> classpath = GradeMain.classpath(grader + java.io.File.pathSeparator + GradeMain.FROM_LOADER, student,
                    temp.resolve("reference-models/models"), loader);
            assertThat(classpath).containsExactly(grader, tests, library);
        }
    }

    @Test
    void explicitPathsArePassedOn() {
        List<Path> classpath = GradeMain.classpath("a.jar" + java.io.File.pathSeparator + "b", temp, temp,
                ClassLoader.getSystemClassLoader());
        assertThat(classpath).containsExactly(Path.of("a.jar"), Path.of("b"));
        assertThatThrownBy(() -> GradeMain.classpath(GradeMain.FROM_LOADER, temp, temp, new ClassLoader(null) {
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("URL class loader");
    }

    private static URL url(Path path) throws IOException {
        return path.toUri().toURL();
    }
}
