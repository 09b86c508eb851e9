package org.paramlab.grader.protocol;

import java.util.Locale;

/**
 * What {@code -Dparamlab.provider} asks for: {@code cpu} (the default), {@code cuda}, or {@code auto} (CUDA
 * when it can run here, the CPU otherwise). The supervisor turns it into one {@link Provider} before any graded
 * test runs ({@link ProviderDecision}).
 */
public enum ProviderRequest {

    /** The CPU; nothing is probed. */
    CPU("cpu"),
    /** CUDA, or no grading at all with one message saying what is missing. */
    CUDA("cuda"),
    /** CUDA when a probe can create a CUDA session, else the CPU; the reports say which ran and why. */
    AUTO("auto");

    private final String id;

    ProviderRequest(String id) {
        this.id = id;
    }

    /**
     * @param value the property's value; {@code null} or blank means {@link #CPU}
     * @return the request; any case, surrounding spaces ignored
     * @throws IllegalArgumentException for any other value, naming it and listing the valid ones
     */
    public static ProviderRequest parse(String value) {
        if (value == null || value.isBlank()) {
            return CPU;
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (ProviderRequest r : values()) {
            if (r.id.equals(wanted)) {
                return r;
            }
        }
        throw new IllegalArgumentException("-D" + Provider.PROPERTY + "=" + value + " is not a provider the grader"
                + " knows; valid values are cpu (the default), cuda and auto (CUDA when it can run here, else the CPU),"
                + " case-insensitive");
    }

    /** @return the provider this request names without a probe: CPU or CUDA; {@code null} for {@link #AUTO} */
    public Provider fixed() {
        return switch (this) {
            case CPU -> Provider.CPU;
            case CUDA -> Provider.CUDA;
            case AUTO -> null;
        };
    }

    /** @return the request of a provider already decided */
    public static ProviderRequest of(Provider provider) {
        return provider == Provider.CUDA ? CUDA : CPU;
    }

    /** The name used in {@code -Dparamlab.provider}. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
