package org.paramlab.grader.supervisor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.paramlab.grader.assignment.Assignment;
import org.paramlab.grader.assignment.AssignmentPoints;
import org.paramlab.grader.assignment.CourseFile;
import org.paramlab.grader.assignment.CourseFileException;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.GradingSeed;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.report.GradingRun;
import org.paramlab.grader.report.RunAssignment;

/**
 * What an assignment changes in a run: the exercises the test JVM runs and the seed (before it starts,
 * {@link #settings}), and the points of each test and what the reports say of the assignment (after,
 * {@link #apply}). {@link #check} reads the compiled graded tests at the start, so that an assignment the grader
 * cannot honour is refused with a clear error before anything runs.
 */
public final class AssignmentGrading {

    private AssignmentGrading() {
    }

    /** @return whether the run grades instructor-only checks: only a run of an assignment that announces them */
    static boolean runsInstructorChecks(GradingRequest request) {
        return request.assignment() != null && request.assignment().instructorChecks() != null;
    }

    /**
     * The assignment of a run and its settings.
     *
     * @param assignment the assignment, {@code null} when there is no course file (the whole catalogue is graded)
     * @param settings   the run's settings: the assignment's exercises and seed, or the course file's error (then
     *                   nothing is graded, and the reports say why)
     */
    public record Chosen(Assignment assignment, RunSettings settings) {
    }

    /**
     * Reads the course file and picks the assignment, at the start of a run.
     *
     * @param courseFile  the course file; {@code null}, or a file that does not exist, for none
     * @param name        the assignment asked for ({@code -Dassignment}); {@code null} or blank for the file's first
     * @param requested   the settings asked for
     * @param seedAsked   whether a seed was asked for
     * @param testClasses the compiled graded tests
     * @param trusted     whether this is trusted grading ({@link #check})
     * @return the assignment and the settings; a course file that cannot be used is an error of the settings
     */
    public static Chosen choose(Path courseFile, String name, RunSettings requested, boolean seedAsked,
                                Path testClasses, boolean trusted) {
        if (courseFile == null || !java.nio.file.Files.exists(courseFile)) {
            if (name != null && !name.isBlank()) {
                return new Chosen(null, withError(requested, "-D" + CourseFile.ASSIGNMENT_PROPERTY + "=" + name.strip()
                        + ": there is no course file (" + (courseFile == null ? CourseFile.NAME : courseFile)
                        + ") to find the assignment in"));
            }
            return new Chosen(null, requested);
        }
        try {
            Assignment assignment = CourseFile.read(courseFile).assignment(name);
            if (assignment.scalesPoints() || assignment.instructorChecks() != null || trusted) {
                check(assignment, testClasses, trusted);
            }
            return new Chosen(assignment, settings(requested, assignment, seedAsked));
        } catch (CourseFileException e) {
            return new Chosen(null, withError(requested, e.getMessage()));
        }
    }

    private static RunSettings withError(RunSettings requested, String error) {
        List<String> errors = new ArrayList<>(requested.errors());
        errors.add(error);
        return new RunSettings(requested.seed(), requested.provider(), requested.selection(), errors,
                requested.providerRequest(), requested.tree());
    }

    /**
     * @param requested  the settings asked for ({@code -Dexercise}, {@code -Dparamlab.seed}, ...)
     * @param assignment the assignment
     * @param seedAsked  whether a seed was asked for: it wins over the assignment's fixed seed (a student
     *                   reproducing a run); trusted grading never asks
     * @return the settings of a run of the assignment: its exercises narrowed by {@code -Dexercise} (an error when
     *         that names one outside it), its fixed seed if it has one
     */
    public static RunSettings settings(RunSettings requested, Assignment assignment, boolean seedAsked) {
        var selection = assignment.select(requested.selection());
        List<String> errors = new ArrayList<>(requested.errors());
        selection.error().filter(e -> !errors.contains(e)).ifPresent(errors::add);
        Long seed = assignment.seed() != null && !seedAsked ? assignment.seed() : requested.seed();
        return new RunSettings(seed, requested.provider(), selection, errors, requested.providerRequest(),
                requested.tree());
    }

    /** @return whether the property of the seed was set, so that the assignment's fixed seed yields to it */
    public static boolean seedAsked(java.util.function.Function<String, String> property) {
        String value = property.apply(GradingSeed.PROPERTY);
        return value != null && !value.isBlank();
    }

    /**
     * Checks, before anything runs, that the grader can honour the assignment: its points can be shared among its
     * tests, and its instructor-only checks are those it announces.
     *
     * @param assignment  the assignment
     * @param testClasses the compiled graded tests
     * @param trusted     whether this is trusted grading (the instructor's grader, which must have the
     *                    instructor-only checks the assignment announces); a student's copy has none of them
     * @throws CourseFileException naming what does not fit
     */
    public static void check(Assignment assignment, Path testClasses, boolean trusted) {
        GradedTestIndex index = GradedTestIndex.of(testClasses);
        if (assignment.scalesPoints()) {
            AssignmentPoints.of(assignment, index.studentVisible());
        }
        if (!index.misplaced().isEmpty()) {
            throw new CourseFileException("instructor-only checks outside the package "
                    + org.paramlab.grader.InstructorCheck.PACKAGE + " would be in every student template: "
                    + String.join(", ", index.misplaced()) + "; move them into graded-tests/src/main/java/"
                    + org.paramlab.grader.InstructorCheck.PACKAGE.replace('.', '/') + "/");
        }
        double found = 0;
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, PlannedTest> test : index.tests().entrySet()) {
            if (index.instructorChecks().containsKey(test.getKey())
                    && assignment.exercises().contains(Exercise.byId(test.getValue().exercise()))) {
                found += test.getValue().points();
                names.add(test.getValue().shortName());
            }
        }
        java.util.Collections.sort(names);
        Double announced = assignment.instructorChecks() == null ? null : assignment.instructorChecks().points();
        // an assignment that announces no instructor-only checks does not run them
        if (found > 0 && announced != null && Math.abs(announced - found) > 1e-6) {
            throw new CourseFileException("assignment '" + assignment.name() + "': this grader has instructor-only"
                    + " checks of its exercises worth " + found + " points (" + String.join(", ", names) + "), but the"
                    + " course file announces " + announced + " points: set \"instructorChecks\": {\"points\": "
                    + found + "} so that students' own runs say what they are worth");
        }
        if (trusted && announced != null && found == 0) {
            throw new CourseFileException("assignment '" + assignment.name() + "': the course file announces "
                    + announced + " points of instructor-only checks, but this grader has none of them (in "
                    + org.paramlab.grader.InstructorCheck.PACKAGE + "): grade with the instructor's own grader, not a"
                    + " student template");
        }
    }

    /**
     * @param run        the run as recorded, every test with its own points
     * @param assignment the assignment graded, or {@code null}
     * @param index      the compiled graded tests
     * @return the run with the assignment's points and what the reports say of it
     */
    static GradingRun apply(GradingRun run, Assignment assignment, GradedTestIndex index) {
        if (assignment == null) {
            return run;
        }
        Map<String, Double> points = assignment.scalesPoints()
                ? AssignmentPoints.of(assignment, index.studentVisible()) : Map.of();
        Map<String, String> checks = new LinkedHashMap<>();
        List<TestOutcome> outcomes = new ArrayList<>();
        for (TestOutcome outcome : run.outcomes()) {
            PlannedTest test = outcome.test();
            String key = AssignmentPoints.key(test);
            if (index.instructorChecks().containsKey(key)) {
                checks.put(key, index.instructorChecks().get(key).gradescope());
            }
            Double scaled = points.get(key);
            outcomes.add(scaled == null ? outcome : new TestOutcome(new PlannedTest(test.uniqueId(), test.className(),
                    test.methodName(), test.displayName(), test.exercise(), scaled), outcome.status(),
                    outcome.message(), outcome.durationMs()));
        }
        RunAssignment view = new RunAssignment(assignment.name(), assignment.title(), assignment.outside(),
                assignment.instructorChecks() == null ? null : assignment.instructorChecks().points(), checks,
                assignment.instructorChecks() != null && assignment.instructorChecks().detailsPublished());
        return run.withOutcomes(outcomes).withAssignment(view);
    }
}
