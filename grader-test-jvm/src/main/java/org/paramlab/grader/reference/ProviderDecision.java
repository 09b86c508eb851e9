package org.paramlab.grader.reference;

import java.util.Objects;
import java.util.function.Supplier;

import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.ProviderRequest;

/**
 * The provider of a grading run, decided once by the supervisor before any graded test runs: {@code cpu}
 * without a probe, {@code cuda} and {@code auto} after one probe of CUDA ({@link CudaProbe}).
 *
 * @param requested what {@code -Dparamlab.provider} asked for
 * @param provider  where the references run; {@code null} when CUDA was asked for and cannot run (nothing is
 *                  graded then, and {@link #error()} says why)
 * @param cuda      what the probe found; {@code null} when nothing was probed ({@code cpu})
 */
public record ProviderDecision(ProviderRequest requested, Provider provider, CudaStatus cuda) {

    /** Checks the parts fit. */
    public ProviderDecision {
        Objects.requireNonNull(requested, "requested");
    }

    /**
     * @param requested what was asked for
     * @param probe     tells whether CUDA can run; called at most once, and never for {@code cpu}
     * @return the decision
     */
    public static ProviderDecision decide(ProviderRequest requested, Supplier<CudaStatus> probe) {
        if (requested == ProviderRequest.CPU) {
            return new ProviderDecision(requested, Provider.CPU, null);
        }
        CudaStatus status = Objects.requireNonNull(probe.get(), "the probe's answer");
        if (status.usable()) {
            return new ProviderDecision(requested, Provider.CUDA, status);
        }
        return new ProviderDecision(requested, requested == ProviderRequest.AUTO ? Provider.CPU : null, status);
    }

    /** @return whether the run can be graded (the provider is known) */
    public boolean canGrade() {
        return provider != null;
    }

    /**
     * @return which provider ran, as the reports say it: {@code cpu}, {@code cuda}, {@code auto -> cuda},
     *         {@code auto -> cpu (CUDA unavailable: ...)}, or {@code cuda (unavailable: ...)}
     */
    public String description() {
        if (requested == ProviderRequest.AUTO) {
            return "auto -> " + provider.id() + (cuda.usable() ? "" : " (CUDA unavailable: " + cuda.shortReason() + ")");
        }
        return provider != null ? provider.id() : "cuda (unavailable: " + cuda.shortReason() + ")";
    }

    /** @return the tolerance of the provider that ran, as a student reads it; {@code null} when none ran */
    public String tolerance() {
        return provider == null ? null : provider.tolerance().describe();
    }

    /** @return why nothing can be graded, in one message; {@code null} when the run can be graded */
    public String error() {
        if (canGrade()) {
            return null;
        }
        return "Not graded: CUDA was asked for (-D" + Provider.PROPERTY + "=cuda) but cannot run on this machine, so"
                + " no test ran.\n" + cuda.missingText()
                + (cuda.detail().isEmpty() ? "" : "\nONNX Runtime said: " + cuda.detail())
                + "\nTo grade anyway: -D" + Provider.PROPERTY + "=auto uses CUDA where it can run and the CPU"
                + " otherwise, and without -D" + Provider.PROPERTY + " the grader runs on the CPU.";
    }
}
