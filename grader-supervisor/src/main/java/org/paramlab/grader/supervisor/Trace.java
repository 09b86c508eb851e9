package org.paramlab.grader.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Where a grading run's time goes, for maintainers: with {@code -Dparamlab.trace=FILE} (a system property
 * of the JVM the supervisor runs in, e.g. {@code mvn -o test -Dparamlab.trace=/tmp/trace.txt}) each phase
 * of the supervisor and of its test JVMs appends a line {@code 2.345 s  what}, counted from the start of
 * that JVM (for {@code mvn test}, from Maven's own start). Off by default, and then free.
 */
final class Trace {

    private static final String FILE = System.getProperty("paramlab.trace");
    private static final long ORIGIN = ManagementFactory.getRuntimeMXBean().getStartTime();

    private Trace() {
    }

    /** Appends {@code what} with the time since this JVM started, if tracing is on. */
    static void mark(String what) {
        if (FILE == null || FILE.isBlank()) {
            return;
        }
        String line = String.format(Locale.ROOT, "%7.3f s  %s%n", (System.currentTimeMillis() - ORIGIN) / 1000.0, what);
        try {
            Files.writeString(Path.of(FILE), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("paramlab.trace: cannot write " + FILE, e);
        }
    }
}
