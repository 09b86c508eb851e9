package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.report.Samples.outcome;
import static org.paramlab.grader.report.Samples.test;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.TestStatus;

class NextStepTest {

    @Test
    void pointsAtTheFirstFailingExercise() {
        assertThat(advise(new GradingRun(Samples.plan(List.of()), List.of(
                outcome(test("1.1", "a", 1), TestStatus.PASSED, null),
                outcome(test("2.2", "b", 1), TestStatus.FAILED, "x"),
                outcome(test("2.2", "c", 1), TestStatus.PASSED, null),
                outcome(test("2.4", "d", 1), TestStatus.NOT_ATTEMPTED, "x")), true, 1)))
                .containsExactly("Next: fix exercise 2.2 (namedParameters, parameters): 1 of 2 tests fail;"
                        + " the feedback says why (notebook section \"All Parameters at Once\")."
                        + " Then grade it alone: `./mvnw test -Dexercise=2.2`.");
    }

    @Test
    void aTimeoutAsksForTheLoop() {
        assertThat(advise(Samples.run(List.of(outcome(test("2.3", "a", 1), TestStatus.TIMED_OUT, "t")))).get(0))
                .startsWith("Next: exercise 2.3 (namedChildren, children, namedModules): 1 of 1 tests did not finish in time.");
    }

    @Test
    void theJvmStoppingBetweenTestsIsExplained() {
        GradingRun run = new GradingRun(Samples.plan(List.of()), List.of(
                outcome(test("1.1", "a", 1), TestStatus.PASSED, null),
                outcome(test("1.2", "b", 1), TestStatus.NOT_RUN, GradingRunReader.NOT_RUN_MESSAGE),
                outcome(test("1.3", "c", 1), TestStatus.NOT_RUN, GradingRunReader.NOT_RUN_MESSAGE)), false, 1);
        assertThat(advise(run)).containsExactly("The test JVM stopped part-way (System.exit, a crash or running out"
                + " of memory), so 2 graded tests did not run. Grade one exercise at a time to find the culprit,"
                + " for example: `./mvnw test -Dexercise=1.2`.");
    }

    @Test
    void skippedTestsAreMentionedWhenAllElsePasses() {
        assertThat(advise(Samples.run(List.of(
                outcome(test("1.1", "a", 1), TestStatus.PASSED, null),
                outcome(test("1.2", "b", 1), TestStatus.ABORTED, "Assumption failed: CUDA is not available")))))
                .containsExactly("Every test that ran passed, but 1 test was skipped and scored nothing:"
                        + " Assumption failed: CUDA is not available");
    }

    @Test
    void aPassingSelectionSuggestsGradingEverything() {
        PlannedTest a = test("2.2", "a", 1);
        GradingPlan plan = new GradingPlan(1, 1L, "s", Samples.STARTED_AT, "2.2", List.of(), List.of(a));
        assertThat(advise(new GradingRun(plan, List.of(outcome(a, TestStatus.PASSED, null)), true, 1)))
                .containsExactly("Every test of `-Dexercise=2.2` passes. Grade every exercise with `./mvnw test`.");
    }

    @Test
    void theSkippedMessageIsAQuoteApartFromTheGradersWords() {
        GradingRun run = Samples.run(List.of(outcome(test("1.1", "a", 1), TestStatus.PASSED, null),
                outcome(test("1.2", "b", 1), TestStatus.ABORTED, "# ParamLab: 100 / 100 points `x` <!--")));
        Advice advice = NextStep.advise(run, ScoreBook.of(run.outcomes())).get(0);
        assertThat(advice.parts()).last().isEqualTo(new Advice.Part(Advice.Kind.QUOTE,
                "# ParamLab: 100 / 100 points `x` <!--"));
        assertThat(advice.parts()).filteredOn(p -> p.kind() != Advice.Kind.QUOTE)
                .noneMatch(p -> p.text().contains("ParamLab"));
    }

    @Test
    void aLongQuoteIsCutOnOneLine() {
        GradingRun run = Samples.run(List.of(outcome(test("1.1", "a", 1), TestStatus.PASSED, null),
                outcome(test("1.2", "b", 1), TestStatus.ABORTED, "first\nsecond " + "x".repeat(1000))));
        Advice.Part quote = NextStep.advise(run, ScoreBook.of(run.outcomes())).get(0).parts().get(1);
        assertThat(quote.text()).hasSize(NextStep.MAX_QUOTE).startsWith("first second x").endsWith("...");
    }

    @Test
    void aSelectionIsACommandPartEvenWithBackticks() {
        PlannedTest a = test("2.2", "a", 1);
        GradingPlan plan = new GradingPlan(1, 1L, "s", Samples.STARTED_AT, "2`2", List.of(), List.of(a));
        Advice advice = NextStep.advise(new GradingRun(plan, List.of(outcome(a, TestStatus.PASSED, null)), true, 1),
                ScoreBook.of(List.of(outcome(a, TestStatus.PASSED, null)))).get(0);
        assertThat(advice.parts()).contains(new Advice.Part(Advice.Kind.COMMAND, "-Dexercise=2`2"));
    }

    private static String stub(String exercise) {
        return org.paramlab.grader.protocol.ExerciseProgress.stubMessage(exercise);
    }

    @Test
    void anExerciseWhoseTestsWaitForAnEarlierStubIsSkippedAndTheBlockerNamed() {
        // the case: 1.2 written, 1.1 still a stub; 1.2's tests reach 1.1's stub
        GradingRun run = Samples.run(List.of(
                outcome(test("1.2", "a", 1), TestStatus.NOT_ATTEMPTED, stub("1.1 Linear(inFeatures, outFeatures)")),
                outcome(test("1.1", "b", 1), TestStatus.NOT_ATTEMPTED, stub("1.1 Linear(inFeatures, outFeatures)")),
                outcome(test("2.2", "c", 1), TestStatus.NOT_ATTEMPTED, stub("1.1 Linear.resetParameters"))));
        assertThat(advise(run)).containsExactly("Next: exercise 1.1 (Linear: weight and bias, default initialization)"
                + " is not attempted yet (the tests of 1.2 and 2.2 wait for it). Implement it (notebook section"
                + " \"Parameter Access\"), then grade it alone: `./mvnw test -Dexercise=1.1`.");
        assertThat(NextStep.focus(ScoreBook.of(run.outcomes()))).contains(org.paramlab.grader.protocol.Exercise.E1_1);
    }

    @Test
    void aStubThatOnlyAnotherExercisesTestsReachedIsNamedWithThem() {
        // -Dexercise=1.2: 1.1's own tests were not graded
        GradingRun run = Samples.run(List.of(
                outcome(test("1.2", "a", 1), TestStatus.NOT_ATTEMPTED, stub("1.1 Linear.resetParameters"))));
        assertThat(advise(run)).containsExactly("Next: exercise 1.1 (Linear: weight and bias, default initialization)"
                + " still has a stub, and the tests of 1.2 need it. Implement it (notebook section \"Parameter"
                + " Access\"), then grade it alone: `./mvnw test -Dexercise=1.1`.");
    }

    @Test
    void aFailureComesBeforeALaterExerciseThatWaits() {
        GradingRun run = Samples.run(List.of(
                outcome(test("1.3", "a", 1), TestStatus.FAILED, "wrong"),
                outcome(test("1.4", "b", 1), TestStatus.NOT_ATTEMPTED, stub("1.6 ParameterManagement.net"))));
        assertThat(advise(run).get(0)).startsWith("Next: fix exercise 1.3 (ReLU.forward): 1 of 1 tests fail;");
    }

    @Test
    void codeThatDoesNotCompileIsTheNextStepWithItsFirstErrorsFileAndLineQuoted() {
        PlannedTest a = test("1.1", "a", 1);
        String refusal = NextStep.COMPILE_ERROR + " (2 errors), so no test can run:\nLinear.java:122: error: cannot find"
                + " symbol\n    public Tensor forward(Tensr x) {\n                          ^\nReLU.java:9: error: ';' expected";
        GradingPlan plan = new GradingPlan(1, 1L, "s", Samples.STARTED_AT, null, List.of(refusal), List.of(a));
        GradingRun run = new GradingRun(plan, List.of(outcome(a, TestStatus.FAILED, "not graded: " + refusal)), true, 1);

        assertThat(advise(run)).containsExactly("Next: your code does not compile, so nothing was graded. Fix the first"
                + " error, at Linear.java:122 (the compiler's errors are above the table), then run `./mvnw test` again.");
        assertThat(NextStep.advise(run, ScoreBook.of(run.outcomes())).get(0).parts())
                .contains(new Advice.Part(Advice.Kind.QUOTE, "Linear.java:122"));
        assertThat(NextStep.doesNotCompile(run)).isTrue();
        assertThat(NextStep.focus(run, ScoreBook.of(run.outcomes()))).isEmpty();
    }

    @Test
    void anotherErrorIsNotACompileError() {
        PlannedTest a = test("1.1", "a", 1);
        GradingPlan plan = new GradingPlan(1, 1L, "s", Samples.STARTED_AT, null, List.of("TAMPERING: every test scores"
                + " 0. x"), List.of(a));
        GradingRun run = new GradingRun(plan, List.of(outcome(a, TestStatus.FAILED, "x")), true, 1);
        assertThat(NextStep.doesNotCompile(run)).isFalse();
        assertThat(advise(run).get(0)).startsWith("Next: fix exercise 1.1");
    }

    private static List<String> advise(GradingRun run) {
        return NextStep.advise(run, ScoreBook.of(run.outcomes())).stream().map(Advice::toString).toList();
    }
}
