package org.paramlab.grader.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.GradingSeed;
import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.RunSettings;

class RunSettingsTest {

    private static RunSettings requested(Map<String, String> properties) {
        return RunSettings.requested(properties::get);
    }

    @Test
    void withoutASeedOneIsDrawnAtRandom() {
        RunSettings settings = requested(Map.of());
        assertThat(settings.seed()).isBetween(1L, 999_999_999L);
        assertThat(settings.provider()).isEqualTo(Provider.CPU);
        assertThat(settings.selection().isAll()).isTrue();
        assertThat(settings.errors()).isEmpty();
    }

    @Test
    void thePropertiesChooseSeedProviderAndExercises() {
        RunSettings settings = requested(Map.of("paramlab.seed", " 1234 ", "paramlab.provider", "CUDA",
                "exercise", "1.2,3"));
        assertThat(settings.requireSeed()).isEqualTo(1234L);
        assertThat(settings.requireProvider()).isEqualTo(Provider.CUDA);
        assertThat(settings.selection().includes(Exercise.E1_2)).isTrue();
        assertThat(settings.selection().includes(Exercise.E3_5)).isTrue();
        assertThat(settings.selection().includes(Exercise.E2_1)).isFalse();
        assertThat(requested(Map.of("paramlab.seed", "-7")).requireSeed()).isEqualTo(-7L);
    }

    @Test
    void badValuesAreClearErrors() {
        RunSettings settings = requested(Map.of("paramlab.seed", "12abc", "paramlab.provider", "tpu",
                "exercise", "9.9"));
        assertThat(settings.errors()).hasSize(3);
        assertThat(settings.errors().get(0))
                .isEqualTo("-Dparamlab.seed=12abc is not a seed: use a whole number such as -Dparamlab.seed=42");
        assertThatThrownBy(settings::requireSeed).hasMessage(settings.errors().get(0));
        assertThatThrownBy(settings::requireProvider).hasMessageContaining("tpu").hasMessageContaining("cpu")
                .hasMessageContaining("cuda");
        assertThat(settings.errors().get(2)).contains("unknown exercise '9.9'");
    }

    @Test
    void aSeedTooLargeForALongSaysSoAndGivesTheRange() {
        RunSettings settings = requested(Map.of("paramlab.seed", "99999999999999999999"));
        assertThat(settings.errors()).singleElement().isEqualTo("-Dparamlab.seed=99999999999999999999 is too large"
                + " for a seed: use a whole number from -9223372036854775808 to 9223372036854775807, such as"
                + " -Dparamlab.seed=42");
        assertThat(requested(Map.of("paramlab.seed", "9223372036854775807")).requireSeed()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theSettingsOfThisJvmAreReadOnceAndNeverChange() {
        RunSettings first = RunSettings.current();
        String before = System.getProperty(GradingSeed.PROPERTY);
        try {
            System.setProperty(GradingSeed.PROPERTY, "77");
            System.setProperty(Provider.PROPERTY, "cuda");
            assertThat(RunSettings.current()).isSameAs(first);
            assertThat(Provider.current()).isEqualTo(first.provider());
            assertThat(GradingSeed.get()).isEqualTo(first.seed());
        } finally {
            System.clearProperty(Provider.PROPERTY);
            if (before == null) {
                System.clearProperty(GradingSeed.PROPERTY);
            } else {
                System.setProperty(GradingSeed.PROPERTY, before);
            }
        }
        assertThatThrownBy(() -> RunSettings.freeze(first)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the run's settings are already fixed");
    }

    @Test
    void saysHowToReproduce() {
        assertThat(GradingSeed.reproduceCommand(42)).isEqualTo("./mvnw test -Dparamlab.seed=42");
        assertThat(GradingSeed.reproduceCommand(42, Exercise.E2_2)).isEqualTo("./mvnw test -Dexercise=2.2 -Dparamlab.seed=42");
    }
}
