package org.paramlab.grader.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.PlannedTest;

/** Sharing an assignment's points among its tests: whole tenths, exact sums, in proportion. */
class AssignmentPointsTest {

    private static PlannedTest test(String exercise, String method, double points) {
        return new PlannedTest("id:" + method, "org.paramlab.grading.T", method, method + "()", exercise, points);
    }

    private static final List<PlannedTest> TESTS = List.of(test("1.1", "a", 1), test("1.1", "b", 0.5),
            test("1.1", "c", 1), test("1.2", "d", 0.25), test("1.2", "e", 0.75), test("2.1", "f", 3));

    private static Assignment assignment(String fields) {
        return CourseFile.parse(Path.of("course.json"), "{\"schema\": \"paramlab/course/v1\", \"assignments\": [{"
                + "\"name\": \"w1\", \"title\": \"T\", \"exercises\": [\"1.1\", \"1.2\", \"2.1\"]" + fields + "}]}")
                .assignment("w1");
    }

    private static double sum(Map<String, Double> points, String... methods) {
        double sum = 0;
        for (String method : methods) {
            sum += points.get("org.paramlab.grading.T#" + method);
        }
        return sum;
    }

    @Test
    void anExercisesPointsAreSharedInProportionInWholeTenthsAndAddUpExactly() {
        Map<String, Double> points = AssignmentPoints.of(assignment(", \"points\": {\"1.1\": 10}"), TESTS);
        // a tenth each, then 97 tenths over 1 : 0.5 : 1, 38.8 : 19.4 : 38.8, by the largest remainder 39 : 19 : 39
        assertThat(points).containsExactlyInAnyOrderEntriesOf(Map.of("org.paramlab.grading.T#a", 4.0,
                "org.paramlab.grading.T#b", 2.0, "org.paramlab.grading.T#c", 4.0));
        Map<String, Double> thirds = AssignmentPoints.of(assignment(", \"points\": {\"1.1\": 1}"), TESTS);
        assertThat(sum(thirds, "a", "b", "c")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        for (double value : thirds.values()) {
            assertThat(Math.abs(value * 10 - Math.rint(value * 10))).isLessThan(1e-9);
        }
    }

    @Test
    void aTotalIsSharedAmongExercisesThenTests() {
        Map<String, Double> points = AssignmentPoints.of(assignment(", \"total\": 13"), TESTS);
        assertThat(points).hasSize(TESTS.size());
        double total = points.values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(total).isCloseTo(13.0, org.assertj.core.data.Offset.offset(1e-9));
        // a tenth a test (6), then 124 tenths over 2.5 : 1 : 3, 47.7 : 19.1 : 57.2, so 48 : 19 : 57 then the tenth of each test
        assertThat(sum(points, "a", "b", "c")).isCloseTo(5.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sum(points, "d", "e")).isCloseTo(2.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sum(points, "f")).isCloseTo(5.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThatThrownBy(() -> AssignmentPoints.of(assignment(", \"total\": 0.5"), TESTS))
                .hasMessage("assignment 'w1': its 6 graded tests need a total of at least 0.6 points (a tenth of a point"
                        + " each), but the total is 0.5");
    }

    @Test
    void theTenthsOfEveryShareAddUpForManyTotals() {
        List<PlannedTest> tests = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            tests.add(test("1.1", "t" + i, 0.25 * (i + 1)));
        }
        for (int tenths = 7; tenths < 400; tenths += 13) {
            Map<String, Double> points = AssignmentPoints.of(assignment(", \"points\": {\"1.1\": " + tenths / 10.0 + "}"),
                    tests);
            assertThat(points.values().stream().mapToLong(v -> Math.round(v * 10)).sum()).as(tenths + " tenths")
                    .isEqualTo(tenths);
            assertThat(points.values()).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0.1));
        }
    }

    @Test
    void exercisesWithoutPointsKeepTheirTestsOwn() {
        Map<String, Double> points = AssignmentPoints.of(assignment(", \"points\": {\"1.2\": 5}"), TESTS);
        assertThat(points.keySet()).containsExactlyInAnyOrder("org.paramlab.grading.T#d", "org.paramlab.grading.T#e");
    }

    @Test
    void tooFewPointsForAnExercisesTestsOrAnExerciseWithoutTestsIsAnError() {
        assertThatThrownBy(() -> AssignmentPoints.of(assignment(", \"points\": {\"1.1\": 0.2}"), TESTS))
                .isInstanceOf(CourseFileException.class)
                .hasMessage("assignment 'w1': exercise 1.1 has 3 graded tests, so it needs at least 0.3 points (a tenth"
                        + " of a point each), but gets 0.2");
        assertThatThrownBy(() -> AssignmentPoints.of(assignment(", \"points\": {\"1.2\": 4}"),
                TESTS.stream().filter(t -> !t.exercise().equals(Exercise.E1_2.id())).toList()))
                .hasMessage("assignment 'w1': exercise 1.2 is given points, but this grader has no graded test of it");
    }
}
