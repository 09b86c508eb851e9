package org.paramlab.grader;

/**
 * A failure the student's code caused outside ordinary exceptions ({@code System.exit},
 * {@code OutOfMemoryError}), turned into one that costs only the test that reached it.
 */
public final class ContainedError extends AssertionError {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and what it costs
     * @param cause   what the JVM or the agent threw, or {@code null}
     */
    public ContainedError(String message, Throwable cause) {
        super(message, cause);
    }
}
