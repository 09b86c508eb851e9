package org.paramlab.grader.report;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One piece of advice of "What to do next", kept in parts so that each report writer escapes each part for
 * its own format: the grader's own words, the commands it suggests (shown as code), and a text from outside
 * the grader that it quotes (a test's message), which must never be read as Markdown or HTML.
 *
 * @param parts the parts, in order
 */
public record Advice(List<Part> parts) {

    /** What a part is. */
    public enum Kind {
        /** The grader's own words. */
        PROSE,
        /** A command to run, shown as code. */
        COMMAND,
        /** A text from outside the grader, quoted as it is. */
        QUOTE
    }

    /**
     * @param kind what the part is
     * @param text its text
     */
    public record Part(Kind kind, String text) {

        /** Checks the part. */
        public Part {
            if (kind == null || text == null) {
                throw new IllegalArgumentException("an advice part needs a kind and a text, not " + kind + ", "
                        + (text == null ? "null" : "\"" + text + "\""));
            }
        }
    }

    /** Copies the parts. */
    public Advice {
        parts = List.copyOf(parts);
    }

    /**
     * @param parts the parts
     * @return the advice
     */
    static Advice of(Part... parts) {
        return new Advice(List.of(parts));
    }

    /** @return the grader's words */
    static Part prose(String text) {
        return new Part(Kind.PROSE, text);
    }

    /** @return a command, which may hold a value from outside the grader (an exercise selection) */
    static Part command(String text) {
        return new Part(Kind.COMMAND, text);
    }

    /**
     * @param parts the grader's own words (nothing from outside the grader) and, quoted with backticks,
     *              commands ({@code "Run `mvn test`."})
     * @return the advice
     */
    static Advice of(String parts) {
        return new Advice(split(parts));
    }

    /**
     * @param words  the grader's words, commands quoted with backticks
     * @param quoted a text from outside the grader, quoted after them
     * @return the advice
     */
    static Advice quoting(String words, String quoted) {
        List<Part> parts = new java.util.ArrayList<>(split(words));
        parts.add(new Part(Kind.QUOTE, quoted == null ? "" : quoted));
        return new Advice(parts);
    }

    /**
     * @param prose   how the writer shows the grader's words
     * @param command how it shows a command
     * @param quote   how it shows a quoted text from outside
     * @return the advice in the writer's format
     */
    public String render(UnaryOperator<String> prose, UnaryOperator<String> command, UnaryOperator<String> quote) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(switch (part.kind()) {
                case PROSE -> prose.apply(part.text());
                case COMMAND -> command.apply(part.text());
                case QUOTE -> quote.apply(part.text());
            });
        }
        return out.toString();
    }

    /** @return the advice as plain text, commands between backticks, the quote as it is */
    @Override
    public String toString() {
        return render(p -> p, c -> "`" + c + "`", q -> q);
    }

    private static List<Part> split(String words) {
        List<Part> parts = new java.util.ArrayList<>();
        String[] pieces = words.split("`", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (!pieces[i].isEmpty()) {
                parts.add(new Part(i % 2 == 0 ? Kind.PROSE : Kind.COMMAND, pieces[i]));
            }
        }
        return parts;
    }
}
