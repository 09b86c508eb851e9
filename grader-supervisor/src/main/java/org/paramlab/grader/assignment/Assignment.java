package org.paramlab.grader.assignment;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.ExerciseSelection;

/**
 * One assignment of a course file ({@link CourseFile}): a name, the exercises it grades, their points, and
 * optionally a fixed seed, the exercises whose solutions its template carries, and the instructor-only checks
 * it announces. The rules (group 0) are graded in every assignment.
 *
 * @param name             its slug, for example {@code week1} (Classroom 50's pattern)
 * @param title            what students read, for example {@code "Week 1: modules and parameter access"}
 * @param exercises        the exercises it grades, in report order, the rules not among them
 * @param points           points per exercise, for the exercises whose tests are scaled to a given total;
 *                         exercises not in the map keep their tests' own points
 * @param total            the total the assignment's tests are scaled to, instead of {@code points}; {@code null}
 *                         for none
 * @param seed             the seed of every run of this assignment; {@code null} for a seed per run
 * @param provided         the exercises whose solutions the assignment's template carries (so that its own
 *                         exercises can build on them), in report order
 * @param instructorChecks the instructor-only checks the assignment announces; {@code null} for none
 */
public record Assignment(String name, String title, List<Exercise> exercises, Map<Exercise, Double> points,
                         Double total, Long seed, List<Exercise> provided, InstructorChecks instructorChecks) {

    /** Copies the collections. */
    public Assignment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        exercises = List.copyOf(exercises);
        points = points == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(points));
        provided = provided == null ? List.of() : List.copyOf(provided);
    }

    /**
     * The instructor-only checks an assignment announces: graded tests that exist only in the instructor's
     * grader, never in the student's template.
     *
     * @param points          what they are worth in all; a student's own run says so, and trusted grading checks
     *                        that the grader's instructor-only tests of the assignment's exercises add up to it
     * @param detailsPublished whether Classroom 50's release, the Actions summary and the other reports a student
     *                        reads show each check's name and feedback; until then only their points are shown
     *                        (Gradescope follows each test's own {@code visibility} instead)
     */
    public record InstructorChecks(double points, boolean detailsPublished) {
    }

    /** @return the exercises graded: the rules' and the assignment's */
    public Set<Exercise> graded() {
        Set<Exercise> graded = EnumSet.copyOf(Exercise.Group.RULES.exercises());
        graded.addAll(exercises);
        return graded;
    }

    /** @return the exercises of the catalogue that this assignment does not grade, in report order */
    public List<Exercise> outside() {
        List<Exercise> outside = new ArrayList<>();
        for (Exercise exercise : Exercise.values()) {
            if (!exercise.group().gate() && !exercises.contains(exercise)) {
                outside.add(exercise);
            }
        }
        return outside;
    }

    /**
     * The selection of a run of this assignment: its exercises, narrowed by what was asked
     * ({@code -Dexercise}).
     *
     * @param asked the selection asked for
     * @return the exercises graded; with an error that names the assignment's exercises when {@code asked} names
     *         one outside it (or already had an error)
     */
    public ExerciseSelection select(ExerciseSelection asked) {
        if (asked.error().isPresent()) {
            return asked;
        }
        Set<Exercise> graded = graded();
        if (asked.isAll()) {
            return ExerciseSelection.of(graded, null);
        }
        List<Exercise> foreign = asked.exercises().stream().filter(e -> !graded.contains(e)).toList();
        if (!foreign.isEmpty()) {
            return ExerciseSelection.rejected(asked.spec().orElse(""), "-D" + ExerciseSelection.PROPERTY + "="
                    + asked.spec().orElse("") + ": " + (foreign.size() == 1 ? "exercise " : "exercises ")
                    + foreign.stream().map(Exercise::id).collect(Collectors.joining(", "))
                    + (foreign.size() == 1 ? " is" : " are") + " not part of the assignment '" + name + "', which grades "
                    + exercises.stream().map(Exercise::id).collect(Collectors.joining(", "))
                    + ". Choose among those, or another assignment with -D" + CourseFile.ASSIGNMENT_PROPERTY + "=NAME.");
        }
        return ExerciseSelection.of(asked.exercises(), asked.spec().orElse(null));
    }

    /** @return whether the points of some tests are scaled ({@code points} or {@code total}) */
    public boolean scalesPoints() {
        return total != null || !points.isEmpty();
    }
}
