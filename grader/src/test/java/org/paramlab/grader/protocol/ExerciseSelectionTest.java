package org.paramlab.grader.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.ExerciseSelection;

class ExerciseSelectionTest {

    @Test
    void nothingOrBlankSelectsEverything() {
        for (String spec : new String[] {null, "", "  ", ","}) {
            ExerciseSelection selection = ExerciseSelection.parse(spec);
            assertThat(selection.isAll()).isTrue();
            assertThat(selection.exercises()).containsExactly(Exercise.values());
            assertThat(selection.error()).isEmpty();
        }
    }

    @Test
    void selectsOneExercise() {
        ExerciseSelection selection = ExerciseSelection.parse("2.2");
        assertThat(selection.exercises()).containsExactly(Exercise.E2_2);
        assertThat(selection.includes(Exercise.E2_2)).isTrue();
        assertThat(selection.includes(Exercise.E2_3)).isFalse();
        assertThat(selection.spec()).contains("2.2");
        assertThat(selection).hasToString("-Dexercise=2.2");
    }

    @Test
    void selectsAGroupAndCommaLists() {
        assertThat(ExerciseSelection.parse("1").exercises()).containsExactlyElementsOf(Exercise.byGroup(1));
        assertThat(ExerciseSelection.parse(" 2.5 , 1.1,2.5").exercises()).containsExactly(Exercise.E1_1, Exercise.E2_5);
        assertThat(ExerciseSelection.parse("1.2,2").exercises()).containsExactly(Exercise.E1_2, Exercise.E2_1,
                Exercise.E2_2, Exercise.E2_3, Exercise.E2_4, Exercise.E2_5);
    }

    @Test
    void anUnknownIdSelectsNothingAndSaysWhichIdsAreValid() {
        ExerciseSelection selection = ExerciseSelection.parse("2.2,99.9");
        assertThat(selection.isAll()).isFalse();
        assertThat(selection.exercises()).isEmpty();
        assertThat(selection.includes(Exercise.E2_2)).isFalse();
        assertThat(selection.error()).contains("-Dexercise=2.2,99.9: unknown exercise '99.9'. Valid ids: "
                + Exercise.validIds() + ".");
    }

    @Test
    void namesEveryUnknownId() {
        assertThat(ExerciseSelection.parse("x, 99, 1.2.3").error().orElseThrow())
                .startsWith("-Dexercise=x, 99, 1.2.3: unknown exercises 'x', '99', '1.2.3'. Valid ids: 0 (all of");
    }

    @Test
    void readsTheSystemProperty() {
        String before = System.getProperty(ExerciseSelection.PROPERTY);
        try {
            System.setProperty(ExerciseSelection.PROPERTY, "1.3");
            assertThat(ExerciseSelection.fromSystemProperties().exercises()).containsExactly(Exercise.E1_3);
        } finally {
            if (before == null) {
                System.clearProperty(ExerciseSelection.PROPERTY);
            } else {
                System.setProperty(ExerciseSelection.PROPERTY, before);
            }
        }
    }
}
