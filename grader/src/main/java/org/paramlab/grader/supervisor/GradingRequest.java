package org.paramlab.grader.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.paramlab.grader.RunSettings;
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
 */
public record GradingRequest(String student, StudentClasses.Location code, Path testClasses, List<Path> classpath,
                             Path references, Path reportDir, Path workDir, RunSettings settings, Duration budget,
                             Duration testTimeout, boolean requireFullMarks, Path repository,
                             Map<String, String> environment) {

    /** The default whole-run limit: five minutes. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(5);
    /** The default limit of one test. */
    public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofSeconds(10);

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
    }
}
