package org.paramlab.grader.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.paramlab.grader.protocol.FreeAnswer;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.TestOutcome;

/**
 * Small text helpers for the reports: points, one-line and ASCII forms of messages, wrapping.
 */
public final class Text {

    private static final Map<Character, String> ASCII = Map.ofEntries(
            Map.entry('\u2018', "'"), Map.entry('\u2019', "'"), Map.entry('\u201C', "\""),
            Map.entry('\u201D', "\""), Map.entry('\u2013', "-"), Map.entry('\u2014', "-"),
            Map.entry('\u2026', "..."), Map.entry('\u2264', "<="), Map.entry('\u2265', ">="),
            Map.entry('\u2260', "!="), Map.entry('\u00D7', "x"), Map.entry('\u00B1', "+-"),
            Map.entry('\u2192', "->"), Map.entry('\u2190', "<-"), Map.entry('\u00A0', " "),
            Map.entry('\u2248', "~"), Map.entry('\u2212', "-"), Map.entry('\u00B7', "."),
            Map.entry('\u2022', "*"), Map.entry('\t', "    "));

    private Text() {
    }

    /**
     * @param points a number of points
     * @return it without a needless fraction: {@code "3"}, {@code "2.5"}, {@code "0.33"}
     */
    public static String points(double points) {
        BigDecimal value = BigDecimal.valueOf(points).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return value.signum() == 0 ? "0" : value.toPlainString();
    }

    /**
     * @param earned points earned
     * @param max    points available
     * @return {@code "3/5"}
     */
    public static String score(double earned, double max) {
        return points(earned) + "/" + points(max);
    }

    /**
     * @param text any text
     * @return the text with common typographic characters replaced by ASCII ones and every other
     *         non-ASCII character by {@code ?} (consoles such as Windows' may not show them)
     */
    public static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = ASCII.get(c);
            if (replacement != null) {
                out.append(replacement);
            } else if (c == '\n' || c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append('?');
                i++;
            } else if (c != '\r') {
                out.append('?');
            }
        }
        return out.toString();
    }

    /** The longest message of a test a report keeps; the test JVM already cuts its own at this length. */
    public static final int MAX_MESSAGE = 8_000;

    /**
     * Strips what must never reach a report from a text the student's code may have written: control
     * characters (escape sequences, bells; line breaks and tabs stay, and a carriage return, CR LF or a
     * Unicode line or paragraph separator becomes one line break), the C1 controls,
     * and the invisible characters that reorder text (bidirectional overrides, as in "Trojan Source").
     * Unpaired surrogates become {@code ?}.
     *
     * @param text any text, or {@code null}
     * @return it cleaned, or {@code null}
     */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\r' || c == '\u2028' || c == '\u2029') {
                // a line break of its own (CR alone moves a console's cursor back; CommonMark ends a line
                // there): one line break, CR LF included
                out.append('\n');
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (Character.isSurrogate(c)) {
                out.append('?');
            } else if (c == '\n' || c == '\t' || !invisible(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean invisible(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069'
                || c == '\u200E' || c == '\u200F' || c == '\u061C' || c == '\uFEFF';
    }

    /**
     * @param text a text, or {@code null}
     * @param max  the most characters kept
     * @return it cleaned ({@link #clean(String)}) and cut to {@code max} characters with a visible mark
     */
    public static String cleanAndCap(String text, int max) {
        String cleaned = clean(text);
        if (cleaned == null || cleaned.length() <= max) {
            return cleaned;
        }
        return cleaned.substring(0, max) + "\n[truncated: " + (cleaned.length() - max) + " more characters]";
    }

    /**
     * @param run a run as recorded
     * @return the same run with every text that may come from outside the grader (messages, answers,
     *         errors, the submission id, the selection) cleaned and capped
     */
    public static GradingRun clean(GradingRun run) {
        GradingPlan plan = run.plan();
        GradingPlan cleanPlan = new GradingPlan(plan.format(), plan.seed(), cleanAndCap(plan.student(), MAX_ID),
                plan.startedAt(), cleanAndCap(plan.selection(), MAX_ID),
                plan.errors().stream().map(e -> cleanAndCap(e, MAX_MESSAGE)).toList(),
                plan.tests().stream().map(Text::clean).toList(),
                plan.notices().stream().map(n -> cleanAndCap(n, MAX_MESSAGE)).toList(),
                plan.provider() == null ? null : cleanAndCap(plan.provider(), MAX_MESSAGE),
                cleanAndCap(plan.tolerance(), MAX_MESSAGE));
        List<TestOutcome> outcomes = run.outcomes().stream().map(o -> new TestOutcome(clean(o.test()), o.status(),
                cleanAndCap(o.message(), MAX_MESSAGE), o.durationMs())).toList();
        List<FreeAnswer> answers = run.answers().stream().map(a -> new FreeAnswer(clean(a.test()),
                cleanAndCap(a.question(), MAX_MESSAGE), cleanAndCap(a.text(), MAX_ANSWER))).toList();
        RunAssignment assignment = run.assignment() == null ? null : new RunAssignment(
                cleanAndCap(run.assignment().name(), MAX_ID), cleanAndCap(run.assignment().title(), MAX_ID),
                run.assignment().outside(), run.assignment().instructorPoints(), run.assignment().checks(),
                run.assignment().detailsPublished());
        return new GradingRun(cleanPlan, outcomes, run.completed(), run.executionSeconds(), answers, assignment);
    }

    /** @return the test with its names cleaned (a display name is JUnit's, as the test JVM reported it) */
    private static PlannedTest clean(PlannedTest test) {
        return new PlannedTest(test.uniqueId(), clean(test.className()), clean(test.methodName()),
                cleanAndCap(test.displayName(), MAX_ID), test.exercise(), test.points());
    }

    /** The longest submission id, selection or display name a report keeps. */
    public static final int MAX_ID = 200;

    /** The longest free-text answer a report keeps. */
    public static final int MAX_ANSWER = 10_000;

    /**
     * @param text  a text
     * @param bytes the most bytes of UTF-8 it may take
     * @return it, cut at a character boundary with a visible mark when longer
     */
    public static String capUtf8(String text, int bytes) {
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= bytes) {
            return text;
        }
        String mark = "\n\n[truncated: the report is longer than this summary may be; see summary.md]\n";
        int chars = Math.min(text.length(), bytes / 4);
        // never between the two halves of a character outside the BMP: a lone surrogate is no UTF-8
        if (chars > 0 && Character.isHighSurrogate(text.charAt(chars - 1))) {
            chars--;
        }
        return text.substring(0, chars) + mark;
    }

    /**
     * Keeps console lines from being read as commands by a CI runner: GitHub Actions executes any output
     * line that starts with {@code ::} (after blanks), such as {@code ::set-env} or {@code ::add-mask}.
     *
     * @param line a line of the console report
     * @return the line, with a leading {@code ::} broken up as {@code : :}
     */
    public static String noWorkflowCommand(String line) {
        String stripped = line.stripLeading();
        if (!stripped.startsWith("::")) {
            return line;
        }
        return line.substring(0, line.length() - stripped.length()) + ": :" + stripped.substring(2);
    }

    /**
     * @param text any text, possibly several lines
     * @return it on one line: each run of white space (line breaks included) becomes one space
     */
    public static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /**
     * @param text  a line
     * @param width the most characters to keep
     * @return the line, cut to {@code width} characters ending in {@code "..."} when longer
     */
    public static String shorten(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        return width <= 3 ? text.substring(0, width) : text.substring(0, width - 3) + "...";
    }

    /**
     * Wraps a paragraph at word boundaries; a span quoted with backticks (a command) is never split.
     *
     * @param text   one paragraph
     * @param width  the longest line, indentation included (a longer command gets a line of its own)
     * @param indent what starts every line
     * @return the lines
     */
    public static List<String> wrap(String text, int width, String indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        for (String word : words(oneLine(text))) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > indent.length()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** @return the words of a one-line text, each backtick-quoted span (with what touches it) as one word */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                quoted = !quoted;
            }
            if (c == ' ' && !quoted) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * @param file a file
     * @param base the current folder
     * @return the file relative to {@code base} when it lies inside it (shorter to read), else absolute;
     *         always with forward slashes
     */
    public static String displayPath(Path file, Path base) {
        Path absolute = file.toAbsolutePath().normalize();
        Path from = base.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(from) && !absolute.equals(from) ? from.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }
}
