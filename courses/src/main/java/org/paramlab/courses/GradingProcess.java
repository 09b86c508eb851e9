package org.paramlab.courses;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The grading process of one submission ({@link GradingJob#main}), as its parent sees it: started with this
 * JVM's own classpath, its output passed on or dropped, its error output's end kept for the report, and
 * killed, with every process it started, when it does not end in time.
 */
final class GradingProcess {

    /** How much of the grading process's error output is kept, from its end. */
    static final int ERROR_TAIL = 8 * 1024;

    /**
     * How the grading process ended.
     *
     * @param exitStatus its exit status, or {@code null} when it was killed
     * @param killed     whether it was killed at its time limit
     * @param errorTail  the end of its error output
     */
    record Ending(Integer exitStatus, boolean killed, String errorTail) {

        /** @return the last line of the error output that says something, or an empty string */
        String lastError() {
            List<String> lines = errorTail.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            for (String line : lines) {
                if (line.contains("Error") || line.contains("Exception")) {
                    return line;
                }
            }
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private final Process process;
    private final Thread output;
    private final Thread errors;
    private final Tail tail = new Tail(ERROR_TAIL);

    private GradingProcess(Process process, PrintStream echo) {
        this.process = process;
        this.output = pump("paramlab-grading-output", process.getInputStream(),
                echo == null ? OutputStream.nullOutputStream() : echo);
        this.errors = pump("paramlab-grading-errors", process.getErrorStream(), tail);
    }

    /**
     * @param jobFile the job's description
     * @param heapMb  the grading process's heap
     * @param echo    where its output goes, or {@code null} to drop it
     * @param dir     its working folder
     * @return the started process
     */
    static GradingProcess start(Path jobFile, int heapMb, PrintStream echo, Path dir) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heapMb + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true"));
        String trace = System.getProperty("paramlab.trace");
        if (trace != null) {
            command.add("-Dparamlab.trace=" + trace);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GradingJob.class.getName(),
                jobFile.toString()));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
            return new GradingProcess(process, echo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the grading process (" + command.get(0) + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Waits for the process to end, at most until {@code deadlineNanos} ({@link System#nanoTime()}), or until
     * {@code stopNow} says so (it is asked every tenth of a second); then kills it and every process it started.
     *
     * @return how it ended
     */
    Ending await(long deadlineNanos, BooleanSupplier stopNow) {
        boolean ended = false;
        try {
            while (!ended) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || stopNow.getAsBoolean()) {
                    break;
                }
                ended = process.waitFor(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!ended) {
            kill();
        }
        join(output);
        join(errors);
        return new Ending(ended ? process.exitValue() : null, !ended, tail.text());
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                // a test JVM started just before the kill
                process.descendants().forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(String name, InputStream in, OutputStream out) {
        Thread thread = new Thread(() -> {
            try (in) {
                in.transferTo(out);
                out.flush();
            } catch (IOException e) {
                // the process is gone
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Keeps the last bytes written to it. */
    private static final class Tail extends OutputStream {
        private final byte[] buffer;
        private int length;

        Tail(int capacity) {
            buffer = new byte[capacity];
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (len >= buffer.length) {
                System.arraycopy(b, off + len - buffer.length, buffer, 0, buffer.length);
                length = buffer.length;
                return;
            }
            int keep = Math.min(length, buffer.length - len);
            System.arraycopy(buffer, length - keep, buffer, 0, keep);
            System.arraycopy(b, off, buffer, keep, len);
            length = keep + len;
        }

        synchronized String text() {
            return new String(buffer, 0, length, StandardCharsets.UTF_8);
        }
    }
}
