package org.paramlab.grader.report;

import java.util.List;

/**
 * Everything a grading run recorded: the plan and the outcome of every planned test.
 *
 * @param plan             what the run set out to grade
 * @param outcomes         one outcome per planned test, in plan order
 * @param completed        whether the test JVM reached the end of the run (no crash or {@code System.exit})
 * @param executionSeconds how long the run took, in seconds
 */
public record GradingRun(GradingPlan plan, List<TestOutcome> outcomes, boolean completed, long executionSeconds) {

    /** Copies the list. */
    public GradingRun {
        outcomes = List.copyOf(outcomes);
    }
}
