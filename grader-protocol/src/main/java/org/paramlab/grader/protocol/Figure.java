package org.paramlab.grader.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * One chart of {@code report.html}, as a graded test publishes it: either x-y series ({@value #XY}) or
 * the expected and actual values of a tensor comparison ({@value #HEATMAP}). Display only: the
 * supervisor draws it and never scores it. Everything is bounded ({@link #parse} refuses the rest).
 *
 * @param kind    {@value #XY} or {@value #HEATMAP}
 * @param title   the chart's title
 * @param xLabel  the x axis's title
 * @param yLabel  the y axis's title
 * @param note    a line shown under the chart (for example "your code produced no values yet"), or null
 * @param series  the x-y series ({@value #XY} only)
 * @param heatmap the two grids ({@value #HEATMAP} only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Figure(String kind, String title, String xLabel, String yLabel, String note, List<Series> series,
                     Heatmap heatmap) {

    /** Lines, points and bars over x. */
    public static final String XY = "xy";
    /** Expected against actual values of a tensor, as two grids. */
    public static final String HEATMAP = "heatmap";

    /** The most series in one chart. */
    public static final int MAX_SERIES = 8;
    /** The most points in one series. */
    public static final int MAX_POINTS = 2048;
    /** The most cells in one heatmap grid. */
    public static final int MAX_CELLS = 1024;
    /** The longest text (title, label, note). */
    public static final int MAX_TEXT = 300;
    /** The largest JSON text of one figure. */
    public static final int MAX_JSON = 256 * 1024;
    /** A figure's name: the key it is published under, unique within its test. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}");

    /**
     * One series of an {@value #XY} chart; a null y is a missing value (a NaN or an infinity).
     *
     * @param label the legend's text
     * @param style {@value #LINE}, {@value #POINTS}, {@value #STEP} or {@value #AREA}
     * @param x     the x values, as many as y
     * @param y     the y values
     * @param role  what the values are: {@value #REFERENCE}, {@value #STUDENT}, {@value #THEORY}, or null; the
     *              report gives each role one colour on the whole page, so it is declared, never guessed from a label
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(String label, String style, List<Double> x, List<Double> y, String role) {
        /** PyTorch's values (the reference). */
        public static final String REFERENCE = "reference";
        /** The student's values. */
        public static final String STUDENT = "student";
        /** A formula's values (a theoretical density). */
        public static final String THEORY = "theory";

        static final List<String> ROLES = List.of(REFERENCE, STUDENT, THEORY);

        /** A series with no role (drawn in a neutral colour). */
        public Series(String label, String style, List<Double> x, List<Double> y) {
            this(label, style, x, y, null);
        }

        /** @return this series with the role given */
        public Series withRole(String newRole) {
            return new Series(label, style, x, y, newRole);
        }

        /** A line through the points. */
        public static final String LINE = "line";
        /** Markers only. */
        public static final String POINTS = "points";
        /** A step line (a histogram's outline). */
        public static final String STEP = "step";
        /** An area under a line. */
        public static final String AREA = "area";

        static final List<String> STYLES = List.of(LINE, POINTS, STEP, AREA);
    }

    /**
     * The expected and actual values of a tensor comparison, row-major, {@code rows * columns} each; a
     * null is a NaN or an infinity, and {@code actual} is null when the student's code gave no values.
     *
     * @param name     what was compared
     * @param shape    the tensor's shape, as text (for example {@code [8, 4]})
     * @param first    the flat index of the first cell shown
     * @param rows     the grid's rows
     * @param columns  the grid's columns
     * @param expected PyTorch's values
     * @param actual   the student's values, or null
     */
    public record Heatmap(String name, String shape, int first, int rows, int columns, List<Double> expected,
                          List<Double> actual) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** @return this figure as JSON */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads and checks a figure that came from a test JVM.
     *
     * @param json the figure's JSON text
     * @return the figure
     * @throws IllegalArgumentException when it is too big, malformed, or not a figure the grader draws
     */
    public static Figure parse(String json) {
        if (json == null || json.length() > MAX_JSON) {
            throw new IllegalArgumentException("a figure of " + (json == null ? "no" : json.length())
                    + " characters (at most " + MAX_JSON + ")");
        }
        Figure figure;
        try {
            figure = JSON.readValue(json, Figure.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a figure that is not the grader's: " + e.getOriginalMessage());
        }
        if (figure == null) {
            throw new IllegalArgumentException("an empty figure");
        }
        figure.check();
        return figure;
    }

    /** @throws IllegalArgumentException when a bound is broken */
    public void check() {
        text(title, "title", false);
        text(xLabel, "x label", true);
        text(yLabel, "y label", true);
        text(note, "note", true);
        if (XY.equals(kind)) {
            if (series == null || series.isEmpty() || series.size() > MAX_SERIES || heatmap != null) {
                throw new IllegalArgumentException("an x-y figure needs 1 to " + MAX_SERIES + " series and no heatmap");
            }
            for (Series s : series) {
                if (s == null) {
                    throw new IllegalArgumentException("a null series");
                }
                text(s.label(), "series label", false);
                if (!Series.STYLES.contains(s.style())) {
                    throw new IllegalArgumentException("a series style '" + s.style() + "'");
                }
                if (s.role() != null && !Series.ROLES.contains(s.role())) {
                    throw new IllegalArgumentException("a series role '" + s.role() + "'");
                }
                if (s.x() == null || s.y() == null || s.x().size() != s.y().size() || s.x().size() > MAX_POINTS) {
                    throw new IllegalArgumentException("a series needs as many x as y values, at most " + MAX_POINTS);
                }
                values(s.x(), false);
                values(s.y(), true);
            }
        } else if (HEATMAP.equals(kind)) {
            if (heatmap == null || series != null) {
                throw new IllegalArgumentException("a heatmap figure needs a heatmap and no series");
            }
            Heatmap h = heatmap;
            text(h.name(), "heatmap name", false);
            text(h.shape(), "heatmap shape", false);
            if (h.rows() < 1 || h.columns() < 1 || (long) h.rows() * h.columns() > MAX_CELLS || h.first() < 0
                    || h.expected() == null || h.expected().size() != h.rows() * h.columns()
                    || (h.actual() != null && h.actual().size() != h.rows() * h.columns())) {
                throw new IllegalArgumentException("a heatmap of at most " + MAX_CELLS + " cells, values for each");
            }
            values(h.expected(), true);
            if (h.actual() != null) {
                values(h.actual(), true);
            }
        } else {
            throw new IllegalArgumentException("a figure of kind '" + kind + "'");
        }
    }

    private static void text(String text, String what, boolean optional) {
        if (text == null ? !optional : text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a figure's " + what + " missing or over " + MAX_TEXT + " characters");
        }
    }

    private static void values(List<Double> values, boolean nullable) {
        for (Double v : values) {
            if (v == null ? !nullable : !Double.isFinite(v)) {
                throw new IllegalArgumentException("a figure value that is not a finite number");
            }
        }
    }

    /** @return the values as a list, NaN and infinities as null (JSON has no NaN) */
    public static List<Double> list(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(Double.isFinite(v) ? v : null);
        }
        return list;
    }

    /** @return the values as a list, NaN and infinities as null */
    public static List<Double> list(float[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add(Float.isFinite(v) ? (double) v : null);
        }
        return list;
    }
}
