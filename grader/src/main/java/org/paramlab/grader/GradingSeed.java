package org.paramlab.grader;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The seed of this grading run: graded tests draw their random inputs from it, the plan records
 * it, and the report prints it with the command that reproduces the run.
 *
 * <p>It is the system property {@value #PROPERTY} when set ({@code mvn test -Dparamlab.seed=42}),
 * otherwise a random number below one billion, chosen once per JVM, so every test of a run sees
 * the same seed.
 */
public final class GradingSeed {

    /** The system property that fixes the seed. */
    public static final String PROPERTY = "paramlab.seed";

    private static final long RANDOM_BOUND = 1_000_000_000L;
    private static final long RANDOM_SEED = ThreadLocalRandom.current().nextLong(1, RANDOM_BOUND);

    private GradingSeed() {
    }

    /**
     * @return the seed of this run: {@value #PROPERTY} if set, else the same random number for the
     *         whole JVM
     * @throws IllegalArgumentException if {@value #PROPERTY} is set but is not a whole number
     */
    public static long get() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? RANDOM_SEED : parse(value);
    }

    /**
     * @param value the text of {@value #PROPERTY}
     * @return it as a {@code long}
     * @throws IllegalArgumentException saying what a valid value looks like
     */
    static long parse(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value
                    + " is not a seed: use a whole number such as -D" + PROPERTY + "=42");
        }
    }

    /**
     * @param seed a seed
     * @return the command that reruns the grader with it, for example {@code mvn test -Dparamlab.seed=42}
     */
    public static String reproduceCommand(long seed) {
        return "mvn test -D" + PROPERTY + "=" + seed;
    }
}
