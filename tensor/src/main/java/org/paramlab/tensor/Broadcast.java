package org.paramlab.tensor;

import java.util.Arrays;

/**
 * NumPy/PyTorch broadcasting: the shape two operands broadcast to, and for each element of that
 * shape the flat index of the element each operand contributes.
 */
final class Broadcast {

    private Broadcast() {
    }

    /**
     * The broadcast shape of {@code a} and {@code b}: dimensions are aligned from the right and
     * each pair must be equal or contain a 1.
     *
     * @throws IllegalArgumentException naming both shapes and the first dimension that clashes
     */
    static int[] shape(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " cannot be broadcast: the size of tensor a (" + da
                        + ") must match the size of tensor b (" + db + ") at dimension " + i
                        + " (counting from the left of the broadcast shape)");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /**
     * For every element of {@code outShape} (row-major), the flat row-major index of the element
     * of a tensor of shape {@code inShape} that broadcasts onto it.
     */
    static int[] sourceIndex(int[] outShape, int[] inShape) {
        int n = Shapes.numel(outShape);
        int[] index = new int[n];
        if (Arrays.equals(outShape, inShape)) {
            for (int i = 0; i < n; i++) {
                index[i] = i;
            }
            return index;
        }
        int rank = outShape.length;
        int offset = rank - inShape.length;
        // Stride of each output dimension in the input; 0 where the input is broadcast.
        int[] stride = new int[rank];
        int s = 1;
        for (int d = rank - 1; d >= 0; d--) {
            int inDim = d - offset;
            if (inDim >= 0 && inShape[inDim] != 1) {
                stride[d] = s;
            }
            if (inDim >= 0) {
                s *= inShape[inDim];
            }
        }
        int[] counter = new int[rank];
        int source = 0;
        for (int i = 0; i < n; i++) {
            index[i] = source;
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                source += stride[d];
                if (counter[d] < outShape[d]) {
                    break;
                }
                source -= stride[d] * counter[d];
                counter[d] = 0;
            }
        }
        return index;
    }
}
