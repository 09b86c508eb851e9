package org.paramlab.grader.supervisor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.paramlab.grader.integrity.Fingerprint;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.report.GradingRun;
import org.paramlab.grader.report.HtmlReportWriter;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.report.ReportWriter;
import org.paramlab.grader.report.ScoreBook;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;
import org.paramlab.grader.report.Text;

/**
 * Writes every report of a run ({@link ReportWriter}), the files its tests published and JUnit's own XML
 * reports, and puts together the {@link Supervisor.Result}.
 */
final class ReportPhase {

    private final GradingRequest request;
    private final PrintStream console;
    private final Path base;
    private final RunClock clock;
    private final TestJvmLauncher launcher;
    private final RunLedger ledger;
    private final List<String> notes;
    private final RunScoring scoring;
    private CompletableFuture<String> fingerprint;
    /** XChart and AWT loaded on a spare core while the tests run, for report.html. */
    private CompletableFuture<Void> chartsWarm;

    ReportPhase(GradingRequest request, PrintStream console, Path base, RunClock clock, TestJvmLauncher launcher,
                RunLedger ledger, List<String> notes, RunScoring scoring) {
        this.request = request;
        this.console = console;
        this.base = base;
        this.clock = clock;
        this.launcher = launcher;
        this.ledger = ledger;
        this.notes = notes;
        this.scoring = scoring;
    }

    /** Starts the reports' slow parts while the tests run: off the critical path, they leave a core free. */
    void whileTestsRun() {
        if (fingerprint == null) {
            fingerprint = Background.inThread(this::computeFingerprint);
        }
        if (chartsWarm == null) {
            chartsWarm = Background.inThread(ReportPhase::warmUpCharts);
        }
    }

    /**
     * @param run      the run, as reported
     * @param segments how each test JVM ended
     * @return the run and its scores; without charts when the run is void
     */
    Supervisor.Result report(GradingRun run, Collection<RunLedger.Segment> segments) {
        return report(run, ledger.tampering().isEmpty() ? null
                : "Charts omitted: the run is void (see the error above), so nothing its test JVM sent is drawn.",
                segments);
    }

    /**
     * @param chartsOmitted why there are no charts, shown where they would be; {@code null} to draw them
     */
    Supervisor.Result report(GradingRun recorded, String chartsOmitted, Collection<RunLedger.Segment> segments) {
        GradingRun run = assignment(recorded);
        // plan.json names tests: an instructor-only check's name only once the course file publishes it
        ReportFiles.writeJson(request.reportDir().resolve(ReportFiles.PLAN),
                run.assignment() == null ? run.plan() : run.assignment().redact(run).plan());
        ReportWriter writer = new ReportWriter(request.reportDir(), request.requireFullMarks(), request.environment(),
                console, base).withFigures(chartsOmitted == null ? ledger.figures() : List.of(), chartsOmitted);
        if (chartsWarm != null) {
            chartsWarm.join();
        }
        ScoreBook book;
        try {
            book = writer.write(run, fingerprint());
        } finally {
            Trace.mark("supervisor: " + ReportFiles.HTML + " written in " + writer.htmlMillis() + " ms");
        }
        List<String> jvms = segments.stream().map(s -> s.number + ": " + (s.exitStatus == null ? "no exit status"
                : "exit " + s.exitStatus) + ", " + s.how).toList();
        return new Supervisor.Result(run, book, ledger.tampering(), List.copyOf(notes), jvms);
    }

    /** The run with the assignment's points; as recorded, with the error added, if they cannot be shared. */
    private GradingRun assignment(GradingRun run) {
        try {
            return AssignmentGrading.apply(run, request.assignment(), scoring.index());
        } catch (RuntimeException e) {
            return run.withError("the assignment's points could not be applied, so every test keeps its own: "
                    + e.getMessage());
        }
    }

    /**
     * Nothing of the submission can run: every graded test fails, with the reasons as the run's errors. The
     * rules' rows (group 0) are listed too, failed and unchecked, as a graded run lists them
     * ({@link RunScoring#run}), so that a submission that does not compile shows the same tests as one that does.
     */
    Supervisor.Result refused(Collection<RunLedger.Segment> segments) {
        String why = "not graded: " + request.refusals().get(0).lines().findFirst().orElse("");
        List<TestOutcome> outcomes = new ArrayList<>();
        if (request.settings().selection().includes(Exercise.E0_1)
                || request.settings().selection().includes(Exercise.E0_2)) {
            outcomes.addAll(GateTests.notChecked(Supervisor.STUDENT_PACKAGE, why));
        }
        outcomes.addAll(scoring.indexed(TestStatus.FAILED, why));
        GradingPlan plan = new GradingPlan(GradingPlan.FORMAT, request.settings().seed(), request.student(),
                Instant.now().toString(), request.settings().selection().asked().orElse(null), request.refusals(),
                outcomes.stream().map(TestOutcome::test).toList(), request.notices());
        return report(new GradingRun(plan, outcomes, true, clock.elapsed().toSeconds(), List.of()),
                "No charts: the submission was not graded (see the error above).", segments);
    }

    /** Loads XChart and AWT on a spare core while the tests run, so that report.html does not wait for them. */
    private static Void warmUpCharts() {
        HtmlReportWriter.warmUp();
        Trace.mark("supervisor: charts warmed up");
        return null;
    }

    /** Copies each test JVM's JUnit XML reports into the report folder, named after the JVM. */
    void copyJUnitReports(Collection<RunLedger.Segment> segments) {
        Path target = request.reportDir().resolve("junit");
        try {
            for (RunLedger.Segment segment : segments) {
                int number = segment.number;
                Path from = launcher.junitDir(number);
                if (!Files.isDirectory(from)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(from)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".xml")).toList()) {
                        Files.createDirectories(target);
                        Files.copy(file, target.resolve("jvm-" + number + "-" + file.getFileName()));
                    }
                }
            }
        } catch (IOException e) {
            notes.add("JUnit's XML reports could not be copied: " + e.getMessage());
        }
    }

    /** Writes the files the tests published into the report folder. */
    void writeArtifacts() {
        ledger.artifacts().forEach((name, content) -> {
            try {
                ReportFiles.writeAtomically(request.reportDir().resolve(name), Text.clean(content));
            } catch (IOException e) {
                notes.add("cannot write " + name + ": " + e.getMessage());
            }
        });
    }

    private String fingerprint() {
        return fingerprint == null ? computeFingerprint() : Background.join(fingerprint);
    }

    /** The grader fingerprint of the repository, computed on a spare core while the tests run. */
    private String computeFingerprint() {
        if (request.fingerprint() != null) {
            return request.fingerprint();
        }
        if (request.repository() == null) {
            return null;
        }
        try {
            return Fingerprint.of(request.repository()).value();
        } catch (RuntimeException e) {
            return "unknown (" + Text.oneLine(String.valueOf(e.getMessage())) + ")";
        }
    }
}
