package org.paramlab.grader.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.ExerciseProgress.State;

/** The one rule that names the next exercise, for the grader and the tour alike. */
class ExerciseProgressTest {

    @Test
    void nothingSeenMeansNothingToDo() {
        ExerciseProgress progress = ExerciseProgress.builder().build();
        assertThat(progress.next()).isEmpty();
        assertThat(progress.state(Exercise.E1_1)).isEqualTo(State.DONE);
        assertThat(progress.seen(Exercise.E1_1)).isFalse();
    }

    @Test
    void theNextExerciseIsTheFirstInReportOrderThatIsUnfinishedItself() {
        ExerciseProgress progress = ExerciseProgress.builder().done(Exercise.E1_1).stub(Exercise.E6_1)
                .failing(Exercise.E3_2).done(Exercise.E1_2).build();
        assertThat(progress.next()).contains(Exercise.E3_2);
    }

    @Test
    void anExerciseThatOnlyWaitsIsNeverNextTheExerciseItWaitsForIs() {
        // 1.2 is written, but its tests reach 1.1's stub (the case): 1.1 is next, and 1.2 waits for it
        ExerciseProgress progress = ExerciseProgress.builder().reachedStub(Exercise.E1_1, Exercise.E1_1)
                .reachedStub(Exercise.E1_2, Exercise.E1_1).build();
        assertThat(progress.next()).contains(Exercise.E1_1);
        assertThat(progress.state(Exercise.E1_2)).isEqualTo(State.WAITING);
        assertThat(progress.blockers(Exercise.E1_2)).containsExactly(Exercise.E1_1);
        assertThat(progress.waitingFor(Exercise.E1_1)).containsExactly(Exercise.E1_2);
    }

    @Test
    void aLaterExerciseCanBlockAnEarlierOneAndIsNamedAlthoughItsOwnTestsDidNotRun() {
        // -Dexercise=2.1: its tests reach 2.3's stub; 2.3's own tests were not graded
        ExerciseProgress progress = ExerciseProgress.builder().done(Exercise.E2_1)
                .reachedStub(Exercise.E2_1, Exercise.E2_3).build();
        assertThat(progress.next()).contains(Exercise.E2_3);
        assertThat(progress.state(Exercise.E2_3)).isEqualTo(State.TO_DO);
    }

    @Test
    void anExerciseTakesTheWorstStateItWasSeenIn() {
        ExerciseProgress progress = ExerciseProgress.builder().done(Exercise.E1_4)
                .reachedStub(Exercise.E1_4, Exercise.E1_1).failing(Exercise.E1_4).done(Exercise.E1_4).build();
        assertThat(progress.state(Exercise.E1_4)).isEqualTo(State.FAILING);
        assertThat(progress.blockers(Exercise.E1_4)).as("it fails itself: it does not merely wait").isEmpty();
        assertThat(progress.next()).contains(Exercise.E1_1);
    }

    @Test
    void theRulesOfGroupZeroAreNeverTheNextExercise() {
        assertThat(ExerciseProgress.builder().failing(Exercise.E0_1).build().next()).isEmpty();
    }

    @Test
    void theStubMessageNamesItsExerciseAndOnlyAKnownOneIsReadBack() {
        String message = ExerciseProgress.stubMessage("1.1 Linear(inFeatures, outFeatures)");
        assertThat(message).isEqualTo("not attempted: needs exercise 1.1 Linear(inFeatures, outFeatures), which is"
                + " still a stub");
        assertThat(ExerciseProgress.stubIn(message)).contains(Exercise.E1_1);
        // a student's own NotImplementedException("99.9 x") or ("1.99 x") names no exercise: the test's own counts
        assertThat(ExerciseProgress.stubIn(ExerciseProgress.stubMessage("99.9 Made.up"))).isEmpty();
        assertThat(ExerciseProgress.stubIn(ExerciseProgress.stubMessage("1.99 Made.up"))).isEmpty();
        assertThat(ExerciseProgress.stubIn(ExerciseProgress.stubMessage("whatever"))).isEmpty();
        assertThat(ExerciseProgress.stubIn("expected 1.1 but was 1.2")).isEmpty();
        assertThat(ExerciseProgress.stubIn(null)).isEmpty();
    }
}
