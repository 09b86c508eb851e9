package org.paramlab.grader.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paramlab.grader.assertions.TensorAssert.assertThatTensor;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.Tolerance;
import org.paramlab.tensor.Tensor;

class TensorAssertTest {

    private static final String HINT = "see the notebook section 'Parameter Access'";
    @Test
    void passesWhenClose() {
        Tensor e = Tensor.of(new float[] {0.1f, 0.2f}, 2, 1);
        Tensor a = Tensor.of(new float[] {Math.nextUp(0.1f), 0.2f}, 2, 1);
        assertThatCode(() -> assertThatTensor(a).named("net(X)").withHint(HINT).hasShape(2, 1).isCloseTo(e))
                .doesNotThrowAnyException();
        assertThatCode(() -> assertThatTensor(e).isCloseTo(e.clone(), Tolerance.EXACT)).doesNotThrowAnyException();
    }

    @Test
    void failsWithTheMismatchTextAndNothingElse() {
        Tensor e = Tensor.of(new float[] {0.5f, 1f}, 2, 1);
        Tensor a = Tensor.of(new float[] {0.5f, 1.01f}, 2, 1);
        assertThatThrownBy(() -> assertThatTensor(a).named("net(X)").withHint(HINT).isCloseTo(e))
                .isInstanceOf(AssertionError.class)
                .hasMessage(TensorMismatch.compare("net(X)", e, a, Tolerance.CPU_FLOAT32, HINT).orElseThrow());
    }

    @Test
    void usesTheProvidersTolerance() {
        Tensor e = Tensor.of(new float[] {1f}, 1);
        Tensor a = Tensor.of(new float[] {1.00005f}, 1); // within CUDA's 1e-4, outside CPU's 1e-5
        assertThat(Provider.current()).isEqualTo(Provider.CPU);
        assertThatThrownBy(() -> assertThatTensor(a).isCloseTo(e)).hasMessageContaining("(CPU float32)");
        assertThatCode(() -> assertThatTensor(a).isCloseTo(e, Provider.CUDA.tolerance())).doesNotThrowAnyException();
    }

    @Test
    void shapeAndNullFailures() {
        assertThatThrownBy(() -> assertThatTensor(Tensor.zeros(2, 8)).named("net(X)").hasShape(2, 1))
                .hasMessage("net(X): expected shape [2, 1] but was [2, 8]");
        assertThatThrownBy(() -> assertThatTensor(null).named("net[0].weight").withHint(HINT).hasShape(8, 4))
                .hasMessage("net[0].weight: expected a tensor of shape [8, 4] but was null (nothing was returned or stored)\n"
                        + "  hint: " + HINT);
        assertThatThrownBy(() -> assertThatTensor(null).isCloseTo(Tensor.zeros(1)))
                .hasMessageStartingWith("tensor: expected a tensor of shape [1] but was null");
    }

    @Test
    void anAssertJDescriptionServesAsTheName_andPercentSignsAreSafe() {
        assertThatThrownBy(() -> assertThatTensor(Tensor.zeros(3)).as("100% of w").hasShape(2))
                .hasMessage("100% of w: expected shape [2] but was [3]");
        assertThatThrownBy(() -> assertThatTensor(Tensor.zeros(3)).named("50% %s").withHint("%d").hasShape(2))
                .hasMessage("50% %s: expected shape [2] but was [3]\n  hint: %d");
    }
}
