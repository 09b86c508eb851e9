package org.paramlab.grader.supervisor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A classpath written to a file by {@code dependency:build-classpath}: the test JVM's
 * ({@code graded-tests/target/paramlab-test-jvm.classpath}) or the course tools'. One reader for the supervisor,
 * the course tools and the grader's own tests.
 */
public final class ClasspathFile {

    private ClasspathFile() {
    }

    /**
     * @param file the file
     * @return its entries, in order, blank ones left out
     * @throws IOException if it cannot be read
     */
    public static List<Path> read(Path file) throws IOException {
        return Arrays.stream(Files.readString(file).strip().split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(Path::of).toList();
    }
}
