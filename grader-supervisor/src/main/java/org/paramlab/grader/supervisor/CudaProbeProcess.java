package org.paramlab.grader.supervisor;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.paramlab.grader.reference.CudaProbe;
import org.paramlab.grader.reference.CudaStatus;

/**
 * Runs {@link CudaProbe} in a short-lived JVM with the test JVM's classpath and environment, once per
 * supervisor JVM and setup (watch mode asks again on every save, and gets the first answer): it loads ONNX
 * Runtime's CUDA provider, whose native code could crash a JVM, so never in the supervisor's own. Only runs
 * that ask for {@code cuda} or {@code auto} pay for it; {@code cpu} never starts it.
 */
final class CudaProbeProcess {

    /** The reference model the probe opens on CUDA (small, plain {@code Gemm}/{@code Relu}). */
    static final String MODEL = "net.onnx";
    /** The longest the probe may take (loading the CUDA libraries can take seconds). */
    static final Duration LIMIT = Duration.ofSeconds(60);

    private static final Map<List<String>, CudaStatus> ANSWERS = new ConcurrentHashMap<>();

    private CudaProbeProcess() {
    }

    /**
     * @param java      the {@code java} launcher
     * @param options   JVM options ({@code -Donnxruntime.native.path=...}, as the test JVM gets it)
     * @param classpath the grader's classpath, ONNX Runtime's jar among it (no student class)
     * @param env       the test JVM's environment ({@code LD_LIBRARY_PATH}, {@code CUDA_VISIBLE_DEVICES}, ...)
     * @param model     the model to open on CUDA
     * @param workDir   the folder it runs in
     * @param limit     the longest it may take
     * @return what the probe found; a probe that crashed, hung or printed no answer is {@code OTHER}, with why
     */
    static CudaStatus probe(Path java, List<String> options, List<Path> classpath, Map<String, String> env,
                            Path model, Path workDir, Duration limit) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options);
        // -Xss4m as the test JVM: with the grader's long classpath, ONNX Runtime's native start overflowed the
        // default 1 MB stack of the main thread (a silent SIGSEGV, exit 139, on Java 17 / ORT 1.29.0 here)
        command.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-Xmx256m", "-Xss4m", "-cp", classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                CudaProbe.class.getName(), model.toString()));
        List<String> key = new ArrayList<>(command);
        key.add(String.valueOf(new java.util.TreeMap<>(env)));
        CudaStatus known = ANSWERS.get(key);
        if (known != null) {
            return known;
        }
        CudaStatus status = run(command, env, workDir, limit);
        if (status.missing() != CudaStatus.Missing.OTHER) {
            ANSWERS.put(key, status);
        }
        return status;
    }

    private static CudaStatus run(List<String> command, Map<String, String> env, Path workDir, Duration limit) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            return new CudaStatus(CudaStatus.Missing.OTHER, "the CUDA probe could not be started: " + e.getMessage());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (out) {
                        if (out.size() < 64 * 1024) {
                            out.write(buffer, 0, n);
                        }
                    }
                }
            } catch (IOException e) {
                // the process is gone; what was read is the answer
            }
        }, "paramlab-cuda-probe");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new CudaStatus(CudaStatus.Missing.OTHER, "the CUDA probe did not answer within "
                        + limit.toSeconds() + " s");
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new CudaStatus(CudaStatus.Missing.OTHER, "interrupted while probing CUDA");
        }
        String text;
        synchronized (out) {
            text = out.toString(StandardCharsets.UTF_8);
        }
        CudaStatus status = CudaProbe.parse(text);
        if (status != null) {
            return status;
        }
        String tail = text.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output");
        return new CudaStatus(CudaStatus.Missing.OTHER, "the CUDA probe ended with status " + process.exitValue()
                + " without an answer (a crash in the CUDA libraries?): " + tail);
    }
}
