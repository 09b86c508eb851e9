package org.paramlab.courses;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.paramlab.grader.assignment.Assignment;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.supervisor.AssignmentGrading;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.purity.StudentClasses;
import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.supervisor.GradingRequest;
import org.paramlab.grader.supervisor.Supervisor;
import org.paramlab.grader.supervisor.StudentCompiler;

/**
 * Grading one submission from end to end, in a process of its own (the grading process, started and, at the
 * budget's end, killed by {@link TrustedGrader}): reading the submission, compiling it, the rules and the
 * test JVMs ({@link Supervisor}), and the reports. Everything here that can run long on student input, javac
 * included, can so be stopped for sure. It records each stage as it enters it ({@link GradingStage}), and the
 * run before its reports, so that a stopped run still gets a complete report that says where it stopped.
 *
 * @param id             the submission's name in the reports
 * @param submission     the zip or folder
 * @param out            the output folder
 * @param space          the workspace (sources, classes, the test JVMs' work), emptied first
 * @param control        the folder of this job, its stage file and what it keeps for a stopped run's report
 * @param home           the pristine grader
 * @param seed           the seed of the random inputs
 * @param budgetMs       the whole run's limit
 * @param spentMs        how much of it went before the grading process started
 * @param testTimeoutMs  each test's limit
 * @param launcherPrefix what starts the test JVM before {@code java}
 * @param testHeapMb     the test JVM's heap
 * @param environment    the environment the reports may use
 * @param echo           whether the console report is also printed on standard output
 * @param cacheDir       a folder kept across submissions, or {@code null}
 * @param classSharing   the test JVM's class-data sharing
 * @param assignment     the assignment graded (its exercises, points and instructor-only checks), or {@code null}
 *                       for the whole catalogue
 */
public record GradingJob(String id, Path submission, Path out, Path space, Path control, GraderHome home, long seed,
                         long budgetMs, long spentMs, long testTimeoutMs, List<String> launcherPrefix, int testHeapMb,
                         Map<String, String> environment, boolean echo, Path cacheDir,
                         GradingRequest.ClassSharing classSharing, Assignment assignment) {

    /** The job's description, in its control folder. */
    static final String JOB = "job.json";
    /** The stage file, in the control folder. */
    static final String STAGE = "stage";
    /** The submission as read, in the control folder. */
    static final String READ = "read.json";
    /** The run as it was about to be reported, in the control folder. */
    static final String RUN = "run.json";

    /** A job of the whole catalogue, no assignment. */
    public GradingJob(String id, Path submission, Path out, Path space, Path control, GraderHome home, long seed,
                      long budgetMs, long spentMs, long testTimeoutMs, List<String> launcherPrefix, int testHeapMb,
                      Map<String, String> environment, boolean echo, Path cacheDir,
                      GradingRequest.ClassSharing classSharing) {
        this(id, submission, out, space, control, home, seed, budgetMs, spentMs, testTimeoutMs, launcherPrefix,
                testHeapMb, environment, echo, cacheDir, classSharing, null);
    }

    /** Copies the collections. */
    public GradingJob {
        launcherPrefix = List.copyOf(launcherPrefix);
        environment = Map.copyOf(environment);
    }

    /**
     * The grading process: grades the job described in the file {@code args[0]} and exits 0 once every report
     * is written. It ends itself when its standard input closes (the process that started it is gone).
     *
     * @param args the job file
     */
    public static void main(String[] args) throws IOException {
        Thread orphanWatch = new Thread(GradingJob::haltWhenOrphaned, "paramlab-orphan-watch");
        orphanWatch.setDaemon(true);
        orphanWatch.start();
        GradingJob job = ReportFiles.mapper().readValue(Path.of(args[0]).toFile(), GradingJob.class);
        job.grade();
        System.out.flush();
        System.exit(0);
    }

    private static void haltWhenOrphaned() {
        try {
            while (System.in.read() >= 0) {
                // nothing is sent: end of input means the parent is gone
            }
        } catch (IOException e) {
            // the same
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().halt(3);
    }

    /** @return the whole run's limit */
    Duration budget() {
        return Duration.ofMillis(budgetMs);
    }

    /**
     * The part of the budget kept for the reports: a tenth of it, between 5 and 30 s. The test JVMs stop that
     * much before the budget's end.
     */
    static Duration reportsReserve(Duration budget) {
        long tenth = budget.toMillis() / 10;
        return Duration.ofMillis(Math.max(5_000, Math.min(30_000, tenth)));
    }

    /** Grades the submission and writes every report; returns what it came to. */
    SubmissionReport grade() {
        long startNanos = System.nanoTime() - Duration.ofMillis(spentMs
                + ManagementFactory.getRuntimeMXBean().getUptime()).toNanos();
        Path stage = control.resolve(STAGE);
        GradingStage.enter(stage, GradingStage.READING);
        Submission read = new SubmissionReader(home.templateFiles()).read(submission);
        Path sources = space.resolve("src/main/java");
        Path nn = sources.resolve("org/paramlab/nn");
        Path classes = space.resolve("classes");
        List<String> missing = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        List<String> refusals = new ArrayList<>(read.problems());
        StudentCompiler.Result compiled = null;
        ReadSummary summary;
        try {
            TrustedGrader.deleteTree(space);
            Files.createDirectories(nn);
            Files.createDirectories(out);
            for (Map.Entry<String, byte[]> file : read.graded().entrySet()) {
                Files.write(nn.resolve(file.getKey()), file.getValue());
            }
            if (refusals.isEmpty()) {
                missing.addAll(fillMissingFromStubs(nn, read));
            }
            summary = ReadSummary.of(read, missing);
            ReportFiles.writeJson(control.resolve(READ), summary);
            if (refusals.isEmpty()) {
                GradingStage.enter(stage, GradingStage.COMPILING);
                compiled = StudentCompiler.compile(sources, classes, home.compileClasspath());
                if (!compiled.ok()) {
                    refusals.add(compiled.describe());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the workspace " + space + ": " + e.getMessage(), e);
        }
        GradingStage.enter(stage, GradingStage.TESTS);
        notices.addAll(notices(summary));
        GradingRequest request = request(sources, classes, notices, refusals);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(echo ? new Tee(console, System.out) : console, true,
                StandardCharsets.UTF_8);
        Duration spent = Duration.ofNanos(System.nanoTime() - startNanos);
        Supervisor.Result result = new Supervisor(request, printed, out)
                .withClock(spent, reportsReserve(budget()))
                .beforeReports(run -> {
                    ReportFiles.writeJson(control.resolve(RUN), run);
                    GradingStage.enter(stage, GradingStage.REPORTS);
                })
                .grade();
        SubmissionReport report = SubmissionReport.of(id, TrustedGrader.status(read, compiled, result), result,
                summary, home.fingerprint(), Duration.ofNanos(System.nanoTime() - startNanos),
                budget());
        try {
            Files.writeString(out.resolve(TrustedGrader.CONSOLE), console.toString(StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
            ReportFiles.writeJson(out.resolve(TrustedGrader.SUBMISSION_JSON), report);
            TrustedGrader.deleteTree(space);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports in " + out + ": " + e.getMessage(), e);
        }
        return report;
    }

    /** @return the request for the supervisor: the student's classes in the workspace, offline, on the CPU */
    GradingRequest request(Path sources, Path classes, List<String> notices, List<String> refusals) {
        return new GradingRequest(id, new StudentClasses.Location(Supervisor.STUDENT_PACKAGE, sources, null, classes),
                home.testClasses(), home.sandboxClasspath(), home.references(), out, space.resolve("work"),
                settings(), budget(),
                Duration.ofMillis(testTimeoutMs), false, null, environment)
                .withNotices(notices).withRefusals(refusals)
                .withTestJvm(launcherPrefix, testHeapMb).withFingerprint(home.fingerprint())
                .withCacheDir(cacheDir).withClassSharing(cacheDir == null ? GradingRequest.ClassSharing.OFF
                        : classSharing).withAssignment(assignment);
    }

    /** @return the run's settings: this job's seed (already the assignment's, if it fixes one), on the CPU */
    RunSettings settings() {
        RunSettings all = new RunSettings(seed, Provider.CPU, ExerciseSelection.all(), List.of());
        return assignment == null ? all : AssignmentGrading.settings(all, assignment, true);
    }

    /** @return the report's notices about the files: those filled from the stubs, those ignored */
    static List<String> notices(ReadSummary read) {
        List<String> notices = new ArrayList<>();
        if (!read.missing().isEmpty()) {
            notices.add("missing from the submission, so the template's stub was graded instead: "
                    + String.join(", ", read.missing()));
        }
        if (!read.ignored().isEmpty()) {
            notices.add(SubmissionReader.describe(read.ignored()));
        }
        return notices;
    }

    /** Copies the template's stub of every student file the submission lacks; returns their names. */
    private List<String> fillMissingFromStubs(Path nn, Submission read) throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> stubs = Files.list(home.stubs())) {
            for (Path stub : stubs.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String name = stub.getFileName().toString();
                if (!read.graded().containsKey(name)) {
                    Files.copy(stub, nn.resolve(name));
                    missing.add(name);
                }
            }
        }
        return missing;
    }
}
