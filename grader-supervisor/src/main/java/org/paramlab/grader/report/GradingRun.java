package org.paramlab.grader.report;

import java.util.List;

import org.paramlab.grader.protocol.FreeAnswer;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.TestOutcome;

/**
 * Everything a grading run recorded: the plan, the outcome of every planned test, and the
 * free-text answers the tests published for the instructor.
 *
 * @param plan             what the run set out to grade
 * @param outcomes         one outcome per planned test, in plan order
 * @param completed        whether the test JVM reached the end of the run (no crash or {@code System.exit})
 * @param executionSeconds how long the run took, in seconds
 * @param answers          free-text answers (not graded), in plan order
 */
public record GradingRun(GradingPlan plan, List<TestOutcome> outcomes, boolean completed, long executionSeconds,
                         List<FreeAnswer> answers) {

    /** Copies the lists. */
    public GradingRun {
        outcomes = List.copyOf(outcomes);
        answers = List.copyOf(answers);
    }

    /** A run without free-text answers. */
    public GradingRun(GradingPlan plan, List<TestOutcome> outcomes, boolean completed, long executionSeconds) {
        this(plan, outcomes, completed, executionSeconds, List.of());
    }
}
