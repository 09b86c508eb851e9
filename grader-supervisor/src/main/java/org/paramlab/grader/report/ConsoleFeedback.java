package org.paramlab.grader.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;

/**
 * The feedback the console shows, enough to act on without opening a file: for each test that lost points,
 * the concept it checks, the first line of its message, the first numbers that differ, the hint, and for a
 * broken rule the file and line of each violation; every line wrapped to the terminal's width, never cut.
 * The tests of the exercise to do next come first; at most {@value #MAX_LINES} lines, so that the table,
 * the feedback and the next step fit on one screen (summary.md has every test's whole message).
 */
final class ConsoleFeedback {

    /** The most lines of feedback on the console. */
    static final int MAX_LINES = 18;
    /** The most lines one test's entry takes. */
    static final int MAX_ENTRY_LINES = 8;
    /** The most lines one part of a message (its first line, its numbers, its hint) takes. */
    static final int MAX_PART_LINES = 4;
    /** The most violations of a rule listed on the console. */
    static final int MAX_VIOLATIONS = 3;

    private static final String INDENT = "      ";
    /** Where a message gives numbers: a mismatch, or an expected value beside the actual one. */
    private static final Pattern NUMBERS = Pattern.compile(
            "^expected|\\bexpected\\b.*\\b(actual|but was|got)\\b");
    /** ArchUnit's violation: {@code - Method <a.b.C.m(x.Y)> calls method <java.lang.System.exit(int)> in (C.java:12)}. */
    private static final Pattern VIOLATION = Pattern.compile("^- (.*?) in \\((\\S+\\.java:\\d+)\\)$");
    /** ArchUnit's kind of member before its name: {@code Method <}, {@code calls constructor <}. */
    private static final Pattern KIND = Pattern.compile("\\b(?:Method|Constructor|Field|Class|Static Initializer"
            + "|method|constructor|field|class) <");
    /** A JVM array type inside a signature: {@code [Ljava.lang.String;}. */
    private static final Pattern ARRAY = Pattern.compile("\\[L([\\w.$]+);");
    /** A package prefix inside a violation, dropped on the console: {@code org.paramlab.nn.}. */
    private static final Pattern PACKAGE = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+(?=[A-Z])");

    private ConsoleFeedback() {
    }

    /**
     * @param book  the run's scores
     * @param next  the exercise to do next, whose tests come first
     * @param width the longest line
     * @return the lines, and how many of the tests that lost points they show
     */
    static Shown render(ScoreBook book, Optional<Exercise> next, int width) {
        List<TestOutcome> chosen = new ArrayList<>(Feedback.mostUseful(book, book.lostPoints().size()));
        // "not attempted" says nothing the next step does not, except for the exercise to do next
        chosen.removeIf(o -> o.status() == TestStatus.NOT_ATTEMPTED
                && !(next.isPresent() && o.test().exercise().equals(next.get().id())));
        // stable: within each part, Feedback's order (a crash first, then failures, ...)
        chosen.sort(Comparator.comparingInt(o -> next.isPresent() && o.test().exercise().equals(next.get().id()) ? 0 : 1));
        List<String> lines = new ArrayList<>();
        int shown = 0;
        for (TestOutcome outcome : chosen) {
            List<String> entry = entry(outcome, width);
            if (lines.size() + entry.size() > MAX_LINES && shown > 0) {
                break;
            }
            lines.addAll(entry.subList(0, Math.min(entry.size(), MAX_LINES)));
            shown++;
        }
        return new Shown(lines, shown);
    }

    /**
     * @param lines the feedback's lines
     * @param tests how many tests they show
     */
    record Shown(List<String> lines, int tests) {
    }

    /** One test: what it checks, then what went wrong, wrapped under it. */
    static List<String> entry(TestOutcome outcome, int width) {
        List<String> lines = new ArrayList<>();
        List<String> head = Text.wrap(Console.strip(outcome.test().exercise() + " " + concept(outcome)), width, "    ");
        head.forEach(line -> lines.add(lines.isEmpty() ? "  " + line.substring(4) : line));
        String message = outcome.message() == null ? outcome.status().label() : outcome.message();
        List<String> parts = parts(message);
        for (String part : parts) {
            List<String> wrapped = Text.wrap(Console.strip(part), width, INDENT);
            for (int i = 0; i < wrapped.size() && i < MAX_PART_LINES; i++) {
                lines.add(i == MAX_PART_LINES - 1 && wrapped.size() > MAX_PART_LINES
                        ? Text.shorten(wrapped.get(i) + " ...", width) : wrapped.get(i));
            }
        }
        if (lines.size() > MAX_ENTRY_LINES) {
            List<String> cut = new ArrayList<>(lines.subList(0, MAX_ENTRY_LINES - 1));
            cut.add(INDENT + "... (the whole message is in " + org.paramlab.grader.protocol.ReportFiles.SUMMARY + ")");
            return cut;
        }
        return lines;
    }

    /** ArchUnit's {@code Method <a.b.C.m(x.Y)> calls method <java.lang.System.exit(int)>} as {@code C.m(Y) calls System.exit(int)}. */
    private static String readable(String violation) {
        String text = ARRAY.matcher(violation).replaceAll("$1[]");
        text = KIND.matcher(text).replaceAll("");
        return PACKAGE.matcher(text.replace(">", "")).replaceAll("");
    }

    /** The test's display name when it says what is checked, else its class and method (summary.md has both). */
    private static String concept(TestOutcome outcome) {
        String display = outcome.test().displayName();
        boolean named = display != null && !display.isBlank() && !display.strip().matches("[\\w$]+\\(.*\\)");
        return named ? display.strip() : outcome.test().shortName();
    }

    /**
     * The message's first line, its first line of numbers, its hint and what it was checking, and each
     * violation of a rule with the file and line first.
     */
    static List<String> parts(String message) {
        String[] lines = message.strip().split("\n");
        List<String> parts = new ArrayList<>();
        parts.add(lines[0]);
        // the first mismatch when the message gives one, else the first line with an expected value
        String numbers = null;
        for (int i = 1; i < lines.length && numbers == null; i++) {
            numbers = lines[i].strip().startsWith("first mismatch") ? lines[i].strip() : null;
        }
        for (int i = 1; i < lines.length && numbers == null; i++) {
            numbers = NUMBERS.matcher(lines[i].strip()).find() ? lines[i].strip() : null;
        }
        int violations = 0;
        int moreViolations = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            Matcher violation = VIOLATION.matcher(line);
            if (violation.matches()) {
                if (violations < MAX_VIOLATIONS) {
                    parts.add(violation.group(2) + ": " + readable(violation.group(1)));
                    violations++;
                } else {
                    moreViolations++;
                }
            } else if (line.equals(numbers)) {
                parts.add(line);
                numbers = null;
            } else if (line.startsWith("hint:") || line.startsWith("while checking:")) {
                parts.add(line);
            }
        }
        if (moreViolations > 0) {
            parts.add("and " + moreViolations + " more");
        }
        return parts;
    }
}
