package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.supervisor.GradingRequest;

/** The report of a grading process that was stopped, written by its parent, at each stage. */
class StoppedGradingTest {

    @TempDir
    Path temp;

    private GradingJob job(Path submission) throws IOException {
        Path control = Files.createDirectories(temp.resolve("control"));
        return new GradingJob("student", submission, temp.resolve("out"), temp.resolve("space"), control,
                Fixtures.home(), 7L, 300_000, 0, 10_000, List.of(), 512, Map.of(), false, null,
                GradingRequest.ClassSharing.OFF, chapter());
    }

    /** The repository's first assignment, the chapter's 100 points, as a student's ./mvnw test grades it. */
    private static org.paramlab.grader.assignment.Assignment chapter() {
        return org.paramlab.grader.assignment.CourseFile.read(Fixtures.repository().resolve("course.json")).assignment(null);
    }

    @Test
    void stoppedWhileWritingTheReportsKeepsTheRunsScoresWithoutCharts() throws IOException {
        GradingJob job = job(Fixtures.copy(Fixtures.solutions(), temp.resolve("solutions")));
        assertThat(job.grade().score()).isEqualTo(100.0);
        assertThat(job.control().resolve(GradingJob.RUN)).exists();
        assertThat(GradingStage.last(job.control().resolve(GradingJob.STAGE))).hasValueSatisfying(
                entered -> assertThat(entered.stage()).isEqualTo(GradingStage.REPORTS));
        TrustedGrader.deleteTree(job.out());

        SubmissionReport report = new StoppedGrading(job, new GradingProcess.Ending(null, true, ""), null)
                .report(Duration.ofSeconds(70));

        assertThat(report.status()).isEqualTo(SubmissionReport.TIMED_OUT);
        assertThat(report.score()).isEqualTo(100.0);
        assertThat(report.notes()).anyMatch(n -> n.startsWith("the reports did not finish in "));
        assertThat(report.gradedFiles()).containsKey("Linear.java");
        assertThat(Files.readString(job.out().resolve("report.html"), StandardCharsets.UTF_8))
                .contains("No charts: the reports did not finish in ").endsWith("</html>\n");
        assertThat(Fixtures.json(job.out().resolve("results.json")).get("score").asDouble()).isEqualTo(100.0);
        assertThat(ReportFiles.mapper().readTree(job.out().resolve(TrustedGrader.SUBMISSION_JSON).toFile())
                .get("status").asText()).isEqualTo("timed out");
    }

    @Test
    void aProcessStoppedAfterItWroteTheSummaryStillShowsItOnce() throws IOException {
        // the grading process wrote the reports, summary.md included, and was stopped while it drew the charts:
        // its parent writes the reports again. The step summary is appended by the parent alone, once.
        Path stepSummary = temp.resolve("step-summary.md");
        Map<String, String> environment = Map.of("GITHUB_STEP_SUMMARY", stepSummary.toString(), "PATH", "/usr/bin");
        Path control = Files.createDirectories(temp.resolve("control"));
        GradingJob job = new GradingJob("student", Fixtures.copy(Fixtures.solutions(), temp.resolve("solutions")),
                temp.resolve("out"), temp.resolve("space"), control, Fixtures.home(), 7L, 300_000, 0, 10_000,
                List.of(), 512, TrustedGrader.jobEnvironment(environment), false, null,
                GradingRequest.ClassSharing.OFF, chapter());
        assertThat(job.grade().score()).isEqualTo(100.0);
        new StoppedGrading(job, new GradingProcess.Ending(null, true, ""), null).report(Duration.ofSeconds(70));
        assertThat(stepSummary).doesNotExist();

        TrustedGrader.appendStepSummary(environment, job.out(), null);

        String shown = Files.readString(stepSummary, StandardCharsets.UTF_8);
        assertThat(shown).isEqualTo(Files.readString(job.out().resolve("summary.md"), StandardCharsets.UTF_8) + "\n");
        assertThat(shown.split("# ParamLab: ", -1)).hasSize(2);
    }

    @Test
    void aProcessThatDiedInJavacIsACompileErrorThatSaysSo() throws IOException {
        GradingJob job = job(Fixtures.copy(Fixtures.solutions(), temp.resolve("solutions")));
        GradingStage.enter(job.control().resolve(GradingJob.STAGE), GradingStage.COMPILING);

        SubmissionReport report = new StoppedGrading(job, new GradingProcess.Ending(1, false,
                "Exception in thread \"main\" java.lang.StackOverflowError\n\tat com.sun.tools.javac.comp.Attr\n"),
                null).report(Duration.ofSeconds(3));

        assertThat(report.status()).isEqualTo(SubmissionReport.COMPILE_ERROR);
        assertThat(report.score()).isZero();
        assertThat(report.maxScore()).isEqualTo(100.0);
        assertThat(report.notes()).contains("compilation failed: javac ran out of stack on your code. Deeply nested"
                + " expressions do that: split them into steps with local variables, and check that `./mvnw compile`"
                + " works on your machine");
        assertThat(Fixtures.json(job.out().resolve("results.json")).get("tests").size()).isGreaterThanOrEqualTo(88);
    }

    @Test
    void aProcessKilledBeforeItRecordedAStageWasReading() throws IOException {
        GradingJob job = job(temp.resolve("nothing.zip"));

        SubmissionReport report = new StoppedGrading(job, new GradingProcess.Ending(null, true, ""), null)
                .report(Duration.ofSeconds(12));

        assertThat(report.status()).isEqualTo(SubmissionReport.BAD_SUBMISSION);
        assertThat(report.problems()).singleElement().asString()
                .startsWith("reading the submission did not finish in 12 s (the whole run's time limit is 300 s");
        assertThat(Fixtures.json(job.out().resolve("results.json")).get("tests").size()).isGreaterThanOrEqualTo(88);
    }

    @Test
    void theJobFileHoldsNoSecretOfTheEnvironment() throws IOException {
        Path out = temp.resolve("out");
        GradingJob job = new GradingJob("student", temp, out, temp.resolve("space"), temp, Fixtures.home(), 7L,
                1000, 0, 1000, List.of(), 64, org.paramlab.grader.supervisor.SandboxEnvironment.forSupervisor(Map.of(
                        "PATH", "/usr/bin", "GITHUB_TOKEN", "ghs_secret", "GITHUB_STEP_SUMMARY", "/tmp/summary",
                        "ACTIONS_RUNTIME_TOKEN", "secret")), false, null, GradingRequest.ClassSharing.OFF);
        ReportFiles.writeJson(temp.resolve(GradingJob.JOB), job);

        assertThat(Files.readString(temp.resolve(GradingJob.JOB), StandardCharsets.UTF_8)).contains("/usr/bin",
                "/tmp/summary").doesNotContain("secret");
    }
}
