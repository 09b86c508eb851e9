package org.paramlab.grading.support;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.TestReporter;
import org.paramlab.grader.protocol.Figure;
import org.paramlab.grader.figures.Figures;
import org.paramlab.nn.TrainingRecord;
import org.paramlab.tensor.Generator;
import org.paramlab.tensor.Tensor;

/**
 * The charts the graded tests publish for {@code report.html} (display only, never scored). Each is
 * published first with PyTorch's numbers alone, before the student's code runs, so that a stub's
 * report still shows it, then again with the student's numbers beside them. Each series says what it is
 * (PyTorch's, the student's, a formula's) so that the report gives each meaning one colour.
 *
 * <p>A chart's note tells the report why the student's series is missing: {@link Figures#NOT_REACHED} until
 * the test is about to call the student's code for it, {@link Figures#NO_VALUES_YET} from then on. A test
 * that stopped on an earlier check thus never claims that the student's code produced nothing.
 */
public final class ReportCharts {

    private static final int BINS = 60;
    private static final int CURVE_POINTS = 121;

    private ReportCharts() {
    }

    /**
     * Exercise 7.1: the loss at every step, PyTorch's and the student's.
     *
     * @param record the student's record, or null before it exists (the test calls the student's code right after
     *               publishing PyTorch's losses alone, so a missing record is always the code's)
     */
    public static void losses(TestReporter reporter, Tensor pytorch, TrainingRecord record, float lr) {
        List<Figure.Series> series = new ArrayList<>();
        series.add(Figures.overIndex("PyTorch", Figure.Series.LINE, pytorch.toArray()).withRole(Figure.Series.REFERENCE));
        float[] mine = studentLosses(record);
        if (mine != null) {
            series.add(Figures.overIndex("your code", Figure.Series.LINE, mine).withRole(Figure.Series.STUDENT));
        }
        Figures.publish(reporter, "loss", Figures.xy("Training loss per step (lr = " + lr + ")", "step",
                "mean squared error", mine == null ? Figures.NO_VALUES_YET : lossNote(record, mine.length), series));
    }

    /** @return the note of a chart without the student's series */
    private static String missing(boolean called) {
        return called ? Figures.NO_VALUES_YET : Figures.NOT_REACHED;
    }

    /**
     * @return what the chart and training-record.json leave out of a long record, for example "the record had
     *         1,500 steps; the chart draws all of them; training-record.json details the first 100", or null
     */
    static String lossNote(TrainingRecord record, int drawn) {
        int recorded = record.steps().size();
        if (recorded <= TrainingRecordJson.MAX_STEPS) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "the record had %,d steps; the chart draws %s;"
                + " %s details at most the first %d", recorded, drawn == recorded ? "all of them"
                : String.format(java.util.Locale.ROOT, "the first %,d", drawn), TrainingRecordJson.FILE_NAME,
                TrainingRecordJson.MAX_STEPS);
    }

    private static float[] studentLosses(TrainingRecord record) {
        try {
            if (record == null || record.steps() == null) {
                return null;
            }
            float[] losses = new float[Math.min(record.steps().size(), Figure.MAX_POINTS)];
            for (int k = 0; k < losses.length; k++) {
                TrainingRecord.Step step = record.steps().get(k);
                losses[k] = step == null ? Float.NaN : step.loss();
            }
            return losses;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Exercises 5.2 and 7.1: the shared layer's gradient as the sum of its two uses, element by element.
     *
     * @param use1     the gradient through the layer's first use (PyTorch's)
     * @param use2     the gradient through its second use
     * @param total    the shared layer's gradient
     * @param mine     the student's three, each possibly null; null when there are none yet
     * @param called   whether the student's code has been called for them (the note when there are none)
     */
    public static void sharedGradient(TestReporter reporter, String name, Tensor use1, Tensor use2, Tensor total,
                                      Tensor[] mine, boolean called) {
        List<Figure.Series> series = new ArrayList<>();
        series.add(Figures.overIndex("PyTorch: use 1 (position 2)", Figure.Series.LINE, use1.toArray())
                .withRole(Figure.Series.REFERENCE));
        series.add(Figures.overIndex("PyTorch: use 2 (position 4)", Figure.Series.LINE, use2.toArray())
                .withRole(Figure.Series.REFERENCE));
        series.add(Figures.overIndex("PyTorch: shared gradient = use 1 + use 2", Figure.Series.LINE, total.toArray())
                .withRole(Figure.Series.REFERENCE));
        String[] labels = {"yours: use 1", "yours: use 2", "yours: shared gradient"};
        boolean any = false;
        for (int i = 0; mine != null && i < 3; i++) {
            float[] values = values(mine[i], total.toArray().length);
            if (values != null) {
                series.add(Figures.overIndex(labels[i], Figure.Series.POINTS, values).withRole(Figure.Series.STUDENT));
                any = true;
            }
        }
        Figures.publish(reporter, "shared-gradient", Figures.xy("Gradient of the shared layer's " + name
                        + " (row-major elements, first backward pass)", "element of " + name, "gradient",
                any ? null : missing(called), series));
    }

    private static float[] values(Tensor t, int expected) {
        try {
            if (t == null) {
                return null;
            }
            float[] v = t.toArray();
            return v.length == expected ? v : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Exercises 3.1 to 3.3: a histogram of a large draw against its theoretical density, PyTorch's draw
     * (the reference's seed, replayed by the tensor library's PyTorch generator) and the student's.
     *
     * @param c      the statistics case
     * @param mine   the student's draw, or null before it exists
     * @param called whether the student's code has been called for it (the note when {@code mine} is null)
     */
    public static void initHistogram(TestReporter reporter, InitCases.Case c, Tensor mine, boolean called) {
        try {
            String fn = c.fn();
            boolean normal = fn.contains("normal");
            double mean = 0;
            double std = 0;
            double a = 0;
            double b = 0;
            String formula;
            if (fn.equals("normal_")) {
                mean = c.arg("mean");
                std = c.arg("std");
                formula = "N(" + fmt(mean) + ", " + fmt(std) + "^2)";
            } else if (fn.equals("xavier_normal_")) {
                std = c.value("expected_std");
                formula = "N(0, std^2), std = gain * sqrt(2 / (fan_in + fan_out)) = " + fmt(std);
            } else if (fn.equals("uniform_")) {
                a = c.arg("a");
                b = c.arg("b");
                formula = "U(" + fmt(a) + ", " + fmt(b) + ")";
            } else {
                double fanIn = c.value("fan_in");
                double fanOut = c.value("fan_out");
                double bound = fn.equals("xavier_uniform_") ? c.arg("gain") * Math.sqrt(6.0 / (fanIn + fanOut))
                        : Math.sqrt(3.0) * c.value("gain") / Math.sqrt(c.text("mode").equals("fan_in") ? fanIn : fanOut);
                a = -bound;
                b = bound;
                formula = "U(-bound, bound), bound = " + (fn.equals("xavier_uniform_")
                        ? "gain * sqrt(6 / (fan_in + fan_out))" : "sqrt(3) * gain / sqrt(" + c.text("mode") + ")")
                        + " = " + fmt(bound);
            }
            double lo = normal ? mean - 4 * std : a - 0.1 * (b - a);
            double hi = normal ? mean + 4 * std : b + 0.1 * (b - a);
            Generator.manualSeed(c.seed());
            Tensor reference = Tensor.zeros(c.shape());
            if (normal) {
                reference.normal_((float) mean, (float) std);
            } else {
                reference.uniform_((float) a, (float) b);
            }
            List<Figure.Series> series = new ArrayList<>();
            series.add(Figures.histogram("PyTorch's draw (seed " + c.seed() + ")", reference.toArray(), lo, hi, BINS)
                    .withRole(Figure.Series.REFERENCE));
            float[] values = mine == null ? null : values(mine, reference.toArray().length);
            if (values != null) {
                series.add(Figures.histogram("your draw", values, lo, hi, BINS).withRole(Figure.Series.STUDENT));
            }
            double[] x = new double[CURVE_POINTS];
            double[] y = new double[CURVE_POINTS];
            for (int i = 0; i < CURVE_POINTS; i++) {
                x[i] = lo + (hi - lo) * i / (CURVE_POINTS - 1);
                y[i] = normal ? Math.exp(-0.5 * Math.pow((x[i] - mean) / std, 2)) / (std * Math.sqrt(2 * Math.PI))
                        : x[i] >= a && x[i] <= b ? 1 / (b - a) : 0;
            }
            series.add(Figures.series("density of " + formula, Figure.Series.LINE, x, y).withRole(Figure.Series.THEORY));
            String name = "init-" + c.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                    .replaceAll("^-|-$", "");
            Figures.publish(reporter, name, Figures.xy(c.call() + " on " + java.util.Arrays.toString(c.shape()),
                    "value", "density", values == null ? missing(called) : null, series));
        } catch (RuntimeException e) {
            System.err.println("[paramlab] cannot draw the histogram of " + c.name() + ": " + e);
        }
    }

    private static String fmt(double v) {
        return InitStatistics.format(v);
    }
}
