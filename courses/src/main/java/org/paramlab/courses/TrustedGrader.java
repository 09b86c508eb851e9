package org.paramlab.courses;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.paramlab.grader.ExerciseSelection;
import org.paramlab.grader.RunSettings;
import org.paramlab.grader.purity.StudentClasses;
import org.paramlab.grader.reference.Provider;
import org.paramlab.grader.report.ScoreBook.ExerciseScore;
import org.paramlab.grader.report.ReportFiles;
import org.paramlab.grader.report.TestStatus;
import org.paramlab.grader.supervisor.GradingRequest;
import org.paramlab.grader.supervisor.Supervisor;

/**
 * Grades one untrusted submission with the pristine grader ({@link GraderHome}): only the student's
 * {@code nn/*.java} files are taken ({@link SubmissionReader}), compiled here ({@link StudentCompiler}) and
 * graded by the {@link Supervisor} in a fresh workspace, offline. The student's build files, {@code .mvn/},
 * resources, other packages and any copy of the grader are never compiled, copied or run: each file that
 * differs from the template is listed in the report as "ignored: not graded".
 *
 * <p>The output folder gets {@code results.json} (Gradescope's format), {@code summary.md}, {@code report.html},
 * {@code console.txt} (the score table), {@code student-output.txt}, JUnit's XML and
 * {@code submission.json} ({@link SubmissionReport}). Whatever the submission holds, a complete report is
 * written: one that does not compile, or holds no graded file, scores 0 with the reason.
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
         * @return these options with the test JVM's class-data sharing: {@code NOW} for a batch (the archive is
         *         built once, before the second submission, in the cache folder), {@code OFF} for one submission
         */
        public Options classSharing(GradingRequest.ClassSharing value) {
            return new Options(seed, budget, testTimeout, launcherPrefix, testHeapMb, environment, echo, cacheDir, value);
        }
    }

    private final GraderHome home;

    /** @param home the pristine grader */
    public TrustedGrader(GraderHome home) {
        this.home = home;
    }

    /**
     * @param id         the submission's name in the reports
     * @param submission a student's repository, a zip of one, or a folder (or zip) of {@code .java} files
     * @param out        the output folder; created
     * @param workRoot   a folder for this submission's workspace; emptied, and deleted afterwards
     * @param options    how to grade
     * @return what it came to; also in {@code out/submission.json}
     */
    public SubmissionReport grade(String id, Path submission, Path out, Path workRoot, Options options) {
        long start = System.nanoTime();
        Submission read = new SubmissionReader(home.templateFiles()).read(submission);
        Path sources = workRoot.resolve("src/main/java");
        Path nn = sources.resolve("org/paramlab/nn");
        Path classes = workRoot.resolve("classes");
        List<String> missing = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        List<String> refusals = new ArrayList<>(read.problems());
        StudentCompiler.Result compiled = null;
        try {
            deleteTree(workRoot);
            Files.createDirectories(nn);
            Files.createDirectories(out);
            for (Map.Entry<String, byte[]> file : read.graded().entrySet()) {
                Files.write(nn.resolve(file.getKey()), file.getValue());
            }
            if (refusals.isEmpty()) {
                missing.addAll(fillMissingFromStubs(nn, read));
                compiled = StudentCompiler.compile(sources, classes, home.compileClasspath());
                if (!compiled.ok()) {
                    refusals.add(compiled.describe());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the workspace " + workRoot + ": " + e.getMessage(), e);
        }
        if (!missing.isEmpty()) {
            notices.add("missing from the submission, so the template's stub was graded instead: "
                    + String.join(", ", missing));
        }
        if (!read.ignored().isEmpty()) {
            notices.add(SubmissionReader.describe(read.ignored()));
        }
        long seed = options.seed() != null ? options.seed() : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        GradingRequest request = new GradingRequest(id,
                new StudentClasses.Location(Supervisor.STUDENT_PACKAGE, sources, null, classes), home.testClasses(),
                home.sandboxClasspath(), home.references(), out, workRoot.resolve("work"),
                new RunSettings(seed, Provider.CPU, ExerciseSelection.all(), List.of()), options.budget(),
                options.testTimeout(), false, null, options.environment())
                .withNotices(notices).withRefusals(refusals)
                .withTestJvm(options.launcherPrefix(), options.testHeapMb()).withFingerprint(home.fingerprint())
                .withCacheDir(options.cacheDir()).withClassSharing(options.cacheDir() == null
                        ? GradingRequest.ClassSharing.OFF : options.classSharing());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(options.echo() == null ? console : new Tee(console, options.echo()),
                true, StandardCharsets.UTF_8);
        Supervisor.Result result = new Supervisor(request, printed, out).grade();
        SubmissionReport report = SubmissionReport.of(id, status(read, compiled, result), result, read, missing,
                home.fingerprint(), Duration.ofNanos(System.nanoTime() - start), options.budget());
        try {
            Files.writeString(out.resolve(CONSOLE), console.toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            ReportFiles.writeJson(out.resolve(SUBMISSION_JSON), report);
            deleteTree(workRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports in " + out + ": " + e.getMessage(), e);
        }
        return report;
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

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
