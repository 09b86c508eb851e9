package org.paramlab.grader.reference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;

import org.paramlab.grader.protocol.Provider;

/**
 * Creates ONNX Runtime sessions for the reference models: the one place that knows about ORT's
 * environment, log level and execution providers.
 */
final class OrtSessions {

    /**
     * ERROR, not ORT's default WARNING: the reference files carry extra initializers the graph does
     * not use ({@code data.X}, {@code data.Y}), and ORT warns about each of them on every load.
     */
    private static final OrtLoggingLevel LOG_LEVEL = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;

    private static final String FIX_CUDA = "Fix: build with -Pcuda to get the GPU build of ONNX Runtime"
            + " (onnxruntime_gpu; it needs CUDA 12 and cuDNN 9 installed on this machine),"
            + " or drop -D" + Provider.PROPERTY + "=cuda to grade on the CPU.";

    private OrtSessions() {
    }

    /** ORT's environment, created once per JVM at log level ERROR. */
    static OrtEnvironment environment() {
        try {
            return OrtEnvironment.getEnvironment(LOG_LEVEL, "paramlab");
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new IllegalStateException("ONNX Runtime could not start on this machine ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + e
                    + ". The ONNX Runtime Java jar ships native code for linux-x64, linux-aarch64, osx-aarch64"
                    + " and win-x64 only.", e);
        }
    }

    /**
     * A session for {@code bytes} on {@code provider}. CPU sessions use one intra-op thread: the
     * models are tiny, and a fixed summation order keeps the results reproducible run to run.
     *
     * @throws ProviderUnavailableException if CUDA was asked for and cannot run here
     */
    static OrtSession create(String fileName, byte[] bytes, Provider provider) {
        OrtEnvironment env = environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setSessionLogLevel(LOG_LEVEL);
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            if (provider == Provider.CUDA) {
                addCuda(options);
                try {
                    return env.createSession(bytes, options);
                } catch (OrtException | UnsatisfiedLinkError e) {
                    throw cudaUnavailable("ONNX Runtime could not create a CUDA session for " + fileName, e);
                }
            }
            return env.createSession(bytes, options);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load " + fileName + ": " + e.getMessage()
                    + "\nThe file passed its hash check, so it is the exported one: regenerate all references with "
                    + Integrity.REGENERATE + " if the ONNX Runtime version changed.", e);
        }
    }

    /**
     * Adds the CUDA provider on device 0 with TF32 off, then forbids the silent CPU fallback. With the
     * CPU-only jar, {@code new OrtCUDAProviderOptions(0)} itself throws; catch around everything.
     */
    private static void addCuda(OrtSession.SessionOptions options) {
        try {
            OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(0);
            // TF32 rounds float32 matmul inputs to 10 mantissa bits (~1e-3 relative): grading must not.
            cuda.add("use_tf32", "0");
            options.addCUDA(cuda); // the session options own (and close) the provider options from here
            // Only after addCUDA succeeded: on a CPU-only session this entry fails session creation.
            options.addConfigEntry("session.disable_cpu_ep_fallback", "1");
        } catch (OrtException | UnsatisfiedLinkError e) {
            throw cudaUnavailable("ONNX Runtime could not start its CUDA provider", e);
        }
    }

    private static ProviderUnavailableException cudaUnavailable(String what, Throwable cause) {
        String why = what + ": " + cause.getMessage();
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            why += " (the ONNX Runtime on the classpath is the CPU-only build, com.microsoft.onnxruntime:onnxruntime)";
        }
        return new ProviderUnavailableException("CUDA was asked for (-D" + Provider.PROPERTY
                + "=cuda) but cannot run here.\nWhy: " + why + "\n" + FIX_CUDA, cause);
    }
}
