package org.paramlab.tensor;

import java.util.Arrays;

/**
 * The shape of a tensor as a value, like {@code torch.Size}: it prints as
 * {@code torch.Size([8, 4])} and two sizes are equal when their dimensions are.
 */
public final class Size {

    private final int[] dims;

    /** A size with these dimensions (copied). */
    public Size(int... dims) {
        this.dims = Shapes.checked(dims);
    }

    /** The size of dimension {@code i}. */
    public int get(int i) {
        if (i < 0 || i >= dims.length) {
            throw new IndexOutOfBoundsException("dimension " + i + " is out of range for " + this);
        }
        return dims[i];
    }

    /** The number of dimensions. */
    public int dim() {
        return dims.length;
    }

    /** The number of elements a tensor of this size holds. */
    public int numel() {
        return Shapes.numel(dims);
    }

    /** The dimensions as an array (a copy). */
    public int[] toArray() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Size && Arrays.equals(dims, ((Size) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code torch.Size([8, 4])}. */
    @Override
    public String toString() {
        return TensorFormat.size(dims);
    }
}
