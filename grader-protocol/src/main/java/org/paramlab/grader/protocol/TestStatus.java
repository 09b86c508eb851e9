package org.paramlab.grader.protocol;

/**
 * How one graded test ended. Only {@link #PASSED} scores points.
 */
public enum TestStatus {
    /** Every assertion held. */
    PASSED("passed"),
    /** An assertion failed, the wrong exception came, or an unexpected exception escaped. */
    FAILED("failed"),
    /** The test reached a stub that still throws {@code NotImplementedException}. */
    NOT_ATTEMPTED("not attempted"),
    /** The test ran past its timeout (an infinite loop?) and was stopped. */
    TIMED_OUT("timed out"),
    /** An assumption did not hold (for example CUDA is not available): 0 points, reported as skipped. */
    ABORTED("skipped"),
    /** JUnit did not run the test ({@code @Disabled} or a disabled condition). */
    SKIPPED("disabled"),
    /** The test was not run: the student's code breaks a rule of group 0 (the supervisor's gate). */
    BLOCKED("blocked"),
    /** The test never started: the test JVM stopped earlier (report side only). */
    NOT_RUN("not run"),
    /** The test started but the test JVM stopped before it finished (report side only). */
    CRASHED("crashed"),
    /**
     * The run was tampered with (the grader's record and JUnit's disagree, or the test JVM sent what the
     * grader never sends): every test scores 0 (report side only).
     */
    VOIDED("voided: tampering");

    private final String label;

    TestStatus(String label) {
        this.label = label;
    }

    /** @return how reports name the status, lower case, for example {@code "not attempted"} */
    public String label() {
        return label;
    }

    /** @return whether a test that ends so earns its points */
    public boolean earnsPoints() {
        return this == PASSED;
    }
}
