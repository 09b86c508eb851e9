package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.report.Samples.outcome;
import static org.paramlab.grader.report.Samples.test;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;

class ConsoleReportTest {

    private static final Path BASE = Path.of("/work/x").toAbsolutePath();
    private static final Path REPORT_DIR = BASE.resolve("grader/target/paramlab");

    @Test
    void theTableListsGroupsAndExercisesInReportOrder() {
        List<String> table = ConsoleTable.render(ScoreBook.of(Samples.mixed().outcomes()));
        assertThat(table).containsExactly(
                "  id   exercise                                                points  result",
                "  ---- ------------------------------------------------------ -------  ----------------------------",
                "  1    MODULES                                                  3/5.5",
                "  1.1  Linear: weight and bias, default initialization            3/3  passed",
                "  1.2  Linear.forward                                           0/2.5  not attempted",
                "  2    PARAMETER ACCESS                                           0/4",
                "  2.2  namedParameters, parameters                                0/3  failed",
                "  2.3  namedChildren, children, namedModules                      0/1  timed out",
                "  ---- ------------------------------------------------------ -------  ----------------------------",
                "       TOTAL                                                    3/9.5  32%");
    }

    @Test
    void onlyTheNextExercisesGroupListsItsExercisesTheOthersAreOneRowEach() {
        String normal = org.paramlab.grader.protocol.ExerciseProgress.stubMessage("3.1 Init.normal_");
        GradingRun run = Samples.run(List.of(
                outcome(test("1.1", "a", 1), TestStatus.PASSED, null),
                outcome(test("1.2", "b", 1), TestStatus.PASSED, null),
                outcome(test("2.1", "c", 1), TestStatus.FAILED, "wrong"),
                outcome(test("2.2", "d", 1), TestStatus.NOT_ATTEMPTED, normal),
                outcome(test("3.1", "e", 1), TestStatus.NOT_ATTEMPTED, "n"),
                outcome(test("3.2", "f", 1), TestStatus.NOT_ATTEMPTED, "n"),
                outcome(test("4.1", "g", 1), TestStatus.FAILED, "x"),
                outcome(test("4.2", "h", 1), TestStatus.PASSED, null)));
        List<String> table = ConsoleTable.render(ScoreBook.of(run.outcomes()),
                NextStep.focus(ScoreBook.of(run.outcomes())), true, ConsoleTable.WIDTH);
        assertThat(table).containsExactly(
                "  id   exercise                                                points  result",
                "  ---- ------------------------------------------------------ -------  ----------------------------",
                "  1    MODULES                                                    2/2  passed (2 exercises)",
                "  2    PARAMETER ACCESS                                           0/2",
                "  2.1  Targeted access: getSubmodule, getParameter                0/1  failed",
                "  2.2  namedParameters, parameters                                0/1  waits for 3.1",
                "  3    INITIALIZATION                                             0/2  not attempted (2 exercises)",
                "  4    LAZY INITIALIZATION                                        1/2  1 of 2 exercises not passed",
                "  ---- ------------------------------------------------------ -------  ----------------------------",
                "       TOTAL                                                      3/8  38%");
        // a run of one exercise or group lists everything it graded
        GradingPlan plan = new GradingPlan(GradingPlan.FORMAT, 7L, "s", Samples.STARTED_AT, "2", List.of(), List.of());
        String selected = ConsoleReport.render(new GradingRun(plan, run.outcomes(), true, 0),
                ScoreBook.of(run.outcomes()), REPORT_DIR, BASE);
        assertThat(selected).contains("  3.2  Init: fans, xavierUniform_, xavierNormal_").contains("  4.2  LazyLinear");
    }

    @Test
    void everyLineIsShortAscii() {
        GradingRun run = Samples.run(List.of(
                outcome(test("1.4", "a", 1), TestStatus.FAILED, "\u2264 a very long message with non-ASCII \u00e9 "
                        + "text ".repeat(50)),
                outcome(test("1.4", "b", 1), TestStatus.TIMED_OUT, "t"),
                outcome(test("1.4", "c", 1), TestStatus.NOT_ATTEMPTED, "n"),
                outcome(test("1.4", "d", 1), TestStatus.ABORTED, "s")));
        String text = ConsoleReport.render(run, ScoreBook.of(run.outcomes()), REPORT_DIR, BASE);
        for (String line : text.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(ConsoleTable.WIDTH);
            assertThat(line.chars().allMatch(c -> c >= 0x20 && c < 0x7F)).as(line).isTrue();
        }
        assertThat(text).contains("  1.4  Sequential: children 0, 1, ..., get, forward               0/4  "
                + "1 failed, 1 not attempted...");
        assertThat(text).contains("  1.4 G1_4Test.a\n      <= a very long message with non-ASCII ? text text");
    }

    @Test
    void feedbackIsWrappedToTheTerminalNotCut() {
        String numbers = "first mismatch at [0, 3]: expected -2.168603, actual -1.8079649";
        GradingRun run = Samples.run(List.of(outcome(test("1.2", "forward", 1), TestStatus.FAILED,
                "Linear(4, 8).forward(X) for X of shape torch.Size([11, 4]): all 88 of 88 elements differ from the"
                        + " expected values\n  " + numbers + "\n  largest difference 0.496 at [4, 5]\n"
                        + "  hint: y = x W^T + b; exercise 1.2 (Linear.forward); see the notebook section 'Parameter Access'")));
        for (int width : new int[] {59, 79, 99, 139}) {
            String text = ConsoleReport.render(run, ScoreBook.of(run.outcomes()), REPORT_DIR, BASE, width);
            String feedback = text.substring(text.indexOf("Feedback:"), text.indexOf("What to do next:"));
            for (String line : feedback.split("\n")) {
                assertThat(line.length()).as(line).isLessThanOrEqualTo(width);
                assertThat(line).as("cut, not wrapped").doesNotEndWith("...");
            }
            // every word of the first line, the first numbers that differ and the hint, in order
            assertThat(String.join(" ", feedback.split("\\s+"))).contains("all 88 of 88 elements differ from the"
                    + " expected values " + numbers + " hint: y = x W^T + b; exercise 1.2 (Linear.forward); see the"
                    + " notebook section 'Parameter Access'").doesNotContain("largest difference");
        }
    }

    @Test
    void theTerminalsWidthComesFromColumnsOr100() {
        assertThat(Console.width(null)).isEqualTo(99);
        assertThat(Console.width("")).isEqualTo(99);
        assertThat(Console.width("abc")).isEqualTo(99);
        assertThat(Console.width("80")).isEqualTo(79);
        assertThat(Console.width(" 120 ")).isEqualTo(119);
        assertThat(Console.width("20")).isEqualTo(59);
        assertThat(Console.width("99999")).isEqualTo(99);
        assertThat(Console.width("5000")).isEqualTo(199);
    }

    @Test
    void aBrokenRuleShowsTheFileAndLineOfEachViolation() {
        GradingRun run = Samples.run(List.of(outcome(test("0.1", "noExit", 0), TestStatus.FAILED,
                "rule broken: no System.exit, Runtime.exit, Runtime.halt or shutdown hooks. 2 violations:\n"
                        + "  - Method <org.paramlab.nn.Linear.forward(org.paramlab.tensor.Tensor)> calls method"
                        + " <java.lang.System.exit(int)> in (Linear.java:139)\n"
                        + "  - Method <org.paramlab.nn.Module.apply(java.util.function.Consumer)> calls method"
                        + " <java.nio.file.Path.of(java.lang.String, [Ljava.lang.String;)> in (Module.java:42)"),
                outcome(test("1.1", "a", 1), TestStatus.BLOCKED, "not run: your code breaks a rule")));
        String text = ConsoleReport.render(run, ScoreBook.of(run.outcomes()), REPORT_DIR, BASE);
        assertThat(text).contains("      Linear.java:139: Linear.forward(Tensor) calls System.exit(int)\n"
                + "      Module.java:42: Module.apply(Consumer) calls Path.of(String, String[])\n");
    }

    @Test
    void printsSeedFeedbackAndWhatToDoNext() {
        GradingRun run = Samples.mixed();
        String text = ConsoleReport.render(run, ScoreBook.of(run.outcomes()), REPORT_DIR, BASE);

        assertThat(text).startsWith("\nParamLab grade of paramlab-exercises (all exercises), run started "
                + Samples.STARTED_AT + "\n\n  id   exercise");
        assertThat(text).contains("\nInputs drawn with seed 42; reproduce with: ./mvnw test -Dparamlab.seed=42\n");
        // the next exercise's tests first; a group without it is one row
        assertThat(text).contains("  1.2  Linear.forward                                           0/2.5  not attempted\n"
                + "  2    PARAMETER ACCESS                                           0/4  2 of 2 exercises not passed\n");
        assertThat(text).contains("\nFeedback (3 of 4 tests that lost points; all of them in summary.md):\n"
                + "  1.2 G1_2Test.forward\n"
                + "      not attempted: needs exercise 1.2 Linear.forward, which is still a stub\n"
                + "  2.2 G2_2Test.namedParameters\n"
                + "      Module.namedParameters: expected 4 names but was 3\n"
                + "      expected: [0.weight, 0.bias]\n"
                + "  2.3 G2_3Test.namedModules\n"
                + "      did not finish within 10 s: an infinite loop?\n");
        assertThat(text).endsWith("\nWhat to do next:\n"
                + "  Next: exercise 1.2 (Linear.forward) is not attempted yet. Implement it (notebook section\n"
                + "  \"Parameter Access\"), then grade it alone: `./mvnw test -Dexercise=1.2`.\n"
                + "  All feedback:       grader/target/paramlab/summary.md\n"
                + "  Gradescope results: grader/target/paramlab/results.json\n"
                + "  Charts:             grader/target/paramlab/report.html\n");
    }

    @Test
    void printsErrorsAndTheSelection() {
        GradingPlan plan = new GradingPlan(GradingPlan.FORMAT, 7L, "paramlab-solutions", Samples.STARTED_AT, "9.9",
                List.of("-Dexercise=9.9: unknown exercise '9.9'. Valid ids: 1 (all of Modules), 1.1"), List.of());
        GradingRun run = new GradingRun(plan, List.of(), true, 0);
        String text = ConsoleReport.render(run, ScoreBook.of(List.of()), REPORT_DIR, BASE);

        assertThat(text).contains("(only -Dexercise=9.9)")
                .contains("\n  ERROR: -Dexercise=9.9: unknown exercise '9.9'. Valid ids: 1 (all of Modules), 1.1\n")
                .doesNotContain("Inputs drawn")
                .contains("  Fix the problem above, then run `./mvnw test` again.")
                .doesNotContain("TOTAL");
    }

    @Test
    void codeThatDoesNotCompileShowsTheCompilersErrorsOnceAndWhereToStart() {
        PlannedTest a = Samples.test("1.1", "a", 2);
        String refusal = NextStep.COMPILE_ERROR + " (1 error), so no test can run:\nLinear.java:122: error: cannot find"
                + " symbol\n    public Tensor forward(Tensr x) {\n                          ^";
        GradingPlan plan = new GradingPlan(GradingPlan.FORMAT, 7L, "paramlab-exercises", Samples.STARTED_AT, null,
                List.of(refusal), List.of(a));
        TestOutcome failed = Samples.outcome(a, TestStatus.FAILED, "not graded: " + refusal.lines().findFirst().get());
        GradingRun run = new GradingRun(plan, List.of(failed), true, 0);

        String text = ConsoleReport.render(run, ScoreBook.of(run.outcomes()), REPORT_DIR, BASE);

        assertThat(text).contains("\n  ERROR: your code does not compile (1 error), so no test can run:\n"
                        + "      Linear.java:122: error: cannot find symbol\n"
                        + "          public Tensor forward(Tensr x) {\n")
                .contains("TOTAL                                                      0/2")
                .containsPattern("\\n  1    MODULES +0/2  not compiled\\n")
                .doesNotContain("Feedback")
                .contains("Next: your code does not compile, so nothing was graded. Fix the first error, at"
                        + " Linear.java:122");
    }

    @Test
    void fullMarks() {
        GradingRun run = Samples.run(List.of(outcome(test("1.1", "a", 1), TestStatus.PASSED, null)));
        String text = ConsoleReport.render(run, ScoreBook.of(run.outcomes()), REPORT_DIR, BASE);
        assertThat(text).doesNotContain("Feedback").contains("  Full marks: every graded test passes.\n")
                .contains("TOTAL                                                      1/1  100%");
    }

    @Test
    void aCrashComesFirst() {
        GradingRun run = new GradingRun(Samples.plan(List.of()), List.of(
                outcome(test("1.1", "a", 1), TestStatus.FAILED, "wrong"),
                outcome(test("2.1", "b", 1), TestStatus.CRASHED, GradingRunReader.CRASHED_MESSAGE),
                outcome(test("2.2", "c", 1), TestStatus.NOT_RUN, GradingRunReader.NOT_RUN_MESSAGE)), false, 1);
        String text = ConsoleReport.render(run, ScoreBook.of(run.outcomes()), REPORT_DIR, BASE);
        assertThat(text).contains("Feedback:\n  2.1 G2_1Test.b\n      the test JVM stopped during this test: System.exit,"
                        + " a crash or running out of memory?\n  1.1 G1_1Test.a\n      wrong\n")
                .contains("  `G2_1Test.b` (exercise 2.1) stopped the test JVM, so 1 later test did not run. Look in your");
    }

    @Test
    void feedbackStopsWhereTheScreenWouldScroll() {
        List<TestOutcome> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            outcomes.add(outcome(test("2.4", "t" + i, 1), TestStatus.FAILED, "wrong value number " + i));
        }
        GradingRun run = Samples.run(outcomes);
        String text = ConsoleReport.render(run, ScoreBook.of(run.outcomes()), REPORT_DIR, BASE);
        assertThat(text).contains("Feedback (9 of 12 tests that lost points; all of them in summary.md):\n"
                + "  2.4 G2_4Test.t0\n      wrong value number 0\n")
                .contains("t8\n      wrong value number 8\n\nWhat to do next:");
        String feedback = text.substring(text.indexOf("Feedback ("), text.indexOf("\nWhat to do next:"));
        assertThat(feedback.strip().split("\n")).hasSize(1 + ConsoleFeedback.MAX_LINES);
    }

    @Test
    void noGradedTestRan() {
        GradingRun run = new GradingRun(Samples.plan(java.util.List.of()), java.util.List.of(), false, 0);
        assertThat(ConsoleReport.noGradedTests(run)).isEqualTo("\n"
                + "ParamLab: no graded test ran, so there is no score.\n"
                + "  Did your code compile? Look for COMPILATION ERROR above.\n"
                + "  Run Maven from the repository root (the folder with the top pom.xml): `./mvnw test`.\n"
                + "  The test JVM's own output is in grader/target/paramlab/student-output.txt.\n");
    }
}
