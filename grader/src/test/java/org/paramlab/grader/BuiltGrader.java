package org.paramlab.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.paramlab.grader.supervisor.ClasspathFile;

/**
 * What {@code mvn test} gives the supervisor, for the grader's own tests that grade through it: the graded tests'
 * classes and the test JVM's classpath as {@code graded-tests/} wrote it (every {@code -Psolutions} build does).
 */
public final class BuiltGrader {

    private BuiltGrader() {
    }

    /** @return the repository root: the grader's own tests run in {@code grader/} */
    public static Path repository() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** @return {@code graded-tests/target/classes} */
    public static Path gradedTests() {
        return repository().resolve("graded-tests/target/classes");
    }

    /** @return the test JVM's classpath file */
    public static Path testJvmClasspathFile() {
        return repository().resolve("graded-tests/target/paramlab-test-jvm.classpath");
    }

    /** @return the test JVM's trusted classpath: the test JVM's side, the protocol, the tensor library, libraries */
    public static List<Path> testJvmClasspath() {
        try {
            return ClasspathFile.read(testJvmClasspathFile());
        } catch (IOException e) {
            throw new UncheckedIOException(testJvmClasspathFile() + " is missing: build with -Psolutions", e);
        }
    }
}
