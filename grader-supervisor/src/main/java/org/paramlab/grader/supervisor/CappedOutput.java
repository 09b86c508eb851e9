package org.paramlab.grader.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The test JVMs' standard output and error (the student's {@code println}s among them), kept in one
 * file of at most {@link #limit} bytes: the rest is read and dropped, and a visible mark says how
 * much, so that a flood of output can neither fill the disk nor block the test JVM on a full pipe.
 */
final class CappedOutput {

    private final Path file;
    private final long limit;
    private long written;
    private long dropped;

    /**
     * @param file  the file, created empty
     * @param limit the most bytes kept
     */
    CappedOutput(Path file, long limit) {
        this(file, limit, true);
    }

    /**
     * @param file     the file
     * @param limit    the most bytes kept
     * @param truncate whether to empty the file now; a spare test JVM's output starts when its run adopts
     *                 it ({@link #truncate()}), so that the last run's output stays until then
     */
    CappedOutput(Path file, long limit, boolean truncate) {
        this.file = file;
        this.limit = limit;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (truncate) {
                Files.write(file, new byte[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** Empties the file: what the JVM writes from now on is this run's. */
    synchronized void truncate() {
        try {
            Files.write(file, new byte[0]);
            written = 0;
            dropped = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the stream to its end in a daemon thread. */
    Thread drain(InputStream stream, String name) {
        Thread thread = new Thread(() -> copy(stream), name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void copy(InputStream stream) {
        byte[] buffer = new byte[8192];
        try (stream; OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
                synchronized (this) {
                    int keep = (int) Math.max(0, Math.min(n, limit - written));
                    out.write(buffer, 0, keep);
                    written += keep;
                    dropped += n - keep;
                }
            }
        } catch (IOException e) {
            // the test JVM is gone
        }
    }

    /** Adds the mark for dropped output, if any. */
    synchronized void finish() {
        if (dropped == 0) {
            return;
        }
        try {
            Files.writeString(file, "\n[truncated: " + dropped + " more bytes of output were dropped; the limit is "
                    + limit + " bytes]\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the file keeps what it has
        }
    }

    /** @return how many bytes were dropped */
    synchronized long dropped() {
        return dropped;
    }

    Path file() {
        return file;
    }
}
