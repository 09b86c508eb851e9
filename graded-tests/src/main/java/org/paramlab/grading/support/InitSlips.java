package org.paramlab.grading.support;

import java.util.List;

import org.paramlab.grading.support.InitStatistics.Slip;

/**
 * The plausible slips in each initializer's formula, with the bound or standard deviation each one
 * would give for a tensor's fans: what the statistical checks of exercises 3.1-3.3 name when a draw
 * is off. A slip is only named when the observed value is within 3% of it, so the reference's shapes
 * must keep every slip, and the right value, well apart (the grader's own tests check that).
 */
public final class InitSlips {

    private InitSlips() {
    }

    /** {@code normal_(w, mean, std)}: the standard deviation a slip gives. */
    public static List<Slip> normal(double std) {
        return List.of(new Slip("std^2 passed as the standard deviation", std * std),
                new Slip("sqrt(std) passed as the standard deviation", Math.sqrt(std)));
    }

    /** {@code uniform_(w, a, b)} with {@code a = -b}: the bound a slip gives. */
    public static List<Slip> uniform(double b) {
        return List.of(new Slip("U(a/2, b/2)", b / 2));
    }

    /** {@code xavier_uniform_}: the bound a slip gives (gain 1). */
    public static List<Slip> xavierUniform(int fanIn, int fanOut) {
        return List.of(
                new Slip("fan_in alone was used instead of fan_in + fan_out", Math.sqrt(6.0 / fanIn)),
                new Slip("fan_out alone was used instead of fan_in + fan_out", Math.sqrt(6.0 / fanOut)),
                new Slip("the sqrt(3) that turns the standard deviation into a bound is missing",
                        Math.sqrt(2.0 / (fanIn + fanOut))),
                new Slip("fan_in * fan_out was used instead of fan_in + fan_out", Math.sqrt(6.0 / ((double) fanIn * fanOut))),
                new Slip("the variance 1 / fan_in was used instead of 2 / (fan_in + fan_out)", Math.sqrt(3.0 / fanIn)));
    }

    /** {@code xavier_normal_}: the standard deviation a slip gives (gain 1). */
    public static List<Slip> xavierNormal(int fanIn, int fanOut) {
        return List.of(
                new Slip("fan_in alone was used instead of fan_in + fan_out", Math.sqrt(2.0 / fanIn)),
                new Slip("fan_out alone was used instead of fan_in + fan_out", Math.sqrt(2.0 / fanOut)),
                new Slip("the bound of xavier_uniform_ was used as the standard deviation", Math.sqrt(6.0 / (fanIn + fanOut))),
                new Slip("the variance 2 / (fan_in + fan_out) was used as the standard deviation", 2.0 / (fanIn + fanOut)),
                new Slip("the variance 1 / fan_in was used instead of 2 / (fan_in + fan_out)", Math.sqrt(1.0 / fanIn)));
    }

    /**
     * {@code kaiming_uniform_}: the bound a slip gives, for the mode's {@code fan} and {@code otherFan}
     * and the nonlinearity's {@code gain}. "a was ignored" is left out when it changes nothing (a
     * plain relu, or a = 0 with leaky_relu).
     */
    public static List<Slip> kaiming(int fan, int otherFan, int fanIn, int fanOut, double gain) {
        List<Slip> slips = new java.util.ArrayList<>(List.of(
                new Slip("the other fan was used: are fan_in and fan_out swapped?", Math.sqrt(3.0) * gain / Math.sqrt(otherFan)),
                new Slip("the gain is missing", Math.sqrt(3.0) / Math.sqrt(fan)),
                new Slip("the sqrt(3) that turns the standard deviation into a bound is missing", gain / Math.sqrt(fan)),
                new Slip("fan_in + fan_out was used, as Xavier does", Math.sqrt(3.0) * gain / Math.sqrt(fanIn + fanOut))));
        if (Math.abs(gain - Math.sqrt(2.0)) > 1e-12) {
            slips.add(new Slip("a was ignored (gain sqrt(2) of a plain relu)", Math.sqrt(6.0 / fan)));
        }
        return List.copyOf(slips);
    }
}
