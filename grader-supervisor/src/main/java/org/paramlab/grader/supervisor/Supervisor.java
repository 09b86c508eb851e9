package org.paramlab.grader.supervisor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.channel.ChannelMessage;
import org.paramlab.grader.purity.PurityVerdict;
import org.paramlab.grader.purity.StudentClasses;
import org.paramlab.grader.reference.CudaStatus;
import org.paramlab.grader.report.GradingRun;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.report.ReportWriter;
import org.paramlab.grader.report.ScoreBook;
import org.paramlab.grader.protocol.TestStatus;

/**
 * Grades one submission from outside the JVM that runs it, and is the only one to score it.
 *
 * <ol>
 *   <li>It reads what the student's module compiled and keeps only the student's own classes, then
 *       checks the rules of group 0 on them ({@link StudentClasses}, {@link PurityVerdict}), while:</li>
 *   <li>a test JVM starts ({@link SandboxProcess}) with the grader before the student on its classpath
 *       and an environment without CI variables, connects back over a loopback socket with a secret it
 *       read from its standard input ({@link SandboxServer}), receives the run's fixed settings and the
 *       reference files, and lists the graded tests it found.</li>
 *   <li>If a rule is broken, it runs nothing: every test is blocked. Otherwise it runs the tests, and
 *       the supervisor records each result as it comes ({@link RunLedger}). A test JVM that is silent
 *       for longer than a test may take is stopped, and so is one that is still running when the
 *       whole run's time is up; one that dies, stops answering, or asks to be replaced is followed by
 *       a fresh one for the tests still pending.</li>
 *   <li>It compares its record with JUnit's own XML report of each test JVM that ended normally
 *       ({@link JUnitXmlCheck}): a disagreement voids the run.</li>
 *   <li>It writes every report ({@link ReportWriter}).</li>
 * </ol>
 * Nothing the test JVM writes is read as a result, except JUnit's XML for that comparison.
 *
 * <p>This class only orders those steps; each has a class of its own: {@link RunClock} (the budget),
 * {@link TestJvmLauncher} (starting JVMs), {@link TestJvmRuns} (running them and reading the channel),
 * {@link RunScoring} (the rules and the outcomes) and {@link ReportPhase} (the reports).
 */
public final class Supervisor {

    /** How long a test JVM may take to start, connect and list its tests. */
    static final Duration STARTUP = Duration.ofSeconds(60);
    /** How much longer than a test's own limit a silent test JVM is given before it is stopped. */
    static final Duration MARGIN = Duration.ofSeconds(5);
    /** The most test JVMs one run may start. */
    static final int MAX_TEST_JVMS = 40;
    /** The most output of the test JVMs kept in {@value ReportFiles#OUTPUT}. */
    static final long OUTPUT_LIMIT = 1024 * 1024;
    /** The student's package. */
    public static final String STUDENT_PACKAGE = "org.paramlab.nn";

    private final GradingRequest request;
    private final RunClock clock;
    private final TestJvmLauncher launcher;
    private final RunLedger ledger = new RunLedger();
    /** What else happened, for {@link Result#notes()}; shared by the parts that add to it. */
    private final List<String> notes = new ArrayList<>();
    private final RunScoring scoring;
    private final ReportPhase reports;
    private final TestJvmRuns runs;
    /** Told the run, as reported, before the reports are written; {@code null} for nobody. */
    private Consumer<GradingRun> beforeReports;

    /**
     * A test JVM started ahead of time for the next run of the same request ({@link #startSpare()}), in
     * watch mode: it connects and waits, having loaded none of the student's classes and received none of
     * the run's settings, so that the next save is graded without waiting for a JVM to start. A run that
     * adopts it checks that it was started with the same command line; otherwise it is ended.
     */
    public static final class Spare implements AutoCloseable {

        final SandboxServer server;
        final SandboxProcess process;
        final CappedOutput output;
        final List<String> options;
        final List<Path> classpath;

        Spare(SandboxServer server, SandboxProcess process, CappedOutput output, List<String> options,
              List<Path> classpath) {
            this.server = server;
            this.process = process;
            this.output = output;
            this.options = options;
            this.classpath = classpath;
        }

        /** @return the spare JVM's exit status once it ended, waiting at most {@code limit}; empty while it runs */
        java.util.OptionalInt exitStatus(Duration limit) {
            return process.exitStatus(limit);
        }

        /** Ends the spare JVM, if no run adopted it. */
        @Override
        public void close() {
            process.kill();
            server.close();
        }
    }

    /**
     * @param request what to grade
     * @param console where the console report goes
     * @param base    the current folder, to print paths relative to it
     */
    public Supervisor(GradingRequest request, PrintStream console, Path base) {
        this.request = request;
        this.clock = new RunClock(request);
        this.launcher = new TestJvmLauncher(request, clock);
        this.scoring = new RunScoring(request, clock, launcher, ledger, notes);
        this.reports = new ReportPhase(request, console, base, clock, launcher, ledger, notes, scoring);
        this.runs = new TestJvmRuns(request, clock, launcher, ledger, notes, scoring, reports::whileTestsRun);
    }

    /**
     * @param probe what to ask instead of a probe JVM whether CUDA can run (the grader's own tests)
     * @return this supervisor
     */
    Supervisor withCudaProbe(Supplier<CudaStatus> probe) {
        launcher.cudaProbe(probe);
        return this;
    }

    /**
     * @param value a test JVM started ahead by an earlier supervisor of the same request, or {@code null}
     * @return this supervisor
     */
    public Supervisor withSpare(Spare value) {
        launcher.offer(value);
        return this;
    }

    /**
     * Starts a test JVM for the next run of this request now (watch mode, between saves).
     *
     * @return the waiting JVM, for {@link #withSpare(Spare)} of the next supervisor
     * @throws IOException if it cannot be started
     */
    public Spare startSpare() throws IOException {
        return launcher.startSpare();
    }

    /**
     * Counts this run's budget from an earlier start (course grading: the budget covers reading and compiling
     * the submission too) and keeps part of it for the reports, so that they are written within the budget.
     *
     * @param alreadySpent   how much of the budget went before this supervisor started
     * @param reportsReserve how long before the budget's end the test JVMs stop, for the reports
     * @return this supervisor
     */
    public Supervisor withClock(Duration alreadySpent, Duration reportsReserve) {
        clock.startedEarlier(alreadySpent, reportsReserve);
        return this;
    }

    /**
     * @param listener told the run, as it will be reported, before the reports are written (course grading
     *                 keeps it, to report it without charts if the report phase is stopped)
     * @return this supervisor
     */
    public Supervisor beforeReports(Consumer<GradingRun> listener) {
        this.beforeReports = listener;
        return this;
    }

    /**
     * Writes the reports of a run recorded by another supervisor whose own report phase was stopped at the
     * run's time limit: the same scores, without charts.
     *
     * @param run the run, as that supervisor was about to report it
     * @param why why there are no charts, shown where they would be
     * @return the run and its scores
     */
    public Result reportOnly(GradingRun run, String why) {
        launcher.prepareFolders(false);
        return reports.report(run, why, runs.segments());
    }

    /**
     * What the grading came to.
     *
     * @param run       the run, as reported
     * @param book      its scores
     * @param tampering what looked like tampering (the run is then void)
     * @param notes     what else happened (the time limit reached, results not compared with JUnit's)
     * @param testJvms  how each test JVM ended, for example {@code "1: exit 0, ended normally"}
     */
    public record Result(GradingRun run, ScoreBook book, List<String> tampering, List<String> notes,
                         List<String> testJvms) {
    }

    /**
     * Grades the submission and writes the reports.
     *
     * @return the run and its scores
     * @throws org.paramlab.grader.report.FullMarksRequiredException when full marks are required and missing
     */
    public Result grade() {
        Trace.mark("supervisor: started");
        Background.inThread(Supervisor::warmUpJson);
        Spare adopted = launcher.adoptSpare();
        launcher.prepareFolders(adopted != null);
        if (adopted != null) {
            runs.output(adopted.output);
            adopted.output.truncate();
            launcher.offer(adopted);
        } else {
            runs.output(new CappedOutput(request.reportDir().resolve(ReportFiles.OUTPUT), OUTPUT_LIMIT));
        }
        scoring.indexTests();
        if (request.settings().tree() != null) {
            notes.add("the checks on generated networks looked at network " + request.settings().tree() + " only (-D"
                    + RunSettings.TREE_PROPERTY + ")");
        }
        if (!request.refusals().isEmpty()) {
            launcher.endUnusedSpare();
            return reports.refused(runs.segments());
        }
        StudentClasses.stage(request.code(), launcher.studentClasses());
        Trace.mark("supervisor: student classes staged");
        scoring.checkRules();
        if (request.settings().errors().isEmpty() && scoring.needsTests()) {
            runs.provider(launcher.decideProvider());
        }
        if (runs.provider() != null && runs.provider().canGrade()) {
            try {
                runs.runAll();
            } catch (RuntimeException e) {
                // the grader's own failure: the report is still written, and says so
                runs.graderFailed(e);
            }
        }
        launcher.endUnusedSpare();
        PurityVerdict verdict = scoring.verdict();
        Trace.mark("supervisor: rules checked, test JVMs done");
        launcher.afterRun();
        runs.output().finish();
        if (runs.blocked()) {
            ledger.closePending(TestStatus.BLOCKED, verdict.refusal().orElse("blocked by the rules of group 0"));
        }
        scoring.crossCheck(runs.segments());
        Trace.mark("supervisor: JUnit's XML compared with the record");
        GradingRun run = scoring.run(verdict, runs);
        if (beforeReports != null) {
            beforeReports.accept(run);
        }
        reports.copyJUnitReports(runs.segments());
        reports.writeArtifacts();
        Result result = reports.report(run, runs.segments());
        Trace.mark("supervisor: reports written");
        return result;
    }

    /**
     * Builds the JSON (de)serializers of the channel on a spare core while the test JVM starts: the first
     * message otherwise waits for them (a quarter of a second with Maven's JIT settings).
     */
    private static Void warmUpJson() {
        ChannelMessage.warmUpJson();
        Trace.mark("supervisor: JSON warmed up");
        return null;
    }
}
