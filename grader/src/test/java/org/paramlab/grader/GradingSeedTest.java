package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GradingSeedTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(GradingSeed.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(GradingSeed.PROPERTY);
        } else {
            System.setProperty(GradingSeed.PROPERTY, before);
        }
    }

    @Test
    void withoutThePropertyTheSeedIsRandomButFixedForTheJvm() {
        System.clearProperty(GradingSeed.PROPERTY);
        long seed = GradingSeed.get();
        assertThat(seed).isBetween(1L, 999_999_999L);
        assertThat(GradingSeed.get()).isEqualTo(seed);
    }

    @Test
    void thePropertyFixesTheSeed() {
        System.setProperty(GradingSeed.PROPERTY, " 1234 ");
        assertThat(GradingSeed.get()).isEqualTo(1234L);
        System.setProperty(GradingSeed.PROPERTY, "-7");
        assertThat(GradingSeed.get()).isEqualTo(-7L);
    }

    @Test
    void aBadValueIsAClearError() {
        System.setProperty(GradingSeed.PROPERTY, "12abc");
        assertThatThrownBy(GradingSeed::get)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dparamlab.seed=12abc is not a seed: use a whole number such as -Dparamlab.seed=42");
    }

    @Test
    void saysHowToReproduce() {
        assertThat(GradingSeed.reproduceCommand(42)).isEqualTo("mvn test -Dparamlab.seed=42");
    }
}
