package org.paramlab.grader.protocol;

import java.util.Locale;

/**
 * How close a value must be to the expected one: {@code |actual - expected| <= atol + rtol * |expected|},
 * the rule of {@code numpy.allclose} and {@code torch.allclose}.
 *
 * <p>NaN is never close to anything (not even NaN); an infinity is close only to the same
 * infinity. Every loosening of a tolerance comes with a comment saying why.
 *
 * @param atol absolute tolerance, {@code >= 0}
 * @param rtol relative tolerance, {@code >= 0}
 * @param name what the tolerance is for, shown in feedback (e.g. {@code "CPU float32"})
 */
public record Tolerance(double atol, double rtol, String name) {

    /**
     * ONNX Runtime on CPU vs a plain Java float32 loop. Both compute in float32 but sum in a
     * different order (ORT's Gemm uses blocked, vectorized FMA kernels), so results are typically
     * 1 ulp apart (about 6e-8 relative near 1); 1e-5 leaves room for a few layers of that while
     * still catching any real mistake (a missing bias, a transposed weight, a wrong init bound).
     */
    public static final Tolerance CPU_FLOAT32 = new Tolerance(1e-5, 1e-5, "CPU float32");

    /**
     * ONNX Runtime on CUDA, with TF32 disabled ({@code use_tf32=0}, see {@link Provider#CUDA}).
     * Looser than {@link #CPU_FLOAT32} because cuBLAS picks its own kernels (split-K reductions,
     * other summation orders and FMA contraction), so results differ from a sequential Java loop by
     * several ulps that grow with depth. It stays far tighter than TF32's ~1e-3 relative error, so
     * a GPU that silently ran in TF32 would still be noticed on larger values.
     */
    public static final Tolerance CUDA_FLOAT32 = new Tolerance(1e-4, 1e-4, "CUDA float32, TF32 off");

    /**
     * Equality as floats ({@code actual == expected}, so {@code 0.0 == -0.0}): for values that must
     * come out identical, such as a copied parameter or weights drawn from the same seed with the
     * same formula as PyTorch.
     */
    public static final Tolerance EXACT = new Tolerance(0, 0, "exact");

    public Tolerance {
        if (!(atol >= 0) || !(rtol >= 0) || Double.isInfinite(atol) || Double.isInfinite(rtol)) {
            throw new IllegalArgumentException("tolerance needs finite atol >= 0 and rtol >= 0, but got atol="
                    + atol + ", rtol=" + rtol);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tolerance needs a name that says what it is for");
        }
    }

    /** True if {@code actual} is close enough to {@code expected}; NaN never is. */
    public boolean accepts(double actual, double expected) {
        if (actual == expected) {
            return true; // also the same infinity
        }
        if (Double.isInfinite(actual) || Double.isInfinite(expected)) {
            return false; // inf - inf is NaN, and rtol * inf would accept anything
        }
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    /** The same tolerance under another name, e.g. for a loosened copy's comment. */
    public Tolerance named(String newName) {
        return new Tolerance(atol, rtol, newName);
    }

    /**
     * The rule as a student reads it, e.g.
     * {@code |actual - expected| <= 1e-05 + 1e-05 * |expected| (CPU float32)}.
     */
    public String describe() {
        if (atol == 0 && rtol == 0) {
            return "actual == expected (" + name + ")";
        }
        return "|actual - expected| <= " + format(atol) + " + " + format(rtol) + " * |expected| (" + name + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * A number in at most three significant digits, locale-independent: {@code 1e-05},
     * {@code 0.001}, {@code 0.25}, {@code 0}. Shared by the tensor feedback.
     */
    public static String format(double x) {
        if (x == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.3g", x);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exponent;
    }
}
