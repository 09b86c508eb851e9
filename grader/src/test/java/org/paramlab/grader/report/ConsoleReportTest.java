package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.report.Samples.outcome;
import static org.paramlab.grader.report.Samples.test;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.paramlab.grader.protocol.GradingPlan;
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
        assertThat(text).contains("  1.4 G1_4Test.a:\n      <= a very long message with non-ASCII ? text text");
    }

    @Test
    void printsSeedFeedbackAndWhatToDoNext() {
        GradingRun run = Samples.mixed();
        String text = ConsoleReport.render(run, ScoreBook.of(run.outcomes()), REPORT_DIR, BASE);

        assertThat(text).startsWith("\nParamLab grade of paramlab-exercises (all exercises), run started "
                + Samples.STARTED_AT + "\n\n  id   exercise");
        assertThat(text).contains("\nInputs drawn with seed 42; reproduce with: ./mvnw test -Dparamlab.seed=42\n");
        assertThat(text).contains("\nFeedback (3 of 4 tests that lost points; all of them in summary.md):\n"
                + "  2.2 G2_2Test.namedParameters:\n"
                + "      Module.namedParameters: expected 4 names but was 3 expected: [0.weight, 0.bias]"
                + "\n  2.3 G2_3Test.namedModules: did not finish within 10 s: an infinite loop?"
                + "\n  1.2 G1_2Test.forward: not attempted: needs exercise 1.2 Linear.forward, which is still a stub\n");
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
        assertThat(text).contains("Feedback:\n  2.1 G2_1Test.b:\n      the test JVM stopped during this test: System.exit,"
                        + " a crash or running out of memory?\n  1.1 G1_1Test.a: wrong\n")
                .contains("  `G2_1Test.b` (exercise 2.1) stopped the test JVM, so 1 later test did not run. Look in your");
    }

    @Test
    void feedbackStopsAtEightLines() {
        List<TestOutcome> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            outcomes.add(outcome(test("2.4", "t" + i, 1), TestStatus.FAILED, "wrong value number " + i));
        }
        GradingRun run = Samples.run(outcomes);
        String text = ConsoleReport.render(run, ScoreBook.of(run.outcomes()), REPORT_DIR, BASE);
        assertThat(text).contains("Feedback (8 of 12 tests that lost points; all of them in summary.md):\n"
                + "  2.4 G2_4Test.t0: wrong value number 0\n").contains("t7: wrong value number 7\n\nWhat to do next:");
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
