package org.paramlab.grader.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.paramlab.grader.protocol.Tolerance;

class ToleranceTest {

    @Test
    void acceptsWithinAtolPlusRtolTimesExpected() {
        Tolerance t = new Tolerance(1e-3, 1e-2, "test");
        assertThat(t.accepts(100.5, 100)).isTrue();   // 0.5 <= 0.001 + 1
        assertThat(t.accepts(101.5, 100)).isFalse();  // 1.5 > 1.001
        assertThat(t.accepts(0.0009, 0)).isTrue();
        assertThat(t.accepts(0.0011, 0)).isFalse();
        assertThat(t.accepts(-100.5, -100)).isTrue(); // |expected| on the right
    }

    @Test
    void cpuToleranceAcceptsOneUlpButNotARealMistake() {
        float y = 0.3721f;
        assertThat(Tolerance.CPU_FLOAT32.accepts(Math.nextUp(y), y)).isTrue();
        assertThat(Tolerance.CPU_FLOAT32.accepts(y + 1e-3f, y)).isFalse();
        assertThat(Tolerance.CUDA_FLOAT32.atol()).isGreaterThan(Tolerance.CPU_FLOAT32.atol());
    }

    @Test
    void nanIsNeverCloseAndInfinityOnlyToItself() {
        Tolerance loose = new Tolerance(1e9, 1e9, "loose");
        assertThat(loose.accepts(Double.NaN, 1)).isFalse();
        assertThat(loose.accepts(1, Double.NaN)).isFalse();
        assertThat(loose.accepts(Double.NaN, Double.NaN)).isFalse();
        assertThat(loose.accepts(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
        assertThat(loose.accepts(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)).isFalse();
        assertThat(Tolerance.CPU_FLOAT32.accepts(Double.POSITIVE_INFINITY, 1)).isFalse();
        assertThat(Tolerance.CPU_FLOAT32.accepts(1, Double.POSITIVE_INFINITY)).isFalse();
    }

    @Test
    void exactMeansEqualAsFloats() {
        float y = 0.3721f;
        assertThat(Tolerance.EXACT.accepts(y, y)).isTrue();
        assertThat(Tolerance.EXACT.accepts(Math.nextUp(y), y)).isFalse();
        assertThat(Tolerance.EXACT.accepts(-0.0, 0.0)).isTrue();
    }

    @Test
    void describesItselfForStudents() {
        assertThat(Tolerance.CPU_FLOAT32.describe())
                .isEqualTo("|actual - expected| <= 1e-05 + 1e-05 * |expected| (CPU float32)");
        assertThat(new Tolerance(0.001, 0.25, "loose").describe())
                .isEqualTo("|actual - expected| <= 0.001 + 0.25 * |expected| (loose)");
        assertThat(Tolerance.EXACT.describe()).isEqualTo("actual == expected (exact)");
        assertThat(Tolerance.format(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(Tolerance.format(0.1)).isEqualTo("0.1");
        assertThat(Tolerance.format(123.456)).isEqualTo("123");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Tolerance(-1, 0, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tolerance(0, Double.NaN, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tolerance(0, 0, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Tolerance.CPU_FLOAT32.named("loosened").name()).isEqualTo("loosened");
    }
}
