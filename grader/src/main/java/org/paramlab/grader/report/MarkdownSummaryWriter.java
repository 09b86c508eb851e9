package org.paramlab.grader.report;

import org.paramlab.grader.MavenCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.paramlab.grader.Exercise;
import org.paramlab.grader.report.ScoreBook.ExerciseScore;
import org.paramlab.grader.report.ScoreBook.GroupScore;

/**
 * Writes {@code summary.md}: the score per group and exercise as a table, the answers in the
 * student's own words (not graded, for the instructor; {@value FreeAnswer#NO_ANSWER} when empty),
 * then every lost point with its full message, grouped by exercise, with the notebook section and
 * the command that grades the exercise alone. GitHub shows it as the job summary.
 */
public final class MarkdownSummaryWriter {

    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private MarkdownSummaryWriter() {
    }

    /**
     * @param run  the run
     * @param book its scores
     * @return the Markdown text
     */
    public static String render(GradingRun run, ScoreBook book) {
        GradingPlan plan = run.plan();
        StringBuilder md = new StringBuilder();
        md.append("# ParamLab: ").append(Text.points(book.earned())).append(" / ").append(Text.points(book.max()))
                .append(" points\n\n");
        md.append("Graded `").append(plan.student()).append("`, ")
                .append(plan.selection() == null ? "all exercises" : "only `-Dexercise=" + plan.selection() + "`");
        if (plan.seed() != null) {
            md.append("; inputs drawn with seed ").append(plan.seed()).append(" (reproduce with `")
                    .append(ConsoleReport.reproduce(plan)).append("`)");
        }
        md.append(".\n\n");
        if (plan.provider() != null) {
            md.append("References run by ONNX Runtime on provider `").append(plan.provider()).append('`')
                    .append(plan.tolerance() == null ? "" : "; tolerance `" + plan.tolerance() + "`").append(".\n\n");
        }
        for (String error : plan.errors()) {
            String fence = fence(error);
            md.append("**Error:**\n\n").append(fence).append("text\n").append(error).append('\n').append(fence)
                    .append("\n\n");
        }
        notices(md, plan);
        if (book.testCount() > 0) {
            table(md, book);
        }
        md.append("## What to do next\n\n");
        for (String advice : NextStep.advise(run, book)) {
            md.append("- ").append(advice).append('\n');
        }
        md.append('\n');
        if (!run.answers().isEmpty()) {
            answers(md, run.answers());
        }
        List<TestOutcome> lost = book.lostPoints();
        if (!lost.isEmpty()) {
            lostPoints(md, book);
        }
        return md.toString();
    }

    private static void table(StringBuilder md, ScoreBook book) {
        md.append("| Exercise | | Points | Result |\n| --- | --- | ---: | --- |\n");
        for (GroupScore group : book.groups()) {
            md.append("| **").append(group.group().number()).append("** | **").append(cell(group.group().title()))
                    .append("** | **").append(Text.score(group.earned(), group.max())).append("** | |\n");
            for (ExerciseScore exercise : group.exercises()) {
                md.append("| ").append(exercise.exercise().id()).append(" | ").append(cell(exercise.exercise().title()))
                        .append(" | ").append(Text.score(exercise.earned(), exercise.max())).append(" | ")
                        .append(cell(exercise.statusSummary())).append(" |\n");
            }
        }
        md.append("| | **Total** | **").append(Text.score(book.earned(), book.max())).append("** | |\n\n");
    }

    private static void answers(StringBuilder md, List<FreeAnswer> answers) {
        md.append("## Answers in your own words (not graded)\n\n");
        String heading = null;
        for (FreeAnswer answer : answers) {
            String exerciseHeading = Exercise.find(answer.test().exercise())
                    .map(e -> e.id() + " " + e.title()).orElse(answer.test().exercise());
            if (!exerciseHeading.equals(heading)) {
                heading = exerciseHeading;
                md.append("### ").append(heading).append("\n\n");
            }
            if (answer.question() != null && !answer.question().isBlank()) {
                md.append("**").append(Text.oneLine(answer.question())).append("**\n\n");
            }
            if (answer.given()) {
                String fence = fence(answer.display());
                md.append(fence).append("text\n").append(answer.display()).append('\n').append(fence).append("\n\n");
            } else {
                md.append("*").append(FreeAnswer.NO_ANSWER).append("*\n\n");
            }
        }
    }

    private static void lostPoints(StringBuilder md, ScoreBook book) {
        md.append("## Lost points\n\n");
        for (ExerciseScore score : book.exercises()) {
            if (score.fullMarks()) {
                continue;
            }
            Exercise exercise = score.exercise();
            md.append("### ").append(exercise.id()).append(' ').append(exercise.title()).append("\n\n");
            md.append("Notebook section: *").append(exercise.section()).append("*. Grade it alone: `" + MavenCommand.MVN + " test -Dexercise=")
                    .append(exercise.id()).append("`.\n\n");
            for (TestOutcome outcome : score.outcomes()) {
                if (outcome.status().earnsPoints()) {
                    continue;
                }
                PlannedTest test = outcome.test();
                md.append("- `").append(test.shortName()).append('`');
                if (!test.displayName().startsWith(test.methodName() + "(")) {
                    md.append(" (").append(Text.oneLine(test.displayName())).append(')');
                }
                md.append(": ").append(Text.points(outcome.earned())).append(" / ").append(Text.points(test.points()))
                        .append(", ").append(outcome.status().label()).append("\n\n");
                if (outcome.message() != null) {
                    String fence = fence(outcome.message());
                    md.append("  ").append(fence).append("text\n");
                    for (String line : outcome.message().strip().split("\\R")) {
                        md.append("  ").append(line).append('\n');
                    }
                    md.append("  ").append(fence).append("\n\n");
                }
            }
        }
    }

    private static void notices(StringBuilder md, GradingPlan plan) {
        for (String notice : plan.notices()) {
            String fence = fence(notice);
            md.append("**Note:**\n\n").append(fence).append("text\n").append(notice).append('\n').append(fence)
                    .append("\n\n");
        }
    }

    /** @return a code fence longer than any run of backticks in the text */
    static String fence(String text) {
        int longest = 0;
        Matcher matcher = BACKTICKS.matcher(text);
        while (matcher.find()) {
            longest = Math.max(longest, matcher.group().length());
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** @return the text safe inside a table cell: one line, pipes escaped */
    static String cell(String text) {
        return Text.oneLine(text).replace("|", "\\|");
    }

    /**
     * @param run a run in which no graded test ran
     * @return the summary: why, and what to check
     */
    public static String renderNoGradedTests(GradingRun run) {
        StringBuilder md = new StringBuilder("# ParamLab: ").append(NoGradedTests.HEADLINE).append("\n\n");
        for (String error : run.plan().errors()) {
            String fence = fence(error);
            md.append("**Error:**\n\n").append(fence).append("text\n").append(error).append('\n').append(fence)
                    .append("\n\n");
        }
        notices(md, run.plan());
        if (run.plan().provider() != null) {
            md.append("Provider: `").append(run.plan().provider()).append("`.\n\n");
        }
        for (String reason : NoGradedTests.reasons(run)) {
            md.append("- ").append(reason).append('\n');
        }
        return md.toString();
    }
}
