package org.paramlab.courses;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.paramlab.grader.report.ReportWriter;
import org.paramlab.grader.report.ScoreBook.ExerciseScore;
import org.paramlab.grader.assignment.Assignment;
import org.paramlab.grader.assignment.CourseFile;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.supervisor.AssignmentGrading;
import org.paramlab.grader.protocol.TestStatus;
import org.paramlab.grader.supervisor.GradingRequest;
import org.paramlab.grader.supervisor.SandboxEnvironment;
import org.paramlab.grader.supervisor.Supervisor;
import org.paramlab.grader.supervisor.StudentCompiler;

/**
 * Grades one untrusted submission with the pristine grader ({@link GraderHome}): only the student's
 * {@code nn/*.java} files are taken ({@link SubmissionReader}), compiled ({@link StudentCompiler}) and
 * graded by the {@link Supervisor} in a fresh workspace, offline. The student's build files, {@code .mvn/},
 * resources, other packages and any copy of the grader are never compiled, copied or run: each file that
 * differs from the template is listed in the report as "ignored: not graded".
 *
 * <p>All of that runs in a grading process of its own ({@link GradingJob}), so that one clock, the budget,
 * covers it from end to end and anything that runs long on student input, javac included, can be stopped
 * for sure: the process is killed with everything it started, and {@link StoppedGrading} writes the report.
 *
 * <p>The output folder gets {@code results.json} (Gradescope's format), {@code summary.md}, {@code report.html},
 * {@code console.txt} (the score table), {@code student-output.txt}, JUnit's XML and
 * {@code submission.json} ({@link SubmissionReport}). Whatever the submission holds, a complete report is
 * written: one that does not compile, holds no graded file, or hits the budget at any stage scores 0 with the
 * reason.
 */
public final class TrustedGrader {

    /** The report of the submission itself, in the output folder. */
    public static final String SUBMISSION_JSON = "submission.json";
    /** The console report, in the output folder. */
    public static final String CONSOLE = "console.txt";

    /**
     * How to grade.
     *
     * @param seed           the seed of the random inputs; {@code null} draws one
     * @param budget         the whole run's limit
     * @param testTimeout    each test's limit
     * @param launcherPrefix what starts the test JVM before {@code java} (for example {@code runuser -u grader --})
     * @param testHeapMb     the test JVM's heap
     * @param environment    the environment the reports may use ({@code GITHUB_STEP_SUMMARY})
     * @param echo           where the console report is also printed, or {@code null}
     * @param cacheDir       a folder kept across submissions (ONNX Runtime's unpacked libraries), or {@code null}
     */
    public record Options(Long seed, Duration budget, Duration testTimeout, List<String> launcherPrefix,
                          int testHeapMb, Map<String, String> environment, PrintStream echo, Path cacheDir,
                          GradingRequest.ClassSharing classSharing) {

        /** @return the defaults: a random seed, 300 s, 10 s a test, no prefix, 512 MB, no environment, no echo */
        public static Options defaults() {
            return new Options(null, GradingRequest.DEFAULT_BUDGET, GradingRequest.DEFAULT_TEST_TIMEOUT, List.of(),
                    GradingRequest.DEFAULT_TEST_HEAP_MB, Map.of(), null, null, GradingRequest.ClassSharing.OFF);
        }

        /** @return these options with another budget */
        public Options budget(Duration value) {
            return new Options(seed, value, testTimeout, launcherPrefix, testHeapMb, environment, echo, cacheDir,
                    classSharing);
        }

        /** @return these options with another seed */
        public Options seed(Long value) {
            return new Options(value, budget, testTimeout, launcherPrefix, testHeapMb, environment, echo, cacheDir,
                    classSharing);
        }

        /** @return these options with the console report also printed there */
        public Options echo(PrintStream value) {
            return new Options(seed, budget, testTimeout, launcherPrefix, testHeapMb, environment, value, cacheDir, classSharing);
        }

        /** @return these options with this environment for the reports */
        public Options environment(Map<String, String> value) {
            return new Options(seed, budget, testTimeout, launcherPrefix, testHeapMb, value, echo, cacheDir, classSharing);
        }

        /** @return these options with the test JVM started so */
        public Options testJvm(List<String> prefix, int heapMb) {
            return new Options(seed, budget, testTimeout, prefix, heapMb, environment, echo, cacheDir,
                    classSharing);
        }

        /** @return these options keeping a cache in this folder */
        public Options cacheDir(Path value) {
            return new Options(seed, budget, testTimeout, launcherPrefix, testHeapMb, environment, echo, value,
                    classSharing);
        }

        /**
         * @return these options with the test JVM's class-data sharing: {@code BACKGROUND} for a batch (the
         *         archive is built once, by a process of its own after the first submission, in the cache folder,
         *         and used by the submissions graded after it is ready), {@code OFF} for one submission
         */
        public Options classSharing(GradingRequest.ClassSharing value) {
            return new Options(seed, budget, testTimeout, launcherPrefix, testHeapMb, environment, echo, cacheDir, value);
        }
    }

    private final GraderHome home;
    private final Assignment assignment;

    /** @param home the pristine grader; it grades the first assignment of its course file, if it has one */
    public TrustedGrader(GraderHome home) {
        this(home, null, null);
    }

    /**
     * @param home       the pristine grader
     * @param course     the course file; {@code null} for the grader's own ({@code course.json})
     * @param assignment the assignment to grade; {@code null} for the course file's first
     * @throws org.paramlab.grader.assignment.CourseFileException when the course file or the assignment cannot be
     *         used with this grader (checked once, before any submission)
     */
    public TrustedGrader(GraderHome home, Path course, String assignment) {
        this.home = home;
        this.assignment = assignment(home, course, assignment);
    }

    /** @return the assignment graded, checked against the grader; {@code null} when there is no course file */
    static Assignment assignment(GraderHome home, Path course, String name) {
        Path file = course != null ? course : home.course();
        if (file == null || !Files.exists(file)) {
            if (course != null || name != null) {
                throw new org.paramlab.grader.assignment.CourseFileException("the course file " + file
                        + " does not exist" + (name == null ? "" : ", so assignment '" + name + "' cannot be found"));
            }
            return null;
        }
        Assignment chosen = CourseFile.read(file).assignment(name);
        AssignmentGrading.check(chosen, home.testClasses(), true);
        return chosen;
    }

    /** @return the assignment graded; {@code null} for the whole catalogue */
    public Assignment assignment() {
        return assignment;
    }

    /** How long after the budget's end a grading process that has not finished is killed, whatever its stage. */
    static final Duration KILL_MARGIN = Duration.ofSeconds(10);
    /**
     * @return the grading process's heap: this JVM's own limit, which the platform's launcher chose (128 MB on
     *         Gradescope, 256 MB on Classroom 50), since the grading process does the work this JVM did before
     */
    static int processHeapMb() {
        return (int) Math.max(64, Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /**
     * Grades one submission in a grading process of its own ({@link GradingJob}), which the budget covers
     * from end to end: reading, compiling, the rules, the test JVMs and the reports. A process that has not
     * finished {@link #KILL_MARGIN} after the budget is killed with everything it started, and the report is
     * written here, naming the stage it stopped in ("compilation did not finish in 28 s").
     *
     * @param id         the submission's name in the reports
     * @param submission a student's repository, a zip of one, or a folder (or zip) of {@code .java} files
     * @param out        the output folder; created
     * @param workRoot   a folder for this submission's workspace; emptied, and deleted afterwards
     * @param options    how to grade
     * @return what it came to; also in {@code out/submission.json}
     */
    public SubmissionReport grade(String id, Path submission, Path out, Path workRoot, Options options) {
        long start = System.nanoTime();
        long seed = options.seed() != null ? options.seed() : assignment != null && assignment.seed() != null
                ? assignment.seed() : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        Path control = workRoot.resolve("control");
        GradingJob job;
        try {
            deleteTree(workRoot);
            Files.createDirectories(control);
            Files.createDirectories(out);
            Files.deleteIfExists(out.resolve(SUBMISSION_JSON));
            job = new GradingJob(id, submission.toAbsolutePath(), out.toAbsolutePath(),
                    workRoot.resolve("space").toAbsolutePath(), control.toAbsolutePath(), home, seed,
                    options.budget().toMillis(), Duration.ofNanos(System.nanoTime() - start).toMillis(),
                    options.testTimeout().toMillis(), options.launcherPrefix(), options.testHeapMb(),
                    jobEnvironment(options.environment()), options.echo() != null,
                    options.cacheDir() == null ? null : options.cacheDir().toAbsolutePath(),
                    options.classSharing(), assignment);
            ReportFiles.writeJson(control.resolve(GradingJob.JOB), job);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the workspace " + workRoot + ": " + e.getMessage(), e);
        }
        GradingProcess process = GradingProcess.start(control.resolve(GradingJob.JOB), processHeapMb(),
                options.echo(), workRoot);
        // reading and compiling are stopped when only the reports' reserve is left, for the report written here;
        // later stages stop themselves in time, and are killed only if they overrun the budget by the margin
        long early = start + options.budget().minus(GradingJob.reportsReserve(options.budget())).toNanos();
        Path stage = control.resolve(GradingJob.STAGE);
        GradingProcess.Ending ending = process.await(start + options.budget().plus(KILL_MARGIN).toNanos(),
                () -> System.nanoTime() > early && GradingStage.last(stage).map(s -> s.stage().ordinal()
                        <= GradingStage.COMPILING.ordinal()).orElse(true));
        SubmissionReport report = ending.exitStatus() != null && ending.exitStatus() == 0 ? readReport(out) : null;
        if (report == null) {
            report = new StoppedGrading(job, ending, options.echo()).report(Duration.ofNanos(System.nanoTime() - start));
        }
        appendStepSummary(options.environment(), out, options.echo());
        try {
            deleteTree(workRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the workspace " + workRoot + ": " + e.getMessage(), e);
        }
        return report;
    }

    /**
     * @return the environment the grading process gets: the supervisor's part, without
     *         {@code GITHUB_STEP_SUMMARY}. The reports are written by the grading process and, when it is
     *         stopped after it wrote some of them (while it draws the charts, say), again by
     *         {@link StoppedGrading}: each would append the summary, and the run's page showed it twice. So
     *         only this process appends it, once, when the report is final ({@link #appendStepSummary}).
     */
    static Map<String, String> jobEnvironment(Map<String, String> environment) {
        Map<String, String> kept = new java.util.TreeMap<>(SandboxEnvironment.forSupervisor(environment));
        kept.remove(ReportWriter.GITHUB_STEP_SUMMARY);
        return kept;
    }

    /**
     * Appends the final {@code summary.md} of {@code out} to {@code $GITHUB_STEP_SUMMARY}, when that is set:
     * once per grading, capped as the reports cap it. A failure is told on {@code echo}, never thrown.
     */
    static void appendStepSummary(Map<String, String> environment, Path out, PrintStream echo) {
        Path summary = out.resolve(ReportFiles.SUMMARY);
        if (!Files.isRegularFile(summary)) {
            return;
        }
        try {
            ReportWriter.appendToStepSummary(environment, Files.readString(summary, StandardCharsets.UTF_8), echo);
        } catch (IOException | RuntimeException e) {
            if (echo != null) {
                echo.println("[paramlab] cannot append to $" + ReportWriter.GITHUB_STEP_SUMMARY + ": " + e.getMessage());
            }
        }
    }

    /** @return the report the grading process wrote, or {@code null} if there is none to read */
    private static SubmissionReport readReport(Path out) {
        try {
            return ReportFiles.mapper().readValue(out.resolve(SUBMISSION_JSON).toFile(), SubmissionReport.class);
        } catch (IOException e) {
            return null;
        }
    }

    static String status(Submission read, StudentCompiler.Result compiled, Supervisor.Result result) {
        if (!read.problems().isEmpty()) {
            return SubmissionReport.BAD_SUBMISSION;
        }
        if (compiled == null || !compiled.ok()) {
            return SubmissionReport.COMPILE_ERROR;
        }
        if (!result.tampering().isEmpty()) {
            return SubmissionReport.TAMPERING;
        }
        if (result.notes().stream().anyMatch(n -> n.startsWith("grading stopped after"))) {
            return SubmissionReport.TIMED_OUT;
        }
        if (result.run().outcomes().stream().anyMatch(o -> o.status() == TestStatus.CRASHED
                || o.status() == TestStatus.NOT_RUN)) {
            return SubmissionReport.CRASHED;
        }
        return SubmissionReport.GRADED;
    }

    /** @return each exercise's points, by id */
    static Map<String, double[]> exercises(List<ExerciseScore> scores) {
        Map<String, double[]> points = new LinkedHashMap<>();
        for (ExerciseScore score : scores) {
            points.put(score.exercise().id(), new double[] {score.earned(), score.max()});
        }
        return points;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
