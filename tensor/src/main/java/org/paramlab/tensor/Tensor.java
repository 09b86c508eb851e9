package org.paramlab.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A float32 tensor with reverse-mode automatic differentiation: a small, readable stand-in for
 * {@code torch.Tensor}.
 *
 * <p>Elements are stored row-major in a float array. Operations such as {@link #add(Tensor)} or
 * {@link #matmul(Tensor)} return new tensors; when an input {@link #requiresGrad() requires
 * grad} the result remembers how it was made, so that {@link #backward()} on a scalar can apply
 * the chain rule and <em>accumulate</em> gradients into the leaves: a tensor used twice gets the
 * sum of both contributions, exactly as PyTorch does (this is what makes tied parameters work).
 *
 * <p>Methods whose name ends in an underscore ({@link #fill_(float)}, {@link #add_(float)},
 * {@link #uniform_(float, float)}...) change the tensor in place and return it, as in PyTorch.
 * Autograd does not record them, so a tensor that requires grad may not be edited in place. For
 * a leaf (a parameter) that is PyTorch's own rule: edit its {@link #data()} instead, as the
 * notebook does with {@code net[0].weight.data[:] += 1} ({@code weight.data().add_(1f)}). For an
 * intermediate result (an activation, {@link #gradFnName()} not null) PyTorch would record the
 * edit, this library does not: write the out-of-place operation, {@code x = x.div(2f)} for the
 * notebook's {@code X /= 2}. A column taken with {@link #select(int, int)} is a copy, not a view,
 * and refuses in-place edits too.
 *
 * <p>Two tensors are equal only if they are the same object ({@code equals} is not overridden),
 * because identity is what tying parameters means. Compare values with {@link #equal(Tensor)},
 * {@link #allclose(Tensor, double, double)} or the element-wise {@link #eq(Tensor)}.
 *
 * @see <a href="https://pytorch.org/docs/1.13/tensors.html">torch.Tensor</a>
 *
 * <p>Long on purpose: the given library's one tensor type, whose javadoc students read as the reference of every
 * operation the notebook uses; most of its lines are that javadoc, and splitting it would scatter one API over
 * several pages.
 */
public class Tensor {

    private final float[] storage;
    private final int offset;
    private final int[] shape;
    private final int numel;
    private final DType dtype;
    private boolean requiresGrad;
    private Tensor grad;
    private final GradFn gradFn;
    /**
     * Set on the copies that {@link #select(int, int)} makes along a dimension other than 0 (and on
     * their data() and rows): why an in-place edit of this tensor is refused. Null otherwise.
     */
    private String copyOf;

    Tensor(float[] storage, int offset, int[] shape, DType dtype, boolean requiresGrad, GradFn gradFn) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.numel = Shapes.numel(shape);
        this.dtype = dtype;
        this.requiresGrad = requiresGrad;
        this.gradFn = gradFn;
    }

    /**
     * A leaf tensor that shares {@code data}'s elements, as {@code nn.Parameter(t)} shares
     * {@code t}'s storage. Used by subclasses such as {@code Parameter}.
     *
     * @param data         the elements to share (not copied)
     * @param requiresGrad whether autograd should compute a gradient for it
     */
    protected Tensor(Tensor data, boolean requiresGrad) {
        this(requireNonNull(data, "data").storage, data.offset, data.shape, data.dtype, requiresGrad, null);
        if (requiresGrad && dtype != DType.FLOAT32) {
            throw new IllegalArgumentException("only float32 tensors can require gradients, but this one is " + dtype);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Factories
    // ------------------------------------------------------------------------------------------

    /**
     * A tensor holding a copy of {@code values} in the given shape, like {@code torch.tensor}.
     *
     * @throws IllegalArgumentException if {@code values.length} is not the product of the shape
     */
    public static Tensor of(float[] values, int... shape) {
        requireNonNull(values, "values");
        int[] s = Shapes.checked(shape);
        int n = Shapes.numel(s);
        if (values.length != n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(s) + " needs " + n
                    + " values but " + values.length + " were given");
        }
        return new Tensor(values.clone(), 0, s, DType.FLOAT32, false, null);
    }

    /** A 2-D tensor from rows of equal length, e.g. {@code Tensor.of(new float[][] {{1, 2}, {3, 4}})}. */
    public static Tensor of(float[][] rows) {
        requireNonNull(rows, "rows");
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] values = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length
                        + " values but row 0 has " + cols + "; all rows must have the same length");
            }
            System.arraycopy(rows[r], 0, values, r * cols, cols);
        }
        return new Tensor(values, 0, new int[] {rows.length, cols}, DType.FLOAT32, false, null);
    }

    /** A 0-dimensional tensor holding {@code value}, like {@code torch.tensor(value)}. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, 0, new int[0], DType.FLOAT32, false, null);
    }

    /** A tensor of zeros, like {@code torch.zeros(shape)}. */
    public static Tensor zeros(int... shape) {
        int[] s = Shapes.checked(shape);
        return new Tensor(new float[Shapes.numel(s)], 0, s, DType.FLOAT32, false, null);
    }

    /** A tensor of ones, like {@code torch.ones(shape)}. */
    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /** A tensor filled with {@code value}, like {@code torch.full(shape, value)}. */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.storage, value);
        return t;
    }

    /**
     * Uniform samples from [0, 1) drawn from the default generator, like {@code torch.rand(shape)}:
     * after {@code Generator.manualSeed(s)} it gives PyTorch's numbers for {@code torch.manual_seed(s)}.
     */
    public static Tensor rand(int... shape) {
        return rand(Generator.getDefault(), shape);
    }

    /** Uniform samples from [0, 1) drawn from {@code generator}, like {@code torch.rand(shape, generator=g)}. */
    public static Tensor rand(Generator generator, int... shape) {
        return zeros(shape).uniform_(generator, 0f, 1f);
    }

    /** Standard normal samples from the default generator, like {@code torch.randn(shape)}. */
    public static Tensor randn(int... shape) {
        return randn(Generator.getDefault(), shape);
    }

    /** Standard normal samples drawn from {@code generator}, like {@code torch.randn(shape, generator=g)}. */
    public static Tensor randn(Generator generator, int... shape) {
        return zeros(shape).normal_(generator, 0f, 1f);
    }

    // ------------------------------------------------------------------------------------------
    // Shape and elements
    // ------------------------------------------------------------------------------------------

    /**
     * The shape, like PyTorch's {@code t.shape}: a {@link Size} that prints as
     * {@code torch.Size([8, 4])} ({@code torch.Size([])} for a scalar). {@link Size#get(int)} is
     * one dimension ({@code t.shape[0]}), {@link Size#toArray()} all of them as an {@code int[]}
     * (for factories such as {@code Tensor.zeros(t.shape().toArray())}).
     */
    public Size shape() {
        return new Size(shape);
    }

    /** The same as {@link #shape()}, like {@code t.size()}: {@code torch.Size([8, 4])}. */
    public Size size() {
        return shape();
    }

    /** The size of dimension {@code dim} (negative counts from the end), like {@code t.size(dim)}. */
    public int size(int dim) {
        return shape[normalizeDim(dim)];
    }

    /** The number of dimensions, like {@code t.dim()}. */
    public int dim() {
        return shape.length;
    }

    /** The number of elements, like {@code t.numel()}. */
    public int numel() {
        return numel;
    }

    /** {@link DType#FLOAT32} for numbers, {@link DType#BOOL} for the masks comparisons return. */
    public DType dtype() {
        return dtype;
    }

    /** A row-major copy of the elements. */
    public float[] toArray() {
        return Arrays.copyOfRange(storage, offset, offset + numel);
    }

    /**
     * The element at {@code index}, e.g. {@code w.get(0, 0)} for PyTorch's {@code w[0, 0].item()}:
     * one index per dimension, negative indices counting from the end. {@code get} names
     * <em>one</em> element; for a row use {@link #select(int)} ({@code w[0]} is {@code w.select(0)}),
     * for a column {@link #select(int, int)} ({@code w[:, 0]} is {@code w.select(1, 0)}).
     *
     * @throws IndexOutOfBoundsException if an index is out of range, or if there are fewer or more
     *                                   indices than dimensions
     */
    public float get(int... index) {
        requireNonNull(index, "index");
        if (index.length < shape.length) {
            throw new IndexOutOfBoundsException(fewerIndices("get", index));
        }
        return storage[offset + Shapes.flatIndex(shape, index)];
    }

    private String fewerIndices(String method, int[] index) {
        String given = Arrays.toString(index);
        String args = given.substring(1, given.length() - 1);
        return method + "(" + args + ") names ONE element, so it needs " + shape.length + " indices, one per dimension of this tensor of shape "
                + Arrays.toString(shape) + ", but got " + index.length + ". For row 0 (PyTorch's w[0]) use w.select(0), "
                + "for column 0 (w[:, 0]) use w.select(1, 0), for one element w.get(0, 0).";
    }

    /** The value of a one-element tensor, like {@code t.item()}. */
    public float item() {
        if (numel != 1) {
            throw new IllegalStateException("item() needs a tensor with exactly one element, but this one has shape "
                    + Arrays.toString(shape) + " (" + numel + " elements)");
        }
        return storage[offset];
    }

    /**
     * Row {@code index} of the first dimension as a view that shares this tensor's elements, like
     * PyTorch's {@code t[index]}: an edit of the view is an edit of this tensor. On a 1-D tensor
     * it is a 0-d tensor ({@code tensor(0.)}). The same as {@code select(0, index)}.
     *
     * @throws IndexOutOfBoundsException if this is a scalar or {@code index} is out of range
     */
    public Tensor select(int index) {
        return select(0, index);
    }

    /**
     * The slice at {@code index} along dimension {@code dim}, like {@code torch.select(t, dim, index)}:
     * {@code w.select(0, i)} is PyTorch's {@code w[i]}, {@code w.select(1, j)} is {@code w[:, j]}
     * (column {@code j} of a matrix). The result has one dimension fewer. Negative {@code dim} and
     * {@code index} count from the end, as in Python.
     *
     * <p>Java differs from PyTorch here: this library's tensors are contiguous and row-major (a
     * storage, an offset and a shape, no strides), so only a slice along dimension 0 can be a view.
     * For {@code dim == 0} the result is a view, as {@link #select(int)}; for any other dimension it
     * is a <em>copy</em>. Autograd differentiates through both ({@code grad_fn=<SelectBackward0>}),
     * but a copy cannot be edited in place: that is an {@link IllegalStateException} that says how
     * to edit the original instead (e.g. {@code w.set(value, i, j)} for each row {@code i}).
     *
     * @throws IndexOutOfBoundsException naming {@code dim}, {@code index} and the shape if either is
     *                                   out of range, or if this is a scalar
     */
    public Tensor select(int dim, int index) {
        int rank = shape.length;
        String call = "select(" + dim + ", " + index + ")";
        if (rank == 0) {
            throw new IndexOutOfBoundsException(call + " needs at least one dimension, but this tensor is a scalar (shape [])");
        }
        if (dim < -rank || dim >= rank) {
            throw new IndexOutOfBoundsException(call + ": dimension " + dim + " is out of range for a tensor of shape "
                    + Arrays.toString(shape) + " (expected a dimension in [" + -rank + ", " + (rank - 1) + "])");
        }
        int d = dim < 0 ? dim + rank : dim;
        int n = shape[d];
        if (index < -n || index >= n) {
            throw new IndexOutOfBoundsException(call + ": index " + index + " is out of range for dimension " + d
                    + " with size " + n + " (tensor of shape " + Arrays.toString(shape) + ")");
        }
        int i = index < 0 ? index + n : index;
        int[] rest = new int[rank - 1];
        for (int k = 0, r = 0; k < rank; k++) {
            if (k != d) {
                rest[r++] = shape[k];
            }
        }
        int inner = Shapes.numel(Arrays.copyOfRange(shape, d + 1, rank));
        int outer = Shapes.numel(Arrays.copyOfRange(shape, 0, d));
        if (d == 0) {
            GradFn fn = null;
            if (requiresGrad) {
                fn = new GradFn("SelectBackward0", new Tensor[] {this}, g -> {
                    float[] gi = new float[numel];
                    System.arraycopy(g, 0, gi, i * inner, inner);
                    return new float[][] {gi};
                });
            }
            Tensor view = new Tensor(storage, offset + i * inner, rest, dtype, requiresGrad, fn);
            view.copyOf = copyOf;
            return view;
        }
        float[] out = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(storage, offset + (o * n + i) * inner, out, o * inner, inner);
        }
        GradFn fn = null;
        if (requiresGrad) {
            fn = new GradFn("SelectBackward0", new Tensor[] {this}, g -> {
                float[] gi = new float[numel];
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(g, o * inner, gi, (o * n + i) * inner, inner);
                }
                return new float[][] {gi};
            });
        }
        Tensor copy = new Tensor(out, 0, rest, dtype, requiresGrad, fn);
        copy.copyOf = copyNote(d, i);
        return copy;
    }

    /** Why a copy made by select(d, i) cannot be edited, with the way to edit the original. */
    private String copyNote(int d, int i) {
        String what = shape.length == 2 && d == 1 ? "column " + i : "the slice at index " + i + " of dimension " + d;
        String pytorch = "w[" + ":, ".repeat(d) + i + "]";
        StringBuilder at = new StringBuilder();
        char letter = 'i';
        for (int k = 0; k < shape.length; k++) {
            at.append(", ").append(k == d ? String.valueOf(i) : String.valueOf(letter++));
        }
        String loop = shape.length == 2 ? "each row i" : "every index of the other dimensions";
        return "this tensor is a copy, not a view as in PyTorch: w.select(" + d + ", " + i + ") (PyTorch's " + pytorch
                + ") copies " + what + " of a tensor of shape " + Arrays.toString(shape)
                + ", because this library's tensors are contiguous row-major (no strides), so editing the copy would not "
                + "change w. Edit that " + (shape.length == 2 && d == 1 ? "column" : "slice") + " of the original instead, "
                + "element by element: w.set(value" + at + ") for " + loop
                + " (w.data().set(value" + at + ") if w requires grad)";
    }

    /** A copy with a new shape holding the same elements in the same order; one size may be -1. */
    public Tensor reshape(int... newShape) {
        int[] s = inferShape(newShape);
        GradFn fn = requiresGrad ? new GradFn("ReshapeBackward0", new Tensor[] {this}, g -> new float[][] {g.clone()}) : null;
        return new Tensor(toArray(), 0, s, dtype, requiresGrad, fn);
    }

    // ------------------------------------------------------------------------------------------
    // Autograd
    // ------------------------------------------------------------------------------------------

    /** Whether autograd computes a gradient for this tensor, like {@code t.requires_grad}. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Turns gradient tracking on or off for a leaf, like {@code t.requires_grad_(flag)}.
     *
     * @return this tensor
     */
    public Tensor requiresGrad_(boolean flag) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad_ can only change leaf tensors; this one was computed by "
                    + gradFn.name + " (use detach() to get a leaf)");
        }
        if (flag && dtype != DType.FLOAT32) {
            throw new IllegalStateException("only float32 tensors can require gradients, but this one is " + dtype);
        }
        requiresGrad = flag;
        return this;
    }

    /** True for tensors not computed by a recorded operation, like {@code t.is_leaf}. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /**
     * The gradient accumulated by {@link #backward()}, like {@code t.grad}: {@code null} until the
     * first backward pass reaches this leaf.
     */
    public Tensor grad() {
        return grad;
    }

    /**
     * Replaces the gradient, like assigning {@code t.grad}; {@code null} clears it, as
     * {@code zero_grad(set_to_none=True)} does.
     */
    public void setGrad(Tensor newGrad) {
        if (newGrad != null && !Arrays.equals(newGrad.shape, shape)) {
            throw new IllegalArgumentException("gradient of shape " + Arrays.toString(newGrad.shape)
                    + " does not match the tensor's shape " + Arrays.toString(shape));
        }
        grad = newGrad;
    }

    /** The name of the operation that made this tensor, e.g. {@code AddBackward0}; null for a leaf. */
    public String gradFnName() {
        return gradFn == null ? null : gradFn.name;
    }

    /**
     * The elements without autograd, like {@code t.data}: a tensor that shares this tensor's
     * storage, does not require grad, and can be edited in place. The notebook edits parameters
     * this way ({@code net[0].weight.data[0, 0] = 42} is {@code weight.data().set(42, 0, 0)}).
     */
    public Tensor data() {
        Tensor data = new Tensor(storage, offset, shape, dtype, false, null);
        data.copyOf = copyOf;
        return data;
    }

    /** Like {@link #data()}: a leaf sharing the elements, cut off from the graph ({@code t.detach()}). */
    public Tensor detach() {
        return data();
    }

    /** A copy of the elements that autograd differentiates through, like {@code t.clone()}. */
    public Tensor clone() {
        GradFn fn = requiresGrad ? new GradFn("CloneBackward0", new Tensor[] {this}, g -> new float[][] {g.clone()}) : null;
        return new Tensor(toArray(), 0, shape, dtype, requiresGrad, fn);
    }

    /**
     * Computes the gradient of this scalar with respect to every leaf that requires grad and adds
     * it to that leaf's {@link #grad()}, like {@code loss.backward()}. Gradients accumulate: call
     * {@code zeroGrad} between training steps.
     *
     * @throws IllegalStateException if this tensor is not a scalar or does not require grad
     */
    public void backward() {
        if (numel != 1) {
            throw new IllegalStateException("grad can be implicitly created only for scalar outputs, but this tensor has shape "
                    + Arrays.toString(shape) + "; reduce it first, e.g. with sum() or mean()");
        }
        if (!requiresGrad) {
            throw new IllegalStateException("this tensor does not require grad and has no grad_fn: nothing it was computed "
                    + "from requires grad (were the parameters used through data()?)");
        }
        List<Tensor> order = topologicalOrder();
        Map<Tensor, float[]> grads = new IdentityHashMap<>();
        grads.put(this, new float[] {1f});
        for (int k = order.size() - 1; k >= 0; k--) {
            Tensor t = order.get(k);
            float[] g = grads.remove(t);
            if (g == null) {
                continue;
            }
            if (t.gradFn == null) {
                t.accumulateGrad(g);
                continue;
            }
            float[][] inputGrads = t.gradFn.rule.apply(g);
            for (int i = 0; i < inputGrads.length; i++) {
                Tensor input = t.gradFn.inputs[i];
                if (inputGrads[i] == null || !input.requiresGrad) {
                    continue;
                }
                float[] sum = grads.get(input);
                if (sum == null) {
                    grads.put(input, inputGrads[i]);
                } else {
                    for (int j = 0; j < sum.length; j++) {
                        sum[j] += inputGrads[i][j];
                    }
                }
            }
        }
    }

    private void accumulateGrad(float[] g) {
        if (grad == null) {
            grad = new Tensor(g.clone(), 0, shape, DType.FLOAT32, false, null);
        } else {
            for (int j = 0; j < g.length; j++) {
                grad.storage[grad.offset + j] += g[j];
            }
        }
    }

    /** Every tensor this one depends on, inputs before the tensors computed from them. */
    private List<Tensor> topologicalOrder() {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {this, 0});
        seen.add(this);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = t.gradFn == null ? new Tensor[0] : t.gradFn.inputs;
            if (next < inputs.length) {
                frame[1] = next + 1;
                Tensor input = inputs[next];
                if (input.requiresGrad && seen.add(input)) {
                    stack.push(new Object[] {input, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    // ------------------------------------------------------------------------------------------
    // Element-wise arithmetic (broadcasting as in PyTorch)
    // ------------------------------------------------------------------------------------------

    /** {@code this + other}, broadcasting, like {@code torch.add}. */
    public Tensor add(Tensor other) {
        return binary(BinaryOp.ADD, other);
    }

    /** {@code this + value}. */
    public Tensor add(float value) {
        return binary(BinaryOp.ADD, scalar(value));
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return binary(BinaryOp.SUB, other);
    }

    /** {@code this - value}. */
    public Tensor sub(float value) {
        return binary(BinaryOp.SUB, scalar(value));
    }

    /** {@code this * other} element-wise (not a matrix product), broadcasting; a mask counts as 0/1. */
    public Tensor mul(Tensor other) {
        return binary(BinaryOp.MUL, other);
    }

    /** {@code this * value}. */
    public Tensor mul(float value) {
        return binary(BinaryOp.MUL, scalar(value));
    }

    /** {@code this / other} element-wise, broadcasting. */
    public Tensor div(Tensor other) {
        return binary(BinaryOp.DIV, other);
    }

    /** {@code this / value}. */
    public Tensor div(float value) {
        return binary(BinaryOp.DIV, scalar(value));
    }

    /** {@code -this}. */
    public Tensor neg() {
        return unary("NegBackward0", x -> -x, (x, g) -> -g);
    }

    /** {@code this ** exponent} element-wise, like {@code torch.pow}. */
    public Tensor pow(float exponent) {
        return unary("PowBackward0", x -> (float) Math.pow(x, exponent),
                (x, g) -> exponent == 0f ? 0f : g * exponent * (float) Math.pow(x, exponent - 1f));
    }

    /**
     * {@code max(x, 0)} element-wise, like {@code torch.relu}: a negative element becomes 0, every
     * other element stays as it is, so NaN stays NaN (as {@code torch.relu} and {@code Math.max} keep
     * it) and {@code -0.0} stays {@code -0.0} (as in PyTorch). Its gradient is 0 where {@code x <= 0}
     * and passes through elsewhere (at NaN too, as PyTorch's {@code threshold_backward}).
     */
    public Tensor relu() {
        return unary("ReluBackward0", x -> x < 0f ? 0f : x, (x, g) -> x <= 0f ? 0f : g);
    }

    /** {@code |x|} element-wise, like {@code torch.abs}; its gradient is {@code sign(x)} (0 at 0). */
    public Tensor abs() {
        return unary("AbsBackward0", Math::abs, (x, g) -> x > 0f ? g : x < 0f ? -g : 0f);
    }

    // ------------------------------------------------------------------------------------------
    // Reductions and linear algebra
    // ------------------------------------------------------------------------------------------

    /** The sum of all elements as a scalar, like {@code t.sum()}. */
    public Tensor sum() {
        float s = 0f;
        for (int i = 0; i < numel; i++) {
            s += storage[offset + i];
        }
        GradFn fn = requiresGrad ? new GradFn("SumBackward0", new Tensor[] {this}, g -> {
            float[] gi = new float[numel];
            Arrays.fill(gi, g[0]);
            return new float[][] {gi};
        }) : null;
        return new Tensor(new float[] {s}, 0, new int[0], DType.FLOAT32, requiresGrad, fn);
    }

    /** The mean of all elements as a scalar, like {@code t.mean()}. */
    public Tensor mean() {
        if (numel == 0) {
            throw new IllegalStateException("mean() of an empty tensor (shape " + Arrays.toString(shape) + ") is undefined");
        }
        float s = 0f;
        for (int i = 0; i < numel; i++) {
            s += storage[offset + i];
        }
        float n = numel;
        GradFn fn = requiresGrad ? new GradFn("MeanBackward0", new Tensor[] {this}, g -> {
            float[] gi = new float[numel];
            Arrays.fill(gi, g[0] / n);
            return new float[][] {gi};
        }) : null;
        return new Tensor(new float[] {s / n}, 0, new int[0], DType.FLOAT32, requiresGrad, fn);
    }

    /**
     * The matrix product, like {@code torch.matmul} for 1-D and 2-D operands:
     * {@code [n, k] @ [k, m] -> [n, m]}, {@code [k] @ [k, m] -> [m]}, {@code [n, k] @ [k] -> [n]},
     * {@code [k] @ [k] -> []}.
     *
     * @throws IllegalArgumentException naming both shapes when the inner sizes differ
     */
    public Tensor matmul(Tensor other) {
        requireNonNull(other, "other");
        if (shape.length == 0 || shape.length > 2 || other.shape.length == 0 || other.shape.length > 2) {
            throw new IllegalArgumentException("matmul supports 1-D and 2-D tensors, but got shapes "
                    + Arrays.toString(shape) + " and " + Arrays.toString(other.shape));
        }
        int n = shape.length == 2 ? shape[0] : 1;
        int k = shape[shape.length - 1];
        int k2 = other.shape[0];
        int m = other.shape.length == 2 ? other.shape[1] : 1;
        if (k != k2) {
            throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(shape) + " and "
                    + Arrays.toString(other.shape) + " cannot be multiplied (" + k + " != " + k2
                    + "): the last size of the first must equal the first size of the second");
        }
        float[] a = toArray();
        float[] b = other.toArray();
        float[] out = mm(a, b, n, k, m, false, false);
        int[] outShape;
        if (shape.length == 2 && other.shape.length == 2) {
            outShape = new int[] {n, m};
        } else if (shape.length == 2) {
            outShape = new int[] {n};
        } else if (other.shape.length == 2) {
            outShape = new int[] {m};
        } else {
            outShape = new int[0];
        }
        boolean track = requiresGrad || other.requiresGrad;
        GradFn fn = track ? new GradFn("MmBackward0", new Tensor[] {this, other}, g -> new float[][] {
            requiresGrad ? mm(g, b, n, m, k, false, true) : null,     // dA = dY @ B^T
            other.requiresGrad ? mm(a, g, k, n, m, true, false) : null // dB = A^T @ dY
        }) : null;
        return new Tensor(out, 0, outShape, DType.FLOAT32, track, fn);
    }

    /**
     * {@code input + mat1 @ mat2} in one operation, like {@code torch.addmm(input, mat1, mat2)}:
     * {@code mat1} is {@code [n, k]}, {@code mat2} is {@code [k, m]} and {@code input} broadcasts
     * to {@code [n, m]} (a bias {@code [m]} is added to every row). This is what
     * {@code nn.Linear} computes for a batch, {@code addmm(bias, x, weight.t())}, and why its output
     * prints {@code grad_fn=<AddmmBackward0>}: autograd records one node, whose backward gives each
     * of the three inputs its gradient ({@code input}'s summed over the dimensions it was broadcast
     * along). The values are those of {@code mat1.matmul(mat2).add(input)}.
     *
     * @throws IllegalArgumentException naming the shapes if {@code mat1} or {@code mat2} is not
     *                                  2-D, their inner sizes differ, or {@code input} does not
     *                                  broadcast to {@code [n, m]}
     */
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2) {
        requireNonNull(input, "input");
        requireNonNull(mat1, "mat1");
        requireNonNull(mat2, "mat2");
        if (mat1.shape.length != 2 || mat2.shape.length != 2) {
            throw new IllegalArgumentException("addmm: mat1 and mat2 must be 2-D matrices, but got shapes "
                    + Arrays.toString(mat1.shape) + " and " + Arrays.toString(mat2.shape));
        }
        int n = mat1.shape[0];
        int k = mat1.shape[1];
        int m = mat2.shape[1];
        if (mat2.shape[0] != k) {
            throw new IllegalArgumentException("addmm: mat1 and mat2 shapes cannot be multiplied ("
                    + n + "x" + k + " and " + mat2.shape[0] + "x" + m + "): shapes " + Arrays.toString(mat1.shape)
                    + " and " + Arrays.toString(mat2.shape));
        }
        int[] outShape = {n, m};
        int[] broadcast = Broadcast.shape("addmm", input.shape, outShape);
        if (!Arrays.equals(broadcast, outShape)) {
            throw new IllegalArgumentException("addmm: input of shape " + Arrays.toString(input.shape)
                    + " does not broadcast to the shape of mat1 @ mat2, " + Arrays.toString(outShape));
        }
        float[] a = mat1.toArray();
        float[] b = mat2.toArray();
        float[] c = input.toArray();
        int[] ic = Broadcast.sourceIndex(outShape, input.shape);
        float[] out = mm(a, b, n, k, m, false, false);
        for (int i = 0; i < out.length; i++) {
            out[i] += c[ic[i]];
        }
        boolean track = input.requiresGrad || mat1.requiresGrad || mat2.requiresGrad;
        GradFn fn = track ? new GradFn("AddmmBackward0", new Tensor[] {input, mat1, mat2}, g -> {
            float[] gc = null;
            if (input.requiresGrad) {
                gc = new float[c.length];
                for (int i = 0; i < g.length; i++) {
                    gc[ic[i]] += g[i];
                }
            }
            return new float[][] {
                gc,
                mat1.requiresGrad ? mm(g, b, n, m, k, false, true) : null, // d mat1 = dY @ mat2^T
                mat2.requiresGrad ? mm(a, g, k, n, m, true, false) : null  // d mat2 = mat1^T @ dY
            };
        }) : null;
        return new Tensor(out, 0, outShape, DType.FLOAT32, track, fn);
    }

    /**
     * {@code [rows, inner] @ [inner, cols]} on row-major arrays, optionally reading either operand
     * transposed (then it is stored as {@code [inner, rows]} or {@code [cols, inner]}).
     */
    private static float[] mm(float[] a, float[] b, int rows, int inner, int cols, boolean transA, boolean transB) {
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float s = 0f;
                for (int p = 0; p < inner; p++) {
                    float x = transA ? a[p * rows + i] : a[i * inner + p];
                    float y = transB ? b[j * inner + p] : b[p * cols + j];
                    s += x * y;
                }
                out[i * cols + j] = s;
            }
        }
        return out;
    }

    /** The transpose of a 2-D tensor (a copy), like {@code t.T}; 0-D and 1-D tensors come back as they are. */
    public Tensor t() {
        if (shape.length > 2) {
            throw new IllegalArgumentException("t() expects a tensor with at most 2 dimensions, but got shape " + Arrays.toString(shape));
        }
        if (shape.length < 2) {
            return this;
        }
        int r = shape[0];
        int c = shape[1];
        float[] out = transpose(toArray(), r, c);
        GradFn fn = requiresGrad ? new GradFn("TBackward0", new Tensor[] {this}, g -> new float[][] {transpose(g, c, r)}) : null;
        return new Tensor(out, 0, new int[] {c, r}, dtype, requiresGrad, fn);
    }

    private static float[] transpose(float[] values, int rows, int cols) {
        float[] out = new float[values.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = values[i * cols + j];
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // Comparisons (masks) and value checks
    // ------------------------------------------------------------------------------------------

    /** Element-wise {@code this == other} as a {@link DType#BOOL} mask, like {@code a == b}. */
    public Tensor eq(Tensor other) {
        return compare("eq", other, (x, y) -> x == y);
    }

    /** Element-wise {@code this == value} as a mask. */
    public Tensor eq(float value) {
        return compare("eq", scalar(value), (x, y) -> x == y);
    }

    /** Element-wise {@code this > value} as a mask. */
    public Tensor gt(float value) {
        return compare("gt", scalar(value), (x, y) -> x > y);
    }

    /** Element-wise {@code this >= value} as a mask, as in the notebook's {@code m.weight.data.abs() >= 5}. */
    public Tensor ge(float value) {
        return compare("ge", scalar(value), (x, y) -> x >= y);
    }

    /** Element-wise {@code this < value} as a mask. */
    public Tensor lt(float value) {
        return compare("lt", scalar(value), (x, y) -> x < y);
    }

    /** Element-wise {@code this <= value} as a mask. */
    public Tensor le(float value) {
        return compare("le", scalar(value), (x, y) -> x <= y);
    }

    /** True if every element is non-zero (every entry of a mask is True), like {@code t.all()}. */
    public boolean all() {
        for (int i = 0; i < numel; i++) {
            if (storage[offset + i] == 0f) {
                return false;
            }
        }
        return true;
    }

    /** True if some element is non-zero, like {@code t.any()}. */
    public boolean any() {
        for (int i = 0; i < numel; i++) {
            if (storage[offset + i] != 0f) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code other} has the same shape and exactly the same values, like {@code torch.equal}. */
    public boolean equal(Tensor other) {
        return other != null && Arrays.equals(shape, other.shape) && Arrays.equals(toArray(), other.toArray());
    }

    /**
     * True if the shapes match and {@code |this - other| <= atol + rtol * |other|} everywhere,
     * like {@code torch.allclose(this, other, rtol, atol)}; NaN is never close.
     */
    public boolean allclose(Tensor other, double rtol, double atol) {
        if (other == null || !Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < numel; i++) {
            double x = storage[offset + i];
            double y = other.storage[other.offset + i];
            if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y)) && x != y) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------
    // In-place edits (not recorded by autograd)
    // ------------------------------------------------------------------------------------------

    /** Sets every element to {@code value}, like {@code t.fill_(value)}. */
    public Tensor fill_(float value) {
        checkInPlace("fill_");
        Arrays.fill(storage, offset, offset + numel, value);
        return this;
    }

    /** Sets every element to 0, like {@code t.zero_()}. */
    public Tensor zero_() {
        return fill_(0f);
    }

    /** Copies {@code src}'s values into this tensor (broadcasting {@code src}), like {@code t.copy_(src)}. */
    public Tensor copy_(Tensor src) {
        return inPlace("copy_", src, (x, y) -> y);
    }

    /** Sets the element at {@code index}, like PyTorch's {@code t[0, 0] = value}. */
    public Tensor set(float value, int... index) {
        checkInPlace("set");
        storage[offset + Shapes.flatIndex(shape, index)] = value;
        return this;
    }

    /** {@code this += other} in place (broadcasting {@code other}), like {@code t += other}. */
    public Tensor add_(Tensor other) {
        return inPlace("add_", other, Float::sum);
    }

    /** {@code this += value} in place, like the notebook's {@code data[:] += 1}. */
    public Tensor add_(float value) {
        return inPlace("add_", scalar(value), Float::sum);
    }

    /** {@code this -= other} in place. */
    public Tensor sub_(Tensor other) {
        return inPlace("sub_", other, (x, y) -> x - y);
    }

    /** {@code this -= value} in place. */
    public Tensor sub_(float value) {
        return inPlace("sub_", scalar(value), (x, y) -> x - y);
    }

    /** {@code this *= other} in place; a mask counts as 0/1, as in {@code data *= data.abs() >= 5}. */
    public Tensor mul_(Tensor other) {
        return inPlace("mul_", other, (x, y) -> x * y);
    }

    /** {@code this *= value} in place. */
    public Tensor mul_(float value) {
        return inPlace("mul_", scalar(value), (x, y) -> x * y);
    }

    /** {@code this /= other} in place. */
    public Tensor div_(Tensor other) {
        return inPlace("div_", other, (x, y) -> x / y);
    }

    /** {@code this /= value} in place, as in the notebook's {@code X /= 2}. */
    public Tensor div_(float value) {
        return inPlace("div_", scalar(value), (x, y) -> x / y);
    }

    /**
     * Fills the tensor with samples from U(from, to) drawn from the default generator, like
     * {@code t.uniform_(from, to)}: the same seed gives PyTorch's numbers bit for bit.
     */
    public Tensor uniform_(float from, float to) {
        return uniform_(Generator.getDefault(), from, to);
    }

    /** Like {@link #uniform_(float, float)}, drawing from {@code generator}. */
    public Tensor uniform_(Generator generator, float from, float to) {
        checkInPlace("uniform_");
        float[] values = new float[numel];
        requireNonNull(generator, "generator").fillUniform(values, from, to);
        System.arraycopy(values, 0, storage, offset, numel);
        return this;
    }

    /**
     * Fills the tensor with samples from N(mean, std²) drawn from the default generator, like
     * {@code t.normal_(mean, std)}: the same seed gives PyTorch's numbers within 1e-6.
     */
    public Tensor normal_(float mean, float std) {
        return normal_(Generator.getDefault(), mean, std);
    }

    /** Like {@link #normal_(float, float)}, drawing from {@code generator}. */
    public Tensor normal_(Generator generator, float mean, float std) {
        checkInPlace("normal_");
        float[] values = new float[numel];
        requireNonNull(generator, "generator").fillNormal(values, mean, std);
        System.arraycopy(values, 0, storage, offset, numel);
        return this;
    }

    // ------------------------------------------------------------------------------------------
    // Printing
    // ------------------------------------------------------------------------------------------

    /**
     * PyTorch's repr, e.g. {@code tensor([[ 0.1524, -0.2269]], requires_grad=True)} or
     * {@code tensor(-0.0063, grad_fn=<SumBackward0>)}.
     */
    @Override
    public String toString() {
        List<String> suffixes = new ArrayList<>();
        if (gradFn != null) {
            suffixes.add("grad_fn=<" + gradFn.name + ">");
        } else if (requiresGrad) {
            suffixes.add("requires_grad=True");
        }
        return TensorFormat.repr(toArray(), shape, dtype, suffixes);
    }

    // ------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------

    private enum BinaryOp {
        ADD("add", "AddBackward0"), SUB("sub", "SubBackward0"), MUL("mul", "MulBackward0"), DIV("div", "DivBackward0");

        final String op;
        final String backward;

        BinaryOp(String op, String backward) {
            this.op = op;
            this.backward = backward;
        }

        float apply(float x, float y) {
            switch (this) {
                case ADD: return x + y;
                case SUB: return x - y;
                case MUL: return x * y;
                default: return x / y;
            }
        }

        /** d(x op y)/dx times g. */
        float dx(float x, float y, float g) {
            switch (this) {
                case ADD:
                case SUB: return g;
                case MUL: return g * y;
                default: return g / y;
            }
        }

        /** d(x op y)/dy times g. */
        float dy(float x, float y, float g) {
            switch (this) {
                case ADD: return g;
                case SUB: return -g;
                case MUL: return g * x;
                default: return -g * x / (y * y);
            }
        }
    }

    @FunctionalInterface
    private interface FloatOp {
        float apply(float x);
    }

    @FunctionalInterface
    private interface FloatGrad {
        float apply(float x, float gradOutput);
    }

    @FunctionalInterface
    private interface FloatPredicate2 {
        boolean test(float x, float y);
    }

    @FunctionalInterface
    private interface FloatOp2 {
        float apply(float x, float y);
    }

    private Tensor binary(BinaryOp op, Tensor other) {
        requireNonNull(other, "other");
        int[] outShape = Broadcast.shape(op.op, shape, other.shape);
        int[] ia = Broadcast.sourceIndex(outShape, shape);
        int[] ib = Broadcast.sourceIndex(outShape, other.shape);
        float[] a = toArray();
        float[] b = other.toArray();
        float[] out = new float[ia.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = op.apply(a[ia[i]], b[ib[i]]);
        }
        boolean track = requiresGrad || other.requiresGrad;
        GradFn fn = track ? new GradFn(op.backward, new Tensor[] {this, other}, g -> {
            float[] ga = requiresGrad ? new float[a.length] : null;
            float[] gb = other.requiresGrad ? new float[b.length] : null;
            for (int i = 0; i < g.length; i++) {
                if (ga != null) {
                    ga[ia[i]] += op.dx(a[ia[i]], b[ib[i]], g[i]);
                }
                if (gb != null) {
                    gb[ib[i]] += op.dy(a[ia[i]], b[ib[i]], g[i]);
                }
            }
            return new float[][] {ga, gb};
        }) : null;
        return new Tensor(out, 0, outShape, DType.FLOAT32, track, fn);
    }

    private Tensor unary(String backwardName, FloatOp f, FloatGrad df) {
        float[] x = toArray();
        float[] out = new float[numel];
        for (int i = 0; i < numel; i++) {
            out[i] = f.apply(x[i]);
        }
        GradFn fn = requiresGrad ? new GradFn(backwardName, new Tensor[] {this}, g -> {
            float[] gi = new float[numel];
            for (int i = 0; i < numel; i++) {
                gi[i] = df.apply(x[i], g[i]);
            }
            return new float[][] {gi};
        }) : null;
        return new Tensor(out, 0, shape, DType.FLOAT32, requiresGrad, fn);
    }

    private Tensor compare(String op, Tensor other, FloatPredicate2 p) {
        requireNonNull(other, "other");
        int[] outShape = Broadcast.shape(op, shape, other.shape);
        int[] ia = Broadcast.sourceIndex(outShape, shape);
        int[] ib = Broadcast.sourceIndex(outShape, other.shape);
        float[] out = new float[ia.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.test(storage[offset + ia[i]], other.storage[other.offset + ib[i]]) ? 1f : 0f;
        }
        return new Tensor(out, 0, outShape, DType.BOOL, false, null);
    }

    private Tensor inPlace(String op, Tensor other, FloatOp2 f) {
        requireNonNull(other, "other");
        checkInPlace(op);
        int[] outShape = Broadcast.shape(op, shape, other.shape);
        if (!Arrays.equals(outShape, shape)) {
            throw new IllegalArgumentException(op + ": the result of shape " + Arrays.toString(outShape)
                    + " does not fit in this tensor of shape " + Arrays.toString(shape)
                    + "; an in-place operand must broadcast to the tensor's own shape");
        }
        int[] ib = Broadcast.sourceIndex(shape, other.shape);
        float[] b = other.toArray();
        for (int i = 0; i < numel; i++) {
            storage[offset + i] = f.apply(storage[offset + i], b[ib[i]]);
        }
        return this;
    }

    private void checkInPlace(String op) {
        if (copyOf != null) {
            throw new IllegalStateException(op + ": " + copyOf);
        }
        if (!requiresGrad) {
            return;
        }
        if (gradFn == null) {
            throw new IllegalStateException(op + ": a leaf tensor that requires grad (a parameter) cannot be edited in place "
                    + "(PyTorch: \"a leaf Variable that requires grad is being used in an in-place operation\"), because "
                    + "autograd would not see the change; edit its data() instead, as the notebook does with "
                    + "net[0].weight.data[:] += 1 (weight.data().add_(1f))");
        }
        String outOfPlace = op.endsWith("_") ? op.substring(0, op.length() - 1) : null;
        boolean hasOutOfPlace = op.equals("add_") || op.equals("sub_") || op.equals("mul_") || op.equals("div_");
        String advice = hasOutOfPlace
                ? "write the out-of-place operation instead, x = x." + outOfPlace + "(...) rather than x." + op + "(...) "
                        + "(e.g. x = x.div(2f) for the notebook's X /= 2)"
                : "compute a new tensor instead (e.g. x = x.div(2f) rather than x.div_(2f) for the notebook's X /= 2)";
        throw new IllegalStateException(op + ": this tensor was computed by " + gradFn.name + " (an intermediate result such "
                + "as an activation, not a parameter), and this library's autograd does not record in-place operations "
                + "(PyTorch does); " + advice + ": the same values, and the graph stays whole. Editing its data() "
                + "would cut the graph: backward() would not see the change");
    }

    private int normalizeDim(int dim) {
        int rank = shape.length;
        if (dim < -rank || dim >= rank) {
            throw new IndexOutOfBoundsException("dimension " + dim + " is out of range for a tensor with "
                    + rank + " dimension(s) (shape " + Arrays.toString(shape) + ")");
        }
        return dim < 0 ? dim + rank : dim;
    }

    private int[] inferShape(int[] newShape) {
        requireNonNull(newShape, "shape");
        int[] s = newShape.clone();
        int unknown = -1;
        long known = 1;
        for (int d = 0; d < s.length; d++) {
            if (s[d] == -1 && unknown < 0) {
                unknown = d;
            } else if (s[d] < 0) {
                throw new IllegalArgumentException("reshape " + Arrays.toString(newShape)
                        + ": sizes must be >= 0, with at most one -1");
            } else {
                known *= s[d];
            }
        }
        if (unknown >= 0 && known != 0 && numel % known == 0) {
            s[unknown] = (int) (numel / known);
            known *= s[unknown];
        }
        if (known != numel || (unknown >= 0 && known == 0)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(newShape) + " is invalid for a tensor of "
                    + numel + " elements (shape " + Arrays.toString(shape) + ")");
        }
        return s;
    }

    private static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
