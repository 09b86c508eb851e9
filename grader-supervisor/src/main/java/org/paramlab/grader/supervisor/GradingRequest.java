package org.paramlab.grader.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.paramlab.grader.assignment.Assignment;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.purity.StudentClasses;

/**
 * Everything the supervisor needs to grade one submission.
 *
 * @param student          the graded implementation's name in the reports, for example {@code paramlab-exercises}
 * @param code             where the student's sources and compiled classes are
 * @param testClasses      the grader's compiled graded tests (discovered there, and only there)
 * @param classpath        the rest of the test JVM's classpath, trusted: the grader, JUnit, the tensor
 *                         library, ONNX Runtime and their dependencies (never the student's classes, never
 *                         the references)
 * @param references       the folder of the reference files and their manifest, sent to the test JVM
 * @param reportDir        where the reports go
 * @param workDir          a folder the supervisor may empty and use (the accepted classes, JUnit's XML)
 * @param settings         the run's seed, provider and selection, as requested
 * @param budget           the whole run's time limit, enforced outside the test JVM
 * @param testTimeout      the limit of each test (JUnit's, inside the test JVM); the supervisor stops a
 *                         test JVM that is silent for longer than this plus a margin
 * @param requireFullMarks whether anything below full marks fails (the maintainers' check of the solutions)
 * @param repository       the repository root, for the grader fingerprint; {@code null} for none
 * @param environment      the supervisor's environment: {@code GITHUB_STEP_SUMMARY} is read, and the test
 *                         JVM gets only the few variables {@link SandboxEnvironment} allows
 * @param notices          what the reports must tell besides the scores (the files of a submission that were
 *                         not graded, say)
 * @param refusals         why nothing of the submission can run (it does not compile, say): then no test JVM
 *                         starts, and every graded test fails with these reasons; empty to grade
 * @param launcherPrefix   what goes before the test JVM's {@code java} command, for example
 *                         {@code runuser -u grader --} to run it as an unprivileged user; empty for nothing
 * @param testHeapMb       the test JVM's heap limit, in MB
 * @param fingerprint      the grader fingerprint to print, when it was computed elsewhere (the pristine
 *                         repository of a course bundle); {@code null} to compute it from {@code repository}
 * @param cacheDir         a folder kept from run to run (ONNX Runtime's unpacked native libraries);
 *                         {@code null} for one inside {@code workDir}, which each run empties
 * @param classSharing     whether and when the test JVM's classes come from a class-data sharing archive
 * @param assignment       the assignment graded (its points, what it leaves out, its instructor-only checks);
 *                         {@code null} for the whole catalogue with the tests' own points
 */
public record GradingRequest(String student, StudentClasses.Location code, Path testClasses, List<Path> classpath,
                             Path references, Path reportDir, Path workDir, RunSettings settings, Duration budget,
                             Duration testTimeout, boolean requireFullMarks, Path repository,
                             Map<String, String> environment, List<String> notices, List<String> refusals,
                             List<String> launcherPrefix, int testHeapMb, String fingerprint, Path cacheDir,
                             ClassSharing classSharing, Assignment assignment) {

    /** The default whole-run limit: five minutes. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(5);
    /** The default limit of one test. */
    public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofSeconds(10);
    /** The test JVM's default heap limit: far more than the tests need, and a runaway allocation fails fast. */
    public static final int DEFAULT_TEST_HEAP_MB = 512;

    /** Checks the arguments and copies the collections. */
    public GradingRequest {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(testClasses, "testClasses");
        classpath = List.copyOf(classpath);
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(reportDir, "reportDir");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(settings, "settings");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the run's time limit must be positive, but was " + budget);
        }
        if (testTimeout.isNegative() || testTimeout.isZero()) {
            throw new IllegalArgumentException("the test time limit must be positive, but was " + testTimeout);
        }
        environment = Map.copyOf(environment);
        notices = List.copyOf(notices);
        refusals = List.copyOf(refusals);
        launcherPrefix = List.copyOf(launcherPrefix);
        Objects.requireNonNull(classSharing, "classSharing");
        if (testHeapMb < 64) {
            throw new IllegalArgumentException("the test JVM needs a heap of at least 64 MB, but was given " + testHeapMb);
        }
    }

    /** A request with no notices or refusals, the test JVM started directly with the default heap. */
    public GradingRequest(String student, StudentClasses.Location code, Path testClasses, List<Path> classpath,
                          Path references, Path reportDir, Path workDir, RunSettings settings, Duration budget,
                          Duration testTimeout, boolean requireFullMarks, Path repository,
                          Map<String, String> environment) {
        this(student, code, testClasses, classpath, references, reportDir, workDir, settings, budget, testTimeout,
                requireFullMarks, repository, environment, List.of(), List.of(), List.of(), DEFAULT_TEST_HEAP_MB, null, null,
                ClassSharing.OFF, null);
    }

    /** @return this request with these notices for the reports */
    public GradingRequest withNotices(List<String> value) {
        return new GradingRequest(student, code, testClasses, classpath, references, reportDir, workDir, settings,
                budget, testTimeout, requireFullMarks, repository, environment, value, refusals, launcherPrefix,
                testHeapMb, fingerprint, cacheDir, classSharing, assignment);
    }

    /** @return this request with other settings (seed, provider, selection) */
    public GradingRequest withSettings(org.paramlab.grader.protocol.RunSettings value) {
        return new GradingRequest(student, code, testClasses, classpath, references, reportDir, workDir, value,
                budget, testTimeout, requireFullMarks, repository, environment, notices, refusals, launcherPrefix,
                testHeapMb, fingerprint, cacheDir, classSharing, assignment);
    }

    /** @return this request refused for these reasons: nothing runs, every graded test fails */
    public GradingRequest withRefusals(List<String> value) {
        return new GradingRequest(student, code, testClasses, classpath, references, reportDir, workDir, settings,
                budget, testTimeout, requireFullMarks, repository, environment, notices, value, launcherPrefix,
                testHeapMb, fingerprint, cacheDir, classSharing, assignment);
    }

    /** @return this request with the test JVM started behind this prefix and with this heap */
    public GradingRequest withTestJvm(List<String> prefix, int heapMb) {
        return new GradingRequest(student, code, testClasses, classpath, references, reportDir, workDir, settings,
                budget, testTimeout, requireFullMarks, repository, environment, notices, refusals, prefix, heapMb,
                fingerprint, cacheDir, classSharing, assignment);
    }

    /** @return this request printing this fingerprint */
    public GradingRequest withFingerprint(String value) {
        return new GradingRequest(student, code, testClasses, classpath, references, reportDir, workDir, settings,
                budget, testTimeout, requireFullMarks, repository, environment, notices, refusals, launcherPrefix,
                testHeapMb, value, cacheDir, classSharing, assignment);
    }

    /** @return this request keeping its cache in this folder */
    public GradingRequest withCacheDir(Path value) {
        return new GradingRequest(student, code, testClasses, classpath, references, reportDir, workDir, settings,
                budget, testTimeout, requireFullMarks, repository, environment, notices, refusals, launcherPrefix,
                testHeapMb, fingerprint, value, classSharing, assignment);
    }

    /** @param value where the student's sources and compiled classes are (watch mode compiles anew each time) */
    public GradingRequest withCode(StudentClasses.Location value) {
        return new GradingRequest(student, value, testClasses, classpath, references, reportDir, workDir, settings,
                budget, testTimeout, requireFullMarks, repository, environment, notices, refusals, launcherPrefix,
                testHeapMb, fingerprint, cacheDir, classSharing, assignment);
    }

    /**
     * @param value whether the test JVM reads the grader's classes from a class-data sharing archive in the
     *              cache folder, and when that archive is built (see {@link ClassSharing})
     */
    public GradingRequest withClassSharing(ClassSharing value) {
        return new GradingRequest(student, code, testClasses, classpath, references, reportDir, workDir, settings,
                budget, testTimeout, requireFullMarks, repository, environment, notices, refusals, launcherPrefix,
                testHeapMb, fingerprint, cacheDir, value, assignment);
    }

    /** @return this request grading this assignment ({@code null} for the whole catalogue) */
    public GradingRequest withAssignment(Assignment value) {
        return new GradingRequest(student, code, testClasses, classpath, references, reportDir, workDir, settings,
                budget, testTimeout, requireFullMarks, repository, environment, notices, refusals, launcherPrefix,
                testHeapMb, fingerprint, cacheDir, classSharing, value);
    }

    /**
     * Class-data sharing for the test JVM (AppCDS): the classes every run loads again are mapped from an
     * archive in the cache folder. It needs {@link #cacheDir()}.
     */
    public enum ClassSharing {
        /** No archive: a one-off run, where building one would cost more than it saves. */
        OFF,
        /** Build the archive after the first run, in a process that outlives it: a student's edit-grade loop. */
        BACKGROUND,
        /** Build the archive before grading, if it is missing: the start of a batch. */
        NOW
    }
}
