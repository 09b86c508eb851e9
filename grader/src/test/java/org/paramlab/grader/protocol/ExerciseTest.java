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
        assertThat(Exercise.find("7.99")).isEmpty();
    }

    /** The message's form on the first groups, then every group and id of the enum (so a new exercise edits nothing here). */
    @Test
    void anUnknownIdListsTheValidOnes() {
        StringBuilder all = new StringBuilder();
        for (Exercise.Group group : Exercise.Group.values()) {
            all.append(all.length() == 0 ? "" : ", ").append(group.number()).append(" (all of ").append(group.title())
                    .append(")");
            group.exercises().forEach(e -> all.append(", ").append(e.id()));
        }
        assertThatThrownBy(() -> Exercise.byId("1.99"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown exercise '1.99'; valid ids: 0 (all of Rules your code must follow),"
                        + " 0.1, 0.2, 1 (all of Modules), 1.1, 1.2, 1.3, 1.4, 1.5, 1.6,"
                        + " 2 (all of Parameter access), 2.1, 2.2, 2.3, 2.4, 2.5,")
                .hasMessage("unknown exercise '1.99'; valid ids: " + all);
    }

    @Test
    void looksUpByGroup() {
        assertThat(Exercise.byGroup(2)).containsExactly(Exercise.E2_1, Exercise.E2_2, Exercise.E2_3,
                Exercise.E2_4, Exercise.E2_5);
        List<Exercise> all = Arrays.stream(Exercise.Group.values()).flatMap(g -> g.exercises().stream()).toList();
        assertThat(all).containsExactly(Exercise.values());
        assertThatThrownBy(() -> Exercise.byGroup(99)).hasMessageStartingWith("unknown exercise group 99; valid ids: 0 (");
    }
}
