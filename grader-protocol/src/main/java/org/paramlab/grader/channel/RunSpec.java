package org.paramlab.grader.channel;

import java.util.List;

/**
 * What the supervisor tells a test JVM to do, sent over the channel before any student class loads.
 *
 * @param student            the graded implementation, for example {@code paramlab-exercises}
 * @param seed               the seed of the random inputs
 * @param provider           the ONNX Runtime provider, {@code cpu} or {@code cuda}
 * @param selection          the {@code -Dexercise} value, {@code null} for every exercise
 * @param uniqueIds          the graded tests to run, by JUnit unique id; {@code null} for all of them
 *                           (the first test JVM of a run), a list when a later one resumes the run
 * @param testClasses        the folder of the graded test classes, the only place tests are discovered
 * @param junitReports       the folder where JUnit's own XML report of this test JVM goes
 * @param testTimeoutSeconds JUnit's limit for each test and lifecycle method
 * @param references         the reference files that follow the spec, one binary frame each, in this order
 * @param unreadable         exception classes whose methods did not return in an earlier test JVM of the run:
 *                           not read again
 * @param tree               the one generated network the checks on generated networks look at, {@code null}
 *                           for the sample the seed draws ({@code -Dparamlab.tree})
 * @param figuresLeft        how many new charts this test JVM may still publish: the run's limit
 *                           ({@link ChannelLimits#MAX_FIGURES}) less what earlier test JVMs of the run published
 * @param heatmapsLeft       how many mismatch heatmaps this test JVM may still publish: the run's limit
 *                           ({@link ChannelLimits#MAX_HEATMAPS}) less what earlier test JVMs published
 * @param instructorChecks   whether the instructor-only checks ({@code org.paramlab.grading.instructor}) run: only
 *                           in a run of an assignment that announces them
 */
public record RunSpec(String student, long seed, String provider, String selection, List<String> uniqueIds,
                      String testClasses, String junitReports, int testTimeoutSeconds, List<String> references,
                      List<String> unreadable, Integer tree, int figuresLeft, int heatmapsLeft,
                      boolean instructorChecks) {

    /** A spec that leaves the instructor-only checks out. */
    public RunSpec(String student, long seed, String provider, String selection, List<String> uniqueIds,
                   String testClasses, String junitReports, int testTimeoutSeconds, List<String> references,
                   List<String> unreadable, Integer tree, int figuresLeft, int heatmapsLeft) {
        this(student, seed, provider, selection, uniqueIds, testClasses, junitReports, testTimeoutSeconds, references,
                unreadable, tree, figuresLeft, heatmapsLeft, false);
    }

    /** Copies the lists and keeps the allowances within the run's limits. */
    public RunSpec {
        figuresLeft = Math.max(0, Math.min(figuresLeft, ChannelLimits.MAX_FIGURES));
        heatmapsLeft = Math.max(0, Math.min(heatmapsLeft, Math.min(figuresLeft, ChannelLimits.MAX_HEATMAPS)));
        uniqueIds = uniqueIds == null ? null : List.copyOf(uniqueIds);
        references = references == null ? List.of() : List.copyOf(references);
        unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
    }
}
