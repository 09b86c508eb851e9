package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paramlab.grader.report.Samples.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.paramlab.grader.protocol.FreeAnswer;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;

class GradingRunReaderTest {

    @TempDir
    Path dir;

    private final PlannedTest a = test("1.1", "a", 1);
    private final PlannedTest b = test("1.2", "b", 2);
    private final PlannedTest c = test("1.3", "c", 3);
    private final PlannedTest d = test("1.4", "d", 4);

    @Test
    void aMissingPlanMeansNothingRan() {
        assertThat(GradingRunReader.read(dir)).isEmpty();
    }

    @Test
    void aCorruptPlanIsAClearError() throws Exception {
        Files.writeString(dir.resolve(ReportFiles.PLAN), "{ \"tests\": [ ");
        assertThatThrownBy(() -> GradingRunReader.read(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read").hasMessageContaining("run mvn test again");
    }

    @Test
    void aTruncatedProgressFileMarksTheCrashAndWhatNeverRan() throws Exception {
        ReportFiles.writeJson(dir.resolve(ReportFiles.PLAN), Samples.plan(List.of(a, b, c, d)));
        ProgressLog log = ProgressLog.truncate(dir.resolve(ReportFiles.PROGRESS));
        log.append(ProgressEvent.started(a.uniqueId()));
        log.append(ProgressEvent.finished(a.uniqueId(), TestStatus.PASSED, null, 12));
        log.append(ProgressEvent.started(b.uniqueId()));
        log.close();
        // the JVM died while writing the next line
        Files.writeString(dir.resolve(ReportFiles.PROGRESS), "{\"event\":\"finished\",\"uniqueId\":\"[engi",
                java.nio.file.StandardOpenOption.APPEND);

        GradingRun run = GradingRunReader.read(dir).orElseThrow();

        assertThat(run.completed()).isFalse();
        assertThat(run.outcomes()).extracting(TestOutcome::status)
                .containsExactly(TestStatus.PASSED, TestStatus.CRASHED, TestStatus.NOT_RUN, TestStatus.NOT_RUN);
        assertThat(run.outcomes().get(0).durationMs()).isEqualTo(12);
        assertThat(run.outcomes().get(1).message()).isEqualTo("the test JVM stopped during this test:"
                + " System.exit, a crash or running out of memory?");
        assertThat(run.outcomes().get(2).message()).isEqualTo("the test JVM stopped before this test ran:"
                + " System.exit, a crash or running out of memory in an earlier test?");
    }

    @Test
    void aMissingProgressFileMeansNoTestRan() {
        ReportFiles.writeJson(dir.resolve(ReportFiles.PLAN), Samples.plan(List.of(a)));
        GradingRun run = GradingRunReader.read(dir).orElseThrow();
        assertThat(run.outcomes()).extracting(TestOutcome::status).containsExactly(TestStatus.NOT_RUN);
    }

    @Test
    void aCompletedRunTakesItsTimeFromThePlanAndTheEnd() {
        GradingRun run = GradingRunReader.combine(Samples.plan(List.of(a, b)), List.of(
                ProgressEvent.finished(a.uniqueId(), TestStatus.FAILED, "no", 3),
                ProgressEvent.runFinished("2025-01-02T03:05:05Z")));

        assertThat(run.completed()).isTrue();
        assertThat(run.executionSeconds()).isEqualTo(60);
        assertThat(run.outcomes().get(0).message()).isEqualTo("no");
        assertThat(run.outcomes().get(1).status()).isEqualTo(TestStatus.NOT_RUN);
        assertThat(run.outcomes().get(1).message()).isEqualTo(GradingRunReader.NO_RESULT_MESSAGE);
    }

    @Test
    void freeTextAnswersFollowThePlanAndTheLastOneWins() throws Exception {
        ReportFiles.writeJson(dir.resolve(ReportFiles.PLAN), Samples.plan(List.of(a, b, c)));
        ProgressLog log = ProgressLog.truncate(dir.resolve(ReportFiles.PROGRESS));
        log.append(ProgressEvent.answer(c.uniqueId(), "Q3", "first draft"));
        log.append(ProgressEvent.answer(a.uniqueId(), "Q1", null));
        log.append(ProgressEvent.answer("[engine:junit-jupiter]/[class:Other]/[method:x()]", "Q9", "not planned"));
        log.append(ProgressEvent.answer(c.uniqueId(), "Q3", "final answer"));
        log.append(ProgressEvent.runFinished("2025-01-02T03:05:05Z"));
        log.close();

        GradingRun run = GradingRunReader.read(dir).orElseThrow();

        assertThat(run.answers()).extracting(FreeAnswer::question).containsExactly("Q1", "Q3");
        assertThat(run.answers().get(0).test()).isEqualTo(a);
        assertThat(run.answers().get(0).given()).isFalse();
        assertThat(run.answers().get(0).display()).isEqualTo(FreeAnswer.NO_ANSWER);
        assertThat(run.answers().get(1).display()).isEqualTo("final answer");
        assertThat(Files.readString(dir.resolve(ReportFiles.PROGRESS)))
                .contains("{\"event\":\"answer\",\"uniqueId\":\"" + a.uniqueId() + "\",\"question\":\"Q1\"}");
    }

    @Test
    void anEmptyOrStubAnswerIsNoAnswer() {
        PlannedTest quiz = test("7.2", "quiz", 1);
        for (String text : new String[] {null, "", "  \n ", "TODO: write your answer here", "not implemented"}) {
            FreeAnswer answer = new FreeAnswer(quiz, "Why?", text);
            assertThat(answer.given()).as("given() for %s", text).isFalse();
            assertThat(answer.display()).isEqualTo("no answer given");
        }
        assertThat(new FreeAnswer(quiz, "Why?", "  Fewer parameters. ").display()).isEqualTo("Fewer parameters.");
    }

    @Test
    void theListenersFilesRoundTrip() throws Exception {
        GradingPlan plan = new GradingPlan(GradingPlan.FORMAT, null, "s", Samples.STARTED_AT, "2.2",
                List.of("bad seed"), List.of(a));
        ReportFiles.writeJson(dir.resolve(ReportFiles.PLAN), plan);
        assertThat(GradingRunReader.read(dir).orElseThrow().plan()).isEqualTo(plan);
        assertThat(Files.readString(dir.resolve(ReportFiles.PLAN))).contains("\"seed\" : null", "\"selection\" : \"2.2\"");
    }
}
