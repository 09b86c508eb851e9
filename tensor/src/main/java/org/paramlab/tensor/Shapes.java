package org.paramlab.tensor;

import java.util.Arrays;

/** Validation and arithmetic on shapes, with messages that say what was expected and what came. */
final class Shapes {

    private Shapes() {
    }

    /** The number of elements of a tensor of this shape (1 for a scalar, shape {@code []}). */
    static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + n
                    + " elements; at most " + Integer.MAX_VALUE + " are supported");
        }
        return (int) n;
    }

    /** A defensive copy of {@code shape}, refusing negative sizes. */
    static int[] checked(int[] shape) {
        if (shape == null) {
            throw new IllegalArgumentException("shape must not be null");
        }
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has a negative size; every size must be >= 0");
            }
        }
        return shape.clone();
    }

    /** Row-major strides of {@code shape}. */
    static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }

    /** The flat row-major offset of {@code index} in {@code shape}, validating every coordinate. */
    static int flatIndex(int[] shape, int[] index) {
        if (index.length != shape.length) {
            throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " has "
                    + index.length + " coordinate(s) but the tensor of shape "
                    + Arrays.toString(shape) + " has " + shape.length + " dimension(s)");
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            int i = index[d];
            if (i < -shape[d] || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + i + " is out of bounds for dimension "
                        + d + " with size " + shape[d] + " (tensor of shape "
                        + Arrays.toString(shape) + ")");
            }
            flat = flat * shape[d] + (i < 0 ? i + shape[d] : i);
        }
        return flat;
    }
}
