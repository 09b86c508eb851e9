package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paramlab.grader.report.Samples.outcome;
import static org.paramlab.grader.report.Samples.test;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;
import org.paramlab.grader.report.ScoreBook.ExerciseScore;

class ScoreBookTest {

    @Test
    void scoresPerExerciseAndGroupInExerciseOrder() {
        ScoreBook book = ScoreBook.of(Samples.mixed().outcomes());

        assertThat(book.exercises()).extracting(ExerciseScore::exercise)
                .containsExactly(Exercise.E1_1, Exercise.E1_2, Exercise.E2_2, Exercise.E2_3);
        assertThat(book.exercises()).extracting(ExerciseScore::earned).containsExactly(3.0, 0.0, 0.0, 0.0);
        assertThat(book.exercises()).extracting(ExerciseScore::max).containsExactly(3.0, 2.5, 3.0, 1.0);
        assertThat(book.groups()).extracting(g -> g.group().number()).containsExactly(1, 2);
        assertThat(book.groups().get(0).earned()).isEqualTo(3.0);
        assertThat(book.groups().get(0).max()).isEqualTo(5.5);
        assertThat(book.earned()).isEqualTo(3.0);
        assertThat(book.max()).isEqualTo(9.5);
        assertThat(book.testCount()).isEqualTo(6);
        assertThat(book.fullMarks()).isFalse();
    }

    @Test
    void listsLostPointsInReportOrder() {
        ScoreBook book = ScoreBook.of(Samples.mixed().outcomes());
        assertThat(book.lostPoints()).extracting(o -> o.test().methodName())
                .containsExactly("forward", "shapes", "namedParameters", "namedModules");
    }

    @Test
    void onlyAPassEarnsPoints() {
        for (TestStatus status : TestStatus.values()) {
            TestOutcome outcome = outcome(test("1.1", "m", 2), status, "x");
            assertThat(outcome.earned()).as(status.name()).isEqualTo(status == TestStatus.PASSED ? 2.0 : 0.0);
            assertThat(outcome.lost()).isEqualTo(status == TestStatus.PASSED ? 0.0 : 2.0);
        }
    }

    @Test
    void summarisesStatuses() {
        assertThat(summary(TestStatus.PASSED, TestStatus.PASSED)).isEqualTo("passed");
        assertThat(summary(TestStatus.NOT_ATTEMPTED, TestStatus.NOT_ATTEMPTED)).isEqualTo("not attempted");
        assertThat(summary(TestStatus.PASSED, TestStatus.FAILED)).isEqualTo("1 failed");
        assertThat(summary(TestStatus.TIMED_OUT, TestStatus.PASSED, TestStatus.FAILED, TestStatus.FAILED,
                TestStatus.ABORTED)).isEqualTo("2 failed, 1 timed out, 1 skipped");
        assertThat(summary(TestStatus.ABORTED)).isEqualTo("skipped");
        assertThat(summary(TestStatus.SKIPPED)).isEqualTo("disabled");
        assertThat(summary(TestStatus.NOT_RUN, TestStatus.CRASHED)).isEqualTo("1 not run, 1 crashed");
    }

    @Test
    void testsThatReachAnotherExercisesStubWaitForIt() {
        String linear = org.paramlab.grader.protocol.ExerciseProgress.stubMessage("1.1 Linear(inFeatures, outFeatures)");
        String init = org.paramlab.grader.protocol.ExerciseProgress.stubMessage("3.1 Init.normal_");
        String own = org.paramlab.grader.protocol.ExerciseProgress.stubMessage("1.2 Linear.forward");
        assertThat(summaryOf("1.2", List.of(TestStatus.NOT_ATTEMPTED, TestStatus.NOT_ATTEMPTED), List.of(linear, linear)))
                .isEqualTo("waits for 1.1");
        assertThat(summaryOf("1.2", List.of(TestStatus.NOT_ATTEMPTED, TestStatus.NOT_ATTEMPTED), List.of(init, linear)))
                .isEqualTo("waits for 1.1 and 3.1");
        assertThat(summaryOf("1.2", List.of(TestStatus.NOT_ATTEMPTED, TestStatus.NOT_ATTEMPTED), List.of(own, linear)))
                .as("its own stub first: not attempted").isEqualTo("not attempted");
        assertThat(summaryOf("1.2", List.of(TestStatus.FAILED, TestStatus.NOT_ATTEMPTED, TestStatus.NOT_ATTEMPTED,
                TestStatus.PASSED), java.util.Arrays.asList("x", linear, linear, null)))
                .isEqualTo("1 failed, 2 wait for 1.1");
    }

    private static String summaryOf(String exercise, List<TestStatus> statuses, List<String> messages) {
        List<org.paramlab.grader.protocol.TestOutcome> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            outcomes.add(outcome(test(exercise, "t" + i, 1), statuses.get(i), messages.get(i)));
        }
        return ScoreBook.of(outcomes).exercises().get(0).statusSummary();
    }

    @Test
    void fractionalPointsAddUp() {
        ScoreBook book = ScoreBook.of(List.of(
                outcome(test("1.1", "a", 0.1), TestStatus.PASSED, null),
                outcome(test("1.1", "b", 0.2), TestStatus.PASSED, null),
                outcome(test("1.2", "c", 0.7), TestStatus.PASSED, null)));
        assertThat(book.fullMarks()).isTrue();
        assertThat(Text.score(book.earned(), book.max())).isEqualTo("1/1");
    }

    @Test
    void noTestsIsNotFullMarks() {
        assertThat(ScoreBook.of(List.of()).fullMarks()).isFalse();
    }

    @Test
    void anUnknownExerciseInThePlanIsAClearError() {
        assertThatThrownBy(() -> ScoreBook.of(List.of(outcome(test("99.1", "a", 1), TestStatus.PASSED, null))))
                .hasMessageStartingWith("the plan names exercise '99.1', which this grader does not know");
    }

    private static String summary(TestStatus... statuses) {
        List<TestOutcome> outcomes = new java.util.ArrayList<>();
        for (TestStatus status : statuses) {
            outcomes.add(outcome(test("1.1", "t" + outcomes.size(), 1), status, "m"));
        }
        return ScoreBook.of(outcomes).exercises().get(0).statusSummary();
    }
}
