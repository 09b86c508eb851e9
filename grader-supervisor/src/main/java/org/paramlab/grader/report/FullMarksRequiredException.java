package org.paramlab.grader.report;

/**
 * Thrown by {@link ReportWriter} when full marks are required (under {@code -Psolutions}) but the run
 * did not score them. {@code exec:java} turns it into a BUILD FAILURE that shows its one-line message.
 */
public final class FullMarksRequiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line: the score and what lost points */
    public FullMarksRequiredException(String message) {
        super(message);
    }
}
