package org.paramlab.grader.protocol;

/**
 * How one planned graded test ended, as the report sees it.
 *
 * @param test       the test as planned
 * @param status     how it ended
 * @param message    feedback when it did not pass, else {@code null}
 * @param durationMs how long it ran, in milliseconds (0 when it did not run)
 */
public record TestOutcome(PlannedTest test, TestStatus status, String message, long durationMs) {

    /** @return the points earned: all of them for a pass, none otherwise */
    public double earned() {
        return status.earnsPoints() ? test.points() : 0;
    }

    /** @return the points this test lost */
    public double lost() {
        return test.points() - earned();
    }
}
