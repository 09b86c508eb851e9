package org.paramlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Forward values, shapes, broadcasting, views, in-place edits and their error messages. */
class TensorTest {

    private static Tensor m(float[][] rows) {
        return Tensor.of(rows);
    }

    @Test
    void ofCopiesAndValidatesTheShape() {
        float[] values = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(values, 2, 3);
        values[0] = 42;
        assertThat(t.get(0, 0)).isEqualTo(1f);
        assertThat(t.shape().toArray()).containsExactly(2, 3);
        assertThat(t.numel()).isEqualTo(6);
        assertThat(t.dim()).isEqualTo(2);
        assertThat(t.size()).isEqualTo(new Size(2, 3));
        assertThat(t.size(-1)).isEqualTo(3);
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape [2, 3] needs 6 values but 5 were given");
        assertThatThrownBy(() -> Tensor.of(new float[0], -1))
                .hasMessageContaining("negative size");
        assertThatThrownBy(() -> Tensor.of(new float[][] {{1, 2}, {3}}))
                .hasMessageContaining("row 1 has 1 values but row 0 has 2");
    }

    @Test
    void shapeIsATorchSizeAndADefensiveCopy() {
        Tensor t = Tensor.zeros(2, 3);
        assertThat(t.shape()).isEqualTo(new Size(2, 3)).isEqualTo(t.size());
        assertThat(t.shape()).hasToString("torch.Size([2, 3])");
        assertThat(t.shape().get(0)).isEqualTo(2);
        assertThat(Tensor.scalar(1f).shape()).hasToString("torch.Size([])");
        t.shape().toArray()[0] = 7;
        assertThat(t.shape().toArray()).containsExactly(2, 3);
    }

    @Test
    void factories() {
        assertThat(Tensor.zeros(2, 2).toArray()).containsOnly(0f);
        assertThat(Tensor.ones(3).toArray()).containsExactly(1f, 1f, 1f);
        assertThat(Tensor.full(42f, 1, 2).toArray()).containsExactly(42f, 42f);
        Tensor s = Tensor.scalar(2.5f);
        assertThat(s.dim()).isZero();
        assertThat(s.item()).isEqualTo(2.5f);
        assertThatThrownBy(() -> Tensor.zeros(2).item()).hasMessageContaining("exactly one element");
    }

    @Test
    void elementAccessChecksBounds() {
        Tensor t = m(new float[][] {{1, 2}, {3, 4}});
        assertThat(t.get(1, 0)).isEqualTo(3f);
        assertThat(t.get(-1, -1)).isEqualTo(4f);
        assertThatThrownBy(() -> t.get(2, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index 2 is out of bounds for dimension 0 with size 2 (tensor of shape [2, 2])");
        assertThatThrownBy(() -> t.get(0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("get(0) names ONE element, so it needs 2 indices, one per dimension of this tensor of shape "
                        + "[2, 2], but got 1. For row 0 (PyTorch's w[0]) use w.select(0), for column 0 (w[:, 0]) use "
                        + "w.select(1, 0), for one element w.get(0, 0).");
        assertThatThrownBy(() -> t.get(0, 0, 0))
                .hasMessageContaining("has 3 coordinate(s) but the tensor of shape [2, 2] has 2 dimension(s)");
    }

    @Test
    void arithmeticBroadcastsABiasOverRows() {
        Tensor x = m(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor b = Tensor.of(new float[] {10, 20, 30}, 3);
        assertThat(x.add(b).toArray()).containsExactly(11, 22, 33, 14, 25, 36);
        assertThat(x.sub(b).toArray()).containsExactly(-9, -18, -27, -6, -15, -24);
        assertThat(x.mul(b).toArray()).containsExactly(10, 40, 90, 40, 100, 180);
        assertThat(x.div(2f).toArray()).containsExactly(0.5f, 1f, 1.5f, 2f, 2.5f, 3f);
        assertThat(x.add(1f).sub(1f).toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        Tensor column = Tensor.of(new float[] {1, 2}, 2, 1);
        assertThat(x.mul(column).toArray()).containsExactly(1, 2, 3, 8, 10, 12);
        assertThat(column.add(b).shape().toArray()).containsExactly(2, 3);
        assertThatThrownBy(() -> x.add(Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shapes [2, 3] and [2] cannot be broadcast");
    }

    @Test
    void unaryOperations() {
        Tensor x = Tensor.of(new float[] {-2, 0, 3}, 3);
        assertThat(x.relu().toArray()).containsExactly(0, 0, 3);
        assertThat(x.abs().toArray()).containsExactly(2, 0, 3);
        assertThat(x.neg().toArray()).containsExactly(2, -0f, -3);
        assertThat(x.pow(2).toArray()).containsExactly(4, 0, 9);
    }

    /** torch.relu on special values (torch 1.13): relu(nan) = nan, relu(-0.0) = -0.0, relu(-inf) = 0, relu(inf) = inf. */
    @Test
    void reluKeepsNaNAndTheSignOfZeroAsPyTorch() {
        float tiny = Float.MIN_VALUE;
        Tensor x = Tensor.of(new float[] {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, tiny, -tiny,
            Float.MAX_VALUE, -Float.MAX_VALUE}, 9).requiresGrad_(true);
        Tensor y = x.relu();
        assertThat(y.toArray()).containsExactly(Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, 0f, tiny, 0f, Float.MAX_VALUE, 0f);
        assertThat(Float.floatToRawIntBits(y.toArray()[1])).as("relu(-0.0) is -0.0").isEqualTo(Float.floatToRawIntBits(-0f));
        y.sum().backward();
        // PyTorch's threshold_backward: 0 where x <= 0, the incoming gradient elsewhere (NaN included)
        assertThat(x.grad().toArray()).containsExactly(1, 0, 0, 1, 0, 1, 0, 1, 0);
    }

    @Test
    void reductions() {
        Tensor x = m(new float[][] {{1, 2}, {3, 4}});
        assertThat(x.sum().item()).isEqualTo(10f);
        assertThat(x.sum().dim()).isZero();
        assertThat(x.mean().item()).isEqualTo(2.5f);
    }

    @Test
    void matmulOfEveryRankCombination() {
        Tensor a = m(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor b = m(new float[][] {{1, 0}, {0, 1}, {1, 1}});
        assertThat(a.matmul(b).shape().toArray()).containsExactly(2, 2);
        assertThat(a.matmul(b).toArray()).containsExactly(4, 5, 10, 11);
        Tensor v = Tensor.of(new float[] {1, 1, 1}, 3);
        assertThat(a.matmul(v).toArray()).containsExactly(6, 15);
        assertThat(a.matmul(v).shape().toArray()).containsExactly(2);
        assertThat(v.matmul(b).toArray()).containsExactly(2, 2);
        assertThat(v.matmul(v).dim()).isZero();
        assertThat(v.matmul(v).item()).isEqualTo(3f);
        assertThatThrownBy(() -> a.matmul(a))
                .hasMessage("matmul: shapes [2, 3] and [2, 3] cannot be multiplied (3 != 2): "
                        + "the last size of the first must equal the first size of the second");
    }

    @Test
    void transposeAndReshape() {
        Tensor a = m(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(a.t().shape().toArray()).containsExactly(3, 2);
        assertThat(a.t().toArray()).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(a.reshape(3, -1).shape().toArray()).containsExactly(3, 2);
        assertThat(a.reshape(6).toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> a.reshape(4, -1)).hasMessageContaining("is invalid for a tensor of 6 elements");
    }

    @Test
    void comparisonsGiveBoolMasks() {
        Tensor w = Tensor.of(new float[] {-6, 4, 5, -5}, 4);
        Tensor mask = w.abs().ge(5f);
        assertThat(mask.dtype()).isEqualTo(DType.BOOL);
        assertThat(mask.toArray()).containsExactly(1, 0, 1, 1);
        assertThat(w.mul(mask).toArray()).containsExactly(-6, 0, 5, -5);
        assertThat(w.eq(w).all()).isTrue();
        assertThat(w.gt(4f).any()).isTrue();
        assertThat(w.lt(-6f).any()).isFalse();
        assertThat(w.le(-6f).toArray()).containsExactly(1, 0, 0, 0);
        assertThat(w.eq(4f).toArray()).containsExactly(0, 1, 0, 0);
    }

    @Test
    void equalAndAllclose() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2);
        assertThat(a.equal(Tensor.of(new float[] {1, 2}, 2))).isTrue();
        assertThat(a.equal(Tensor.of(new float[] {1, 2}, 1, 2))).isFalse();
        assertThat(a.allclose(Tensor.of(new float[] {1, 2.0001f}, 2), 1e-3, 0)).isTrue();
        assertThat(a.allclose(Tensor.of(new float[] {1, 2.1f}, 2), 1e-3, 0)).isFalse();
        assertThat(Tensor.scalar(Float.NaN).allclose(Tensor.scalar(Float.NaN), 1, 1)).isFalse();
    }

    @Test
    void dataSharesStorageAndSelectIsAView() {
        Tensor w = m(new float[][] {{1, 2}, {3, 4}});
        w.data().set(42f, 0, 0);
        assertThat(w.get(0, 0)).isEqualTo(42f);
        Tensor row = w.select(1);
        assertThat(row.shape().toArray()).containsExactly(2);
        row.set(100f, 0);
        assertThat(w.get(1, 0)).isEqualTo(100f);
        assertThat(w.select(-1).toArray()).containsExactly(100, 4);
        assertThatThrownBy(() -> w.select(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void inPlaceEditsAsInTheNotebook() {
        Tensor w = m(new float[][] {{1, 2}, {3, 4}});
        assertThat(w.add_(1f)).isSameAs(w);
        assertThat(w.toArray()).containsExactly(2, 3, 4, 5);
        w.mul_(w.ge(4f));
        assertThat(w.toArray()).containsExactly(0, 0, 4, 5);
        w.sub_(1f).div_(2f);
        assertThat(w.toArray()).containsExactly(-0.5f, -0.5f, 1.5f, 2f);
        w.copy_(Tensor.of(new float[] {7, 8}, 2));
        assertThat(w.toArray()).containsExactly(7, 8, 7, 8);
        w.fill_(3f);
        assertThat(w.toArray()).containsOnly(3f);
        w.zero_();
        assertThat(w.toArray()).containsOnly(0f);
        assertThatThrownBy(() -> w.add_(Tensor.zeros(3, 2, 2)))
                .hasMessageContaining("does not fit in this tensor of shape [2, 2]");
    }

    @Test
    void aLeafThatRequiresGradCannotBeEditedInPlace() {
        Tensor w = Tensor.zeros(2).requiresGrad_(true);
        assertThatThrownBy(() -> w.fill_(1f))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fill_: a leaf tensor that requires grad (a parameter) cannot be edited in place")
                .hasMessageContaining("a leaf Variable that requires grad is being used in an in-place operation")
                .hasMessageContaining("edit its data() instead")
                .hasMessageContaining("net[0].weight.data[:] += 1");
        w.data().fill_(1f);
        assertThat(w.toArray()).containsExactly(1, 1);
    }

    @Test
    void anActivationCannotBeEditedInPlaceAndTheMessageSaysToWriteTheOutOfPlaceOp() {
        Tensor w = Tensor.ones(2).requiresGrad_(true);
        Tensor x = w.mul(3f);
        assertThatThrownBy(() -> x.div_(2f))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("div_: this tensor was computed by MulBackward0")
                .hasMessageContaining("this library's autograd does not record in-place operations")
                .hasMessageContaining("x = x.div(...) rather than x.div_(...)")
                .hasMessageContaining("x = x.div(2f)")
                .hasMessageContaining("the graph stays whole")
                .hasMessageContaining("data() would cut the graph")
                .hasMessageNotContaining("edit its data() instead");
        assertThatThrownBy(() -> x.add_(1f)).hasMessageContaining("x = x.add(...) rather than x.add_(...)");
        assertThatThrownBy(() -> x.fill_(1f)).hasMessageStartingWith("fill_: this tensor was computed by MulBackward0")
                .hasMessageContaining("x = x.div(2f)");
        assertThat(x.toArray()).containsExactly(3, 3);
    }

    @Test
    void selectAlongDimensionZeroIsAViewAndTheRowOfAVectorIsAScalar() {
        Tensor w = m(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor row = w.select(0, 1);
        assertThat(row.shape()).isEqualTo(new Size(3));
        row.set(40f, 0);
        assertThat(w.get(1, 0)).isEqualTo(40f);
        assertThat(w.select(-2, 0).toArray()).containsExactly(1, 2, 3);
        Tensor scalar = Tensor.zeros(3).select(0);
        assertThat(scalar.dim()).isZero();
        assertThat(scalar).hasToString("tensor(0.)");
    }

    @Test
    void selectAlongAnotherDimensionIsACopyThatRefusesInPlaceEdits() {
        Tensor w = m(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor column = w.select(1, 0);
        assertThat(column.shape()).isEqualTo(new Size(2));
        assertThat(column.toArray()).containsExactly(1, 4);
        assertThat(w.select(1, -1).toArray()).containsExactly(3, 6);
        assertThat(w.select(-1, 1).toArray()).containsExactly(2, 5);
        assertThatThrownBy(() -> column.set(9f, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("set: this tensor is a copy, not a view as in PyTorch: w.select(1, 0) (PyTorch's w[:, 0]) "
                        + "copies column 0 of a tensor of shape [2, 3]")
                .hasMessageContaining("contiguous row-major")
                .hasMessageContaining("w.set(value, i, 0) for each row i");
        assertThatThrownBy(() -> column.add_(1f)).hasMessageStartingWith("add_: this tensor is a copy");
        assertThatThrownBy(() -> column.data().fill_(0f)).hasMessageStartingWith("fill_: this tensor is a copy");
        assertThat(w.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        Tensor cube = Tensor.zeros(2, 3, 4);
        assertThat(cube.select(2, 1).shape()).isEqualTo(new Size(2, 3));
        assertThatThrownBy(() -> cube.select(1, 2).select(0).fill_(1f))
                .hasMessageContaining("w.select(1, 2) (PyTorch's w[:, 2])")
                .hasMessageContaining("w.set(value, i, 2, j)");
    }

    @Test
    void selectOfAParameterTracksGradients() {
        Tensor w = m(new float[][] {{1, 2}, {3, 4}}).requiresGrad_(true);
        Tensor column = w.select(1, 0);
        assertThat(column.gradFnName()).isEqualTo("SelectBackward0");
        assertThat(column).hasToString("tensor([1., 3.], grad_fn=<SelectBackward0>)");
        column.mul(2f).sum().backward();
        assertThat(w.grad().toArray()).containsExactly(2, 0, 2, 0);
    }

    @Test
    void selectOutOfRangeNamesDimIndexAndShape() {
        Tensor w = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> w.select(1, 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("select(1, 3): index 3 is out of range for dimension 1 with size 3 (tensor of shape [2, 3])");
        assertThatThrownBy(() -> w.select(1, -4))
                .hasMessage("select(1, -4): index -4 is out of range for dimension 1 with size 3 (tensor of shape [2, 3])");
        assertThatThrownBy(() -> w.select(2, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("select(2, 0): dimension 2 is out of range for a tensor of shape [2, 3] (expected a dimension in [-2, 1])");
        assertThatThrownBy(() -> w.select(5))
                .hasMessage("select(0, 5): index 5 is out of range for dimension 0 with size 2 (tensor of shape [2, 3])");
        assertThatThrownBy(() -> Tensor.scalar(1f).select(0, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("scalar");
    }

    @Test
    void identityNotValueEquality() {
        Tensor a = Tensor.zeros(2);
        Tensor b = Tensor.zeros(2);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.equal(b)).isTrue();
    }

    @Test
    void rejectsNullOperands() {
        Tensor a = Tensor.zeros(2);
        assertThatThrownBy(() -> a.add((Tensor) null)).hasMessage("other must not be null");
        assertThatThrownBy(() -> Tensor.of(null, 1)).hasMessage("values must not be null");
    }
}
