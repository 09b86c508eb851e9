package org.paramlab.grader.report;

import org.paramlab.grader.protocol.TestStatus;
import org.paramlab.grader.protocol.TestOutcome;

import org.paramlab.grader.protocol.MavenCommand;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.ExerciseProgress;

/**
 * The scores of a grading run per exercise and per group, in {@link Exercise} order. Only
 * exercises with at least one planned test appear.
 */
public final class ScoreBook {

    /** Scores are sums of doubles such as 0.1: compare them with this slack. */
    private static final double EPSILON = 1e-9;

    /**
     * One exercise's tests and score.
     *
     * @param exercise the exercise
     * @param outcomes its tests, in plan order
     */
    public record ExerciseScore(Exercise exercise, List<TestOutcome> outcomes) {

        /** Copies the list. */
        public ExerciseScore {
            outcomes = List.copyOf(outcomes);
        }

        /** @return the points earned */
        public double earned() {
            return outcomes.stream().mapToDouble(TestOutcome::earned).sum();
        }

        /** @return the points available */
        public double max() {
            return outcomes.stream().mapToDouble(o -> o.test().points()).sum();
        }

        /** @return whether every test passed */
        public boolean fullMarks() {
            return outcomes.stream().allMatch(o -> o.status().earnsPoints());
        }

        /** @return how many tests ended with each status, in {@link TestStatus} order */
        public Map<TestStatus, Integer> counts() {
            Map<TestStatus, Integer> counts = new EnumMap<>(TestStatus.class);
            for (TestOutcome outcome : outcomes) {
                counts.merge(outcome.status(), 1, Integer::sum);
            }
            return counts;
        }

        /**
         * @return {@code "passed"} when all passed; the status when every test ended the same way
         *         ({@code "not attempted"}, or {@code "waits for 1.1"} when every test reached the stub of an
         *         earlier exercise); otherwise the counts of the tests that did not pass
         *         ({@code "1 failed, 1 timed out"}, {@code "1 failed, 2 wait for 1.1"})
         */
        public String statusSummary() {
            Map<TestStatus, Integer> own = new EnumMap<>(TestStatus.class);
            Set<Exercise> blockers = new TreeSet<>();
            int waiting = 0;
            for (TestOutcome outcome : outcomes) {
                Optional<Exercise> stub = outcome.status() == TestStatus.NOT_ATTEMPTED
                        ? ExerciseProgress.stubIn(outcome.message()).filter(e -> e != exercise) : Optional.empty();
                if (stub.isPresent()) {
                    blockers.add(stub.get());
                    waiting++;
                } else {
                    own.merge(outcome.status(), 1, Integer::sum);
                }
            }
            String waits = blockers.stream().map(Exercise::id).collect(Collectors.joining(" and "));
            if (waiting == outcomes.size()) {
                return "waits for " + waits;
            }
            if (own.size() == 1 && (waiting == 0 || own.containsKey(TestStatus.NOT_ATTEMPTED))) {
                // its own stub: not attempted, whether or not some of its tests also reach another's
                return own.keySet().iterator().next().label();
            }
            List<String> parts = new ArrayList<>();
            own.forEach((status, count) -> {
                if (!status.earnsPoints()) {
                    parts.add(count + " " + status.label());
                }
            });
            if (waiting > 0) {
                parts.add(waiting + " wait" + (waiting == 1 ? "s" : "") + " for " + waits);
            }
            return String.join(", ", parts);
        }
    }

    /**
     * One group's exercises and score.
     *
     * @param group     the group
     * @param exercises its exercises that have tests, in report order
     */
    public record GroupScore(Exercise.Group group, List<ExerciseScore> exercises) {

        /** Copies the list. */
        public GroupScore {
            exercises = List.copyOf(exercises);
        }

        /** @return the points earned */
        public double earned() {
            return exercises.stream().mapToDouble(ExerciseScore::earned).sum();
        }

        /** @return the points available */
        public double max() {
            return exercises.stream().mapToDouble(ExerciseScore::max).sum();
        }
    }

    private final List<GroupScore> groups;
    private final List<ExerciseScore> exercises;

    private ScoreBook(List<GroupScore> groups) {
        this.groups = List.copyOf(groups);
        this.exercises = groups.stream().flatMap(g -> g.exercises().stream()).toList();
    }

    /**
     * @param outcomes the outcomes of a run, in plan order
     * @return their scores
     * @throws IllegalStateException if an outcome names an exercise this grader does not know
     */
    public static ScoreBook of(List<TestOutcome> outcomes) {
        Map<Exercise, List<TestOutcome>> byExercise = new EnumMap<>(Exercise.class);
        for (TestOutcome outcome : outcomes) {
            Exercise exercise = Exercise.find(outcome.test().exercise()).orElseThrow(() -> new IllegalStateException(
                    "the plan names exercise '" + outcome.test().exercise() + "', which this grader does not know;"
                            + " was it written by another version? Run " + MavenCommand.MVN + " test again."));
            byExercise.computeIfAbsent(exercise, e -> new ArrayList<>()).add(outcome);
        }
        Map<Exercise.Group, List<ExerciseScore>> byGroup = new LinkedHashMap<>();
        byExercise.forEach((exercise, list) ->
                byGroup.computeIfAbsent(exercise.group(), g -> new ArrayList<>()).add(new ExerciseScore(exercise, list)));
        List<GroupScore> groups = new ArrayList<>();
        byGroup.forEach((group, list) -> groups.add(new GroupScore(group, list)));
        return new ScoreBook(groups);
    }

    /** @return the groups that have tests, in report order */
    public List<GroupScore> groups() {
        return groups;
    }

    /** @return the exercises that have tests, in report order */
    public List<ExerciseScore> exercises() {
        return exercises;
    }

    /** @return every outcome, in report order (exercise order, then plan order) */
    public List<TestOutcome> outcomes() {
        return exercises.stream().flatMap(e -> e.outcomes().stream()).toList();
    }

    /** @return the outcomes that lost points, in report order */
    public List<TestOutcome> lostPoints() {
        return outcomes().stream().filter(o -> !o.status().earnsPoints()).toList();
    }

    /** @return the points earned */
    public double earned() {
        return groups.stream().mapToDouble(GroupScore::earned).sum();
    }

    /** @return the points available */
    public double max() {
        return groups.stream().mapToDouble(GroupScore::max).sum();
    }

    /** @return how many graded tests there are */
    public int testCount() {
        return exercises.stream().mapToInt(e -> e.outcomes().size()).sum();
    }

    /**
     * @return what the run says of each exercise: a test that passed or was skipped shows it done, one that
     *         reached a stub shows that stub's exercise to do (and the test's own exercise waiting for it, if it
     *         is another), any other test that lost points shows its exercise failing
     */
    public ExerciseProgress progress() {
        ExerciseProgress.Builder progress = ExerciseProgress.builder();
        for (ExerciseScore score : exercises) {
            for (TestOutcome outcome : score.outcomes()) {
                switch (outcome.status()) {
                    case PASSED, ABORTED, SKIPPED -> progress.done(score.exercise());
                    case NOT_ATTEMPTED -> progress.reachedStub(score.exercise(),
                            ExerciseProgress.stubIn(outcome.message()).orElse(score.exercise()));
                    default -> progress.failing(score.exercise());
                }
            }
        }
        return progress.build();
    }

    /** @return whether there is at least one test and every test passed */
    public boolean fullMarks() {
        return testCount() > 0 && lostPoints().isEmpty() && earned() >= max() - EPSILON;
    }
}
