package org.paramlab.grader.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.Tolerance;
import org.paramlab.tensor.Tensor;

class TensorMismatchTest {

    private static final String HINT = "see the notebook section 'Parameter Access'";
    private static final String CPU = "|actual - expected| <= 1e-05 + 1e-05 * |expected| (CPU float32)";

    private static Tensor t(float[] v, int... shape) {
        return Tensor.of(v, shape);
    }

    @Test
    void matchingTensorsGiveNoMessage() {
        Tensor e = t(new float[] {1f, 2f, 3f, 4f}, 2, 2);
        Tensor a = t(new float[] {1f, Math.nextUp(2f), 3f, 4f}, 2, 2);
        assertThat(TensorMismatch.compare("w", e, a, Tolerance.CPU_FLOAT32, HINT)).isEmpty();
        assertThat(TensorMismatch.compare("w", e, t(new float[0], 0, 2), Tolerance.EXACT, null)).isPresent();
        assertThat(TensorMismatch.compare("w", t(new float[0], 0, 2), t(new float[0], 0, 2), Tolerance.EXACT, null))
                .isEmpty();
    }

    @Test
    void aShapeMismatchSaysBothShapes() {
        assertThat(TensorMismatch.compare("net(X)", Tensor.zeros(2, 1), Tensor.zeros(2, 8), Tolerance.CPU_FLOAT32, HINT))
                .hasValue("net(X): expected shape [2, 1] but was [2, 8]\n"
                        + "  hint: see the notebook section 'Parameter Access'");
        assertThat(TensorMismatch.shape("w", new int[] {8, 4}, new int[] {4, 8}, null))
                .hasValue("w: expected shape [8, 4] but was [4, 8]");
        assertThat(TensorMismatch.shape("w", new int[] {8, 4}, new int[] {8, 4}, null)).isEmpty();
    }

    @Test
    void aNullActualIsSaidPlainly() {
        assertThat(TensorMismatch.compare("net(X)", Tensor.zeros(2, 1), null, Tolerance.CPU_FLOAT32, HINT))
                .hasValue("net(X): expected a tensor of shape [2, 1] but was null (nothing was returned or stored)\n"
                        + "  hint: see the notebook section 'Parameter Access'");
        assertThat(TensorMismatch.nullActual(null, null, null))
                .isEqualTo("tensor: expected a tensor but was null (nothing was returned or stored)");
    }

    @Test
    void valueMismatchesGiveCountFirstIndexLargestDifferenceToleranceAndHint() {
        Tensor expected = t(new float[] {0.5f, 0.25f, 1f, 2f, 3f, 4f}, 3, 2);
        Tensor actual = t(new float[] {0.5f, 0.25f, 1.5f, 2f, 3f, 2f}, 3, 2);
        assertThat(TensorMismatch.compare("net(X)", expected, actual, Tolerance.CPU_FLOAT32, HINT))
                .hasValue("net(X): 2 of 6 elements differ from the expected values\n"
                        + "  first mismatch at [1, 0]: expected 1.0, actual 1.5\n"
                        + "  largest difference 2 at [2, 1]: expected 4.0, actual 2.0\n"
                        + "  tolerance: " + CPU + "\n"
                        + "  hint: see the notebook section 'Parameter Access'");
    }

    @Test
    void whenTheFirstMismatchIsAlsoTheLargestItIsNotRepeated() {
        Tensor expected = t(new float[] {1f, 2f}, 2);
        Tensor actual = t(new float[] {1.1f, 2.0001f}, 2);
        assertThat(TensorMismatch.compare("b", expected, actual, Tolerance.CPU_FLOAT32, null))
                .hasValue("b: all 2 of 2 elements differ from the expected values\n"
                        + "  first mismatch at [0]: expected 1.0, actual 1.1\n"
                        + "  largest difference 0.1 at [0]\n"
                        + "  tolerance: " + CPU);
    }

    @Test
    void nanInActualIsCalledOut() {
        Tensor expected = t(new float[] {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f}, 2, 4);
        float[] a = expected.toArray();
        a[3] = Float.NaN;
        a[5] = 9f;
        assertThat(TensorMismatch.compare("net(X)", expected, t(a, 2, 4), Tolerance.CPU_FLOAT32, null))
                .hasValue("net(X): 2 of 8 elements differ from the expected values\n"
                        + "  actual has NaN at [0, 3] (expected 4.0)\n"
                        + "  largest difference 3 at [1, 1]: expected 6.0, actual 9.0\n"
                        + "  tolerance: " + CPU);
    }

    @Test
    void infinitiesAreCalledOutAndCounted() {
        Tensor expected = t(new float[] {1f, 2f, 3f}, 3);
        Tensor actual = t(new float[] {Float.NEGATIVE_INFINITY, Float.NaN, 3f}, 3);
        assertThat(TensorMismatch.compare("h", expected, actual, Tolerance.CPU_FLOAT32, null))
                .hasValue("h: 2 of 3 elements differ from the expected values\n"
                        + "  actual has -Inf at [0] (expected 1.0); 2 elements are NaN or infinite\n"
                        + "  tolerance: " + CPU);
    }

    @Test
    void aFiniteFirstMismatchBeforeANanIsShownToo() {
        Tensor expected = t(new float[] {1f, 2f}, 1, 2);
        Tensor actual = t(new float[] {1.5f, Float.POSITIVE_INFINITY}, 1, 2);
        assertThat(TensorMismatch.compare("h", expected, actual, Tolerance.CPU_FLOAT32, null))
                .hasValue("h: all 2 of 2 elements differ from the expected values\n"
                        + "  actual has +Inf at [0, 1] (expected 2.0)\n"
                        + "  first mismatch at [0, 0]: expected 1.0, actual 1.5\n"
                        + "  largest difference 0.5 at [0, 0]\n"
                        + "  tolerance: " + CPU);
    }

    /** Where PyTorch's answer is NaN or an infinity, the same NaN or infinity matches and anything else does not. */
    @Test
    void nanMatchesNanAndAnInfinityOnlyItself() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        Tensor expected = t(new float[] {nan, inf, -inf, 1f}, 4);
        assertThat(TensorMismatch.compare("relu(X)", expected, t(new float[] {nan, inf, -inf, 1f}, 4), Tolerance.EXACT,
                null)).isEmpty();
        assertThat(TensorMismatch.compare("relu(X)", expected, t(new float[] {Float.intBitsToFloat(0x7fc00001), inf, -inf,
                1f}, 4), Tolerance.CPU_FLOAT32, null)).as("any NaN matches any NaN").isEmpty();
        assertThat(TensorMismatch.matches(nan, nan, Tolerance.EXACT)).isTrue();
        assertThat(TensorMismatch.matches(0f, nan, Tolerance.CPU_FLOAT32)).isFalse();
        assertThat(TensorMismatch.matches(nan, 0f, Tolerance.CPU_FLOAT32)).isFalse();
        assertThat(TensorMismatch.matches(inf, inf, Tolerance.EXACT)).isTrue();
        assertThat(TensorMismatch.matches(-inf, inf, Tolerance.CPU_FLOAT32)).isFalse();
        assertThat(TensorMismatch.matches(Float.MAX_VALUE, inf, Tolerance.CPU_FLOAT32)).isFalse();
        assertThat(TensorMismatch.matches(nan, inf, Tolerance.CPU_FLOAT32)).isFalse();
    }

    @Test
    void aNumberWherePyTorchGaveNanIsAMismatch() {
        Tensor expected = t(new float[] {Float.NaN, 2f, Float.NaN}, 3);
        assertThat(TensorMismatch.compare("relu(X)", expected, t(new float[] {0f, 2f, Float.NaN}, 3), Tolerance.EXACT, null))
                .hasValue("relu(X): 1 of 3 elements differ from the expected values\n"
                        + "  first mismatch at [0]: expected NaN, actual 0.0\n"
                        + "  tolerance: actual == expected (exact)");
    }

    @Test
    void anExpectedInfinityMissedAfterAFiniteMismatchIsShownToo() {
        Tensor expected = t(new float[] {1f, Float.NEGATIVE_INFINITY, 3f}, 3);
        Tensor actual = t(new float[] {1.5f, 0f, 3f}, 3);
        assertThat(TensorMismatch.compare("y", expected, actual, Tolerance.CPU_FLOAT32, null))
                .hasValue("y: 2 of 3 elements differ from the expected values\n"
                        + "  first mismatch at [0]: expected 1.0, actual 1.5\n"
                        + "  expected -Inf at [1], actual 0.0\n"
                        + "  largest difference 0.5 at [0]\n"
                        + "  tolerance: " + CPU);
    }

    @Test
    void aScalarAndAnExactTolerance() {
        assertThat(TensorMismatch.compare("loss", Tensor.scalar(0.25f), Tensor.scalar(0.25000003f), Tolerance.EXACT, null))
                .hasValue("loss: 1 of 1 element differs from the expected values\n"
                        + "  first mismatch at []: expected 0.25, actual 0.25000003\n"
                        + "  largest difference 2.98e-08 at []\n"
                        + "  tolerance: actual == expected (exact)");
    }

    @Test
    void indicesAreRowMajor() {
        assertThat(TensorMismatch.index(new int[] {2, 3}, 4)).isEqualTo("[1, 1]");
        assertThat(TensorMismatch.index(new int[] {2, 3, 4}, 23)).isEqualTo("[1, 2, 3]");
        assertThat(TensorMismatch.index(new int[0], 0)).isEqualTo("[]");
    }

    @Test
    void messagesAreShort() {
        Tensor expected = Tensor.zeros(64, 64);
        Tensor actual = Tensor.full(Float.NaN, 64, 64);
        String m = TensorMismatch.compare("big", expected, actual, Tolerance.CPU_FLOAT32, HINT).orElseThrow();
        assertThat(m.lines().count()).isLessThanOrEqualTo(6);
        assertThat(m).startsWith("big: all 4096 of 4096 elements differ").contains("actual has NaN at [0, 0]")
                .contains("4096 elements are NaN or infinite");
    }
}
