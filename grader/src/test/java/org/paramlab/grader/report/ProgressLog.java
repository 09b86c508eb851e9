package org.paramlab.grader.report;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.protocol.ReportFiles;

/**
 * Appends {@link ProgressEvent}s to {@code progress.jsonl}, one JSON object per line.
 *
 * <p>Each line goes to the operating system in one unbuffered write as soon as it is appended, so
 * it survives the test JVM dying right after (a {@code System.exit}, a crash, running out of
 * memory). Safe to use from several threads.
 */
public final class ProgressLog implements Closeable {

    private final Path file;
    private final FileOutputStream out;

    private ProgressLog(Path file, FileOutputStream out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Creates (or empties) the progress file.
     *
     * @param file the file, usually {@code <report dir>/progress.jsonl}; its folder is created
     * @return the log, open for appending
     */
    public static ProgressLog truncate(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new ProgressLog(file, new FileOutputStream(file.toFile(), false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends one event as a line and hands it to the operating system at once.
     *
     * @param event the event
     */
    public synchronized void append(ProgressEvent event) {
        String line;
        try {
            line = ReportFiles.mapper().writeValueAsString(event) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event, e);
        }
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
