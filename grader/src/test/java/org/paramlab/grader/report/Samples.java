package org.paramlab.grader.report;

import java.util.ArrayList;
import java.util.List;

import org.paramlab.grader.protocol.FreeAnswer;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;

/** Hand-made plans and outcomes for the report tests. */
final class Samples {

    static final String STARTED_AT = "2025-01-02T03:04:05Z";

    private Samples() {
    }

    static PlannedTest test(String exercise, String method, double points) {
        return new PlannedTest("[engine:junit-jupiter]/[class:org.paramlab.grading.G" + exercise.replace('.', '_')
                + "Test]/[method:" + method + "()]", "org.paramlab.grading.G" + exercise.replace('.', '_') + "Test",
                method, method + "()", exercise, points);
    }

    static TestOutcome outcome(PlannedTest test, TestStatus status, String message) {
        return new TestOutcome(test, status, message, 5);
    }

    static GradingPlan plan(List<PlannedTest> tests) {
        return new GradingPlan(GradingPlan.FORMAT, 42L, "paramlab-exercises", STARTED_AT, null, List.of(), tests);
    }

    static GradingRun run(List<TestOutcome> outcomes) {
        List<PlannedTest> tests = new ArrayList<>();
        outcomes.forEach(o -> tests.add(o.test()));
        return new GradingRun(plan(tests), outcomes, true, 3);
    }

    /** A run of a quiz whose first test published an answer and whose second published none. */
    static GradingRun withAnswers() {
        PlannedTest first = test("7.2", "quiz1", 1);
        PlannedTest second = test("7.2", "quiz2", 2);
        return new GradingRun(plan(List.of(first, second)), List.of(outcome(first, TestStatus.PASSED, null),
                outcome(second, TestStatus.NOT_ATTEMPTED, "not attempted: needs exercise 7.2 X, which is still a stub")),
                true, 3, List.of(new FreeAnswer(first, "Why share?", "Fewer parameters.\nAnd priors."),
                        new FreeAnswer(second, "Why not?", null)));
    }

    /** A run of 6 tests over 4 exercises, listed out of report order. */
    static GradingRun mixed() {
        return run(List.of(
                outcome(test("2.2", "namedParameters", 3), TestStatus.FAILED,
                        "Module.namedParameters: expected 4 names but was 3\nexpected: [0.weight, 0.bias]"),
                outcome(test("1.1", "addModule", 2), TestStatus.PASSED, null),
                outcome(test("1.1", "children", 1), TestStatus.PASSED, null),
                outcome(test("1.2", "forward", 2), TestStatus.NOT_ATTEMPTED,
                        "not attempted: needs exercise 1.2 Linear.forward, which is still a stub"),
                outcome(test("1.2", "shapes", 0.5), TestStatus.NOT_ATTEMPTED,
                        "not attempted: needs exercise 1.2 Linear.forward, which is still a stub"),
                outcome(test("2.3", "namedModules", 1), TestStatus.TIMED_OUT,
                        "did not finish within 10 s: an infinite loop?")));
    }
}
