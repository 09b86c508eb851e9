package org.paramlab.grader.reference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.paramlab.grader.protocol.Provider;

/**
 * Finds out whether ONNX Runtime's CUDA provider can run here by doing it: a CUDA session for a reference
 * model, and one run of it on zeros. The supervisor runs it once per run that asks for {@code cuda} or
 * {@code auto}, in a short-lived JVM with the test JVM's classpath and environment (so a crash in native CUDA
 * code cannot take the supervisor down), and reads the one line it prints.
 *
 * <pre>java -cp ... org.paramlab.grader.reference.CudaProbe MODEL.onnx</pre>
 */
public final class CudaProbe {

    /** The start of the line the probe prints. */
    public static final String LINE = "paramlab-cuda-probe";

    private CudaProbe() {
    }

    /**
     * Prints {@code paramlab-cuda-probe<TAB>MISSING<TAB>driver|no-driver<TAB>detail} on one line ({@code MISSING}
     * is a {@link CudaStatus.Missing} name, {@code NOTHING} when CUDA can run) and exits.
     *
     * @param args the model file to try
     */
    public static void main(String[] args) throws IOException {
        CudaStatus status = probe(Files.readAllBytes(Path.of(args[0])));
        PrintStream out = System.out;
        out.println(line(status));
        out.flush();
        System.exit(0);
    }

    /** @return the line that carries {@code status} */
    public static String line(CudaStatus status) {
        return LINE + "\t" + status.missing() + "\t" + (status.driver() ? "driver" : "no-driver") + "\t"
                + status.detail().replaceAll("\\s+", " ").strip();
    }

    /**
     * @param output what a probe printed
     * @return the status it printed, or {@code null} if it printed none
     */
    public static CudaStatus parse(String output) {
        return output.lines().filter(l -> l.startsWith(LINE + "\t")).reduce((a, b) -> b).map(l -> {
            String[] parts = l.split("\t", 4);
            try {
                return new CudaStatus(CudaStatus.Missing.valueOf(parts[1]), parts.length > 3 ? parts[3] : "",
                        parts.length < 3 || !parts[2].equals("no-driver"));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }).orElse(null);
    }

    /**
     * Tries CUDA in this JVM.
     *
     * @param model an ONNX model with float inputs
     * @return whether CUDA can run, and if not what is missing
     */
    public static CudaStatus probe(byte[] model) {
        boolean gpuBuild;
        try {
            gpuBuild = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        } catch (RuntimeException | LinkageError e) {
            return CudaStatus.classify(true, "ONNX Runtime could not start: " + e, nvidiaDriver());
        }
        try (OrtSession session = OrtSessions.create("the CUDA probe", model, Provider.CUDA)) {
            runOnZeros(session);
            return CudaStatus.USABLE;
        } catch (ProviderUnavailableException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return CudaStatus.classify(gpuBuild, String.valueOf(cause.getMessage()), nvidiaDriver());
        } catch (Exception | LinkageError e) {
            return CudaStatus.classify(gpuBuild, "a CUDA session was created but could not run: " + e, nvidiaDriver());
        }
    }

    private static void runOnZeros(OrtSession session) throws Exception {
        OrtEnvironment env = OrtSessions.environment();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (Map.Entry<String, NodeInfo> input : session.getInputInfo().entrySet()) {
                if (!(input.getValue().getInfo() instanceof TensorInfo info)) {
                    return; // not a plain tensor input: the session alone is the test
                }
                long[] shape = info.getShape().clone();
                long size = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shape[i] < 1 ? 1 : shape[i];
                    size *= shape[i];
                }
                inputs.put(input.getKey(), OnnxTensor.createTensor(env, FloatBuffer.allocate((int) size), shape));
            }
            session.run(inputs).close();
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** @return whether an NVIDIA driver is loaded; true where that cannot be told (not Linux) */
    static boolean nvidiaDriver() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return true;
        }
        return Files.exists(Path.of("/proc/driver/nvidia/version"));
    }
}
