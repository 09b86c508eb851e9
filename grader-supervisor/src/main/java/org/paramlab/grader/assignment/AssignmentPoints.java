package org.paramlab.grader.assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.PlannedTest;

/**
 * The points of each graded test in an assignment that gives its exercises points of its own ({@code points}) or
 * a total ({@code total}): each exercise's points are shared among its tests in proportion to their own
 * {@code @Graded} points, in whole tenths of a point (as Classroom 50 counts them): a tenth to each test first, so
 * that none is worth nothing, then the rest in proportion, by the largest remainder, so that the tests of an
 * exercise add up to exactly its points and the assignment's to exactly its total.
 * Instructor-only checks keep their own points.
 */
public final class AssignmentPoints {

    private AssignmentPoints() {
    }

    /**
     * @param assignment the assignment
     * @param tests      the grader's graded tests, instructor-only checks left out, in report order
     * @return the points of each test of an exercise the assignment scales, by {@code class#method}; tests of other
     *         exercises are not in the map (they keep their own points)
     * @throws CourseFileException when an exercise with points has no test, or fewer tenths than tests
     */
    public static Map<String, Double> of(Assignment assignment, List<PlannedTest> tests) {
        Map<Exercise, List<PlannedTest>> byExercise = new LinkedHashMap<>();
        for (Exercise exercise : assignment.exercises()) {
            byExercise.put(exercise, new ArrayList<>());
        }
        for (PlannedTest test : tests) {
            Exercise.find(test.exercise()).filter(byExercise::containsKey)
                    .ifPresent(e -> byExercise.get(e).add(test));
        }
        Map<Exercise, Long> tenths = new LinkedHashMap<>();
        if (assignment.total() != null) {
            List<Exercise> graded = byExercise.keySet().stream().filter(e -> !byExercise.get(e).isEmpty()).toList();
            long total = Math.round(assignment.total() * 10);
            long count = graded.stream().mapToLong(e -> byExercise.get(e).size()).sum();
            if (total < count) {
                throw new CourseFileException("assignment '" + assignment.name() + "': its " + count + " graded tests"
                        + " need a total of at least " + count / 10.0 + " points (a tenth of a point each), but the"
                        + " total is " + assignment.total());
            }
            // every test a tenth first, the rest in proportion: no test is worth nothing
            long[] shares = share(total - count, graded.stream().mapToDouble(e -> own(byExercise.get(e))).toArray());
            for (int i = 0; i < graded.size(); i++) {
                tenths.put(graded.get(i), shares[i] + byExercise.get(graded.get(i)).size());
            }
        } else {
            assignment.points().forEach((exercise, points) -> tenths.put(exercise, Math.round(points * 10)));
        }
        Map<String, Double> scaled = new LinkedHashMap<>();
        tenths.forEach((exercise, target) -> {
            List<PlannedTest> own = byExercise.get(exercise);
            if (own.isEmpty()) {
                throw new CourseFileException("assignment '" + assignment.name() + "': exercise " + exercise.id()
                        + " is given points, but this grader has no graded test of it");
            }
            if (target < own.size()) {
                throw new CourseFileException("assignment '" + assignment.name() + "': exercise " + exercise.id()
                        + " has " + own.size() + " graded tests, so it needs at least " + own.size() / 10.0
                        + " points (a tenth of a point each), but gets " + target / 10.0
                        + (assignment.total() != null ? " of the total " + assignment.total() : ""));
            }
            long[] shares = share(target - own.size(), own.stream().mapToDouble(PlannedTest::points).toArray());
            for (int i = 0; i < own.size(); i++) {
                scaled.put(key(own.get(i)), (shares[i] + 1) / 10.0);
            }
        });
        return scaled;
    }

    /** @return the key of a test in {@link #of}'s map */
    public static String key(PlannedTest test) {
        return test.className() + "#" + test.methodName();
    }

    private static double own(List<PlannedTest> tests) {
        return tests.stream().mapToDouble(PlannedTest::points).sum();
    }

    /** {@code units} shared in proportion to {@code weights}, by the largest remainder (earlier first on a tie). */
    static long[] share(long units, double[] weights) {
        double sum = 0;
        for (double weight : weights) {
            sum += weight;
        }
        long[] shares = new long[weights.length];
        double[] remainders = new double[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = units * weights[i] / sum;
            shares[i] = (long) Math.floor(exact + 1e-9);
            remainders[i] = exact - shares[i];
            given += shares[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -remainders[i]).thenComparing(i -> i));
        for (int i = 0; given < units; i = (i + 1) % order.size()) {
            shares[order.get(i)]++;
            given++;
        }
        return shares;
    }
}
