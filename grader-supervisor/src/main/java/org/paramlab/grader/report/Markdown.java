package org.paramlab.grader.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where a text from outside the grader (a test's message, an answer, a submission id, a tag,
 * a file name, compiler output) becomes Markdown, as GitHub renders it (CommonMark with the GFM extensions
 * and raw HTML allowed): in an inline code span, in a fenced code block or in a table cell. Whatever the
 * text holds (backticks, fences, {@code <!--}, HTML, headings, table rows, links), it stays inside its span
 * or block: nothing in it becomes an element of the page.
 *
 * <p>There is no "plain text" form on purpose: backslash escapes and entities stop emphasis and HTML, but
 * not GFM's autolinks in every renderer (commonmark-java links a bare URL after unescaping it), so a text
 * from outside is always shown as code.
 */
public final class Markdown {

    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private Markdown() {
    }

    /**
     * An inline code span whose fence is longer than any run of backticks in the text. The text is put on
     * one line first: a line break inside a span would let the next line start a block (a heading, a
     * table row, an HTML block) before the span closes.
     *
     * @param text any text, or {@code null} (an empty span)
     * @return the span (of a single space when the text is empty or blank)
     */
    public static String code(String text) {
        String line = oneLine(text);
        String fence = "`".repeat(longestRun(line) + 1);
        // CommonMark strips one space on each side when both are there: a space keeps a backtick at either
        // end from joining the fence (the line is stripped, so the text loses no space of its own)
        if (line.isEmpty()) {
            return "` `";
        }
        boolean pad = line.startsWith("`") || line.endsWith("`");
        return pad ? fence + " " + line + " " + fence : fence + line + fence;
    }

    /**
     * A fenced code block (info string {@code text}), its fence longer than any run of backticks in the
     * text, so that no line of the text can close it. Every line is indented by {@code indent}, which keeps
     * the block inside a list item.
     *
     * @param text   any text, several lines allowed, or {@code null} (an empty block)
     * @param indent what starts every line: spaces only
     * @return the block, ending with a line break
     */
    public static String block(String text, String indent) {
        if (!indent.isBlank() && !indent.isEmpty()) {
            throw new IllegalArgumentException("a block's indent must be spaces, not \"" + indent + "\"");
        }
        String body = lines(text);
        String fence = "`".repeat(Math.max(3, longestRun(body) + 1));
        StringBuilder md = new StringBuilder(body.length() + 32);
        md.append(indent).append(fence).append("text\n");
        for (String line : body.split("\n", -1)) {
            md.append(line.isEmpty() ? "" : indent).append(line).append('\n');
        }
        return md.append(indent).append(fence).append('\n').toString();
    }

    /**
     * @param text any text, or {@code null}
     * @return the text as a code span that is safe in a GFM table cell (the table extension reads a pipe
     *         before the span does, so pipes are escaped)
     */
    public static String cell(String text) {
        return code(text).replace("|", "\\|");
    }

    private static String oneLine(String text) {
        String cleaned = Text.clean(text == null ? "" : text);
        return cleaned.replaceAll("\\s+", " ").strip();
    }

    /** @return the text cleaned, with every line break (CR, CR LF, LF) as {@code \n} and no trailing blank */
    private static String lines(String text) {
        String normalized = (text == null ? "" : text).replace("\r\n", "\n").replace('\r', '\n');
        return Text.clean(normalized).stripTrailing();
    }

    private static int longestRun(String text) {
        int longest = 0;
        Matcher matcher = BACKTICKS.matcher(text);
        while (matcher.find()) {
            longest = Math.max(longest, matcher.group().length());
        }
        return longest;
    }
}
