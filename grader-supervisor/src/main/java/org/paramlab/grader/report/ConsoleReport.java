package org.paramlab.grader.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.GradingSeed;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.TestOutcome;

/**
 * Everything {@link ReportWriter} prints after a run: a header, any errors, the {@link ConsoleTable},
 * the seed and how to reproduce the run, the feedback of the tests that lost points ({@link ConsoleFeedback},
 * those of the next exercise first), and what to do next ({@link NextStep}). ASCII only, lines wrapped to the
 * terminal's width ({@link Console#width}; {@value ConsoleTable#WIDTH} characters when it does not say), and
 * no line that a CI runner would take for a command ({@link Text#noWorkflowCommand}).
 */
public final class ConsoleReport {

    private ConsoleReport() {
    }

    /**
     * @param run a run
     * @return what it graded: {@code "all exercises"}, {@code "only -Dexercise=1.2"}, {@code "assignment week1"},
     *         {@code "assignment week1, only -Dexercise=1.2"}
     */
    static String scope(GradingRun run) {
        String selection = run.plan().selection() == null ? null : "only -Dexercise=" + run.plan().selection();
        if (run.assignment() == null) {
            return selection == null ? "all exercises" : selection;
        }
        return "assignment " + run.assignment().name() + (selection == null ? "" : ", " + selection);
    }

    /**
     * @param run       the run
     * @param book      its scores
     * @param reportDir the report folder, to name its files
     * @param base      the current folder, to show those names relative to it
     * @return the text to print, lines separated by {@code \n}, at most {@value ConsoleTable#WIDTH} wide
     */
    public static String render(GradingRun run, ScoreBook book, Path reportDir, Path base) {
        return render(run, book, reportDir, base, ConsoleTable.WIDTH);
    }

    /**
     * @param run       the run
     * @param book      its scores
     * @param reportDir the report folder, to name its files
     * @param base      the current folder, to show those names relative to it
     * @param width     the longest line ({@link Console#width})
     * @return the text to print, lines separated by {@code \n}
     */
    public static String render(GradingRun run, ScoreBook book, Path reportDir, Path base, int width) {
        List<String> lines = new ArrayList<>();
        GradingPlan plan = run.plan();
        Optional<Exercise> next = NextStep.focus(run, book);
        lines.add("");
        lines.add(Text.shorten(Console.strip(Text.oneLine("ParamLab grade of " + plan.student() + " ("
                + scope(run) + "), run started " + plan.startedAt())), width));
        for (String error : plan.errors()) {
            paragraphs("ERROR: ", error, lines, width);
        }
        notices(plan, lines, width);
        lines.add("");
        if (book.testCount() > 0) {
            lines.addAll(ConsoleTable.render(book, next, plan.selection() == null, width,
                    NextStep.doesNotCompile(run) ? "not compiled" : null, run.assignment()));
            lines.add("");
            String checks = run.assignment() == null ? null : run.assignment().checksSentence();
            if (checks != null) {
                lines.addAll(Text.wrap(checks, width, ""));
                lines.add("");
            }
        }
        if (plan.seed() != null && book.testCount() > 0 && plan.provider() == null) {
            lines.addAll(Text.wrap("Inputs drawn with seed " + plan.seed() + "; reproduce with: `"
                    + reproduce(plan) + "`", width, "").stream().map(l -> l.replace("`", "")).toList());
        } else if (plan.seed() != null && book.testCount() > 0) {
            lines.addAll(Text.wrap(Console.strip("Inputs drawn with seed " + plan.seed() + " on provider "
                    + plan.provider()), width, ""));
            if (plan.tolerance() != null) {
                lines.addAll(Text.wrap(Console.strip("tolerance: " + plan.tolerance()), width, "  "));
            }
            lines.add(Text.shorten("  reproduce with: " + reproduce(plan), width));
        }
        List<TestOutcome> lost = book.lostPoints();
        // code that does not compile: the compiler's errors, above the table, are the feedback
        if (!lost.isEmpty() && !NextStep.doesNotCompile(run)) {
            ConsoleFeedback.Shown feedback = ConsoleFeedback.render(book, next, width);
            lines.add("");
            lines.add(feedback.tests() < lost.size()
                    ? "Feedback (" + feedback.tests() + " of " + lost.size() + " tests that lost points; all of them in "
                    + ReportFiles.SUMMARY + "):"
                    : "Feedback:");
            lines.addAll(feedback.lines());
        }
        lines.add("");
        lines.add("What to do next:");
        for (Advice advice : NextStep.advise(run, book)) {
            lines.addAll(Text.wrap(advice.render(Console::strip, c -> "`" + Console.strip(c) + "`",
                    q -> Console.strip(q).replace('`', '\'')), width, "  "));
        }
        lines.add(Text.shorten("  All feedback:       " + Text.displayPath(reportDir.resolve(ReportFiles.SUMMARY), base),
                width));
        lines.add(Text.shorten("  Gradescope results: " + Text.displayPath(reportDir.resolve(ReportFiles.RESULTS), base),
                width));
        lines.add(Text.shorten("  Charts:             " + Text.displayPath(reportDir.resolve(ReportFiles.HTML), base),
                width));
        return join(lines);
    }

    private static void notices(GradingPlan plan, List<String> lines, int width) {
        for (String notice : plan.notices()) {
            paragraphs("NOTE: ", notice, lines, width);
        }
    }

    /**
     * A text's first line wrapped after a label; its other lines (a list of files, a compiler message with
     * its caret) kept as they are, indented.
     */
    private static void paragraphs(String label, String text, List<String> lines, int width) {
        String[] paragraphs = text.split("\n");
        lines.addAll(Text.wrap(Console.strip(label + paragraphs[0]), width, "  "));
        for (int i = 1; i < paragraphs.length; i++) {
            String line = Console.strip("      " + paragraphs[i]);
            if (line.length() <= width || paragraphs[i].startsWith(" ")) {
                lines.add(Text.shorten(line, width));
                continue;
            }
            // prose (a provider that cannot run says what is missing): wrapped, at most five lines
            List<String> wrapped = Text.wrap(Console.strip(paragraphs[i]), width, "      ");
            for (int j = 0; j < wrapped.size() && j < 5; j++) {
                lines.add(j == 4 && wrapped.size() > 5 ? Text.shorten(wrapped.get(j) + " ...", width) : wrapped.get(j));
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
        int width = ConsoleTable.WIDTH;
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("ParamLab: " + NoGradedTests.HEADLINE + ".");
        for (String error : run.plan().errors()) {
            paragraphs("ERROR: ", error, lines, width);
        }
        notices(run.plan(), lines, width);
        if (run.plan().provider() != null) {
            lines.addAll(Text.wrap(Console.strip("  Provider: " + run.plan().provider()), width, "    "));
        }
        for (String paragraph : NoGradedTests.reasons(run)) {
            lines.addAll(Text.wrap(Console.strip(paragraph), width, "  "));
        }
        return join(lines);
    }
}
