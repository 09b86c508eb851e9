package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paramlab.grader.report.Samples.outcome;
import static org.paramlab.grader.report.Samples.test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMainTest {

    @TempDir
    Path base;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private Path reportDir() {
        return base.resolve("grader/target/paramlab");
    }

    private ReportMain reportMain(boolean requireFullMarks, Map<String, String> environment) {
        return new ReportMain(reportDir(), requireFullMarks, environment,
                new PrintStream(printed, true, StandardCharsets.UTF_8), base);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private void record(TestOutcome... outcomes) {
        List<PlannedTest> tests = java.util.Arrays.stream(outcomes).map(TestOutcome::test).toList();
        ReportFiles.writeJson(reportDir().resolve(ReportFiles.PLAN), Samples.plan(tests));
        ProgressLog log = ProgressLog.truncate(reportDir().resolve(ReportFiles.PROGRESS));
        for (TestOutcome outcome : outcomes) {
            log.append(ProgressEvent.started(outcome.test().uniqueId()));
            log.append(ProgressEvent.finished(outcome.test().uniqueId(), outcome.status(), outcome.message(), 1));
        }
        log.append(ProgressEvent.runFinished("2025-01-02T03:04:09Z"));
        log.close();
    }

    @Test
    void withoutAPlanItSaysNoGradedTestRan() throws Exception {
        assertThat(reportMain(false, Map.of()).run()).isEmpty();

        assertThat(printed()).contains("ParamLab: no graded test ran, so there is no score.\n"
                + "  grader/target/paramlab/plan.json does not exist: the graded tests did not start.");
        JsonNode results = ReportFiles.mapper().readTree(reportDir().resolve(ReportFiles.RESULTS).toFile());
        assertThat(results.get("score").asDouble()).isZero();
        assertThat(reportDir().resolve(ReportFiles.SUMMARY)).content().startsWith("# ParamLab: no graded test ran");
    }

    @Test
    void withoutAPlanFullMarksCannotBeMet() {
        assertThatThrownBy(() -> reportMain(true, Map.of()).run())
                .isInstanceOf(FullMarksRequiredException.class)
                .hasMessage("ParamLab: no graded test ran, so there is no score"
                        + " (no grader/target/paramlab/plan.json), but full marks are required");
    }

    @Test
    void writesAllReportsAndPrintsTheTable() throws Exception {
        record(outcome(test("1.1", "a", 2), TestStatus.PASSED, null),
                outcome(test("1.2", "b", 1), TestStatus.FAILED, "wrong shape"));

        ScoreBook book = reportMain(false, Map.of()).run().orElseThrow();

        assertThat(book.earned()).isEqualTo(2.0);
        assertThat(printed()).contains("TOTAL", "2/3", "67%", "1.2 G1_2Test.b: wrong shape");
        JsonNode results = ReportFiles.mapper().readTree(reportDir().resolve(ReportFiles.RESULTS).toFile());
        assertThat(results.get("score").asDouble()).isEqualTo(2.0);
        assertThat(results.get("execution_time").asLong()).isEqualTo(4);
        assertThat(reportDir().resolve(ReportFiles.SUMMARY)).content().startsWith("# ParamLab: 2 / 3 points");
    }

    @Test
    void showsAPublishedAnswerInTheSummaryAndTheResults() throws Exception {
        PlannedTest quiz = test("7.2", "quiz", 1);
        ReportFiles.writeJson(reportDir().resolve(ReportFiles.PLAN), Samples.plan(List.of(quiz)));
        ProgressLog log = ProgressLog.truncate(reportDir().resolve(ReportFiles.PROGRESS));
        log.append(ProgressEvent.started(quiz.uniqueId()));
        log.append(ProgressEvent.answer(quiz.uniqueId(), "Why share?", "Fewer parameters."));
        log.append(ProgressEvent.finished(quiz.uniqueId(), TestStatus.PASSED, null, 1));
        log.append(ProgressEvent.runFinished("2025-01-02T03:04:09Z"));
        log.close();

        assertThat(reportMain(true, Map.of()).run().orElseThrow().fullMarks()).isTrue();

        assertThat(reportDir().resolve(ReportFiles.SUMMARY)).content()
                .contains("**Why share?**\n\n```text\nFewer parameters.\n```");
        JsonNode results = ReportFiles.mapper().readTree(reportDir().resolve(ReportFiles.RESULTS).toFile());
        assertThat(results.get("score").asDouble()).isEqualTo(1.0);
        assertThat(results.get("output").asText()).contains("Answer: Fewer parameters.");
        assertThat(results.get("extra_data").get("answers").get(0).get("answer").asText()).isEqualTo("Fewer parameters.");
    }

    @Test
    void requiredFullMarksFailWithOneLine() {
        record(outcome(test("1.1", "a", 2), TestStatus.PASSED, null),
                outcome(test("1.2", "b", 1), TestStatus.FAILED, "wrong\nshape"),
                outcome(test("2.1", "c", 1), TestStatus.NOT_ATTEMPTED, "stub"));

        assertThatThrownBy(() -> reportMain(true, Map.of()).run())
                .isInstanceOf(FullMarksRequiredException.class)
                .hasMessage("ParamLab: 2/4 points, but full marks are required; 2 tests lost points:"
                        + " 1.2 G1_2Test.b failed, 2.1 G2_1Test.c not attempted (see grader/target/paramlab/summary.md)");
        assertThat(printed()).contains("TOTAL");
    }

    @Test
    void fullMarksPassWhenRequired() {
        record(outcome(test("1.1", "a", 2), TestStatus.PASSED, null));
        assertThat(reportMain(true, Map.of()).run()).isPresent();
    }

    @Test
    void aPlanErrorFailsWhenFullMarksAreRequired() {
        GradingPlan plan = new GradingPlan(1, 1L, "s", Samples.STARTED_AT, "9.9", List.of("unknown exercise '9.9'"),
                List.of());
        ReportFiles.writeJson(reportDir().resolve(ReportFiles.PLAN), plan);
        assertThatThrownBy(() -> reportMain(true, Map.of()).run())
                .hasMessage("ParamLab: full marks are required, but the run has an error: unknown exercise '9.9'");
        assertThat(printed()).contains("ERROR: unknown exercise '9.9'");
    }

    @Test
    void appendsTheSummaryForGitHubActions() throws Exception {
        Path stepSummary = base.resolve("step-summary.md");
        Files.writeString(stepSummary, "earlier step\n");
        record(outcome(test("1.1", "a", 2), TestStatus.PASSED, null));

        reportMain(false, Map.of(ReportMain.GITHUB_STEP_SUMMARY, stepSummary.toString())).run();

        assertThat(stepSummary).content().startsWith("earlier step\n# ParamLab: 2 / 2 points\n");
    }

    @Test
    void checksItsArguments() {
        assertThatThrownBy(() -> ReportMain.main(new String[] {"dir"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("usage: ReportMain <report dir> <requireFullMarks: true|false>");
        assertThatThrownBy(() -> ReportMain.main(new String[] {base.toString(), "yes"}))
                .hasMessage("requireFullMarks must be true or false, but was 'yes'");
        assertThat(ReportMain.parseFlag(" TRUE ")).isTrue();
    }
}
