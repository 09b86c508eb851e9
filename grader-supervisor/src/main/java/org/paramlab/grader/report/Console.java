package org.paramlab.grader.report;

import java.util.regex.Pattern;

/**
 * The one place where a text becomes a line of the console report: terminal escape sequences (colours,
 * cursor moves, window titles, hyperlinks) are removed whole, then every other control character,
 * bidirectional override and non-ASCII character is dropped or replaced ({@link Text#clean(String)},
 * {@link Text#ascii(String)}), so that the text cannot rewrite the screen, hide a line or reorder what it
 * shows.
 */
public final class Console {

    /** CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \), and the other two-character escapes. */
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u009B[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?"
                    + "|\u009D[^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|\u001B[ -/]*[0-~]");

    /** The narrowest and widest terminals the console report adapts to; beyond them it keeps these widths. */
    static final int MIN_COLUMNS = 60;
    static final int MAX_COLUMNS = 200;
    /** The terminal's width when {@code COLUMNS} does not give one (Maven's JVM rarely inherits it). */
    static final int DEFAULT_COLUMNS = 100;

    private Console() {
    }

    /**
     * @param columns the value of {@code COLUMNS}, or {@code null}
     * @return the longest line to print: one less than the terminal's columns (a line as wide as the terminal
     *         wraps on some), {@value #DEFAULT_COLUMNS} columns when {@code columns} is not a number, kept within
     *         {@value #MIN_COLUMNS} to {@value #MAX_COLUMNS}
     */
    public static int width(String columns) {
        int value = DEFAULT_COLUMNS;
        if (columns != null && columns.strip().matches("\\d{1,4}")) {
            value = Math.max(MIN_COLUMNS, Math.min(MAX_COLUMNS, Integer.parseInt(columns.strip())));
        }
        return value - 1;
    }

    /**
     * @param text any text, or {@code null} (an empty string)
     * @return the text in printable ASCII and line breaks only
     */
    public static String strip(String text) {
        return Text.ascii(stripEscapes(text));
    }

    /**
     * For a console that shows UTF-8 (a CI log): escape sequences removed whole, control characters and
     * bidirectional overrides dropped ({@link Text#clean(String)}), other characters kept.
     *
     * @param text any text, or {@code null} (an empty string)
     * @return the text without anything a terminal would act on
     */
    public static String stripEscapes(String text) {
        return text == null ? "" : Text.clean(ESCAPES.matcher(text).replaceAll(""));
    }
}
