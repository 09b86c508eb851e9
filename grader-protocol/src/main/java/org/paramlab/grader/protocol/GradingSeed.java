package org.paramlab.grader.protocol;

/**
 * The seed of this grading run: graded tests draw their random inputs from it, the plan records
 * it, and the report prints it with the command that reproduces the run.
 *
 * <p>It is the system property {@value #PROPERTY} when set ({@code mvn test -Dparamlab.seed=42}),
 * otherwise a random number below one billion. Either way it is part of the {@link RunSettings},
 * fixed before any student class loads, so every test of a run sees the same seed.
 */
public final class GradingSeed {

    /** The system property that fixes the seed. */
    public static final String PROPERTY = "paramlab.seed";

    private GradingSeed() {
    }

    /**
     * @return the seed of this run ({@link RunSettings#current()})
     * @throws IllegalArgumentException if {@value #PROPERTY} was set but is not a whole number
     */
    public static long get() {
        return RunSettings.current().requireSeed();
    }

    /**
     * @param value the text of {@value #PROPERTY}
     * @return it as a {@code long}
     * @throws IllegalArgumentException saying what a valid value looks like
     */
    public static long parse(String value) {
        String digits = value.strip();
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            if (digits.matches("[+-]?[0-9]+")) {
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " is too large for a seed: use a"
                        + " whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ", such as -D" + PROPERTY
                        + "=42");
            }
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value
                    + " is not a seed: use a whole number such as -D" + PROPERTY + "=42");
        }
    }

    /**
     * @param seed a seed
     * @return the command that reruns the grader with it, for example {@code mvn test -Dparamlab.seed=42}
     */
    public static String reproduceCommand(long seed) {
        return MavenCommand.MVN + " test -D" + PROPERTY + "=" + seed;
    }

    /**
     * @param seed     a seed
     * @param exercise an exercise
     * @return the command that grades that exercise alone with that seed, for example
     *         {@code ./mvnw test -Dexercise=2.2 -Dparamlab.seed=42}: the tests that draw from the seed draw
     *         the same inputs as in the full run
     */
    public static String reproduceCommand(long seed, Exercise exercise) {
        return MavenCommand.MVN + " test -D" + ExerciseSelection.PROPERTY + "=" + exercise.id() + " -D" + PROPERTY + "="
                + seed;
    }
}
