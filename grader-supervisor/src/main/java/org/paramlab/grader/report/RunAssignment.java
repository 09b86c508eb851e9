package org.paramlab.grader.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.TestOutcome;

/**
 * What the reports say of the assignment a run graded: its name and title, the exercises it leaves out
 * ("not part of this assignment", never failures), and its instructor-only checks.
 *
 * @param name             the assignment's name, for example {@code week1}
 * @param title            its title
 * @param outside          the catalogue's exercises it does not grade, in report order
 * @param instructorPoints what its instructor-only checks are worth, as the course file announces; {@code null}
 *                         when it has none
 * @param checks           the instructor-only checks this run graded, by {@code class#method}, with Gradescope's
 *                         {@code visibility} of each; empty in a student's own copy, which has none of them
 * @param detailsPublished whether the reports a student reads name the checks and show their feedback; until then
 *                         they show their points only (Gradescope's results follow each check's visibility)
 */
public record RunAssignment(String name, String title, List<Exercise> outside, Double instructorPoints,
                            Map<String, String> checks, boolean detailsPublished) {

    /** The result of an exercise that the run's assignment does not grade. */
    public static final String OUTSIDE = "not part of this assignment";

    /** What a check's feedback reads until the instructor publishes the details. */
    public static final String HIDDEN = "instructor-only check: its name and feedback are shown once your instructor"
            + " publishes them";

    /** Copies the collections. */
    public RunAssignment {
        outside = List.copyOf(outside);
        checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }

    /** @return whether the test is one of this run's instructor-only checks */
    public boolean isCheck(PlannedTest test) {
        return checks.containsKey(key(test));
    }

    /** @return Gradescope's {@code visibility} of the test, {@code null} for a test every student has */
    public String visibility(PlannedTest test) {
        return checks.get(key(test));
    }

    /** @return whether the instructor-only checks were part of this run (trusted grading) */
    public boolean checksGraded() {
        return !checks.isEmpty();
    }

    /** @return whether reports a student reads must hide the checks' names and feedback */
    public boolean hidesDetails() {
        return checksGraded() && !detailsPublished;
    }

    /**
     * @param run a run of this assignment
     * @return the run as a student may read it: each instructor-only check with a neutral name and no feedback
     *         (its points and pass or fail kept) when the details are not published; else the run itself
     */
    public GradingRun redact(GradingRun run) {
        if (!hidesDetails()) {
            return run;
        }
        // numbered in report order (by exercise), as the reports list them
        List<PlannedTest> checks = run.outcomes().stream().map(TestOutcome::test).filter(this::isCheck)
                .sorted(java.util.Comparator.comparing((PlannedTest t) -> org.paramlab.grader.protocol.Exercise
                        .find(t.exercise()).map(Enum::ordinal).orElse(Integer.MAX_VALUE)).thenComparing(RunAssignment::key))
                .toList();
        List<TestOutcome> outcomes = new ArrayList<>();
        for (TestOutcome outcome : run.outcomes()) {
            if (!isCheck(outcome.test())) {
                outcomes.add(outcome);
                continue;
            }
            int number = checks.indexOf(outcome.test()) + 1;
            PlannedTest test = outcome.test();
            PlannedTest neutral = new PlannedTest("[paramlab:instructor-only]/[check:" + number + "]",
                    "instructor.InstructorOnly", "check" + number, "instructor-only check " + number,
                    test.exercise(), test.points());
            outcomes.add(new TestOutcome(neutral, outcome.status(), outcome.status().earnsPoints() ? null : HIDDEN,
                    outcome.durationMs()));
        }
        return run.withOutcomes(outcomes);
    }

    /**
     * @return one sentence on the instructor-only checks for the reports, or {@code null} when the assignment has
     *         none: in a student's copy, that they exist, what they are worth and when they are graded
     */
    public String checksSentence() {
        if (instructorPoints == null) {
            return null;
        }
        String points = Text.points(instructorPoints) + (instructorPoints == 1 ? " point" : " points");
        if (!checksGraded()) {
            return "This assignment also has instructor-only checks worth " + points + ", which are not in your copy:"
                    + " they are graded when you submit, and the score here leaves them out.";
        }
        return "Instructor-only checks (" + points + ") are included in this grade" + (detailsPublished
                ? "." : "; their names and feedback are shown once your instructor publishes them.");
    }

    private static String key(PlannedTest test) {
        return test.className() + "#" + test.methodName();
    }

    /**
     * A row of the score tables for what the assignment leaves out.
     *
     * @param id    a group's number (the whole group is left out) or an exercise's id
     * @param title the group's or the exercise's title
     * @param group whether the row is a whole group's
     */
    public record OutsideRow(String id, String title, boolean group) {
    }

    /** @return the rows of what it leaves out: one per group left out whole, else one per exercise, in report order */
    public List<OutsideRow> outsideRows() {
        Map<Exercise.Group, List<Exercise>> groups = new LinkedHashMap<>();
        for (Exercise exercise : outside) {
            groups.computeIfAbsent(exercise.group(), g -> new ArrayList<>()).add(exercise);
        }
        List<OutsideRow> rows = new ArrayList<>();
        groups.forEach((group, exercises) -> {
            if (exercises.size() == group.exercises().size()) {
                rows.add(new OutsideRow(String.valueOf(group.number()), group.title(), true));
            } else {
                exercises.forEach(e -> rows.add(new OutsideRow(e.id(), e.title(), false)));
            }
        });
        return rows;
    }
}
