package org.paramlab.grader.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a grading run grades ({@code plan.json}): recorded by the grading listener before the first
 * test starts, and written, with the rules of group 0 and any test JUnit could not load, by the
 * supervisor.
 *
 * @param format    the file format's version, {@value #FORMAT}
 * @param seed      the run's seed, {@code null} if {@code -Dparamlab.seed} was invalid (see errors)
 * @param student   which implementation is graded: {@code paramlab-exercises} or {@code paramlab-solutions}
 * @param startedAt when the run started, ISO-8601
 * @param selection the {@code -Dexercise} value, {@code null} when every exercise is graded
 * @param errors    problems with the run's settings that the report must show, for example an unknown
 *                  exercise id; empty when there are none
 * @param tests     every graded test that will run, in execution order
 * @param notices   what the reports must tell without it being an error, for example the files of a
 *                  submission that were not graded; empty when there is nothing to tell
 * @param provider  where ONNX Runtime ran the references, as decided before any test ran: {@code cpu},
 *                  {@code cuda}, {@code auto -> cpu (CUDA unavailable: ...)}; {@code null} when not decided
 *                  (the submission was refused, or the settings were invalid)
 * @param tolerance that provider's tolerance, as a student reads it; {@code null} when no provider ran
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GradingPlan(int format, Long seed, String student, String startedAt, String selection,
                          List<String> errors, List<PlannedTest> tests, List<String> notices, String provider,
                          String tolerance) {

    /** The current format version. */
    public static final int FORMAT = 1;

    /** Copies the lists and replaces {@code null} lists with empty ones. */
    public GradingPlan {
        errors = errors == null ? List.of() : List.copyOf(errors);
        tests = tests == null ? List.of() : List.copyOf(tests);
        notices = notices == null ? List.of() : List.copyOf(notices);
    }

    /** A plan without a decided provider. */
    public GradingPlan(int format, Long seed, String student, String startedAt, String selection, List<String> errors,
                       List<PlannedTest> tests, List<String> notices) {
        this(format, seed, student, startedAt, selection, errors, tests, notices, null, null);
    }

    /** A plan without notices. */
    public GradingPlan(int format, Long seed, String student, String startedAt, String selection, List<String> errors,
                       List<PlannedTest> tests) {
        this(format, seed, student, startedAt, selection, errors, tests, List.of(), null, null);
    }
}
