package org.paramlab.grader.assertions;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.paramlab.grader.protocol.Tolerance;
import org.paramlab.tensor.Tensor;

/**
 * Writes the feedback for a tensor that is not what PyTorch computed: the single message builder
 * for tensor comparisons. Pure (no I/O, no state) so that every text can be unit-tested.
 *
 * <p>A message is a few short lines, for example:
 *
 * <pre>
 * net(X): 2 of 6 elements differ from the expected values
 *   first mismatch at [1, 0]: expected 1.0, actual 1.5
 *   largest difference 2 at [2, 1]: expected 4.0, actual 2.0
 *   tolerance: |actual - expected| &lt;= 1e-05 + 1e-05 * |expected| (CPU float32)
 *   hint: see the notebook section 'Parameter Access'
 * </pre>
 */
public final class TensorMismatch {

    /** The name used when a test gives none. */
    public static final String DEFAULT_NAME = "tensor";

    private TensorMismatch() {
    }

    /**
     * Compares {@code actual} with {@code expected}: empty if they match, otherwise the message.
     *
     * @param name     what was compared, e.g. {@code net(X)}; null for {@value #DEFAULT_NAME}
     * @param expected the reference value (not null)
     * @param actual   the student's value, may be null
     * @param hint     where to read about it, may be null
     */
    public static Optional<String> compare(String name, Tensor expected, Tensor actual, Tolerance tolerance,
                                           String hint) {
        Objects.requireNonNull(expected, "expected tensor (a grader bug: the reference value is missing)");
        Objects.requireNonNull(tolerance, "tolerance");
        if (actual == null) {
            return Optional.of(nullActual(name, expected.shape().toArray(), hint));
        }
        Optional<String> shape = shape(name, expected.shape().toArray(), actual.shape().toArray(), hint);
        if (shape.isPresent()) {
            return shape;
        }
        return values(name, actual.shape().toArray(), expected.toArray(), actual.toArray(), tolerance, hint);
    }

    /**
     * The message for a null where a tensor was expected.
     *
     * @param expectedShape the shape that was expected, or null if unknown
     */
    public static String nullActual(String name, int[] expectedShape, String hint) {
        String what = expectedShape == null ? "a tensor" : "a tensor of shape " + Arrays.toString(expectedShape);
        return withHint(name(name) + ": expected " + what + " but was null (nothing was returned or stored)", hint);
    }

    /** Empty if the shapes are equal, otherwise "net(X): expected shape [2, 1] but was [2, 8]". */
    public static Optional<String> shape(String name, int[] expectedShape, int[] actualShape, String hint) {
        if (Arrays.equals(expectedShape, actualShape)) {
            return Optional.empty();
        }
        return Optional.of(withHint(name(name) + ": expected shape " + Arrays.toString(expectedShape)
                + " but was " + Arrays.toString(actualShape), hint));
    }

    /**
     * Whether one element matches: within {@code tolerance} ({@link Tolerance#accepts}, so an
     * infinity only matches the same infinity), or NaN where NaN is expected, as
     * {@code torch.allclose(actual, expected, equal_nan=True)}: where PyTorch's answer is NaN (ReLU
     * keeps a NaN, {@code inf - inf} in a Linear) the right answer is NaN, and a number is a mismatch.
     */
    public static boolean matches(float actual, float expected, Tolerance tolerance) {
        return tolerance.accepts(actual, expected) || (Float.isNaN(actual) && Float.isNaN(expected));
    }

    /**
     * Compares the elements of two tensors of the same {@code shape} (row-major): empty if every
     * element {@linkplain #matches matches}, otherwise the count of mismatches, the first one, the
     * largest difference, NaN/Inf in {@code actual}, a NaN/Inf expected where something else came,
     * the tolerance and the hint.
     */
    public static Optional<String> values(String name, int[] shape, float[] expected, float[] actual,
                                          Tolerance tolerance, String hint) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("expected has " + expected.length + " elements but actual has "
                    + actual.length + "; compare shapes first");
        }
        int mismatches = 0;
        int first = -1;
        int firstNonFinite = -1;
        int nonFiniteCount = 0;
        int firstExpectedNonFinite = -1;
        int largest = -1;
        double largestDiff = -1;
        for (int i = 0; i < actual.length; i++) {
            if (matches(actual[i], expected[i], tolerance)) {
                continue;
            }
            mismatches++;
            if (first < 0) {
                first = i;
            }
            if (!Float.isFinite(actual[i])) {
                if (firstNonFinite < 0) {
                    firstNonFinite = i;
                }
                nonFiniteCount++;
                continue;
            }
            if (!Float.isFinite(expected[i])) {
                if (firstExpectedNonFinite < 0) {
                    firstExpectedNonFinite = i;
                }
                continue; // no difference to a NaN or an infinity is "largest"
            }
            double diff = Math.abs((double) actual[i] - (double) expected[i]);
            if (diff > largestDiff) {
                largestDiff = diff;
                largest = i;
            }
        }
        if (mismatches == 0) {
            return Optional.empty();
        }
        StringBuilder m = new StringBuilder(name(name)).append(": ");
        m.append(mismatches == actual.length && actual.length > 1 ? "all " : "")
                .append(mismatches).append(" of ").append(actual.length)
                .append(actual.length == 1 ? " element differs" : " elements differ")
                .append(" from the expected values");
        if (firstNonFinite >= 0) {
            m.append("\n  actual has ").append(nonFinite(actual[firstNonFinite])).append(" at ")
                    .append(index(shape, firstNonFinite))
                    .append(" (expected ").append(expected[firstNonFinite]).append(")");
            if (nonFiniteCount > 1) {
                m.append("; ").append(nonFiniteCount).append(" elements are NaN or infinite");
            }
        }
        if (first != firstNonFinite) {
            m.append("\n  first mismatch at ").append(index(shape, first)).append(": expected ")
                    .append(expected[first]).append(", actual ").append(actual[first]);
        }
        if (firstExpectedNonFinite >= 0 && firstExpectedNonFinite != first) {
            m.append("\n  expected ").append(nonFinite(expected[firstExpectedNonFinite])).append(" at ")
                    .append(index(shape, firstExpectedNonFinite)).append(", actual ")
                    .append(actual[firstExpectedNonFinite]);
        }
        if (largest >= 0 && largest != first) {
            m.append("\n  largest difference ").append(Tolerance.format(largestDiff)).append(" at ")
                    .append(index(shape, largest)).append(": expected ").append(expected[largest])
                    .append(", actual ").append(actual[largest]);
        } else if (largest >= 0) {
            m.append("\n  largest difference ").append(Tolerance.format(largestDiff)).append(" at ")
                    .append(index(shape, largest));
        }
        m.append("\n  tolerance: ").append(tolerance.describe());
        return Optional.of(withHint(m.toString(), hint));
    }

    /** A row-major flat index as a tensor index: 4 in shape [2, 3] is {@code [1, 1]}; scalars {@code []}. */
    public static String index(int[] shape, int flat) {
        int[] idx = new int[shape.length];
        int rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] > 0) {
                idx[d] = rest % shape[d];
                rest /= shape[d];
            }
        }
        return Arrays.toString(idx);
    }

    private static String nonFinite(float v) {
        return Float.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
    }

    private static String name(String name) {
        return name == null || name.isBlank() ? DEFAULT_NAME : name;
    }

    private static String withHint(String message, String hint) {
        return hint == null || hint.isBlank() ? message : message + "\n  hint: " + hint;
    }
}
