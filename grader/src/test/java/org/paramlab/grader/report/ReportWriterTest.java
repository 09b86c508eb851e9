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

import org.paramlab.grader.protocol.FreeAnswer;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;

class ReportWriterTest {

    @TempDir
    Path base;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private Path reportDir() {
        return base.resolve("grader/target/paramlab");
    }

    private ReportWriter writer(boolean requireFullMarks, Map<String, String> environment) {
        return new ReportWriter(reportDir(), requireFullMarks, environment,
                new PrintStream(printed, true, StandardCharsets.UTF_8), base);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static GradingRun run(TestOutcome... outcomes) {
        return Samples.run(List.of(outcomes));
    }

    private static GradingRun noTests(String error) {
        return new GradingRun(new GradingPlan(1, 1L, "s", Samples.STARTED_AT, "9.9",
                error == null ? List.of() : List.of(error), List.of()), List.of(), false, 0);
    }

    @Test
    void withoutGradedTestsItSaysWhy() throws Exception {
        ScoreBook book = writer(false, Map.of()).write(noTests("unknown exercise '9.9'"), null);

        assertThat(book.testCount()).isZero();
        assertThat(printed()).contains("ParamLab: no graded test ran, so there is no score.\n"
                + "  ERROR: unknown exercise '9.9'\n  Fix the error above and run `./mvnw test` again.");
        JsonNode results = ReportFiles.mapper().readTree(reportDir().resolve(ReportFiles.RESULTS).toFile());
        assertThat(results.get("score").asDouble()).isZero();
        assertThat(results.get("output").asText()).contains("ERROR: unknown exercise '9.9'");
        assertThat(reportDir().resolve(ReportFiles.SUMMARY)).content().startsWith("# ParamLab: no graded test ran");
    }

    @Test
    void withoutGradedTestsFullMarksCannotBeMet() {
        assertThatThrownBy(() -> writer(true, Map.of()).write(noTests(null), null))
                .isInstanceOf(FullMarksRequiredException.class)
                .hasMessage("ParamLab: full marks are required, but no graded test ran");
    }

    @Test
    void writesAllReportsAndPrintsTheTable() throws Exception {
        ScoreBook book = writer(false, Map.of()).write(run(outcome(test("1.1", "a", 2), TestStatus.PASSED, null),
                outcome(test("1.2", "b", 1), TestStatus.FAILED, "wrong shape")), "PLF2-x");

        assertThat(book.earned()).isEqualTo(2.0);
        assertThat(printed()).contains("TOTAL", "2/3", "67%", "1.2 G1_2Test.b\n      wrong shape",
                "Grader fingerprint:\n    PLF2-x");
        JsonNode results = ReportFiles.mapper().readTree(reportDir().resolve(ReportFiles.RESULTS).toFile());
        assertThat(results.get("score").asDouble()).isEqualTo(2.0);
        assertThat(results.get("execution_time").asLong()).isEqualTo(3);
        assertThat(results.get("extra_data").get("fingerprint").asText()).isEqualTo("PLF2-x");
        assertThat(reportDir().resolve(ReportFiles.SUMMARY)).content().startsWith("# ParamLab: 2 / 3 points");
    }

    @Test
    void showsAPublishedAnswerInTheSummaryAndTheResults() throws Exception {
        assertThat(writer(false, Map.of()).write(Samples.withAnswers(), null).earned()).isEqualTo(1.0);

        assertThat(reportDir().resolve(ReportFiles.SUMMARY)).content()
                .contains("**`Why share?`**\n\n```text\nFewer parameters.\nAnd priors.\n```");
        JsonNode results = ReportFiles.mapper().readTree(reportDir().resolve(ReportFiles.RESULTS).toFile());
        assertThat(results.get("output").asText()).contains("Answer: Fewer parameters.");
    }

    @Test
    void requiredFullMarksFailWithOneLine() {
        assertThatThrownBy(() -> writer(true, Map.of()).write(run(outcome(test("1.1", "a", 2), TestStatus.PASSED, null),
                outcome(test("1.2", "b", 1), TestStatus.FAILED, "wrong\nshape"),
                outcome(test("2.1", "c", 1), TestStatus.NOT_ATTEMPTED, "stub")), null))
                .isInstanceOf(FullMarksRequiredException.class)
                .hasMessage("ParamLab: 2/4 points, but full marks are required; 2 tests lost points:"
                        + " 1.2 G1_2Test.b failed, 2.1 G2_1Test.c not attempted (see grader/target/paramlab/summary.md)");
        assertThat(printed()).contains("TOTAL");
    }

    @Test
    void fullMarksPassWhenRequired() {
        assertThat(writer(true, Map.of()).write(run(outcome(test("1.1", "a", 2), TestStatus.PASSED, null)), null)
                .fullMarks()).isTrue();
    }

    @Test
    void appendsTheSummaryForGitHubActions() throws Exception {
        Path stepSummary = base.resolve("step-summary.md");
        Files.writeString(stepSummary, "earlier step\n");

        writer(false, Map.of(ReportWriter.GITHUB_STEP_SUMMARY, stepSummary.toString()))
                .write(run(outcome(test("1.1", "a", 2), TestStatus.PASSED, null)), null);

        assertThat(stepSummary).content().startsWith("earlier step\n# ParamLab: 2 / 2 points\n");
    }

    @Test
    void aHugeSummaryIsCutForTheStepSummary() throws Exception {
        Path stepSummary = base.resolve("step-summary.md");
        String huge = "x".repeat(7_000) + "\n";
        TestOutcome[] outcomes = new TestOutcome[200];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = outcome(test("1.1", "t" + i, 1), TestStatus.FAILED, huge);
        }

        writer(false, Map.of(ReportWriter.GITHUB_STEP_SUMMARY, stepSummary.toString())).write(run(outcomes), null);

        assertThat(Files.size(stepSummary)).isLessThanOrEqualTo(ReportWriter.STEP_SUMMARY_LIMIT + 200L);
        assertThat(stepSummary).content().contains("[truncated: the report is longer");
        assertThat(Files.size(reportDir().resolve(ReportFiles.SUMMARY))).isGreaterThan(1_000_000L);
    }

    @Test
    void studentTextReachesNoReportWithControlCharactersOrWorkflowCommands() throws Exception {
        String hostile = "::set-env name=SCORE::100\n\u001b[2J\u0007boom\u202Eevil\r\n::add-mask::x";
        GradingRun run = new GradingRun(Samples.plan(List.of(test("7.2", "quiz", 1))),
                List.of(outcome(test("7.2", "quiz", 1), TestStatus.FAILED, hostile)), true, 1,
                List.of(new FreeAnswer(test("7.2", "quiz", 1), "Why?", hostile + "y".repeat(20_000))));

        writer(false, Map.of()).write(run, null);

        for (String text : List.of(printed(), Files.readString(reportDir().resolve(ReportFiles.SUMMARY)),
                Files.readString(reportDir().resolve(ReportFiles.RESULTS)))) {
            assertThat(text).doesNotContain("\u001b", "\u0007", "\u202E", "\r", "\\u001b", "\\u0007", "\\u202e",
                    "\\r");
        }
        assertThat(printed().lines()).noneMatch(line -> line.stripLeading().startsWith("::"));
        assertThat(Files.readString(reportDir().resolve(ReportFiles.SUMMARY))).contains("[truncated: ")
                .doesNotContain("y".repeat(Text.MAX_ANSWER + 1));
    }
}
