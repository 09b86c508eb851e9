package org.paramlab.grader.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.reference.ReferenceModel;
import org.paramlab.grader.reference.References;
import org.paramlab.grading.support.InitCases;
import org.paramlab.grading.support.InitCases.Case;
import org.paramlab.grading.support.InitSlips;
import org.paramlab.grading.support.InitStatistics.Slip;

/**
 * The statistical checks of exercises 3.1-3.3 name a slip when the observed bound or standard
 * deviation is within 3% of what that slip gives, and accept a draw within 2% of PyTorch's. For the
 * feedback to name the right slip, every slip of a case, and the right value, must be far apart on
 * that case's shape: at least {@value #APART} relative. (On the old shape [256, 512] "fan_out alone"
 * and "xavier_uniform_'s bound as the std" gave the same value, as did "the other fan" and "the gain
 * is missing" for a relu: the feedback could name the wrong one.)
 */
class StatisticsSlipsTest {

    static final double APART = 0.08;

    @Test
    void everyStatisticsCaseSeparatesItsSlips() {
        ReferenceModel ref = References.load("init.onnx");
        List<String> tooClose = new ArrayList<>();
        for (Case c : InitCases.of(ref, "stats", null)) {
            double right;
            List<Slip> slips;
            switch (c.fn()) {
                case "normal_" -> {
                    right = c.value("expected_std");
                    slips = InitSlips.normal(c.arg("std"));
                }
                case "uniform_" -> {
                    right = c.value("bound");
                    slips = InitSlips.uniform(c.arg("b"));
                }
                case "xavier_uniform_" -> {
                    right = c.value("bound");
                    slips = InitSlips.xavierUniform((int) c.value("fan_in"), (int) c.value("fan_out"));
                }
                case "xavier_normal_" -> {
                    right = c.value("expected_std");
                    slips = InitSlips.xavierNormal((int) c.value("fan_in"), (int) c.value("fan_out"));
                }
                case "kaiming_uniform_" -> {
                    right = c.value("bound");
                    int fanIn = (int) c.value("fan_in");
                    int fanOut = (int) c.value("fan_out");
                    boolean in = c.text("mode").equalsIgnoreCase("fan_in");
                    slips = InitSlips.kaiming(in ? fanIn : fanOut, in ? fanOut : fanIn, fanIn, fanOut, c.value("gain"));
                }
                default -> throw new IllegalStateException("no slips for " + c.fn());
            }
            List<Slip> all = new ArrayList<>(slips);
            all.add(new Slip("the right value", right));
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) {
                    double a = all.get(i).value();
                    double b = all.get(j).value();
                    if (Math.abs(a - b) / Math.min(Math.abs(a), Math.abs(b)) < APART) {
                        tooClose.add(c.name() + " " + java.util.Arrays.toString(c.shape()) + ": '" + all.get(i).words()
                                + "' (" + a + ") and '" + all.get(j).words() + "' (" + b + ")");
                    }
                }
            }
        }
        assertThat(tooClose).as("slips a statistics case cannot tell apart").isEmpty();
    }

    @Test
    void theOldShapeCouldNotTellTwoSlipsApart() {
        List<Slip> slips = InitSlips.xavierNormal(512, 256);
        double fanOutAlone = slips.get(1).value();
        double uniformBound = slips.get(2).value();
        assertThat(Math.abs(fanOutAlone - uniformBound) / uniformBound).isLessThan(APART);
    }
}
