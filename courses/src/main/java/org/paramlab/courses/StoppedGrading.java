package org.paramlab.courses;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.paramlab.grader.report.GradingRun;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.supervisor.Supervisor;

/**
 * The report of a grading process that did not write its own: killed at the budget's end, or ended by an
 * error (out of memory in javac, say). It names the stage the process was in ({@link GradingStage}) and what
 * the student can do. Stopped while writing the reports, the run it had recorded is reported again, without
 * charts; stopped earlier, every graded test scores 0 with that reason. Either way the report is complete:
 * every file, every graded test, the maximum of 100.
 */
final class StoppedGrading {

    private final GradingJob job;
    private final GradingProcess.Ending ending;
    private final PrintStream echo;

    /**
     * @param job    the job the process had
     * @param ending how it ended
     * @param echo   where the console report is also printed, or {@code null}
     */
    StoppedGrading(GradingJob job, GradingProcess.Ending ending, PrintStream echo) {
        this.job = job;
        this.ending = ending;
        this.echo = echo;
    }

    /**
     * Writes the reports and {@code submission.json} in the job's output folder.
     *
     * @param duration how long the grading took, until now
     * @return what it came to
     */
    SubmissionReport report(Duration duration) {
        GradingStage.Entered entered = GradingStage.last(job.control().resolve(GradingJob.STAGE))
                .orElse(new GradingStage.Entered(GradingStage.READING, System.currentTimeMillis() - duration.toMillis()));
        GradingStage stage = entered.stage();
        String why = why(entered);
        ReadSummary read = readSummary(stage, why);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(echo == null ? console : new Tee(console, echo),
                true, StandardCharsets.UTF_8);
        GradingRun recorded = stage == GradingStage.REPORTS ? recordedRun() : null;
        Supervisor.Result result;
        if (recorded != null) {
            result = new Supervisor(job.request(job.space(), job.space(), List.of(), List.of()), printed, job.out())
                    .reportOnly(recorded, "No charts: " + why + ".");
        } else {
            List<String> notices = GradingJob.notices(read);
            result = new Supervisor(job.request(job.space(), job.space(), notices, List.of(why)), printed, job.out())
                    .grade();
        }
        List<String> notes = new ArrayList<>(result.notes());
        notes.add(why);
        result = new Supervisor.Result(result.run(), result.book(), result.tampering(), notes, result.testJvms());
        SubmissionReport report = SubmissionReport.of(job.id(), statusFor(stage), result, read, job.home().fingerprint(),
                duration, job.budget());
        try {
            Files.writeString(job.out().resolve(TrustedGrader.CONSOLE), console.toString(StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
            ReportFiles.writeJson(job.out().resolve(TrustedGrader.SUBMISSION_JSON), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports in " + job.out() + ": " + e.getMessage(), e);
        }
        return report;
    }

    /** @return what happened, in the report's words, with what the student can do about it */
    String why(GradingStage.Entered entered) {
        GradingStage stage = entered.stage();
        long seconds = Math.max(0, (System.currentTimeMillis() - entered.startedAtMs()) / 1000);
        if (ending.killed()) {
            return stage.didNotFinish(seconds) + " (the whole run's time limit is " + job.budget().toSeconds()
                    + " s, and grading was stopped there)" + advice(stage);
        }
        String error = ending.lastError();
        if (stage == GradingStage.COMPILING && (error.contains("OutOfMemoryError") || error.contains("StackOverflowError"))) {
            return "compilation failed: javac ran out of " + (error.contains("StackOverflowError") ? "stack" : "memory")
                    + " on your code. Deeply nested expressions do that: split them into steps with local variables,"
                    + " and check that `./mvnw compile` works on your machine";
        }
        return "the grading process ended during " + stage.label() + " (exit " + ending.exitStatus() + ")"
                + (error.isEmpty() ? "" : ": " + error) + (stage == GradingStage.READING ? advice(stage) : "");
    }

    private static String advice(GradingStage stage) {
        return switch (stage) {
            case READING -> ". Hand in your repository, or the .java files of org.paramlab.nn, as a folder or a"
                    + " plain zip of a few MB";
            case COMPILING -> ". javac spends that long on deeply nested generic calls, lambdas or conditional"
                    + " expressions: split them into steps with local variables, and check that `./mvnw compile`"
                    + " ends in seconds on your machine";
            case TESTS -> ". Look for endless loops in your code";
            case REPORTS -> ". The scores are those of the run; only the charts are missing";
        };
    }

    private String statusFor(GradingStage stage) {
        if (stage == GradingStage.READING) {
            return SubmissionReport.BAD_SUBMISSION;
        }
        if (ending.killed()) {
            return SubmissionReport.TIMED_OUT;
        }
        return stage == GradingStage.COMPILING ? SubmissionReport.COMPILE_ERROR : SubmissionReport.CRASHED;
    }

    private ReadSummary readSummary(GradingStage stage, String why) {
        Path file = job.control().resolve(GradingJob.READ);
        if (stage != GradingStage.READING && Files.isRegularFile(file)) {
            try {
                return ReportFiles.mapper().readValue(file.toFile(), ReadSummary.class);
            } catch (IOException e) {
                // reported as not read
            }
        }
        return ReadSummary.notRead(why);
    }

    private GradingRun recordedRun() {
        try {
            return ReportFiles.mapper().readValue(job.control().resolve(GradingJob.RUN).toFile(), GradingRun.class);
        } catch (IOException e) {
            return null;
        }
    }
}
