package org.paramlab.grader.supervisor;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.paramlab.grader.sandbox.SandboxMain;

/**
 * One test JVM: started with a fixed command line (its classpath puts the grader, JUnit, the tensor
 * library and ONNX Runtime before the student's classes), an environment of its own
 * ({@link SandboxEnvironment}), and its output drained into a {@link CappedOutput}. It can always be
 * stopped: {@link #kill()} ends it and every process it started.
 */
final class SandboxProcess {

    private final Process process;
    private final Thread drain;

    private SandboxProcess(Process process, Thread drain) {
        this.process = process;
        this.drain = drain;
    }

    /**
     * @param prefix    what comes before the {@code java} command (for example {@code runuser -u grader --})
     * @param java      the {@code java} launcher
     * @param options   JVM options
     * @param classpath the classpath, trusted entries first, the student's accepted classes last
     * @param port      the supervisor's loopback port
     * @param secret    the line written to the JVM's standard input, which is then closed
     * @param env       its environment
     * @param workDir   its working folder
     * @param output    where its output goes
     */
    static SandboxProcess start(List<String> prefix, Path java, List<String> options, List<Path> classpath, int port,
                                byte[] secret, Map<String, String> env, Path workDir, CappedOutput output)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(java.toString());
        command.addAll(options);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        command.add(SandboxMain.class.getName());
        command.add(Integer.toString(port));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread drain = output.drain(process.getInputStream(), "paramlab-output-" + process.pid());
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(secret);
        } catch (IOException e) {
            // it died at once; the supervisor sees that it never connects
        }
        return new SandboxProcess(process, drain);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** @return its exit status, waiting at most {@code limit} for it to end; empty if it is still running */
    java.util.OptionalInt exitStatus(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? java.util.OptionalInt.of(process.exitValue())
                    : java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalInt.empty();
        }
    }

    /** Ends the JVM and everything it started, at once. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Waits for the JVM to end, killing it if it takes longer, then for its output to be read.
     *
     * @param limit how long it may take to end by itself
     * @return its exit status
     */
    int finish(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            drain.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        return process.isAlive() ? -1 : process.exitValue();
    }
}
