package org.paramlab.grader.reference;

import org.paramlab.grader.protocol.Provider;

import org.paramlab.grader.protocol.MavenCommand;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether ONNX Runtime's CUDA provider can run on this machine, and if not, which piece is missing: found by
 * a probe ({@link CudaProbe}) that creates a real CUDA session, since the GPU build of ONNX Runtime lists CUDA
 * among its providers even where the CUDA libraries cannot be loaded.
 *
 * @param missing what is missing; {@link Missing#NOTHING} when CUDA can run
 * @param detail  ONNX Runtime's own words (its loader error, for example), or {@code ""}
 * @param driver  whether an NVIDIA driver was found ({@code /proc/driver/nvidia/version} on Linux; true where
 *                that cannot be told): ONNX Runtime reports missing libraries before a missing GPU
 */
public record CudaStatus(Missing missing, String detail, boolean driver) {

    /** The piece that stops CUDA from running, as far as ONNX Runtime's error says. */
    public enum Missing {
        /** Nothing: CUDA can run. */
        NOTHING,
        /** The classpath has the CPU-only build of ONNX Runtime, not {@code onnxruntime_gpu} ({@code -Pcuda}). */
        GPU_ARTIFACT,
        /** The CUDA 12 / cuDNN 9 libraries that {@code onnxruntime_gpu} loads could not be loaded. */
        CUDA_LIBRARIES,
        /** No NVIDIA GPU, or no (recent enough) NVIDIA driver. */
        DEVICE,
        /** Something else; ONNX Runtime's words say what. */
        OTHER
    }

    /** The CUDA 12 and cuDNN 9 libraries ONNX Runtime's GPU package loads (its documented requirements). */
    public static final String LIBRARIES = "libcudart.so.12, libcublas.so.12, libcublasLt.so.12, libcurand.so.10,"
            + " libcufft.so.11 and cuDNN 9's libcudnn.so.9";

    /** CUDA can run. */
    public static final CudaStatus USABLE = new CudaStatus(Missing.NOTHING, "", true);

    private static final Pattern DEPENDS = Pattern.compile("depends on \"([^\"]+)\" which is missing");
    private static final Pattern CANNOT_OPEN = Pattern.compile("([A-Za-z0-9_.+-]+\\.(?:so|dll)[0-9.]*): cannot open shared object");

    /** Never null. */
    public CudaStatus {
        Objects.requireNonNull(missing, "missing");
        detail = detail == null ? "" : detail.strip();
    }

    /** A status where the driver is not in question. */
    public CudaStatus(Missing missing, String detail) {
        this(missing, detail, true);
    }

    /** @return whether CUDA can run */
    public boolean usable() {
        return missing == Missing.NOTHING;
    }

    /**
     * Reads ONNX Runtime's error when a CUDA session could not be created.
     *
     * @param gpuBuild      whether ONNX Runtime lists CUDA among its providers (true only for {@code onnxruntime_gpu})
     * @param error         ONNX Runtime's message (for example its loader error)
     * @param nvidiaDriver  whether an NVIDIA driver is loaded ({@code /proc/driver/nvidia/version} on Linux; true
     *                      where that cannot be told)
     * @return what is missing
     */
    public static CudaStatus classify(boolean gpuBuild, String error, boolean nvidiaDriver) {
        String text = error == null ? "" : error;
        String lower = text.toLowerCase(Locale.ROOT);
        if (!gpuBuild || lower.contains("failed to find cuda shared provider")) {
            return new CudaStatus(Missing.GPU_ARTIFACT, text, nvidiaDriver);
        }
        String library = missingLibrary(text);
        if (library != null && library.startsWith("libcuda.so") || lower.contains("no cuda-capable device")
                || lower.contains("driver version is insufficient") || lower.contains("cudaerrornodevice")
                || lower.contains("cudaerrorinsufficientdriver") || lower.contains("cuda failure 100:")
                || lower.contains("cuda failure 35:") || lower.contains("cuda driver")) {
            return new CudaStatus(Missing.DEVICE, text, nvidiaDriver);
        }
        if (library != null || lower.contains("libcud") || lower.contains("libcublas")
                || lower.contains("cannot open shared object")) {
            return new CudaStatus(Missing.CUDA_LIBRARIES, text, nvidiaDriver);
        }
        return new CudaStatus(nvidiaDriver ? Missing.OTHER : Missing.DEVICE, text, nvidiaDriver);
    }

    /** @return the shared library the loader could not find, named in {@code error}, or {@code null} */
    static String missingLibrary(String error) {
        if (error == null) {
            return null;
        }
        Matcher m = DEPENDS.matcher(error);
        if (m.find()) {
            return m.group(1);
        }
        m = CANNOT_OPEN.matcher(error);
        return m.find() ? m.group(1) : null;
    }

    /** @return a few words for {@code auto -> cpu (CUDA unavailable: ...)} */
    public String shortReason() {
        String library = missingLibrary(detail);
        return switch (missing) {
            case NOTHING -> "CUDA can run";
            case GPU_ARTIFACT -> "the ONNX Runtime on the classpath is the CPU-only build; -Pcuda swaps in onnxruntime_gpu";
            case CUDA_LIBRARIES -> (library == null ? "the CUDA 12 / cuDNN 9 libraries" : library)
                    + " cannot be loaded (onnxruntime_gpu needs CUDA 12 and cuDNN 9)";
            case DEVICE -> library != null && library.startsWith("libcuda.so")
                    ? "no NVIDIA driver (" + library + " is missing)" : "no NVIDIA GPU or driver found";
            case OTHER -> "ONNX Runtime could not start its CUDA provider: " + firstLine(detail);
        };
    }

    /** @return what is missing and how to get it, in full sentences, for {@code -Dparamlab.provider=cuda} */
    public String missingText() {
        String noDriver = driver || missing == Missing.DEVICE || missing == Missing.NOTHING ? ""
                : " No NVIDIA driver was found either (no /proc/driver/nvidia/version): CUDA also needs an NVIDIA GPU"
                        + " and its driver.";
        return missingPiece() + noDriver;
    }

    private String missingPiece() {
        return switch (missing) {
            case NOTHING -> "Nothing is missing: CUDA can run.";
            case GPU_ARTIFACT -> "Missing: the GPU build of ONNX Runtime. The classpath has"
                    + " com.microsoft.onnxruntime:onnxruntime, which runs on the CPU only. Build with -Pcuda, which"
                    + " swaps in com.microsoft.onnxruntime:onnxruntime_gpu (the same version, from pom.xml):"
                    + " " + MavenCommand.MVN + " -Pcuda test -D" + Provider.PROPERTY + "=cuda.";
            case CUDA_LIBRARIES -> "Missing: the CUDA 12 and cuDNN 9 libraries that ONNX Runtime's GPU package"
                    + " (onnxruntime_gpu) loads" + (missingLibrary(detail) == null ? ""
                    : ", here " + missingLibrary(detail)) + ". It needs " + LIBRARIES + ": install CUDA 12 and cuDNN 9"
                    + " (the toolkit, or NVIDIA's nvidia-*-cu12 / nvidia-cudnn-cu12 packages) and put their lib folders"
                    + " on LD_LIBRARY_PATH.";
            case DEVICE -> "Missing: an NVIDIA GPU and its driver. ONNX Runtime found no usable CUDA device"
                    + " (no NVIDIA driver, a driver too old for CUDA 12, or no GPU; CUDA_VISIBLE_DEVICES may hide it).";
            case OTHER -> "ONNX Runtime could not start its CUDA provider.";
        };
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
