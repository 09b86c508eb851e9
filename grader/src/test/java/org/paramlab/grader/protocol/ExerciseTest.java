package org.paramlab.grader.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.paramlab.grader.protocol.Exercise;

class ExerciseTest {

    @Test
    void idsAreUniqueAndMatchTheirGroupAndConstantName() {
        Set<String> ids = new HashSet<>();
        for (Exercise exercise : Exercise.values()) {
            assertThat(ids.add(exercise.id())).as("duplicate id %s", exercise.id()).isTrue();
            assertThat(exercise.id()).startsWith(exercise.groupNumber() + ".");
            assertThat(exercise.name()).isEqualTo("E" + exercise.id().replace('.', '_'));
            assertThat(exercise.title()).isNotBlank();
            assertThat(exercise.section()).isNotBlank();
        }
    }

    @Test
    void groupsAreContiguousInReportOrder() {
        int previous = 0;
        for (Exercise exercise : Exercise.values()) {
            assertThat(exercise.groupNumber()).isBetween(previous, previous + 1);
            previous = exercise.groupNumber();
        }
    }

    @Test
    void describesTheFirstGroups() {
        assertThat(Exercise.E1_2.id()).isEqualTo("1.2");
        assertThat(Exercise.E1_2.groupNumber()).isEqualTo(1);
        assertThat(Exercise.E1_2.groupTitle()).isEqualTo("Modules");
        assertThat(Exercise.E1_2.title()).isEqualTo("Linear.forward");
        assertThat(Exercise.E1_2.section()).isEqualTo("Parameter Access");
        assertThat(Exercise.E2_5.groupTitle()).isEqualTo("Parameter access");
        assertThat(Exercise.E2_5.title()).isEqualTo("loadStateDict (strict)");
        assertThat(Exercise.E1_2).hasToString("1.2 Linear.forward");
    }

    @Test
    void looksUpById() {
        assertThat(Exercise.byId("2.3")).isEqualTo(Exercise.E2_3);
        assertThat(Exercise.byId(" 1.6 ")).isEqualTo(Exercise.E1_6);
        assertThat(Exercise.find("7.7")).isEmpty();
    }

    @Test
    void anUnknownIdListsTheValidOnes() {
        assertThatThrownBy(() -> Exercise.byId("1.9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown exercise '1.9'; valid ids: 0 (all of Rules your code must follow), 0.1, 0.2,"
                        + " 1 (all of Modules), 1.1, 1.2, 1.3, 1.4, 1.5, 1.6,"
                        + " 2 (all of Parameter access), 2.1, 2.2, 2.3, 2.4, 2.5,"
                        + " 3 (all of Initialization), 3.1, 3.2, 3.3, 3.4, 3.5,"
                        + " 4 (all of Lazy initialization), 4.1, 4.2, 4.3,"
                        + " 5 (all of Tied parameters), 5.1, 5.2, 5.3,"
                        + " 6 (all of Custom models), 6.1, 6.2, 6.3,"
                        + " 7 (all of Training with a shared layer), 7.1, 7.2");
    }

    @Test
    void looksUpByGroup() {
        assertThat(Exercise.byGroup(2)).containsExactly(Exercise.E2_1, Exercise.E2_2, Exercise.E2_3,
                Exercise.E2_4, Exercise.E2_5);
        List<Exercise> all = Arrays.stream(Exercise.Group.values()).flatMap(g -> g.exercises().stream()).toList();
        assertThat(all).containsExactly(Exercise.values());
        assertThatThrownBy(() -> Exercise.byGroup(9)).hasMessageStartingWith("unknown exercise group 9; valid ids: 0 (");
    }
}
