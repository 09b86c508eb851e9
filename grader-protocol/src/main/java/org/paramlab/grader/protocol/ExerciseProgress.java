package org.paramlab.grader.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run learned about each exercise, and the one rule that picks the exercise to do next. The grader
 * (from its graded tests) and the notebook tour (from the stubs still in the learner's code and the cells it
 * ran) both fill one of these and ask it {@link #next()}, so the two never name different next steps for the
 * same code.
 *
 * <p>The rule: the next exercise is the first, in report order, that is unfinished <em>itself</em>: its own
 * stub still throws, or its own checks fail. An exercise whose checks only reached another exercise's stub
 * {@linkplain #blockers(Exercise) waits for} that exercise and is never named as next: the exercise that
 * blocks it is, since it is a stub itself.
 */
public final class ExerciseProgress {

    /** How far one exercise is, from the best to the worst; an exercise takes the worst it was seen in. */
    public enum State {
        /** Everything seen of it works. */
        DONE,
        /** Its checks could not run: they reached the stub of another exercise ({@link #blockers}). */
        WAITING,
        /** Its own stub still throws {@code NotImplementedException}. */
        TO_DO,
        /** Its own checks fail (a wrong value, an exception, a loop that does not end). */
        FAILING;

        /** @return whether the learner has work to do in this exercise itself */
        public boolean unfinished() {
            return this == TO_DO || this == FAILING;
        }
    }

    /** How the grader words a test that reached a stub; {@link #stubIn(String)} reads the exercise back. */
    private static final String STUB_MESSAGE = "not attempted: needs exercise %s, which is still a stub";
    private static final Pattern STUB_ID = Pattern.compile("^not attempted: needs exercise (\\d+\\.\\d+)\\b");

    private final Map<Exercise, State> states;
    private final Map<Exercise, Set<Exercise>> blockers;

    private ExerciseProgress(Map<Exercise, State> states, Map<Exercise, Set<Exercise>> blockers) {
        this.states = Collections.unmodifiableMap(new EnumMap<>(states));
        Map<Exercise, Set<Exercise>> copy = new EnumMap<>(Exercise.class);
        blockers.forEach((exercise, set) -> copy.put(exercise, Collections.unmodifiableSet(new LinkedHashSet<>(set))));
        this.blockers = Collections.unmodifiableMap(copy);
    }

    /** @return a builder with nothing seen yet */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param stub what a {@code NotImplementedException} names, for example {@code "1.1 Linear.resetParameters"}
     * @return the message of a test that reached that stub
     */
    public static String stubMessage(String stub) {
        return String.format(STUB_MESSAGE, stub);
    }

    /**
     * @param message a test's message
     * @return the exercise whose stub the test reached, if the message is {@link #stubMessage(String) that of a
     *         stub} and names an exercise this grader knows
     */
    public static Optional<Exercise> stubIn(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher matcher = STUB_ID.matcher(message);
        return matcher.find() ? Exercise.find(matcher.group(1)) : Optional.empty();
    }

    /**
     * @param exercise an exercise
     * @return how far it is; {@link State#DONE} for one nothing was seen of
     */
    public State state(Exercise exercise) {
        return states.getOrDefault(exercise, State.DONE);
    }

    /** @return whether anything was seen of the exercise */
    public boolean seen(Exercise exercise) {
        return states.containsKey(exercise);
    }

    /**
     * @param exercise an exercise
     * @return the unfinished exercises its checks wait for, in report order; empty unless it is
     *         {@link State#WAITING}
     */
    public List<Exercise> blockers(Exercise exercise) {
        if (state(exercise) != State.WAITING) {
            return List.of();
        }
        List<Exercise> result = new ArrayList<>(blockers.getOrDefault(exercise, Set.of()));
        result.sort(null);
        return List.copyOf(result);
    }

    /**
     * @param blocker an exercise
     * @return the exercises that wait for it, in report order
     */
    public List<Exercise> waitingFor(Exercise blocker) {
        List<Exercise> result = new ArrayList<>();
        for (Exercise exercise : Exercise.values()) {
            if (blockers(exercise).contains(blocker)) {
                result.add(exercise);
            }
        }
        return List.copyOf(result);
    }

    /**
     * @return the first exercise, in report order, that is unfinished itself (the rules of group 0 apart: a
     *         broken rule is advice of its own); empty when no exercise is
     */
    public Optional<Exercise> next() {
        for (Exercise exercise : Exercise.values()) {
            if (!exercise.group().gate() && state(exercise).unfinished()) {
                return Optional.of(exercise);
            }
        }
        return Optional.empty();
    }

    /** Collects what a run saw, exercise by exercise; an exercise ends in the worst state it was seen in. */
    public static final class Builder {

        private final Map<Exercise, State> states = new EnumMap<>(Exercise.class);
        private final Map<Exercise, Set<Exercise>> blockers = new EnumMap<>(Exercise.class);

        private Builder() {
        }

        /** Something of the exercise worked. */
        public Builder done(Exercise exercise) {
            return see(exercise, State.DONE);
        }

        /** The exercise's own checks fail. */
        public Builder failing(Exercise exercise) {
            return see(exercise, State.FAILING);
        }

        /**
         * A check of {@code exercise} reached the stub of {@code stub}: {@code stub} is to do, and
         * {@code exercise}, if it is another one, waits for it.
         */
        public Builder reachedStub(Exercise exercise, Exercise stub) {
            see(stub, State.TO_DO);
            if (exercise != stub) {
                see(exercise, State.WAITING);
                blockers.computeIfAbsent(exercise, e -> new LinkedHashSet<>()).add(stub);
            }
            return this;
        }

        /** The exercise's own stub still throws (seen in a run, or still in the learner's code). */
        public Builder stub(Exercise exercise) {
            return see(exercise, State.TO_DO);
        }

        private Builder see(Exercise exercise, State state) {
            states.merge(exercise, state, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            return this;
        }

        /** @return what was seen */
        public ExerciseProgress build() {
            return new ExerciseProgress(states, blockers);
        }
    }
}
