package org.paramlab.grading.support;

import java.util.List;
import java.util.Locale;

import org.paramlab.tensor.Tensor;

/**
 * Summary statistics of a large initialized tensor, computed in double ({@code std} is the
 * sample standard deviation, as {@code torch.std}), and the words for feedback when they do not
 * fit PyTorch's: which plausible slip in a formula would give what was observed.
 *
 * @param min  the smallest value
 * @param max  the largest value
 * @param mean the mean
 * @param std  the sample standard deviation
 */
public record InitStatistics(double min, double max, double mean, double std) {

    /** Statistics of {@code t}'s values. */
    public static InitStatistics of(Tensor t) {
        float[] v = t.toArray();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        double mean = sum / v.length;
        double squares = 0;
        for (float x : v) {
            squares += (x - mean) * (x - mean);
        }
        return new InitStatistics(min, max, mean, Math.sqrt(squares / (v.length - 1)));
    }

    /** The largest absolute value. */
    public double maxAbs() {
        return Math.max(Math.abs(min), Math.abs(max));
    }

    /** {@code min=-0.0884, max=0.0884, mean=1.2e-05, std=0.051}. */
    public String describe() {
        return "min=" + format(min) + ", max=" + format(max) + ", mean=" + format(mean) + ", std=" + format(std);
    }

    /** A number in 3 significant digits, locale-independent. */
    public static String format(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }

    /** A value that a plausible slip would give instead of the right one, and the slip in words. */
    public record Slip(String words, double value) {
    }

    /**
     * {@code " It looks like <words> (which gives 0.108)."} for the slip whose value is within 3% of
     * {@code observed}, or {@code ""} if none fits.
     */
    public static String guess(double observed, List<Slip> slips) {
        Slip best = null;
        for (Slip s : slips) {
            double off = Math.abs(observed - s.value()) / Math.abs(s.value());
            if (off <= 0.03 && (best == null || off < Math.abs(observed - best.value()) / Math.abs(best.value()))) {
                best = s;
            }
        }
        return best == null ? "" : " It looks like " + best.words() + " (which gives " + format(best.value()) + ").";
    }
}
