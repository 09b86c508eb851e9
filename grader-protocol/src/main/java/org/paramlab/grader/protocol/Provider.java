package org.paramlab.grader.protocol;

import java.util.Locale;

/**
 * Where ONNX Runtime runs the reference models: chosen with the system property
 * {@value #PROPERTY} ({@code cpu}, the default, {@code cuda}, or {@code auto}; case-insensitive), which the
 * supervisor turns into one of these before any graded test runs ({@link ProviderRequest},
 * {@link ProviderDecision}).
 *
 * <p>CUDA needs the GPU build of ONNX Runtime ({@code mvn -Pcuda ...}) and CUDA 12 + cuDNN 9 on
 * the machine. Asking for {@code cuda} where it cannot run grades nothing, with one message saying what is
 * missing; never a silent fallback to the CPU (only {@code auto} falls back, and says so).
 */
public enum Provider {

    /** ONNX Runtime's CPU execution provider (the default). */
    CPU("cpu", Tolerance.CPU_FLOAT32),

    /**
     * ONNX Runtime's CUDA execution provider on device 0, with {@code use_tf32=0} (float32 matmuls
     * in full float32, not TF32) and {@code session.disable_cpu_ep_fallback=1} (a node CUDA cannot
     * run is an error instead of running on the CPU unnoticed).
     */
    CUDA("cuda", Tolerance.CUDA_FLOAT32);

    /** The system property that picks the provider: {@code -Dparamlab.provider=cuda}. */
    public static final String PROPERTY = "paramlab.provider";

    private final String id;
    private final Tolerance tolerance;

    Provider(String id, Tolerance tolerance) {
        this.id = id;
        this.tolerance = tolerance;
    }

    /**
     * The provider of this run: the one named by {@code -Dparamlab.provider} ({@link #CPU} when unset),
     * fixed with the other {@link org.paramlab.grader.protocol.RunSettings} before any student class loads.
     *
     * @throws IllegalArgumentException if the requested provider is not one the grader knows
     */
    public static Provider current() {
        return org.paramlab.grader.protocol.RunSettings.current().requireProvider();
    }

    /**
     * Parses a provider name: {@code cpu} or {@code cuda}, any case, surrounding spaces ignored;
     * {@code null} or blank means {@link #CPU}.
     *
     * @throws IllegalArgumentException for any other value, listing the valid ones
     */
    public static Provider parse(String value) {
        if (value == null || value.isBlank()) {
            return CPU;
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (Provider p : values()) {
            if (p.id.equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " is not a provider the grader knows;"
                + " valid values are cpu (the default) and cuda (case-insensitive)");
    }

    /** The name used in {@code -Dparamlab.provider}: {@code cpu} or {@code cuda}. */
    public String id() {
        return id;
    }

    /** The tolerance for comparing a student's float32 results with this provider's. */
    public Tolerance tolerance() {
        return tolerance;
    }

    @Override
    public String toString() {
        return id;
    }
}
