package org.paramlab.grader.purity;

/**
 * Thrown instead of running a graded test while the student's code breaks a rule that protects the
 * grading; the report shows such a test as "blocked", worth 0 points.
 */
public final class PurityViolationError extends AssertionError {

    private static final long serialVersionUID = 1L;

    /** @param message which rules are broken, and where */
    public PurityViolationError(String message) {
        super(message);
    }
}
