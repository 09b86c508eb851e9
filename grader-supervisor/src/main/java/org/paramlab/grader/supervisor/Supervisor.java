package org.paramlab.grader.supervisor;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.integrity.Fingerprint;
import org.paramlab.grader.channel.ChannelMessage;
import org.paramlab.grader.channel.RunSpec;
import org.paramlab.grader.purity.PurityVerdict;
import org.paramlab.grader.purity.StudentClasses;
import org.paramlab.grader.reference.CudaStatus;
import org.paramlab.grader.reference.ProviderDecision;
import org.paramlab.grader.protocol.ProviderRequest;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.report.HtmlReportWriter;
import org.paramlab.grader.report.GradingRun;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.report.ReportWriter;
import org.paramlab.grader.report.ScoreBook;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;
import org.paramlab.grader.report.Text;

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
    private final PrintStream console;
    private final Path base;
    /** When the run's clock started ({@link System#nanoTime()}): this supervisor's start, or earlier ({@link #withClock}). */
    private long start = System.nanoTime();
    /** The part of the budget kept for the reports: the test JVMs stop this much before it ends. */
    private Duration reportsReserve = Duration.ZERO;
    /** Told the run, as reported, before the reports are written; {@code null} for nobody. */
    private java.util.function.Consumer<GradingRun> beforeReports;
    private ClassDataSharing sharing;
    private CompletableFuture<String> fingerprint;
    /** XChart and AWT loaded on a spare core while the tests run, for report.html. */
    private CompletableFuture<Void> chartsWarm;
    private ClassDataSharing.Setup sharingSetup;
    private final RunLedger ledger = new RunLedger();
    private final Map<Integer, RunLedger.Segment> segments = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private CappedOutput output;
    private CompletableFuture<PurityVerdict> gate;
    private CompletableFuture<GradedTestIndex> index;
    private boolean blocked;
    /** ONNX Runtime's unpacked native libraries for the test JVMs; empty when ORT unpacks them itself. */
    private String ortNative;
    private final Set<String> unreadable = new TreeSet<>();
    private String stoppedWhy;
    /** Set when the budget ends: why the tests still pending are not run. */
    private String budgetReached;
    /** A test JVM started ahead of this run (watch mode), used for its first test JVM if it fits. */
    private Spare spare;
    /** The run's provider, decided once before any test JVM starts; {@code null} until then. */
    private ProviderDecision provider;
    /** Tells whether CUDA can run; {@code null} for the real probe ({@link CudaProbeProcess}). */
    private java.util.function.Supplier<CudaStatus> cudaProbe;

    /**
     * A test JVM started ahead of time for the next run of the same request ({@link #startSpare()}), in
     * watch mode: it connects and waits, having loaded none of the student's classes and received none of
     * the run's settings, so that the next save is graded without waiting for a JVM to start. A run that
     * adopts it checks that it was started with the same command line; otherwise it is ended.
     */
    public static final class Spare implements AutoCloseable {

        private final SandboxServer server;
        private final SandboxProcess process;
        private final CappedOutput output;
        private final List<String> options;
        private final List<Path> classpath;

        private Spare(SandboxServer server, SandboxProcess process, CappedOutput output, List<String> options,
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
     * @param probe what to ask instead of a probe JVM whether CUDA can run (the grader's own tests)
     * @return this supervisor
     */
    Supervisor withCudaProbe(java.util.function.Supplier<CudaStatus> probe) {
        this.cudaProbe = probe;
        return this;
    }

    /**
     * @param value a test JVM started ahead by an earlier supervisor of the same request, or {@code null}
     * @return this supervisor
     */
    public Supervisor withSpare(Spare value) {
        this.spare = value;
        return this;
    }

    /**
     * Starts a test JVM for the next run of this request now (watch mode, between saves).
     *
     * @return the waiting JVM, for {@link #withSpare(Spare)} of the next supervisor
     * @throws IOException if it cannot be started
     */
    public Spare startSpare() throws IOException {
        Files.createDirectories(tmp());
        List<String> options = spareOptions();
        List<Path> classpath = classpathWithStudent();
        CappedOutput out = new CappedOutput(request.reportDir().resolve(ReportFiles.OUTPUT), OUTPUT_LIMIT, false);
        SandboxServer server = SandboxServer.open();
        SandboxProcess process = SandboxProcess.start(request.launcherPrefix(), java(), options, classpath, server.port(),
                server.secretLine(), SandboxEnvironment.of(request.environment(), tmp().toString()), request.workDir(),
                out);
        return new Spare(server, process, out, options, classpath);
    }

    /** The first test JVM's options; a spare never lists its classes (a run that adopts one has its archive). */
    private List<String> spareOptions() {
        List<String> options = new ArrayList<>(jvmOptions());
        options.addAll(sharing().options().stream().filter(o -> !o.startsWith("-XX:DumpLoadedClassList")).toList());
        return options;
    }

    /** Ends a spare this run did not need (nothing to run): it must not wait forever. */
    private void endUnusedSpare() {
        if (spare != null) {
            spare.close();
            spare = null;
        }
    }

    /** The spare this run can use for its first test JVM, or {@code null}; one that does not fit is ended. */
    private Spare adoptSpare() {
        Spare candidate = spare;
        spare = null;
        if (candidate == null) {
            return null;
        }
        if (candidate.process.isAlive() && candidate.options.equals(spareOptions())
                && candidate.classpath.equals(classpathWithStudent())) {
            Trace.mark("test JVM 1: a spare started ahead is used");
            return candidate;
        }
        candidate.close();
        return null;
    }

    /**
     * @param request what to grade
     * @param console where the console report goes
     * @param base    the current folder, to print paths relative to it
     */
    public Supervisor(GradingRequest request, PrintStream console, Path base) {
        this.request = request;
        this.console = console;
        this.base = base;
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
        this.start = System.nanoTime() - alreadySpent.toNanos();
        this.reportsReserve = reportsReserve;
        return this;
    }

    /**
     * @param listener told the run, as it will be reported, before the reports are written (course grading
     *                 keeps it, to report it without charts if the report phase is stopped)
     * @return this supervisor
     */
    public Supervisor beforeReports(java.util.function.Consumer<GradingRun> listener) {
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
        prepareFolders(false);
        return report(run, why);
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
        inThread(Supervisor::warmUpJson);
        Spare adopted = adoptSpare();
        prepareFolders(adopted != null);
        if (adopted != null) {
            output = adopted.output;
            output.truncate();
            spare = adopted;
        } else {
            output = new CappedOutput(request.reportDir().resolve(ReportFiles.OUTPUT), OUTPUT_LIMIT);
        }
        index = inThread(() -> GradedTestIndex.of(request.testClasses()));
        if (request.settings().tree() != null) {
            notes.add("the checks on generated networks looked at network " + request.settings().tree() + " only (-D"
                    + RunSettings.TREE_PROPERTY + ")");
        }
        if (!request.refusals().isEmpty()) {
            endUnusedSpare();
            return refused();
        }
        StudentClasses.stage(request.code(), studentClasses());
        Trace.mark("supervisor: student classes staged");
        gate = inThread(this::checkRules);
        if (request.settings().errors().isEmpty() && needsTests()) {
            provider = decideProvider();
        }
        if (provider != null && provider.canGrade()) {
            try {
                runTestJvms();
            } catch (RuntimeException e) {
                // the grader's own failure: the report is still written, and says so
                stoppedWhy = "the grader itself failed: " + e;
                ledger.closePending(TestStatus.NOT_RUN, "not run: " + stoppedWhy);
            }
        }
        endUnusedSpare();
        PurityVerdict verdict = verdict();
        Trace.mark("supervisor: rules checked, test JVMs done");
        if (sharingSetup != null) {
            sharing.afterRun(sharingSetup);
        }
        output.finish();
        if (blocked) {
            ledger.closePending(TestStatus.BLOCKED, verdict.refusal().orElse("blocked by the rules of group 0"));
        }
        crossCheck();
        Trace.mark("supervisor: JUnit's XML compared with the record");
        GradingRun run = run(verdict);
        if (beforeReports != null) {
            beforeReports.accept(run);
        }
        copyJUnitReports();
        writeArtifacts();
        Result result = report(run);
        Trace.mark("supervisor: reports written");
        return result;
    }

    private Result report(GradingRun run) {
        return report(run, ledger.tampering().isEmpty() ? null
                : "Charts omitted: the run is void (see the error above), so nothing its test JVM sent is drawn.");
    }

    private Result report(GradingRun run, String chartsOmitted) {
        ReportFiles.writeJson(request.reportDir().resolve(ReportFiles.PLAN), run.plan());
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
        List<String> jvms = segments.values().stream().map(s -> s.number + ": " + (s.exitStatus == null ? "no exit status"
                : "exit " + s.exitStatus) + ", " + s.how).toList();
        return new Result(run, book, ledger.tampering(), List.copyOf(notes), jvms);
    }

    /** Nothing of the submission can run: every graded test fails, with the reasons as the run's errors. */
    private Result refused() {
        String why = "not graded: " + request.refusals().get(0).lines().findFirst().orElse("");
        List<TestOutcome> outcomes = indexed(TestStatus.FAILED, why);
        GradingPlan plan = new GradingPlan(GradingPlan.FORMAT, request.settings().seed(), request.student(),
                Instant.now().toString(), request.settings().selection().spec().orElse(null), request.refusals(),
                outcomes.stream().map(TestOutcome::test).toList(), request.notices());
        return report(new GradingRun(plan, outcomes, true, elapsed().toSeconds(), List.of()),
                "No charts: the submission was not graded (see the error above).");
    }

    /** @return every graded test of the selection, from the compiled tests, with this status and message */
    private List<TestOutcome> indexed(TestStatus status, String message) {
        List<TestOutcome> outcomes = new ArrayList<>();
        for (var test : join(index).tests().values()) {
            if (request.settings().selection().includes(Exercise.byId(test.exercise()))) {
                outcomes.add(new TestOutcome(test, status, message, 0));
            }
        }
        return outcomes;
    }

    /**
     * Builds the JSON (de)serializers of the channel on a spare core while the test JVM starts: the first
     * message otherwise waits for them (a quarter of a second with Maven's JIT settings).
     */
    private static Void warmUpCharts() {
        HtmlReportWriter.warmUp();
        Trace.mark("supervisor: charts warmed up");
        return null;
    }

    private static Void warmUpJson() {
        ChannelMessage.warmUpJson();
        Trace.mark("supervisor: JSON warmed up");
        return null;
    }

    /** Runs a piece of the supervisor's own work in a thread of its own (several supervisors may share a JVM). */
    private static <T> CompletableFuture<T> inThread(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, "paramlab-supervisor");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private boolean needsTests() {
        return request.settings().selection().exercises().stream().anyMatch(e -> !e.group().gate());
    }

    private PurityVerdict checkRules() {
        StudentClasses classes;
        try {
            classes = StudentClasses.inspect(request.code(), trustedClasspath());
        } catch (RuntimeException | LinkageError e) {
            return failedClosed(e);
        }
        try {
            Trace.mark("rules: classes imported");
            return PurityVerdict.check(classes, STUDENT_PACKAGE);
        } catch (RuntimeException | LinkageError e) {
            return failedClosed(e);
        } finally {
            Trace.mark("rules: checked");
        }
    }

    /** @return the rules' verdict, waiting at most for the rest of the run's time; failed closed after that */
    private PurityVerdict verdict() {
        try {
            long wait = Math.max(1, remaining().toMillis());
            return gate.get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return failedClosed(new IllegalStateException("the check did not finish within the run's time limit"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failedClosed(e);
        } catch (ExecutionException e) {
            return failedClosed(e.getCause());
        }
    }

    private PurityVerdict failedClosed(Throwable e) {
        var rule = PurityVerdict.rules(STUDENT_PACKAGE).get(0);
        return new PurityVerdict(STUDENT_PACKAGE, Map.of(rule, List.of("your compiled classes could not be"
                + " checked (" + e + "), so nothing of them is graded")), 0);
    }

    /**
     * Decides the run's provider once, before any test JVM starts: {@code cpu} at no cost, {@code cuda} and
     * {@code auto} after one probe (a short-lived JVM with the test JVM's classpath and environment).
     */
    private ProviderDecision decideProvider() {
        ProviderRequest requested = request.settings().providerRequest();
        ProviderDecision decision = ProviderDecision.decide(requested == null ? ProviderRequest.CPU : requested,
                () -> {
                    Trace.mark("provider: probing CUDA");
                    CudaStatus status = cudaProbe != null ? cudaProbe.get() : CudaProbeProcess.probe(java(),
                            jvmOptions().stream().filter(o -> o.startsWith("-Donnxruntime.native.path=")).toList(),
                            trustedClasspath(), SandboxEnvironment.of(request.environment(), tmp().toString()),
                            request.references().resolve(CudaProbeProcess.MODEL), request.workDir(),
                            shorter(CudaProbeProcess.LIMIT));
                    Trace.mark("provider: CUDA probed");
                    return status;
                });
        if (!decision.canGrade()) {
            endUnusedSpare();
        }
        return decision;
    }

    // ----------------------------------------------------------------------------------------------
    // The test JVMs

    private void runTestJvms() {
        for (int number = 1; ; number++) {
            List<String> pending = ledger.plan() == null ? null : ledger.pending();
            if (pending != null && pending.isEmpty()) {
                return;
            }
            if (number > MAX_TEST_JVMS) {
                ledger.closePending(TestStatus.NOT_RUN, "not run: the grader had to replace the test JVM "
                        + MAX_TEST_JVMS + " times (crashes or endless loops) and gave up");
                return;
            }
            if (budgetGone()) {
                return;
            }
            RunLedger.Segment segment = new RunLedger.Segment(number);
            segments.put(number, segment);
            boolean again = runTestJvm(segment, pending);
            if (!again) {
                return;
            }
            if (segment.outcomes == 0) {
                ledger.closePending(TestStatus.NOT_RUN, "not run: " + (stoppedWhy == null
                        ? "the test JVM stopped before this test ran" : stoppedWhy));
                return;
            }
        }
    }

    /** @return whether another test JVM should grade the tests still pending */
    private boolean runTestJvm(RunLedger.Segment segment, List<String> uniqueIds) {
        stoppedWhy = null;
        Path junit = junitDir(segment.number);
        Spare ahead = segment.number == 1 ? spare : null;
        spare = null;
        try (SandboxServer server = ahead != null ? ahead.server : SandboxServer.open()) {
            Files.createDirectories(junit);
            if (!request.launcherPrefix().isEmpty()) {
                // the test JVM runs as another (unprivileged) user, who must write its temporary files and report
                writableByAll(junit);
                writableByAll(tmp());
            }
            Trace.mark("test JVM " + segment.number + ": starting");
            List<String> options = new ArrayList<>(jvmOptions());
            List<String> sharingOptions = sharing().options();
            // only the first test JVM lists the classes it loads; a replacement would overwrite that list
            options.addAll(segment.number == 1 ? sharingOptions
                    : sharingOptions.stream().filter(o -> !o.startsWith("-XX:DumpLoadedClassList")).toList());
            SandboxProcess process = ahead != null ? ahead.process : SandboxProcess.start(request.launcherPrefix(),
                    java(), options, classpathWithStudent(), server.port(), server.secretLine(),
                    SandboxEnvironment.of(request.environment(), tmp().toString()), request.workDir(), output);
            try {
                return converse(server, process, segment, uniqueIds, junit);
            } finally {
                int status = process.finish(Duration.ofSeconds(5));
                segment.exitStatus = status;
                if (stoppedWhy == null && !segment.ended) {
                    stoppedWhy = "the test JVM ended with status " + status + " before reporting this test (see "
                            + ReportFiles.OUTPUT + ")";
                }
            }
        } catch (IOException e) {
            stoppedWhy = "the test JVM could not be started: " + e.getMessage();
            return false;
        }
    }

    private boolean converse(SandboxServer server, SandboxProcess process, RunLedger.Segment segment,
                             List<String> uniqueIds, Path junit) throws IOException {
        if (!server.accept(shorter(STARTUP), process::isAlive)) {
            segment.how = "did not connect";
            process.kill();
            if (budgetGone()) {
                return false;
            }
            stoppedWhy = "the test JVM did not connect to the grader (see " + ReportFiles.OUTPUT + ")";
            return ledger.plan() != null;
        }
        Trace.mark("test JVM " + segment.number + ": connected");
        server.send(ChannelMessage.spec(spec(uniqueIds, junit)));
        Trace.mark("test JVM " + segment.number + ": spec sent");
        for (String name : referenceNames()) {
            server.sendBytes(Files.readAllBytes(request.references().resolve(name)));
        }
        Trace.mark("test JVM " + segment.number + ": references sent");
        Optional<SandboxServer.Incoming> first = server.next(shorter(STARTUP));
        if (first.isEmpty() || first.get().message() == null
                || !ChannelMessage.PLAN.equals(first.get().message().type()) || first.get().message().plan() == null) {
            segment.how = "did not list its tests";
            brokenOrSilent(first, process, "did not list its tests in time");
            return !budgetGone() && ledger.plan() != null;
        }
        Trace.mark("test JVM " + segment.number + ": plan received (JUnit discovery done)");
        ledger.plan(segment, first.get().message().plan());
        if (segment.number == 1) {
            ledger.missing(join(index).missingFrom(first.get().message().plan(), request.settings().selection()));
        }
        if (segment.number == 1 && !verdict().violations().isEmpty()) {
            server.send(ChannelMessage.command(false));
            blocked = true;
            segment.how = "ran nothing: a rule is broken";
            return false;
        }
        server.send(ChannelMessage.command(true));
        return receiveEvents(server, process, segment);
    }

    private boolean receiveEvents(SandboxServer server, SandboxProcess process, RunLedger.Segment segment) {
        Duration silence = request.testTimeout().plus(MARGIN);
        boolean first = true;
        while (true) {
            Duration wait = remaining().compareTo(silence) < 0 ? remaining() : silence;
            Optional<SandboxServer.Incoming> next = server.next(wait.isNegative() ? Duration.ZERO : wait);
            if (next.isEmpty()) {
                process.kill();
                if (budgetGone()) {
                    return false;
                }
                ledger.stalled(segment, silence.toSeconds());
                segment.how = "stopped answering, killed";
                stoppedWhy = "the test JVM stopped answering";
                return true;
            }
            SandboxServer.Incoming incoming = next.get();
            if (incoming.closed()) {
                if (incoming.problem() != null) {
                    ledger.tampered("test JVM " + segment.number + " sent " + incoming.problem());
                    process.kill();
                    return false;
                }
                ledger.crashed(segment, "it ended without reporting the end of the run");
                segment.how = "died";
                stoppedWhy = "the test JVM stopped before this test ran";
                return true;
            }
            ChannelMessage message = incoming.message();
            if (ChannelMessage.EVENT.equals(message.type()) && message.event() != null) {
                if (first) {
                    Trace.mark("test JVM " + segment.number + ": first test started");
                    first = false;
                    if (fingerprint == null) {
                        // off the critical path: the tests leave a core free, the start of the run does not
                        fingerprint = inThread(this::computeFingerprint);
                    }
                    if (chartsWarm == null) {
                        chartsWarm = inThread(Supervisor::warmUpCharts);
                    }
                }
                ledger.event(segment, message.event());
            } else if (ChannelMessage.END.equals(message.type())) {
                Trace.mark("test JVM " + segment.number + ": end of its run");
                segment.ended = true;
                segment.restart = Boolean.TRUE.equals(message.restart());
                segment.how = segment.restart ? "asked to be replaced (a runaway thread)" : "ended normally";
                if (message.unreadable() != null) {
                    unreadable.addAll(message.unreadable());
                }
                return segment.restart;
            } else {
                ledger.tampered("test JVM " + segment.number + " sent an unexpected '" + message.type() + "' message");
                process.kill();
                return false;
            }
        }
    }

    private void brokenOrSilent(Optional<SandboxServer.Incoming> first, SandboxProcess process, String what) {
        process.kill();
        if (first.isPresent() && first.get().problem() != null) {
            ledger.tampered("the test JVM sent " + first.get().problem());
        }
        stoppedWhy = "the test JVM " + what + " (see " + ReportFiles.OUTPUT + ")";
    }

    /** @return whether the whole run's time is up; if so, the pending tests are closed as not run */
    private boolean budgetGone() {
        if (remaining().isNegative() || remaining().isZero()) {
            segments.values().stream().reduce((a, b) -> b).ifPresent(last -> {
                if (!last.ended) {
                    last.how = "stopped at the run's time limit";
                }
            });
            budgetSpent();
            return true;
        }
        return false;
    }

    private void budgetSpent() {
        long seconds = elapsed().toSeconds();
        budgetReached = "not run: grading stopped after " + seconds + " s, the whole run's time limit ("
                + request.budget().toSeconds() + " s), before this test could run";
        ledger.closePending(TestStatus.NOT_RUN, "not run: grading stopped after " + seconds + " s, the whole run's"
                + " time limit (" + request.budget().toSeconds() + " s" + (reportsReserve.isZero() ? ""
                : ", " + reportsReserve.toSeconds() + " s of it kept for the reports") + "): endless loops in several tests?");
        notes.add("grading stopped after " + seconds + " s, the whole run's time limit");
    }

    private RunSpec spec(List<String> uniqueIds, Path junit) {
        var settings = request.settings();
        return new RunSpec(request.student(), settings.requireSeed(), provider.provider().id(),
                settings.selection().spec().orElse(null), uniqueIds, request.testClasses().toString(), junit.toString(),
                (int) request.testTimeout().toSeconds(), referenceNames(), List.copyOf(unreadable), settings.tree(),
                ledger.figuresLeft(), ledger.heatmapsLeft());
    }

    private List<String> referenceNames() {
        try (Stream<Path> files = Files.list(request.references())) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".onnx") || n.equals("manifest.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the reference files in " + request.references(), e);
        }
    }

    /** @return how long the test JVMs may still run: the budget, less what went and the reports' reserve */
    private Duration remaining() {
        return request.budget().minus(reportsReserve).minus(elapsed());
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private Duration shorter(Duration limit) {
        Duration left = remaining();
        return left.compareTo(limit) < 0 ? left : limit;
    }

    private static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        if (ortNative == null) {
            Path cache = request.cacheDir() != null ? request.cacheDir() : request.workDir().resolve("cache");
            ortNative = OrtNativeLibraries.unpacked(request.classpath(), cache).map(Path::toString).orElse("");
        }
        if (!ortNative.isEmpty()) {
            options.add("-Donnxruntime.native.path=" + ortNative);
        }
        options.addAll(List.of("-Xmx" + request.testHeapMb() + "m", "-Xss4m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + tmp(),
                "-XX:ErrorFile=" + request.workDir().resolve("hs_err_pid%p.log")));
        options.addAll(JdkOptions.forLauncher(java()));
        return List.copyOf(options);
    }

    private Path tmp() {
        return request.workDir().resolve("tmp");
    }

    private List<Path> trustedClasspath() {
        List<Path> classpath = new ArrayList<>();
        classpath.add(request.testClasses());
        classpath.addAll(request.classpath());
        return classpath;
    }

    /** The test JVM's class-data sharing, prepared once per run (see {@link ClassDataSharing}). */
    private ClassDataSharing.Setup sharing() {
        if (sharingSetup == null) {
            sharing = new ClassDataSharing(request.cacheDir(), java(), switch (request.classSharing()) {
                case OFF -> ClassDataSharing.Mode.OFF;
                case BACKGROUND -> ClassDataSharing.Mode.BACKGROUND;
                case NOW -> ClassDataSharing.Mode.NOW;
            });
            sharingSetup = sharing.prepare(trustedClasspath());
        }
        return sharingSetup;
    }

    private List<Path> classpathWithStudent() {
        List<Path> classpath = new ArrayList<>(sharing().classpath());
        classpath.add(studentClasses());
        return classpath;
    }

    private Path studentClasses() {
        return request.workDir().resolve("student-classes");
    }

    // ----------------------------------------------------------------------------------------------
    // After the test JVMs

    private void crossCheck() {
        for (RunLedger.Segment segment : segments.values()) {
            if (segment.ended && segment.runFinished) {
                for (String finding : JUnitXmlCheck.disagreements(junitDir(segment.number), ledger.reportedIn(segment))) {
                    ledger.tampered("test JVM " + segment.number + ": " + finding);
                }
            } else if (!segment.finished.isEmpty()) {
                notes.add(segment.finished.size() + " result(s) of test JVM " + segment.number + " are not compared"
                        + " with JUnit's XML report: that JVM was stopped before it could write one");
            }
        }
    }

    private Path junitDir(int number) {
        return request.workDir().resolve("junit-" + number);
    }

    private GradingRun run(PurityVerdict verdict) {
        GradingPlan plan = ledger.plan();
        List<String> errors = new ArrayList<>(request.settings().errors());
        boolean notGraded = provider != null && !provider.canGrade();
        if (notGraded) {
            errors.add(provider.error());
        }
        // the budget ended before a test JVM listed the tests: each is still reported, as not run
        boolean budgetBeforePlan = plan == null && budgetReached != null && errors.isEmpty() && needsTests()
                && !blocked;
        if (plan == null && errors.isEmpty() && needsTests() && !blocked && !budgetBeforePlan) {
            errors.add("no graded test ran: " + (stoppedWhy == null ? "the test JVM listed no test" : stoppedWhy));
        }
        List<String> tampering = ledger.tampering();
        if (!tampering.isEmpty()) {
            errors.add("TAMPERING: every test scores 0. " + String.join("; ", tampering));
        }
        boolean showRules = request.settings().selection().includes(Exercise.E0_1)
                || request.settings().selection().includes(Exercise.E0_2) || !verdict.violations().isEmpty();
        // nothing is graded when the provider cannot run or a setting is invalid (an unknown provider name, a bad
        // seed): not even the rules, so the reports say that no graded test ran instead of showing a 0/0 table
        boolean invalidSettings = !request.settings().errors().isEmpty();
        List<TestOutcome> gateRows = showRules && !notGraded && !invalidSettings ? GateTests.outcomes(verdict)
                : List.of();
        List<TestOutcome> outcomes = ledger.outcomes(gateRows);
        if (budgetBeforePlan) {
            outcomes = new ArrayList<>(gateRows);
            outcomes.addAll(indexed(TestStatus.NOT_RUN, budgetReached));
        }
        GradingPlan full = new GradingPlan(GradingPlan.FORMAT, request.settings().seed(), request.student(),
                plan == null ? Instant.now().toString() : plan.startedAt(),
                request.settings().selection().spec().orElse(null), errors,
                outcomes.stream().map(TestOutcome::test).toList(), ledger.notices(request.notices()),
                provider == null ? null : provider.description(), provider == null ? null : provider.tolerance());
        boolean completed = ledger.pending().isEmpty() && outcomes.stream()
                .noneMatch(o -> o.status() == TestStatus.NOT_RUN || o.status() == TestStatus.CRASHED);
        return new GradingRun(full, outcomes, completed, elapsed().toSeconds(), ledger.answers());
    }

    /** @param keepSpare whether a spare test JVM runs in the work folder: its temporary folder is kept */
    private void prepareFolders(boolean keepSpare) {
        try {
            if (keepSpare) {
                try (Stream<Path> files = Files.list(request.workDir())) {
                    for (Path f : files.filter(f -> !f.equals(tmp())).toList()) {
                        deleteTree(f);
                    }
                }
            } else {
                deleteTree(request.workDir());
            }
            Files.createDirectories(tmp());
            Files.createDirectories(request.reportDir());
            for (String stale : List.of(ReportFiles.RESULTS, ReportFiles.SUMMARY, ReportFiles.PLAN,
                    ReportFiles.PROGRESS)) {
                Files.deleteIfExists(request.reportDir().resolve(stale));
            }
            deleteTree(request.reportDir().resolve("junit"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + request.workDir() + ": " + e.getMessage(), e);
        }
    }

    private void copyJUnitReports() {
        Path target = request.reportDir().resolve("junit");
        try {
            for (int number : segments.keySet()) {
                Path from = junitDir(number);
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

    private void writeArtifacts() {
        ledger.artifacts().forEach((name, content) -> {
            try {
                ReportFiles.writeAtomically(request.reportDir().resolve(name), Text.clean(content));
            } catch (IOException e) {
                notes.add("cannot write " + name + ": " + e.getMessage());
            }
        });
    }

    private String fingerprint() {
        return fingerprint == null ? computeFingerprint() : join(fingerprint);
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

    private static void writableByAll(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: there is no user to run as either
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
