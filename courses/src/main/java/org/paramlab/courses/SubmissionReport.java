package org.paramlab.courses;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.paramlab.grader.report.ScoreBook;
import org.paramlab.grader.supervisor.Supervisor;

/**
 * {@code submission.json}: what grading one submission came to, for the instructor's records.
 *
 * @param id            the submission's name
 * @param status        {@value #GRADED}, {@value #COMPILE_ERROR}, {@value #BAD_SUBMISSION}, {@value #TIMED_OUT},
 *                      {@value #CRASHED} or {@value #TAMPERING}
 * @param score         the points earned
 * @param maxScore      the points available
 * @param exercises     each exercise's points earned and available, by id
 * @param seed          the seed of the random inputs
 * @param durationSeconds how long grading took, reading and compiling included
 * @param budgetSeconds the whole run's time limit
 * @param exitStatus    0: the grading ran to its end and wrote every report (a grading that cannot write one
 *                      fails without a {@code submission.json})
 * @param fingerprint   the grader fingerprint of the pristine grader
 * @param layout        how the submission was read
 * @param gradedFiles   the SHA-256 of every graded file, by its path in the submission
 * @param missingFiles  the student files the submission lacks (their stubs were graded)
 * @param ignored       the other files that differ from the template, and why they were not graded
 * @param problems      what kept the submission from being graded at all
 * @param testJvms      how each test JVM ended
 * @param notes         what else happened
 * @param tampering     what looked like tampering
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubmissionReport(String id, String status, double score, double maxScore,
                               Map<String, Points> exercises, Long seed, double durationSeconds, long budgetSeconds,
                               int exitStatus, String fingerprint, String layout, Map<String, String> gradedFiles,
                               List<String> missingFiles, List<Submission.Ignored> ignored, List<String> problems,
                               List<String> testJvms, List<String> notes, List<String> tampering) {

    /** Graded to the end. */
    public static final String GRADED = "graded";
    /** The student's files do not compile. */
    public static final String COMPILE_ERROR = "compile error";
    /** No graded file, or one that cannot be read (not UTF-8, too large). */
    public static final String BAD_SUBMISSION = "bad submission";
    /** The whole run's time limit stopped the grading. */
    public static final String TIMED_OUT = "timed out";
    /** A test JVM died, or the grader could not finish. */
    public static final String CRASHED = "crashed";
    /** The grader's record and JUnit's disagreed: every test scores 0. */
    public static final String TAMPERING = "tampering";

    /** An exercise's points. */
    public record Points(double earned, double max) {
    }

    static SubmissionReport of(String id, String status, Supervisor.Result result, ReadSummary read,
                               String fingerprint, Duration duration, Duration budget) {
        ScoreBook book = result.book();
        Map<String, Points> exercises = new LinkedHashMap<>();
        TrustedGrader.exercises(book.exercises()).forEach((exercise, points) ->
                exercises.put(exercise, new Points(points[0], points[1])));
        return new SubmissionReport(id, status, book.earned(), book.max(), exercises, result.run().plan().seed(),
                Math.round(duration.toMillis() / 100.0) / 10.0, budget.toSeconds(), 0, fingerprint, read.layout(),
                read.gradedFiles(), read.missing(), read.ignored(), read.problems(), result.testJvms(), result.notes(),
                result.tampering());
    }
}
