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
 * @param assignment       the assignment graded, what it leaves out and its instructor-only checks; {@code null}
 *                         for a run of the whole catalogue
 */
public record GradingRun(GradingPlan plan, List<TestOutcome> outcomes, boolean completed, long executionSeconds,
                         List<FreeAnswer> answers, RunAssignment assignment) {

    /** Copies the lists. */
    public GradingRun {
        outcomes = List.copyOf(outcomes);
        answers = List.copyOf(answers);
    }

    /** A run of no assignment. */
    public GradingRun(GradingPlan plan, List<TestOutcome> outcomes, boolean completed, long executionSeconds,
                      List<FreeAnswer> answers) {
        this(plan, outcomes, completed, executionSeconds, answers, null);
    }

    /** A run without free-text answers. */
    public GradingRun(GradingPlan plan, List<TestOutcome> outcomes, boolean completed, long executionSeconds) {
        this(plan, outcomes, completed, executionSeconds, List.of());
    }

    /** @return this run with these outcomes (the same plan's tests, with other points or texts) */
    public GradingRun withOutcomes(List<TestOutcome> value) {
        return new GradingRun(plan(plan.errors(), value), value, completed, executionSeconds, answers, assignment);
    }

    /** @return this run with one more error in its plan */
    public GradingRun withError(String error) {
        List<String> errors = new java.util.ArrayList<>(plan.errors());
        errors.add(error);
        return new GradingRun(plan(errors, outcomes), outcomes, completed, executionSeconds, answers, assignment);
    }

    private GradingPlan plan(List<String> errors, List<TestOutcome> tests) {
        return new GradingPlan(plan.format(), plan.seed(), plan.student(), plan.startedAt(), plan.selection(), errors,
                tests.stream().map(TestOutcome::test).toList(), plan.notices(), plan.provider(), plan.tolerance());
    }

    /** @return this run of this assignment */
    public GradingRun withAssignment(RunAssignment value) {
        return new GradingRun(plan, outcomes, completed, executionSeconds, answers, value);
    }
}
