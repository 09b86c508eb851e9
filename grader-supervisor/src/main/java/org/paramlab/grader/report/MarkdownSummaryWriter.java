package org.paramlab.grader.report;

import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.FreeAnswer;

import org.paramlab.grader.protocol.MavenCommand;
import java.nio.file.Path;
import java.util.List;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.report.ScoreBook.ExerciseScore;
import org.paramlab.grader.report.ScoreBook.GroupScore;

/**
 * Writes {@code summary.md}: the score per group and exercise as a table, the answers in the
 * student's own words (not graded, for the instructor; {@value FreeAnswer#NO_ANSWER} when empty),
 * then every lost point with its full message, grouped by exercise, with the notebook section and
 * the command that grades the exercise alone. GitHub shows it as the job summary.
 *
 * <p>Every text from outside the grader (the submission id, the selection, the provider, errors, notices,
 * messages, answers, the quote of an advice) goes through {@link Markdown}: in a code span or a fenced
 * block, so that nothing in it becomes a heading, a table, a link, HTML or a comment.
 */
public final class MarkdownSummaryWriter {

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
        md.append("Graded ").append(Markdown.code(plan.student())).append(", ");
        if (run.assignment() != null) {
            md.append("assignment ").append(Markdown.code(run.assignment().name())).append(" (")
                    .append(Markdown.code(run.assignment().title())).append(")").append(plan.selection() == null ? "" : ", ");
        }
        if (run.assignment() == null || plan.selection() != null) {
            md.append(plan.selection() == null ? "all exercises" : "only " + Markdown.code("-Dexercise=" + plan.selection()));
        }
        if (plan.seed() != null) {
            md.append("; inputs drawn with seed ").append(plan.seed()).append(" (reproduce with ")
                    .append(Markdown.code(ConsoleReport.reproduce(plan))).append(")");
        }
        md.append(".\n\n");
        if (plan.provider() != null) {
            md.append("References run by ONNX Runtime on provider ").append(Markdown.code(plan.provider()))
                    .append(plan.tolerance() == null ? "" : "; tolerance " + Markdown.code(plan.tolerance()))
                    .append(".\n\n");
        }
        errors(md, plan);
        notices(md, plan);
        if (book.testCount() > 0) {
            table(md, book, run.assignment());
            String checks = run.assignment() == null ? null : run.assignment().checksSentence();
            if (checks != null) {
                md.append(checks).append("\n\n");
            }
        }
        md.append("## What to do next\n\n");
        for (Advice advice : NextStep.advise(run, book)) {
            md.append("- ").append(advice(advice)).append('\n');
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

    private static void table(StringBuilder md, ScoreBook book, RunAssignment assignment) {
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
        for (RunAssignment.OutsideRow row : assignment == null ? List.<RunAssignment.OutsideRow>of() : assignment.outsideRows()) {
            md.append("| ").append(row.id()).append(" | ").append(cell(row.title())).append(" | - | ")
                    .append(RunAssignment.OUTSIDE).append(" |\n");
        }
        md.append("| | **Total** | **").append(Text.score(book.earned(), book.max())).append("** | |\n\n");
    }

    private static void answers(StringBuilder md, List<FreeAnswer> answers) {
        md.append("## Answers in your own words (not graded)\n\n");
        String heading = null;
        for (FreeAnswer answer : answers) {
            String exerciseHeading = Exercise.find(answer.test().exercise())
                    .map(e -> e.id() + " " + e.title()).orElse(Markdown.code(answer.test().exercise()));
            if (!exerciseHeading.equals(heading)) {
                heading = exerciseHeading;
                md.append("### ").append(heading).append("\n\n");
            }
            if (answer.question() != null && !answer.question().isBlank()) {
                md.append("**").append(Markdown.code(answer.question())).append("**\n\n");
            }
            if (answer.given()) {
                md.append(Markdown.block(answer.display(), "")).append('\n');
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
                md.append("- ").append(Markdown.code(test.shortName()));
                if (!test.displayName().startsWith(test.methodName() + "(")) {
                    md.append(" (").append(Markdown.code(test.displayName())).append(')');
                }
                md.append(": ").append(Text.points(outcome.earned())).append(" / ").append(Text.points(test.points()))
                        .append(", ").append(outcome.status().label()).append("\n\n");
                if (outcome.message() != null) {
                    md.append(Markdown.block(outcome.message().strip(), "  ")).append('\n');
                }
            }
        }
    }

    private static void errors(StringBuilder md, GradingPlan plan) {
        for (String error : plan.errors()) {
            md.append("**Error:**\n\n").append(Markdown.block(error, "")).append('\n');
        }
    }

    private static void notices(StringBuilder md, GradingPlan plan) {
        for (String notice : plan.notices()) {
            md.append("**Note:**\n\n").append(Markdown.block(notice, "")).append('\n');
        }
    }

    /** @return the advice: the grader's words as they are, commands and the quote as code spans */
    static String advice(Advice advice) {
        return advice.render(prose -> prose, Markdown::code, Markdown::code);
    }

    /** @return the grader's own text (a title, a status) safe inside a table cell: one line, pipes escaped */
    static String cell(String text) {
        return Text.oneLine(text).replace("|", "\\|");
    }

    /**
     * @param run a run in which no graded test ran
     * @return the summary: why, and what to check
     */
    public static String renderNoGradedTests(GradingRun run) {
        StringBuilder md = new StringBuilder("# ParamLab: ").append(NoGradedTests.HEADLINE).append("\n\n");
        errors(md, run.plan());
        notices(md, run.plan());
        if (run.plan().provider() != null) {
            md.append("Provider: ").append(Markdown.code(run.plan().provider())).append(".\n\n");
        }
        for (String reason : NoGradedTests.reasons(run)) {
            md.append("- ").append(reason).append('\n');
        }
        return md.toString();
    }
}
