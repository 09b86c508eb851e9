package org.paramlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * Reverse-mode autograd: every differentiable operation is checked against central finite
 * differences (in double, on float32 inputs chosen away from kinks), and accumulation into
 * leaves is checked the way tied parameters need it.
 */
class AutogradTest {

    private static final Generator RANDOM = new Generator(1234);

    /** A leaf with values in [-1, 1), away from 0 so that relu/abs are differentiable there. */
    private static Tensor leaf(int... shape) {
        Tensor t = Tensor.rand(RANDOM, shape).mul(2f).sub(1f);
        float[] v = t.toArray();
        for (int i = 0; i < v.length; i++) {
            if (Math.abs(v[i]) < 0.05f) {
                v[i] += 0.1f;
            }
        }
        return Tensor.of(v, shape).requiresGrad_(true);
    }

    /** Compares autograd's gradient of {@code f(inputs).sum()} with finite differences. */
    private static void checkGradients(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        List<Tensor> in = List.of(inputs);
        f.apply(in).sum().backward();
        for (Tensor input : inputs) {
            float[] analytic = input.grad().toArray();
            float[] values = input.toArray();
            for (int i = 0; i < values.length; i++) {
                double h = 1e-2;
                float saved = values[i];
                input.data().copy_(Tensor.of(with(values, i, (float) (saved + h)), input.shape().toArray()));
                double plus = f.apply(in).sum().item();
                input.data().copy_(Tensor.of(with(values, i, (float) (saved - h)), input.shape().toArray()));
                double minus = f.apply(in).sum().item();
                input.data().copy_(Tensor.of(values, input.shape().toArray()));
                double numeric = (plus - minus) / (2 * h);
                assertThat((double) analytic[i]).as("d/dx[%d]", i).isCloseTo(numeric, within(2e-2 + 1e-2 * Math.abs(numeric)));
            }
        }
    }

    private static float[] with(float[] values, int i, float v) {
        float[] copy = values.clone();
        copy[i] = v;
        return copy;
    }

    @Test
    void addSubMulDivWithBroadcasting() {
        checkGradients(in -> in.get(0).add(in.get(1)), leaf(2, 3), leaf(3));
        checkGradients(in -> in.get(0).sub(in.get(1)), leaf(2, 3), leaf(2, 1));
        checkGradients(in -> in.get(0).mul(in.get(1)), leaf(2, 3), leaf(3));
        checkGradients(in -> in.get(0).div(in.get(1).abs().add(1f)), leaf(2, 3), leaf(3));
        checkGradients(in -> in.get(0).mul(3f).add(1f).sub(2f).div(4f), leaf(4));
    }

    @Test
    void unaryOperations() {
        checkGradients(in -> in.get(0).relu(), leaf(3, 4));
        checkGradients(in -> in.get(0).abs(), leaf(5));
        checkGradients(in -> in.get(0).neg(), leaf(5));
        checkGradients(in -> in.get(0).pow(2f), leaf(5));
        checkGradients(in -> in.get(0).abs().add(1f).pow(0.5f), leaf(5));
    }

    @Test
    void matmulTransposeAndReductions() {
        checkGradients(in -> in.get(0).matmul(in.get(1).t()).add(in.get(2)), leaf(2, 4), leaf(3, 4), leaf(3));
        checkGradients(in -> in.get(0).matmul(in.get(1)), leaf(4), leaf(4, 2));
        checkGradients(in -> in.get(0).matmul(in.get(1)), leaf(2, 4), leaf(4));
        checkGradients(in -> in.get(0).mean().mul(in.get(0).sum()), leaf(2, 2));
        checkGradients(in -> in.get(0).reshape(4, 1).matmul(in.get(1)), leaf(2, 2), leaf(1, 3));
        checkGradients(in -> in.get(0).select(1).mul(in.get(0).select(0)), leaf(2, 3));
        checkGradients(in -> in.get(0).select(1, 2).mul(in.get(0).select(-1, 0)), leaf(2, 3));
        checkGradients(in -> in.get(0).select(1, 1).select(1, 0).mul(in.get(0).select(2, -1).select(1, 2)), leaf(2, 3, 4));
        checkGradients(in -> in.get(0).clone().mul(2f), leaf(3));
        checkGradients(in -> Tensor.addmm(in.get(0), in.get(1), in.get(2).t()), leaf(3), leaf(2, 4), leaf(3, 4));
        checkGradients(in -> Tensor.addmm(in.get(0), in.get(1), in.get(2)), leaf(2, 1), leaf(2, 4), leaf(4, 3));
    }

    @Test
    void addmmIsMatmulPlusABroadcastBiasInOneNode() {
        Tensor bias = leaf(3);
        Tensor x = leaf(5, 4);
        Tensor w = leaf(3, 4);
        Tensor fused = Tensor.addmm(bias, x, w.t());
        assertThat(fused.gradFnName()).isEqualTo("AddmmBackward0");
        assertThat(fused.toString()).startsWith("tensor([[").endsWith("grad_fn=<AddmmBackward0>)");
        fused.mul(fused).sum().backward();
        float[][] grads = {bias.grad().toArray(), x.grad().toArray(), w.grad().toArray()};
        bias.setGrad(null);
        x.setGrad(null);
        w.setGrad(null);
        Tensor reference = x.matmul(w.t()).add(bias);
        assertThat(fused.toArray()).containsExactly(reference.toArray(), within(1e-6f));
        reference.mul(reference).sum().backward();
        assertThat(grads[0]).containsExactly(bias.grad().toArray(), within(1e-5f));
        assertThat(grads[1]).containsExactly(x.grad().toArray(), within(1e-5f));
        assertThat(grads[2]).containsExactly(w.grad().toArray(), within(1e-5f));
        // no input requires grad: a plain tensor
        Tensor plain = Tensor.addmm(Tensor.ones(2), Tensor.ones(1, 3), Tensor.ones(3, 2));
        assertThat(plain.gradFnName()).isNull();
        assertThat(plain.toArray()).containsExactly(4f, 4f);
        assertThatThrownBy(() -> Tensor.addmm(Tensor.ones(2), Tensor.ones(3), Tensor.ones(3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be 2-D");
        assertThatThrownBy(() -> Tensor.addmm(Tensor.ones(2), Tensor.ones(1, 3), Tensor.ones(4, 2)))
                .hasMessageContaining("cannot be multiplied (1x3 and 4x2)");
        assertThatThrownBy(() -> Tensor.addmm(Tensor.ones(2, 2), Tensor.ones(1, 3), Tensor.ones(3, 2)))
                .hasMessageContaining("does not broadcast");
    }

    @Test
    void aTensorUsedTwiceGetsTheSumOfBothGradients() {
        Tensor w = Tensor.of(new float[] {2f}, 1).requiresGrad_(true);
        Tensor x = Tensor.of(new float[] {3f}, 1);
        // y = w * (w * x): dy/dw = 2 w x = 12
        w.mul(w.mul(x)).sum().backward();
        assertThat(w.grad().toArray()).containsExactly(12f);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilCleared() {
        Tensor w = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad_(true);
        assertThat(w.grad()).isNull();
        w.mul(3f).sum().backward();
        assertThat(w.grad().toArray()).containsExactly(3f, 3f);
        w.mul(3f).sum().backward();
        assertThat(w.grad().toArray()).containsExactly(6f, 6f);
        w.setGrad(null);
        assertThat(w.grad()).isNull();
    }

    @Test
    void onlyLeavesThatRequireGradGetGradients() {
        Tensor w = Tensor.of(new float[] {1f}, 1).requiresGrad_(true);
        Tensor c = Tensor.of(new float[] {5f}, 1);
        Tensor hidden = w.mul(c);
        hidden.sum().backward();
        assertThat(c.grad()).isNull();
        assertThat(hidden.grad()).isNull();
        assertThat(hidden.isLeaf()).isFalse();
        assertThat(hidden.gradFnName()).isEqualTo("MulBackward0");
        assertThat(w.isLeaf()).isTrue();
    }

    @Test
    void dataIsNotRecorded() {
        Tensor w = Tensor.of(new float[] {1f}, 1).requiresGrad_(true);
        Tensor y = w.data().mul(2f);
        assertThat(y.requiresGrad()).isFalse();
        assertThatThrownBy(() -> y.sum().backward())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not require grad");
    }

    @Test
    void backwardNeedsAScalar() {
        Tensor w = Tensor.zeros(2, 1).requiresGrad_(true);
        assertThatThrownBy(() -> w.mul(2f).backward())
                .hasMessageContaining("grad can be implicitly created only for scalar outputs")
                .hasMessageContaining("[2, 1]");
    }

    @Test
    void requiresGradOnlyOnLeaves() {
        Tensor w = Tensor.zeros(2).requiresGrad_(true);
        assertThatThrownBy(() -> w.mul(2f).requiresGrad_(false)).hasMessageContaining("only change leaf tensors");
        assertThatThrownBy(() -> w.setGrad(Tensor.zeros(3))).hasMessageContaining("does not match");
    }

    @Test
    void aDeepChainDoesNotOverflowTheStack() {
        Tensor w = Tensor.of(new float[] {1f}, 1).requiresGrad_(true);
        Tensor y = w;
        for (int i = 0; i < 20_000; i++) {
            y = y.add(0f);
        }
        y.sum().backward();
        assertThat(w.grad().toArray()).containsExactly(1f);
    }
}
