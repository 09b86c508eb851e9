package org.paramlab.grader.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.GradingSeed;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.TestOutcome;

/**
 * Everything {@link ReportWriter} prints after a run: a header, any errors, the {@link ConsoleTable},
 * the seed and how to reproduce the run, the most useful feedback ({@link Feedback}), and what to
 * do next ({@link NextStep}). ASCII only, lines of at most {@value ConsoleTable#WIDTH} characters,
 * and no line that a CI runner would take for a command ({@link Text#noWorkflowCommand}).
 */
public final class ConsoleReport {

    /** How many lines of feedback the console shows at most; summary.md has all of it. */
    public static final int FEEDBACK_LINES = 8;

    private static final int WIDTH = ConsoleTable.WIDTH;

    private ConsoleReport() {
    }

    /**
     * @param run       the run
     * @param book      its scores
     * @param reportDir the report folder, to name its files
     * @param base      the current folder, to show those names relative to it
     * @return the text to print, lines separated by {@code \n}
     */
    public static String render(GradingRun run, ScoreBook book, Path reportDir, Path base) {
        List<String> lines = new ArrayList<>();
        GradingPlan plan = run.plan();
        lines.add("");
        lines.add(Text.shorten(Console.strip(Text.oneLine("ParamLab grade of " + plan.student() + " ("
                + (plan.selection() == null ? "all exercises" : "only -Dexercise=" + plan.selection())
                + "), run started " + plan.startedAt())), WIDTH));
        for (String error : plan.errors()) {
            paragraphs("ERROR: ", error, lines);
        }
        notices(plan, lines);
        lines.add("");
        if (book.testCount() > 0) {
            lines.addAll(ConsoleTable.render(book));
            lines.add("");
        }
        if (plan.seed() != null && book.testCount() > 0 && plan.provider() == null) {
            lines.add(Text.shorten("Inputs drawn with seed " + plan.seed() + "; reproduce with: "
                    + reproduce(plan), WIDTH));
        } else if (plan.seed() != null && book.testCount() > 0) {
            lines.addAll(Text.wrap(Console.strip("Inputs drawn with seed " + plan.seed() + " on provider "
                    + plan.provider()), WIDTH, ""));
            if (plan.tolerance() != null) {
                lines.addAll(Text.wrap(Console.strip("tolerance: " + plan.tolerance()), WIDTH, "  "));
            }
            lines.add(Text.shorten("  reproduce with: " + reproduce(plan), WIDTH));
        }
        List<TestOutcome> lost = book.lostPoints();
        if (!lost.isEmpty()) {
            List<String> feedback = feedback(book);
            long entries = feedback.stream().filter(line -> !line.startsWith("      ")).count();
            lines.add("");
            lines.add(entries < lost.size()
                    ? "Feedback (" + entries + " of " + lost.size() + " tests that lost points; all of them in "
                    + ReportFiles.SUMMARY + "):"
                    : "Feedback:");
            lines.addAll(feedback);
        }
        lines.add("");
        lines.add("What to do next:");
        for (Advice advice : NextStep.advise(run, book)) {
            lines.addAll(Text.wrap(advice.render(Console::strip, c -> "`" + Console.strip(c) + "`",
                    q -> Console.strip(q).replace('`', '\'')), WIDTH, "  "));
        }
        lines.add(Text.shorten("  All feedback:       " + Text.displayPath(reportDir.resolve(ReportFiles.SUMMARY), base),
                WIDTH));
        lines.add(Text.shorten("  Gradescope results: " + Text.displayPath(reportDir.resolve(ReportFiles.RESULTS), base),
                WIDTH));
        lines.add(Text.shorten("  Charts:             " + Text.displayPath(reportDir.resolve(ReportFiles.HTML), base),
                WIDTH));
        return join(lines);
    }

    private static void notices(GradingPlan plan, List<String> lines) {
        for (String notice : plan.notices()) {
            paragraphs("NOTE: ", notice, lines);
        }
    }

    /**
     * A text's first line wrapped after a label; its other lines (a list of files, a compiler message with
     * its caret) kept as they are, indented.
     */
    private static void paragraphs(String label, String text, List<String> lines) {
        String[] paragraphs = text.split("\n");
        lines.addAll(Text.wrap(Console.strip(label + paragraphs[0]), WIDTH, "  "));
        for (int i = 1; i < paragraphs.length; i++) {
            String line = Console.strip("      " + paragraphs[i]);
            if (line.length() <= WIDTH || paragraphs[i].startsWith(" ")) {
                lines.add(Text.shorten(line, WIDTH));
                continue;
            }
            // prose (a provider that cannot run says what is missing): wrapped, at most five lines
            List<String> wrapped = Text.wrap(Console.strip(paragraphs[i]), WIDTH, "      ");
            for (int j = 0; j < wrapped.size() && j < 5; j++) {
                lines.add(j == 4 && wrapped.size() > 5 ? Text.shorten(wrapped.get(j) + " ...", WIDTH) : wrapped.get(j));
            }
        }
    }

    private static String join(List<String> lines) {
        // every line once more through the console's escaper: a line built from a path or a command holds
        // outside text too (an id, a selection); a line break inside an entry makes a line of its own, which
        // must not start a workflow command either
        return lines.stream().map(Console::strip).flatMap(line -> java.util.Arrays.stream(line.split("\n", -1)))
                .map(Text::noWorkflowCommand)
                .collect(java.util.stream.Collectors.joining("\n")) + "\n";
    }

    /**
     * The most useful lost points, at most {@value #FEEDBACK_LINES} lines: each on one line
     * ({@code "  2.2 LinearTest.forward: message"}) when it fits, else the test on one line and the
     * message, shortened, indented on the next.
     */
    static List<String> feedback(ScoreBook book) {
        List<String> lines = new ArrayList<>();
        for (TestOutcome outcome : Feedback.mostUseful(book, FEEDBACK_LINES)) {
            String test = "  " + outcome.test().exercise() + " " + outcome.test().shortName() + ":";
            String message = Console.strip(Text.oneLine(outcome.message() == null ? outcome.status().label()
                    : outcome.message()));
            String oneLine = Console.strip(test + " " + message);
            List<String> entry = oneLine.length() <= WIDTH ? List.of(oneLine)
                    : List.of(Text.shorten(Console.strip(test), WIDTH), Text.shorten("      " + message, WIDTH));
            if (lines.size() + entry.size() > FEEDBACK_LINES) {
                break;
            }
            lines.addAll(entry);
        }
        return lines;
    }

    /** @return whether the references of this run ran on CUDA ({@code cuda} or {@code auto -> cuda}) */
    static boolean ranOnCuda(GradingPlan plan) {
        return plan.provider() != null && plan.tolerance() != null
                && (plan.provider().equals("cuda") || plan.provider().equals("auto -> cuda"));
    }

    /**
     * @param plan a run's plan
     * @return the command that reruns it with the same seed and selection
     */
    static String reproduce(GradingPlan plan) {
        String command = GradingSeed.reproduceCommand(plan.seed());
        if (ranOnCuda(plan)) {
            command += " -D" + org.paramlab.grader.protocol.Provider.PROPERTY + "=cuda";
        }
        return plan.selection() == null ? command : command + " -Dexercise=" + plan.selection();
    }

    /**
     * @param run a run in which no graded test ran
     * @return what to print: why, and what to check
     */
    public static String noGradedTests(GradingRun run) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("ParamLab: " + NoGradedTests.HEADLINE + ".");
        for (String error : run.plan().errors()) {
            paragraphs("ERROR: ", error, lines);
        }
        notices(run.plan(), lines);
        if (run.plan().provider() != null) {
            lines.addAll(Text.wrap(Console.strip("  Provider: " + run.plan().provider()), WIDTH, "    "));
        }
        for (String paragraph : NoGradedTests.reasons(run)) {
            lines.addAll(Text.wrap(Console.strip(paragraph), WIDTH, "  "));
        }
        return join(lines);
    }
}
