package org.paramlab.grader.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which exercises a run grades: all of them, or those named by {@code -Dexercise=...}.
 *
 * <p>The value is a comma-separated list of exercise ids ({@code 2.2}) and group numbers
 * ({@code 2}, meaning every exercise of group 2): {@code -Dexercise=1.2,2}. A value that names an
 * unknown exercise selects nothing and carries an {@link #error() error} that lists the valid ids;
 * the grading listener records it in the plan and the report prints it.
 */
public final class ExerciseSelection {

    /** The system property, set with {@code mvn test -Dexercise=2.2}. */
    public static final String PROPERTY = "exercise";

    private static final ExerciseSelection ALL = new ExerciseSelection(null, EnumSet.allOf(Exercise.class), null);

    private final String spec;
    private final Set<Exercise> exercises;
    private final String error;
    /** What the user typed, when it is not {@code spec} (an assignment's selection, narrowed or not). */
    private final String asked;

    private ExerciseSelection(String spec, Set<Exercise> exercises, String error) {
        this(spec, exercises, error, spec);
    }

    private ExerciseSelection(String spec, Set<Exercise> exercises, String error, String asked) {
        this.spec = spec;
        this.exercises = Collections.unmodifiableSet(exercises);
        this.error = error;
        this.asked = asked;
    }

    /**
     * A selection made by the supervisor (an assignment's exercises, narrowed by {@code -Dexercise}).
     *
     * @param exercises the exercises graded
     * @param asked     the {@code -Dexercise} value the user typed, for the reports; {@code null} for none
     * @return the selection; its {@link #spec()} lists every exercise's id, for the test JVM
     * @throws IllegalArgumentException when {@code exercises} is empty
     */
    public static ExerciseSelection of(Set<Exercise> exercises, String asked) {
        if (exercises.isEmpty()) {
            // an empty spec would read as "every exercise" in the test JVM
            throw new IllegalArgumentException("a selection of no exercise; use rejected(...) to grade nothing");
        }
        Set<Exercise> copy = EnumSet.copyOf(exercises);
        String ids = copy.stream().map(Exercise::id).collect(java.util.stream.Collectors.joining(","));
        return new ExerciseSelection(ids, copy, null, asked == null || asked.isBlank() ? null : asked.strip());
    }

    /**
     * @param asked the value typed
     * @param error why it cannot be graded
     * @return a selection of nothing, with that error
     */
    public static ExerciseSelection rejected(String asked, String error) {
        return new ExerciseSelection(asked, EnumSet.noneOf(Exercise.class), error);
    }

    /** @return the selection that grades every exercise */
    public static ExerciseSelection all() {
        return ALL;
    }

    /** @return the selection named by the system property {@value #PROPERTY}; all exercises if it is unset or blank */
    public static ExerciseSelection fromSystemProperties() {
        return parse(System.getProperty(PROPERTY));
    }

    /**
     * @param spec ids and group numbers separated by commas, for example {@code "1.2, 2"}; {@code null}
     *             or blank selects every exercise
     * @return the selection; never throws: an unknown id gives a selection with an {@link #error()}
     */
    public static ExerciseSelection parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return ALL;
        }
        Set<Exercise> selected = EnumSet.noneOf(Exercise.class);
        List<String> unknown = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String token = raw.strip();
            if (token.isEmpty()) {
                continue;
            }
            Optional<Exercise> exercise = Exercise.find(token);
            if (exercise.isPresent()) {
                selected.add(exercise.get());
                continue;
            }
            List<Exercise> group = group(token);
            if (group.isEmpty()) {
                unknown.add("'" + token + "'");
            } else {
                selected.addAll(group);
            }
        }
        String value = spec.strip();
        if (!unknown.isEmpty()) {
            String error = "-D" + PROPERTY + "=" + value + ": unknown exercise" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + ". Valid ids: " + Exercise.validIds() + ".";
            return new ExerciseSelection(value, EnumSet.noneOf(Exercise.class), error);
        }
        if (selected.isEmpty()) {
            return ALL;
        }
        return new ExerciseSelection(value, selected, null);
    }

    private static List<Exercise> group(String token) {
        if (!token.chars().allMatch(Character::isDigit) || token.length() > 3) {
            return List.of();
        }
        int number = Integer.parseInt(token);
        for (Exercise.Group group : Exercise.Group.values()) {
            if (group.number() == number) {
                return group.exercises();
            }
        }
        return List.of();
    }

    /** @return {@code true} when every exercise is graded (no {@code -Dexercise}) */
    public boolean isAll() {
        return spec == null;
    }

    /** @return whether tests of this exercise run; always {@code false} when the selection has an error */
    public boolean includes(Exercise exercise) {
        return exercises.contains(exercise);
    }

    /** @return the selected exercises, in report order (empty when the selection has an error) */
    public Set<Exercise> exercises() {
        return exercises;
    }

    /** @return the value as given, stripped, for example {@code "1.2,2"}; empty when all exercises are graded */
    public Optional<String> spec() {
        return Optional.ofNullable(spec);
    }

    /**
     * @return the {@code -Dexercise} value the user typed, stripped, for the reports; empty when none was (a run of
     *         all exercises, or of an assignment's), whatever {@link #spec()} sends the test JVM
     */
    public Optional<String> asked() {
        return Optional.ofNullable(asked);
    }

    /** @return why the value was rejected, naming the valid ids; empty when it is valid */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return spec == null ? "all exercises" : asked == null ? "exercises " + spec : "-D" + PROPERTY + "=" + asked;
    }
}
