package org.paramlab.grader.figures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.TestReporter;

import org.paramlab.grader.protocol.Figure;

/**
 * The graded tests' side of the charts: publishes a {@link Figure} for {@code report.html} through
 * JUnit's {@link TestReporter} (the grading listener sends it to the supervisor as a "figure" event).
 * Publishing never fails a test; publishing the same name again in a test replaces the figure, so a
 * test publishes PyTorch's series first, before the student's code runs, and again with the student's.
 *
 * <p>A failed tensor comparison leaves its expected and actual values here ({@link #mismatch}); the
 * grading listener attaches them to the test's end as a heatmap, for the first few failures of a run.
 */
public final class Figures {

    /** The report-entry key prefix of a figure; the figure's name follows. */
    public static final String PREFIX = "paramlab.figure.";
    /** The note of a chart whose student series are missing although the test called the student's code for them. */
    public static final String NO_VALUES_YET = "your code produced no values yet";
    /**
     * The note of a chart published before the test calls the student's code for it. Left on the chart, it means
     * that the test stopped earlier (a failed check, a stub): the report says that, not {@link #NO_VALUES_YET}.
     */
    public static final String NOT_REACHED = "the test has not called your code for this chart yet";
    /** The most rows and columns of a mismatch heatmap. */
    public static final int HEATMAP_SIDE = 32;

    private static Figure lastMismatch;
    private static String lastMismatchMessage;

    private Figures() {
    }

    /**
     * Publishes a figure; a problem is reported on standard error, never thrown.
     *
     * @param reporter the test's reporter
     * @param name     the figure's name ({@link Figure#NAME}), unique within the test
     * @param figure   the figure
     */
    public static void publish(TestReporter reporter, String name, Figure figure) {
        try {
            if (!Figure.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("the name '" + name + "'");
            }
            figure.check();
            String json = figure.toJson();
            if (json.length() > Figure.MAX_JSON) {
                throw new IllegalArgumentException("a figure of " + json.length() + " characters");
            }
            reporter.publishEntry(PREFIX + name, json);
        } catch (RuntimeException e) {
            System.err.println("[paramlab] cannot publish the figure " + name + ": " + e);
        }
    }

    /** @return an x-y figure */
    public static Figure xy(String title, String xLabel, String yLabel, String note, List<Figure.Series> series) {
        return new Figure(Figure.XY, title, xLabel, yLabel, note, List.copyOf(series), null);
    }

    /** @return a series over x = 0, 1, 2, ... */
    public static Figure.Series overIndex(String label, String style, float[] y) {
        double[] x = new double[y.length];
        Arrays.setAll(x, i -> i);
        return new Figure.Series(label, style, Figure.list(x), Figure.list(y));
    }

    /** @return a series */
    public static Figure.Series series(String label, String style, double[] x, double[] y) {
        return new Figure.Series(label, style, Figure.list(x), Figure.list(y));
    }

    /**
     * A histogram as a density (the area of the bars is 1 for the values inside the range), drawn as a
     * step line over the bins' left edges (the last edge closes it).
     *
     * @param label  the legend's text
     * @param values the draws
     * @param lo     the range's start
     * @param hi     the range's end
     * @param bins   the number of bins
     */
    public static Figure.Series histogram(String label, float[] values, double lo, double hi, int bins) {
        double width = (hi - lo) / bins;
        double[] counts = new double[bins];
        for (float v : values) {
            if (v >= lo && v <= hi) {
                counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
            }
        }
        double[] x = new double[bins + 1];
        double[] y = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            x[i] = lo + i * width;
            y[i] = counts[Math.min(i, bins - 1)] / (values.length * width);
        }
        return series(label, Figure.Series.STEP, x, y);
    }

    /**
     * Remembers the values of a failed tensor comparison for a heatmap (at most {@value #HEATMAP_SIDE}
     * by {@value #HEATMAP_SIDE} cells, from the row of the first mismatch on).
     *
     * @param name     what was compared
     * @param shape    the tensor's shape
     * @param expected PyTorch's values, row-major
     * @param actual   the student's values, or null
     * @param first    the flat index of the first mismatch
     * @param message  the failure's message
     */
    public static synchronized void mismatch(String name, int[] shape, float[] expected, float[] actual, int first,
                                             String message) {
        try {
            int n = expected.length;
            if (n == 0) {
                return;
            }
            int columns = Math.max(1, Math.min(HEATMAP_SIDE, shape.length == 0 ? 1 : shape[shape.length - 1]));
            int start = (Math.max(0, first) / columns) * columns;
            int rows = Math.max(1, Math.min(HEATMAP_SIDE, (n - start + columns - 1) / columns));
            int cells = rows * columns;
            List<Double> e = new ArrayList<>(cells);
            List<Double> a = actual == null ? null : new ArrayList<>(cells);
            for (int i = start; i < start + cells; i++) {
                e.add(i < n && Float.isFinite(expected[i]) ? (double) expected[i] : null);
                if (a != null) {
                    a.add(i < actual.length && Float.isFinite(actual[i]) ? (double) actual[i] : null);
                }
            }
            String title = name == null || name.isBlank() ? "tensor" : name;
            title = title.length() > 200 ? title.substring(0, 200) + "..." : title;
            String note = where(shape, n, actual == null ? -1 : first) + (cells < n ? "; the grids show elements "
                    + start + " to " + (start + cells - 1) + " of " + n + " (row-major)" : "");
            note = note.length() > Figure.MAX_TEXT ? note.substring(0, Figure.MAX_TEXT - 3) + "..." : note;
            lastMismatch = new Figure(Figure.HEATMAP, title, "column", "row", note, null, new Figure.Heatmap(title, Arrays.toString(shape), start, rows, columns, e, a));
            lastMismatchMessage = message;
        } catch (RuntimeException e) {
            lastMismatch = null;
        }
    }

    /**
     * @return e.g. {@code "shape [2, 3], first mismatch at index [1, 0] (element 3 of 6)"}; {@code first}
     *         negative when the student's code gave no values
     */
    static String where(int[] shape, int n, int first) {
        String text = "shape " + Arrays.toString(shape);
        if (first < 0) {
            return text + ", no values from your code";
        }
        if (first >= n) {
            return text;
        }
        int[] index = new int[shape.length];
        int rest = first;
        for (int d = shape.length - 1; d >= 0; d--) {
            int size = Math.max(1, shape[d]);
            index[d] = rest % size;
            rest /= size;
        }
        return text + ", first mismatch at index " + Arrays.toString(index) + " (element " + first + " of " + n + ")";
    }

    /**
     * @param failure the message a test failed with
     * @return the heatmap of the failed comparison that gave this message, once; else null
     */
    public static synchronized Figure takeMismatch(String failure) {
        Figure figure = lastMismatch;
        String message = lastMismatchMessage;
        lastMismatch = null;
        lastMismatchMessage = null;
        if (figure == null || failure == null || message == null) {
            return null;
        }
        String firstLine = message.lines().findFirst().orElse(message);
        return failure.contains(firstLine) ? figure : null;
    }

    /** Forgets a remembered comparison (a test starts). */
    public static synchronized void forgetMismatch() {
        lastMismatch = null;
        lastMismatchMessage = null;
    }
}
